// Onward referrals to advice partners, through the real services on the app's RLS-bound role:
// no consent → refused by the service (not only hidden); the referral's timeline line, audit
// event and partner email commit together; outcomes and the income gained; another council can
// neither see nor refer to a partner; every service checks its permission.
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { loadIncomeGained } from "@/lib/advice/income-gained";
import { activeAdvicePartners, createAdvicePartner, listAdvicePartners, updateAdvicePartner } from "@/lib/advice/partners";
import { loadCaseAdvice, recordAdviceOutcome, referToAdvicePartner } from "@/lib/advice/referrals";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil, other: TCouncil;
let officer: TMemberActor, manager: TMemberActor, admin: TMemberActor, approver: TMemberActor, otherOfficer: TMemberActor, otherManager: TMemberActor;
let partnerId: string;
const owner = () => testDb().owner;
const NEED = "Benefits check: over pension age, no Pension Credit claimed";

async function partnerOf(actor: TMemberActor, name: string, contactEmail = "referrals@welfare.example"): Promise<string> {
  const r = await createAdvicePartner(actor, { name, kind: "WELFARE_RIGHTS", contactEmail });
  if (r.outcome !== "created") throw new Error(JSON.stringify(r));
  return r.partnerId;
}

beforeAll(async () => {
  await createCouncil(owner(), { slug: "advice-a", postcodeAreas: ["E8"], settings: { referencePrefix: "ADA" } });
  await createCouncil(owner(), { slug: "advice-b", postcodeAreas: ["E8"], settings: { referencePrefix: "ADB" } });
  council = (await findCouncilBySlug("advice-a"))!;
  other = (await findCouncilBySlug("advice-b"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  manager = await caseActor(council, "MANAGER", "Mina Manager");
  admin = await caseActor(council, "COUNCIL_ADMIN", "Ada Admin");
  approver = await caseActor(council, "APPROVER", "Alex Approver");
  otherOfficer = await caseActor(other, "OFFICER", "Fen Officer");
  otherManager = await caseActor(other, "MANAGER", "Fen Manager");
  partnerId = await partnerOf(manager, "Hackwell Welfare Rights");
});

describe("advice partners", () => {
  it("are managed by managers and council admins only, audited, one name per council", async () => {
    expect(await createAdvicePartner(officer, { name: "X", kind: "DEBT_ADVICE", contactEmail: "x@x.example" })).toEqual({ outcome: "forbidden" });
    expect(await createAdvicePartner(approver, { name: "X", kind: "DEBT_ADVICE", contactEmail: "x@x.example" })).toEqual({ outcome: "forbidden" });
    expect(await listAdvicePartners(officer)).toBeNull();
    const debt = await partnerOf(admin, "Fen Debt Advice", "debt@advice.example");
    expect(await createAdvicePartner(manager, { name: "Fen Debt Advice", kind: "DEBT_ADVICE", contactEmail: "y@y.example" })).toEqual({ outcome: "name-taken" });
    // Another council may use the same name: it is theirs.
    expect((await createAdvicePartner(otherManager, { name: "Fen Debt Advice", kind: "DEBT_ADVICE", contactEmail: "z@z.example" })).outcome).toBe("created");
    expect(await updateAdvicePartner(manager, debt, { name: "Fen Debt Advice", kind: "DEBT_ADVICE", contactEmail: "debt@advice.example", active: false })).toEqual({ outcome: "saved" });
    expect((await activeAdvicePartners(officer)).map((p) => p.name)).toEqual(["Hackwell Welfare Rights"]);
    const audits = await owner().auditEvent.findMany({ where: { tenantId: council.id, action: { startsWith: "advice.partner-" } }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["advice.partner-created", "advice.partner-created", "advice.partner-changed"]);
    expect(audits[2]!.summary).toContain("active");
  });

  it("another council can neither see, change nor refer to a partner (row-level security)", async () => {
    expect((await listAdvicePartners(otherManager))!.map((p) => p.name)).not.toContain("Hackwell Welfare Rights");
    expect(await updateAdvicePartner(otherManager, partnerId, { name: "Pwned", kind: "DEBT_ADVICE", contactEmail: "x@evil.example", active: true })).toEqual({ outcome: "not-found" });
    const theirs = await applyFor(other);
    expect(await referToAdvicePartner(otherOfficer, theirs.caseId, { partnerId, needNote: NEED })).toEqual({ outcome: "partner-unavailable" });
    // Nor reach a case of this council.
    const ours = await applyFor(council);
    expect(await referToAdvicePartner(otherOfficer, ours.caseId, { partnerId, needNote: NEED })).toEqual({ outcome: "not-found" });
    expect(await loadCaseAdvice(otherOfficer, ours.caseId)).toBeNull();
    expect(await owner().adviceReferral.count({ where: { partnerId } })).toBe(0);
    expect((await owner().advicePartner.findUniqueOrThrow({ where: { id: partnerId } })).name).toBe("Hackwell Welfare Rights");
  });
});

describe("an onward referral", () => {
  it("without the resident's consent is refused by the service, and audited", async () => {
    const c = await applyFor(council, { ...FULL, consent: { shareWithAdvicePartners: "no", contactAboutSupport: "no" } });
    expect((await loadCaseAdvice(officer, c.caseId))!.consent).toBe(false);
    expect(await referToAdvicePartner(officer, c.caseId, { partnerId, needNote: NEED })).toEqual({ outcome: "no-consent" });
    expect(await owner().adviceReferral.count({ where: { caseId: c.caseId } })).toBe(0);
    expect(await owner().outboundMessage.count({ where: { template: "advice-referral", personalisation: { path: ["reference"], equals: c.reference } } })).toBe(0);
    expect(await owner().auditEvent.count({ where: { action: "advice.referral-refused", entityId: c.caseId } })).toBe(1);
  });

  it("respects an officer's correction of the consent, either way", async () => {
    const yes = await applyFor(council);
    await owner().caseAmendment.create({ data: { tenantId: council.id, caseId: yes.caseId, field: "consent.shareWithAdvicePartners", oldValue: true, newValue: false, reason: "Resident withdrew consent on the phone", actorUserId: officer.user.userId } });
    expect(await referToAdvicePartner(officer, yes.caseId, { partnerId, needNote: NEED })).toEqual({ outcome: "no-consent" });
    const no = await applyFor(council, { ...FULL, consent: { shareWithAdvicePartners: "no", contactAboutSupport: "no" } });
    await owner().caseAmendment.create({ data: { tenantId: council.id, caseId: no.caseId, field: "consent.shareWithAdvicePartners", oldValue: false, newValue: true, reason: "Resident agreed on the phone", actorUserId: officer.user.userId } });
    expect((await referToAdvicePartner(officer, no.caseId, { partnerId, needNote: NEED })).outcome).toBe("referred");
  });

  it("needs cases:work", async () => {
    const c = await applyFor(council);
    expect(await referToAdvicePartner(manager, c.caseId, { partnerId, needNote: NEED })).toEqual({ outcome: "forbidden" });
    expect(await referToAdvicePartner(admin, c.caseId, { partnerId, needNote: NEED })).toEqual({ outcome: "forbidden" });
  });

  it("is recorded with a timeline line, an audit event and one email to the partner with the minimum personal data", async () => {
    const c = await applyFor(council);
    const r = await referToAdvicePartner(officer, c.caseId, { partnerId, needNote: NEED }, "203.0.113.9");
    if (r.outcome !== "referred") throw new Error(r.outcome);
    const row = await owner().adviceReferral.findUniqueOrThrow({ where: { id: r.referralId } });
    expect(row).toMatchObject({ tenantId: council.id, caseId: c.caseId, partnerId, needNote: NEED, referredByUserId: officer.user.userId });
    const event = await owner().caseEvent.findFirstOrThrow({ where: { caseId: c.caseId, kind: "advice.referred" } });
    expect(event).toMatchObject({ actorKind: "staff", actorUserId: officer.user.userId });
    expect(event.data).toMatchObject({ referralId: r.referralId, partnerName: "Hackwell Welfare Rights", needNote: NEED });
    expect(await owner().auditEvent.findFirstOrThrow({ where: { action: "advice.referred", entityId: r.referralId } })).toMatchObject({ ip: "203.0.113.9", actorEmail: officer.user.email });
    const mails = await owner().outboundMessage.findMany({ where: { template: "advice-referral", personalisation: { path: ["reference"], equals: c.reference } } });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail).toMatchObject({ to: "referrals@welfare.example", channel: "EMAIL", locale: "en", tenantId: council.id });
    expect(mail.subject).toContain(c.reference);
    expect(mail.body).toContain(NEED);
    for (const fact of [c.reference, "Ayşe Yılmaz", "ayse@example.com", "07700 900 982", "Hackwell Welfare Rights", "Olu Officer"]) expect(mail.body).toContain(fact);
    // The minimum: reference, name, contact and the need; nothing else from the application.
    expect(Object.keys(mail.personalisation as object).sort()).toEqual(["council", "email", "name", "need", "officer", "partner", "phone", "reference"]);
    expect(mail.body).not.toMatch(/date of birth|postcode|income|bank/i);
    const advice = (await loadCaseAdvice(officer, c.caseId))!;
    expect(advice.referrals).toHaveLength(1);
    expect(advice.referrals[0]).toMatchObject({ partnerName: "Hackwell Welfare Rights", referredByName: "Olu Officer", outcomes: [], gainPence: 0n });
  });

  it("to a partner no longer taking referrals is refused", async () => {
    const closed = await partnerOf(manager, "Closed Energy Advice", "energy@closed.example");
    await updateAdvicePartner(manager, closed, { name: "Closed Energy Advice", kind: "ENERGY_ADVICE", contactEmail: "energy@closed.example", active: false });
    const c = await applyFor(council);
    expect(await referToAdvicePartner(officer, c.caseId, { partnerId: closed, needNote: NEED })).toEqual({ outcome: "partner-unavailable" });
  });
});

describe("outcomes and the income gained", () => {
  it("records several outcomes per referral, and the council's income gained adds them up", async () => {
    const c = await applyFor(council);
    const r = await referToAdvicePartner(officer, c.caseId, { partnerId, needNote: NEED });
    if (r.outcome !== "referred") throw new Error(r.outcome);
    const pension = await recordAdviceOutcome(officer, c.caseId, r.referralId, { kind: "PENSION_CREDIT", description: null, valuePence: 8245n, valuePeriod: "WEEKLY", lumpSumPence: 98940n, confirmedOn: "2026-11-02" });
    expect(pension).toMatchObject({ outcome: "recorded", gainPence: 8245n * 52n + 98940n });
    const ctr = await recordAdviceOutcome(officer, c.caseId, r.referralId, { kind: "COUNCIL_TAX_REDUCTION", description: null, valuePence: 60000n, valuePeriod: "ANNUAL", lumpSumPence: 0n, confirmedOn: "2026-11-20" });
    expect(ctr.outcome).toBe("recorded");
    const advice = (await loadCaseAdvice(officer, c.caseId))!;
    expect(advice.referrals[0]!.outcomes.map((o) => [o.kind, o.confirmedOn, o.gainPence])).toEqual([
      ["PENSION_CREDIT", "2026-11-02", 527680n],
      ["COUNCIL_TAX_REDUCTION", "2026-11-20", 60000n],
    ]);
    expect(advice.referrals[0]!.gainPence).toBe(587680n);
    expect(await owner().caseEvent.count({ where: { caseId: c.caseId, kind: "advice.outcome" } })).toBe(2);
    expect(await owner().auditEvent.count({ where: { action: "advice.outcome-recorded", tenantId: council.id } })).toBe(2);

    const income = (await loadIncomeGained(manager, { from: "2026-11-01", to: "2026-11-30" }))!;
    expect(income).toMatchObject({ outcomes: 2, totalPence: 587680n, lumpSumPence: 98940n });
    expect(income.byPartner.map((p) => [p.partnerName, p.totalPence])).toEqual([["Hackwell Welfare Rights", 587680n]]);
    expect(income.byCouncil).toEqual([expect.objectContaining({ tenantId: council.id, totalPence: 587680n })]);
    expect((await loadIncomeGained(manager, { from: "2026-11-03", to: "2026-11-30" }))!.totalPence).toBe(60000n);
    // Another council's figure does not include this council's outcomes.
    expect((await loadIncomeGained(otherManager, { from: "2026-01-01", to: "2026-12-31" }))!.totalPence).toBe(0n);
    // Officers do not read the council's figure.
    expect(await loadIncomeGained(officer, { from: "2026-01-01", to: "2026-12-31" })).toBeNull();
  });

  it("refuses an invalid outcome, one without cases:work, and one for another case's referral", async () => {
    const c = await applyFor(council);
    const r = await referToAdvicePartner(officer, c.caseId, { partnerId, needNote: NEED });
    if (r.outcome !== "referred") throw new Error(r.outcome);
    const good = { kind: "HEALTHY_START" as const, description: null, valuePence: 425n, valuePeriod: "WEEKLY" as const, lumpSumPence: 0n, confirmedOn: "2026-10-01" };
    expect((await recordAdviceOutcome(officer, c.caseId, r.referralId, { ...good, valuePence: 0n })).outcome).toBe("invalid");
    expect((await recordAdviceOutcome(officer, c.caseId, r.referralId, { ...good, kind: "OTHER" })).outcome).toBe("invalid");
    expect((await recordAdviceOutcome(officer, c.caseId, r.referralId, { ...good, confirmedOn: "2999-01-01" })).outcome).toBe("invalid");
    expect(await recordAdviceOutcome(manager, c.caseId, r.referralId, good)).toEqual({ outcome: "forbidden" });
    const elsewhere = await applyFor(council);
    expect(await recordAdviceOutcome(officer, elsewhere.caseId, r.referralId, good)).toEqual({ outcome: "not-found" });
    expect(await recordAdviceOutcome(otherOfficer, c.caseId, r.referralId, good)).toEqual({ outcome: "not-found" });
    expect(await owner().adviceOutcome.count({ where: { referralId: r.referralId } })).toBe(0);
  });
});
