// Issue 18, eligibility with reasons: no recourse to public funds, Housing Payment pots and an
// officer's override of a pot's policy rules, through the services as the app's RLS-bound role
// (docs/eligibility.md, docs/decisions/0026).
import type { TMemberActor } from "@/lib/actor";
import { beforeAll, describe, expect, it } from "vitest";
import { approveAward } from "@/lib/awards/approve-award";
import { potChoicesForCase } from "@/lib/awards/award-checks";
import { listAwaitingApproval } from "@/lib/awards/awaiting-approval";
import { amendApplication } from "@/lib/cases/amend-application";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import type { TRawAnswers } from "@/lib/applications/steps";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil;
let officer: TMemberActor, approver: TMemberActor;
let people = 0;
const owner = () => testDb().owner;

function person(over: Partial<TRawAnswers> = {}, n = ++people): TRawAnswers {
  return {
    ...FULL,
    "full-name": { fullName: `Eligible Person${n}` },
    "date-of-birth": { "dateOfBirth-day": String((n % 28) + 1), "dateOfBirth-month": String((n % 12) + 1), "dateOfBirth-year": String(1960 + (n % 40)) },
    contact: { email: `eligible${n}@example.com`, mobile: "" },
    ...over,
  };
}

async function claimed(answers: TRawAnswers = person()) {
  const made = await applyFor(council, answers);
  expect((await claimCase(officer, made.caseId)).outcome).toBe("done");
  return made;
}

const line = (potId: string, amountPence: bigint, overrideReason?: string) => ({ potId, needCategory: "food", amountPence, paymentMethod: "voucher-email", ...(overrideReason ? { overrideReason } : {}) });
const approve = (...lines: ReturnType<typeof line>[]) => ({ decision: "approve", reasonCode: "need-met", explanation: "We will send you a voucher.", lines });

async function pot(rules: Record<string, unknown> = {}, fund: { publicFunds?: boolean } = {}) {
  const { fund: f, pots } = await createFund(owner(), council.id, { pots: [{ allocatePence: 1_000_000n, ...rules }] });
  if (fund.publicFunds === false) await owner().fund.update({ where: { id: f.id }, data: { publicFunds: false } });
  return pots[0]!;
}

beforeAll(async () => {
  await createCouncil(owner(), { slug: "eligibility", postcodeAreas: ["E8"], settings: { referencePrefix: "ELG" } });
  council = (await findCouncilBySlug("eligibility"))!;
  officer = await caseActor(council, "OFFICER", "Erin Officer");
  approver = await caseActor(council, "APPROVER", "Ade Approver");
});

describe("the pots a household can be paid from, with reasons", () => {
  it("no recourse to public funds: only pots of funds that are not public funds; an officer's correction counts", async () => {
    const publicPot = await pot({ name: "Public hardship" });
    const privatePot = await pot({ name: "Charity hardship" }, { publicFunds: false });
    const { caseId } = await claimed(person({ nrpf: { nrpf: "yes" } }));
    const choices = (await potChoicesForCase(officer, caseId))!;
    expect(choices.find((p) => p.id === publicPot.id)).toMatchObject({ open: true, overridable: true, verdict: { eligible: false, reasons: [{ code: "public-funds" }] } });
    expect(choices.find((p) => p.id === privatePot.id)?.verdict).toEqual({ eligible: true });
    // The officer learns the resident does have recourse: the public pot can pay.
    expect((await amendApplication(officer, caseId, { field: "income.noRecourseToPublicFunds", value: "not-sure", reason: "Checked their visa with them" })).outcome).toBe("amended");
    const after = (await potChoicesForCase(officer, caseId))!;
    expect(after.find((p) => p.id === publicPot.id)?.verdict).toMatchObject({ eligible: true, warnings: [{ code: "public-funds-unsure" }] });
  });

  it("Housing Payment: Housing Benefit or UC with housing costs; a decision from it without is refused with the reason", async () => {
    const housing = await pot({ name: "Housing Payment", housingPayment: true });
    const uc = await claimed(person({ benefits: { "benefits-universal-credit": "yes", "benefits-uc-housing-costs": "yes" } }));
    expect((await potChoicesForCase(officer, uc.caseId))!.find((p) => p.id === housing.id)?.verdict).toEqual({ eligible: true });
    const without = await claimed(person({ benefits: { "benefits-universal-credit": "yes" } }));
    expect((await potChoicesForCase(officer, without.caseId))!.find((p) => p.id === housing.id)?.verdict).toMatchObject({ eligible: false, reasons: [{ code: "housing-payment" }] });
    const r = await decideCase(officer, without.caseId, approve(line(housing.id, 5_000n)));
    expect(r).toMatchObject({ outcome: "invalid", issues: [{ path: ["lines", 0, "overrideReason"], message: "award.overrideNeeded" }] });
    expect((r as unknown as { issues: { params: { reason: string } }[] }).issues[0]!.params.reason).toMatch(/Housing Payment is a Housing Payment: it pays only households getting Housing Benefit/);
  });
});

describe("an officer's override", () => {
  it("needs an approver even for £1, is recorded with its reason on the award, timeline and audit, and the approval goes through", async () => {
    const housing = await pot({ name: "Housing Payment 2", housingPayment: true });
    const { caseId } = await claimed(person({ benefits: { "benefits-none": "yes" } }));
    const r = await decideCase(officer, caseId, approve(line(housing.id, 100n, "Rent arrears letter seen: Housing Benefit claim pending")));
    expect(r).toMatchObject({ outcome: "decided", awards: [{ status: "AWAITING_APPROVAL" }] });
    const awardId = (r as { awards: { id: string }[] }).awards[0]!.id;
    const award = await owner().award.findUniqueOrThrow({ where: { id: awardId } });
    expect(award).toMatchObject({ status: "AWAITING_APPROVAL", overrideReason: "Rent arrears letter seen: Housing Benefit claim pending", overriddenRules: ["housing-payment"] });
    const event = await owner().caseEvent.findFirstOrThrow({ where: { caseId, kind: "award.overridden" } });
    expect(event.data).toMatchObject({ awardId, rules: ["housing-payment"] });
    const audit = await owner().auditEvent.findFirstOrThrow({ where: { action: "award.override", entityId: awardId } });
    expect(audit.metadata).toMatchObject({ rules: ["housing-payment"], reason: "Rent arrears letter seen: Housing Benefit claim pending" });
    // The approver sees the override and its reason.
    const waiting = await listAwaitingApproval(approver);
    expect(waiting!.rows.find((w) => w.awardId === awardId)).toMatchObject({ overrideReason: "Rent arrears letter seen: Housing Benefit claim pending", overriddenRules: ["housing-payment"] });
    expect(await approveAward(approver, awardId)).toMatchObject({ outcome: "done", to: "APPROVED" });
  });

  it("a reason given for an eligible pot changes nothing: the line is within the limit and committed", async () => {
    const open = await pot({ name: "Open hardship" });
    const { caseId } = await claimed();
    const r = await decideCase(officer, caseId, approve(line(open.id, 100n, "Not needed")));
    expect(r).toMatchObject({ outcome: "decided", awards: [{ status: "APPROVED" }] });
    expect(await owner().award.findFirstOrThrow({ where: { caseId } })).toMatchObject({ overrideReason: null, overriddenRules: [] });
  });

  it("a rule that may not be overridden refuses the line even with a reason: a pot outside its fund's period", async () => {
    const year = new Date().getUTCFullYear();
    const { pots } = await createFund(owner(), council.id, { periodStart: new Date(Date.UTC(year - 3, 0, 1)), periodEnd: new Date(Date.UTC(year - 2, 0, 1)), pots: [{ name: "Last year's pot", allocatePence: 100_000n }] });
    const { caseId } = await claimed();
    const choice = (await potChoicesForCase(officer, caseId))!.find((p) => p.id === pots[0]!.id)!;
    expect(choice).toMatchObject({ overridable: false, verdict: { eligible: false, reasons: [{ code: "outside-period" }] } });
    const r = await decideCase(officer, caseId, approve(line(pots[0]!.id, 100n, "Please pay anyway")));
    expect(r).toMatchObject({ outcome: "invalid", issues: [{ path: ["lines", 0, "potId"], message: "potRules.outside-period" }] });
    expect(await owner().award.count({ where: { caseId } })).toBe(0);
  });

  it("the approval accepts only the rules overridden: the money running out since still refuses it", async () => {
    const nrpfPot = await pot({ name: "Public pot 3" });
    const { caseId } = await claimed(person({ nrpf: { nrpf: "yes" } }));
    const r = await decideCase(officer, caseId, approve(line(nrpfPot.id, 5_000n, "Status being reviewed by the Home Office")));
    const awardId = (r as { awards: { id: string }[] }).awards[0]!.id;
    expect(await owner().award.findUniqueOrThrow({ where: { id: awardId } })).toMatchObject({ status: "AWAITING_APPROVAL", overriddenRules: ["public-funds"] });
    // The pot is closed to new awards before the approver gets to it: that is no rule the officer overrode.
    await owner().pot.update({ where: { id: nrpfPot.id }, data: { active: false } });
    expect(await approveAward(approver, awardId)).toMatchObject({ outcome: "rules", problems: [{ code: "ineligible-pot", reasons: [{ code: "inactive" }] }] });
    await owner().pot.update({ where: { id: nrpfPot.id }, data: { active: true } });
    // And a rule broken since (a fund made public... here: another rule the officer did not override) still refuses.
    await owner().pot.update({ where: { id: nrpfPot.id }, data: { housingPayment: true } });
    expect(await approveAward(approver, awardId)).toMatchObject({ outcome: "rules", problems: [{ reasons: [{ code: "housing-payment" }] }] });
    await owner().pot.update({ where: { id: nrpfPot.id }, data: { housingPayment: false } });
    expect(await approveAward(approver, awardId)).toMatchObject({ outcome: "done", to: "APPROVED" });
  });
});
