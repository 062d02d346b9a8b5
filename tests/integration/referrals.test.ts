// The referrer's portal (issue 17), as the app's role: drafts owned by a member and sent once;
// my / my organisation's referrals, one referral and handover, isolated by organisation and
// council; emails to the referrer; direct awards from an allowance, incl. the race for its last pounds.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { memberActor, type TMemberActor, type TReferrerActor } from "@/lib/actor";
import type { TRawAnswers } from "@/lib/applications/steps";
import { claimCase } from "@/lib/cases/claim-case";
import { loadCasePage } from "@/lib/cases/case-page";
import { listCaseQueue } from "@/lib/cases/queue";
import { transitionCase } from "@/lib/cases/transition";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { withTenant, withTenantSql } from "@/lib/db/tenant-scope";
import { decideCase } from "@/lib/decisions/decide-case";
import { recordReferral } from "@/lib/referrals/referral";
import { directAward } from "@/lib/referrals/direct-award";
import { listReferralDrafts, readReferralDraft, saveReferralAnswer, saveReferrerSection, sendReferralDraft, startReferralDraft } from "@/lib/referrals/drafts";
import { handOverReferral } from "@/lib/referrals/handover";
import { colleaguesOf, getReferral, listMyReferrals, listOrganisationReferrals } from "@/lib/referrals/queries";
import type { TSectionRaw } from "@/lib/referrals/section-form";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import type { TStepId } from "@/lib/applications/steps";
import { createCouncil, createFund, createMember, createOrganisation } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { caseActor } from "../support/casework";
import { testDb } from "../support/globals";

// The drafts module reads the resident's cookie for resident drafts; a referrer's never does.
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }), headers: async () => new Headers() }));

const owner = () => testDb().owner;
let council: TCouncil, other: TCouncil;
let orgId: string, otherOrgId: string, elsewhereOrgId: string;
let amara: TReferrerActor, ben: TReferrerActor, lead: TReferrerActor, untrained: TReferrerActor, rival: TReferrerActor, elsewhere: TReferrerActor;
let officer: TMemberActor;
let allowance: { id: string }, rivalAllowance: { id: string }, generalPot: { id: string };
let dob = 1960;

const today = () => londonIsoDate(new Date());
const sectionRaw = (fastTrack: boolean): TSectionRaw => {
  const [y, m, d] = today().split("-");
  return { role: "Health visitor", relationship: "Visits the family", consentMethod: "in-person", "consentDate-day": d!, "consentDate-month": m!, "consentDate-year": y!, alreadyTried: "Food bank", fastTrack: fastTrack ? "yes" : "no" };
};
/** A household of its own (a new date of birth), so household rules of one case never touch another's. */
const household = (): TRawAnswers => ({ ...FULL, "date-of-birth": { "dateOfBirth-day": "1", "dateOfBirth-month": "2", "dateOfBirth-year": String(dob++) } });

async function referrer(c: TCouncil, organisationId: string, email: string, { trained = true, lead: isLead = false } = {}): Promise<TReferrerActor> {
  const user = await createMember(owner(), c.id, "REFERRER", { email, organisationId });
  await owner().membership.updateMany({
    where: { userId: user.id },
    data: { organisationLead: isLead, trainingCompletedOn: trained ? new Date("2026-01-01") : null, trainingExpiresOn: trained ? new Date("2099-01-01") : null },
  });
  return memberActor({ council: { id: c.id }, user: { userId: user.id, email: user.email }, roles: ["REFERRER"], organisationId }) as TReferrerActor;
}

/** A referral recorded through the contract (the portal's send does the same with a draft). */
async function refer(by: TReferrerActor, { fastTrack = true, c = council }: { fastTrack?: boolean; c?: TCouncil } = {}) {
  const { assemble } = await import("@/lib/applications/schemas");
  const { parseAnswers } = await import("@/lib/applications/steps");
  const { sectionFromForm } = await import("@/lib/referrals/section-form");
  const r = await withTenant(c.id, (tx) =>
    recordReferral(tx, c, by, { application: assemble(parseAnswers(household()), true), referrer: sectionFromForm(sectionRaw(fastTrack)), channel: "REFERRAL_PORTAL", organisationId: by.organisationId!, draftId: null }),
  );
  if (r.outcome !== "recorded") throw new Error(JSON.stringify(r));
  return (await owner().case.findFirstOrThrow({ where: { applicationId: r.id } })).id;
}

const award = (by: TReferrerActor, caseId: string, amount = "80", potId = allowance.id) => directAward(by, { caseId, potId, needCategory: "food", amount });

beforeAll(async () => {
  const a = await createCouncil(owner(), { slug: "refer-a", postcodeAreas: ["E8"], settings: { referencePrefix: "RPA" } });
  const b = await createCouncil(owner(), { slug: "refer-b", postcodeAreas: ["E8"], settings: { referencePrefix: "RPB" } });
  council = (await findCouncilBySlug("refer-a"))!;
  other = (await findCouncilBySlug("refer-b"))!;
  orgId = (await createOrganisation(owner(), a.id, { name: "Health visiting" })).id;
  otherOrgId = (await createOrganisation(owner(), a.id, { name: "Food partnership" })).id;
  elsewhereOrgId = (await createOrganisation(owner(), b.id, { name: "Health visiting B" })).id;
  amara = await referrer(council, orgId, "amara@nhs.example");
  ben = await referrer(council, orgId, "ben@nhs.example");
  lead = await referrer(council, orgId, "lead@nhs.example", { lead: true });
  untrained = await referrer(council, orgId, "new@nhs.example", { trained: false });
  rival = await referrer(council, otherOrgId, "rival@food.example", { lead: true });
  elsewhere = await referrer(other, elsewhereOrgId, "amara@nhs-b.example", { lead: true });
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  const { pots } = await createFund(owner(), council.id, {
    pots: [
      { name: "Direct awards: health visiting", ownerOrganisationId: orgId, accessRoutes: ["REFERRAL"], maxSingleAwardPence: 15_000n, allocatePence: 100_000n },
      { name: "Direct awards: food", ownerOrganisationId: otherOrgId, accessRoutes: ["REFERRAL"], allocatePence: 100_000n },
      { name: "Everyone", allocatePence: 100_000n },
    ],
  });
  [allowance, rivalAllowance, generalPot] = [pots[0]!, pots[1]!, pots[2]!];
});
afterAll(() => {});

describe("drafts", () => {
  it("keeps several drafts per member, each only its owner's, and sends one exactly once through recordReferral", async () => {
    const first = await startReferralDraft(council, amara);
    const second = await startReferralDraft(council, amara);
    for (const [step, raw] of Object.entries(FULL)) expect(await saveReferralAnswer(council, amara, first, step as TStepId, raw as Record<string, string>)).not.toBeNull();
    expect((await listReferralDrafts(council, amara)).map((d) => d.id)).toEqual(expect.arrayContaining([first, second]));
    // Another member, another organisation, another council: not found, cannot write.
    for (const who of [ben, rival]) {
      expect(await readReferralDraft(council, who, first)).toBeNull();
      expect(await saveReferralAnswer(council, who, first, "full-name", { fullName: "Mallory" })).toBeNull();
      expect(await saveReferrerSection(council, who, first, sectionRaw(false))).toBe(false);
      expect((await sendReferralDraft(council, who, first, null)).outcome).toBe("no-draft");
    }
    expect(await readReferralDraft(other, { ...elsewhere }, first)).toBeNull();
    expect((await listReferralDrafts(council, ben)).map((d) => d.id)).not.toContain(first);
    // Without the referrer section it is not sent.
    expect((await sendReferralDraft(council, amara, first, null)).outcome).toBe("incomplete");
    expect(await saveReferrerSection(council, amara, first, sectionRaw(true))).toBe(true);
    const sent = await Promise.all([1, 2, 3, 4, 5].map(() => sendReferralDraft(council, amara, first, null)));
    expect(sent.filter((s) => s.outcome === "sent")).toHaveLength(1);
    expect(sent.every((s) => s.outcome === "sent" || s.outcome === "already-sent")).toBe(true);
    const apps = await owner().application.findMany({ where: { draftId: first }, include: { case: true } });
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ channel: "REFERRAL_PORTAL", referrerUserId: amara.user.userId });
    expect(apps[0]!.case).toMatchObject({ organisationId: orgId, referrerUserId: amara.user.userId });
    expect(apps[0]!.case!.priorityReasons).toContain("fast-track-referral");
    expect((await listReferralDrafts(council, amara)).map((d) => d.id)).not.toContain(first);
  });

  it("an untrained member's fast-track draft is refused with the reason, and nothing is recorded", async () => {
    const id = await startReferralDraft(council, untrained);
    for (const [step, raw] of Object.entries(household())) await saveReferralAnswer(council, untrained, id, step as TStepId, raw as Record<string, string>);
    await saveReferrerSection(council, untrained, id, sectionRaw(true));
    expect(await sendReferralDraft(council, untrained, id, null)).toMatchObject({ outcome: "refused", issues: [{ message: "referrals.untrainedFastTrack" }] });
    expect(await owner().application.count({ where: { draftId: id } })).toBe(0);
  });
});

describe("lists, one referral and handover", () => {
  it("my referrals: only the cases I follow; my organisation's: its lead only; never another organisation's, council's or route's", async () => {
    const mine = await refer(amara, { fastTrack: false });
    const bens = await refer(ben, { fastTrack: false });
    const rivals = await refer(rival, { fastTrack: false });
    const theirs = await refer(elsewhere, { fastTrack: false, c: other });
    const { applyFor } = await import("../support/casework");
    const resident = (await applyFor(council)).caseId;

    const myIds = (await listMyReferrals(amara)).map((r) => r.caseId);
    expect(myIds).toContain(mine);
    for (const id of [bens, rivals, theirs, resident]) expect(myIds).not.toContain(id);
    expect(await listOrganisationReferrals(amara)).toBeNull();
    const orgIds = (await listOrganisationReferrals(lead))!.map((r) => r.caseId);
    expect(orgIds).toEqual(expect.arrayContaining([mine, bens]));
    for (const id of [rivals, theirs, resident]) expect(orgIds).not.toContain(id);

    expect(await getReferral(amara, mine)).toMatchObject({ caseId: mine, status: "NEW", yours: true });
    expect(await getReferral(amara, bens)).toBeNull();
    expect(await getReferral(lead, bens)).toMatchObject({ yours: false });
    for (const id of [rivals, resident]) expect(await getReferral(lead, id)).toBeNull();
    expect(await getReferral(elsewhere, mine)).toBeNull();
    expect((await colleaguesOf(amara)).map((c) => c.email)).toEqual(expect.arrayContaining(["ben@nhs.example", "lead@nhs.example"]));
    expect((await colleaguesOf(amara)).map((c) => c.email)).not.toContain("rival@food.example");
  });

  it("hands a referral to a colleague of the same organisation only; audited and on the timeline", async () => {
    const caseId = await refer(amara, { fastTrack: false });
    expect(await handOverReferral(amara, { caseId, toUserId: rival.user.userId })).toEqual({ outcome: "not-a-colleague" });
    expect(await handOverReferral(amara, { caseId, toUserId: elsewhere.user.userId })).toEqual({ outcome: "not-a-colleague" });
    expect(await handOverReferral(ben, { caseId, toUserId: ben.user.userId })).toEqual({ outcome: "not-found" });
    expect(await handOverReferral(rival, { caseId, toUserId: rival.user.userId })).toEqual({ outcome: "not-found" });
    expect(await handOverReferral(amara, { caseId, toUserId: ben.user.userId })).toMatchObject({ outcome: "handed-over" });
    expect((await owner().case.findUniqueOrThrow({ where: { id: caseId } })).referrerUserId).toBe(ben.user.userId);
    expect((await listMyReferrals(ben)).map((r) => r.caseId)).toContain(caseId);
    expect((await listMyReferrals(amara)).map((r) => r.caseId)).not.toContain(caseId);
    expect(await owner().caseEvent.count({ where: { caseId, kind: "referral.handed-over", actorUserId: amara.user.userId } })).toBe(1);
    expect(await owner().auditEvent.count({ where: { entityId: caseId, action: "referral.handed-over" } })).toBe(1);
    // The lead can hand over anyone's (someone is on leave).
    expect(await handOverReferral(lead, { caseId, toUserId: amara.user.userId })).toMatchObject({ outcome: "handed-over" });
  });

  it("emails the referrer who follows it when an officer decides it or asks for information (not for other routes)", async () => {
    const caseId = await refer(amara, { fastTrack: false });
    const emails = () => owner().outboundMessage.findMany({ where: { to: amara.user.email } });
    const before = (await emails()).length;
    expect((await claimCase(officer, caseId)).outcome).toBe("done");
    await withTenantSql(council.id, (sql) => transitionCase(sql, officer, caseId, "request-information"));
    const asked = await emails();
    expect(asked.length).toBe(before + 1);
    expect(asked.at(-1)!).toMatchObject({ template: "referral-more-information", channel: "EMAIL" });
    expect(asked.at(-1)!.body).not.toContain("Ayşe");
    await withTenantSql(council.id, (sql) => transitionCase(sql, officer, caseId, "receive-information"));
    const decided = await decideCase(officer, caseId, { decision: "approve", reasonCode: "need-met", explanation: "A food voucher.", lines: [{ potId: generalPot.id, needCategory: "food", amountPence: 5_000n, paymentMethod: "voucher-email" }] });
    expect(decided.outcome).toBe("decided");
    const after = await emails();
    expect(after.at(-1)!).toMatchObject({ template: "referral-decided" });
    expect(await getReferral(amara, caseId)).toMatchObject({ status: "APPROVED", decision: "The need is met in full", awardedPence: 5_000n });
  });
});

describe("direct awards", () => {
  const committed = async (potId: string) => (await owner().ledgerAccount.findFirstOrThrow({ where: { potId, kind: "COMMITTED" } })).balancePence;

  it("a trained member's fast-track referral within the allowance's rules: approved, committed, no officer step", async () => {
    const caseId = await refer(amara);
    const before = await committed(allowance.id);
    const told = () => owner().outboundMessage.count({ where: { to: amara.user.email, template: "referral-decided" } });
    const toldBefore = await told();
    const r = await award(amara, caseId, "80");
    expect(r).toMatchObject({ outcome: "awarded", amountPence: 8_000n });
    expect(await committed(allowance.id)).toBe(before + 8_000n);
    const c = await owner().case.findUniqueOrThrow({ where: { id: caseId }, include: { awards: true } });
    expect(c.status).toBe("APPROVED");
    expect(c.awards).toMatchObject([{ status: "APPROVED", amountPence: 8_000n, proposedById: amara.user.userId, approvedById: amara.user.userId }]);
    expect(await owner().caseEvent.count({ where: { caseId, kind: "referral.direct-award" } })).toBe(1);
    expect(await owner().auditEvent.count({ where: { action: "award.direct", metadata: { path: ["caseId"], equals: caseId } } })).toBe(1);
    // The referrer is not emailed about their own award; the resident is told.
    expect(await told()).toBe(toldBefore);
    expect(await owner().caseEvent.count({ where: { caseId, kind: "resident.told" } })).toBe(1);
    expect((await getReferral(amara, caseId))!.directAward).toBe(true);
    // The council sees it: the queue's direct-award filter (every status) and the case file.
    const queue = await listCaseQueue(officer, { direct: "yes" });
    expect(queue!.rows.map((row) => row.id)).toContain(caseId);
    const plainQueue = await listCaseQueue(officer, { direct: "yes", q: c.reference });
    expect(plainQueue!.rows).toHaveLength(1);
    const file = await loadCasePage(officer, caseId, null);
    expect(file!.file).toMatchObject({ organisationName: "Health visiting", referrerUserId: amara.user.userId, referral: { role: "Health visitor", fastTrack: true } });
    // Twice is not twice.
    expect((await award(amara, caseId, "80")).outcome).toBe("queued");
    expect(await committed(allowance.id)).toBe(before + 8_000n);
  });

  it("outside the rules it stays in the queue with the reason: over the largest award, another's allowance, a general pot, not fast-track, untrained, not theirs", async () => {
    const before = await committed(allowance.id);
    const big = await refer(amara);
    expect(await award(amara, big, "200")).toMatchObject({ outcome: "queued", reasons: [{ key: expect.stringMatching(/award\.overPotMaximum|potRules/) }] });
    expect(await owner().caseEvent.count({ where: { caseId: big, kind: "referral.direct-award-refused" } })).toBe(1);
    expect((await getReferral(amara, big))!.directAwardRefusals.length).toBeGreaterThan(0);
    expect(await award(amara, big, "50", rivalAllowance.id)).toMatchObject({ outcome: "queued", reasons: [{ key: "referrals.directAwardNotYourAllowance" }] });
    expect(await award(amara, big, "50", generalPot.id)).toMatchObject({ outcome: "queued", reasons: [{ key: "referrals.directAwardNotYourAllowance" }] });
    const plain = await refer(amara, { fastTrack: false });
    expect(await award(amara, plain, "50")).toMatchObject({ outcome: "queued", reasons: [{ key: "referrals.directAwardNotFastTrack" }] });
    const fast = await refer(amara);
    await owner().membership.updateMany({ where: { userId: amara.user.userId }, data: { trainingExpiresOn: new Date("2026-01-02") } });
    expect(await award(amara, fast, "50")).toMatchObject({ outcome: "queued", reasons: [{ key: "referrals.untrainedFastTrack" }] });
    await owner().membership.updateMany({ where: { userId: amara.user.userId }, data: { trainingExpiresOn: new Date("2099-01-01") } });
    expect(await award(ben, fast, "50")).toEqual({ outcome: "not-found" });
    expect(await award(rival, fast, "50", rivalAllowance.id)).toEqual({ outcome: "not-found" });
    expect(await award(elsewhere, fast, "50")).toEqual({ outcome: "not-found" });
    // An officer has it already.
    expect((await claimCase(officer, fast)).outcome).toBe("done");
    expect(await award(amara, fast, "50")).toMatchObject({ outcome: "queued", reasons: [{ key: "referrals.directAwardNotNew" }] });
    expect(await committed(allowance.id)).toBe(before);
    expect(await owner().award.count({ where: { caseId: { in: [big, plain, fast] } } })).toBe(0);
  });

  it("N members spending the last of an allowance at once: exactly the room, never more", async () => {
    const { pots } = await createFund(owner(), council.id, { pots: [{ name: "Last pounds", ownerOrganisationId: orgId, accessRoutes: ["REFERRAL"], allocatePence: 30_000n }] });
    const pot = pots[0]!;
    const members = [amara, ben, lead];
    const cases = await Promise.all(Array.from({ length: 8 }, (_, i) => refer(members[i % 3]!)));
    const results = await Promise.all(cases.map((caseId, i) => award(members[i % 3]!, caseId, "100", pot.id)));
    expect(results.filter((r) => r.outcome === "awarded")).toHaveLength(3);
    expect(results.filter((r) => r.outcome === "queued")).toHaveLength(5);
    expect(await committed(pot.id)).toBe(30_000n);
    expect((await owner().ledgerAccount.findFirstOrThrow({ where: { potId: pot.id, kind: "AVAILABLE" } })).balancePence).toBe(0n);
    expect(await owner().award.count({ where: { potId: pot.id } })).toBe(3);
    expect(await owner().case.count({ where: { id: { in: cases }, status: "NEW" } })).toBe(5);
    // Only the three awarded are in the queue's direct-award filter.
    const direct = (await listCaseQueue(officer, { direct: "yes" }))!.rows.map((r) => r.id);
    expect(cases.filter((id) => direct.includes(id))).toHaveLength(3);
  });
});
