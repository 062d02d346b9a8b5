// The money rules under splitting and racing (issue 19 follow-up, docs/payment-races.md): the
// officer's limit and a pot's rules apply to what one household gets, not to each line; and two
// requests at once through any way money goes out (an officer's decision, an approver's approval,
// a partner's direct award; the partner API has no award path, and a batch only pays what was
// committed) cannot together beat a household's limit or take a pot below zero. Real services,
// in parallel, as the app's RLS-bound role; the ledger recomputed afterwards (verifyLedger).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { memberActor, type TMemberActor, type TReferrerActor } from "@/lib/actor";
import { assemble } from "@/lib/applications/schemas";
import { parseAnswers, type TRawAnswers } from "@/lib/applications/steps";
import { approveAward } from "@/lib/awards/approve-award";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { claimCase } from "@/lib/cases/claim-case";
import { DEFAULT_REASON_CODES } from "@/lib/cases/settings";
import { withTenant } from "@/lib/db/tenant-scope";
import { decideCase } from "@/lib/decisions/decide-case";
import { resetEnvForTests } from "@/lib/env";
import { createBatch, releaseBatch } from "@/lib/payments/batches";
import { savePaymentSettings } from "@/lib/payments/settings";
import { directAward } from "@/lib/referrals/direct-award";
import { recordReferral } from "@/lib/referrals/referral";
import { sectionFromForm } from "@/lib/referrals/section-form";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { DEFAULT_PRIORITY } from "@/lib/triage/priority";
import { createCouncil, createFund, createMember, createOrganisation } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";
import { ledgerBreaks, potBalances } from "../support/ledger-checks";

// Modules of the referral path read the request's cookies and headers; a service call has none.
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }), headers: async () => new Headers() }));

const owner = () => testDb().owner;
// Every call of a race on its own connection at once (the app's pool holds 10 by default: the rest
// would queue for a connection rather than race). The pool is made on first use, after this.
process.env.DATABASE_POOL_SIZE = "60";
resetEnvForTests();
const LIMIT = 50_000n;
let council: TCouncil;
let orgId: string;
let officer: TMemberActor, officer2: TMemberActor, approver1: TMemberActor, approver2: TMemberActor, finance: TMemberActor;
let amara: TReferrerActor, ben: TReferrerActor;

let people = 0;
/** A household of its own, or the same one again (`n`). */
function person(n = ++people): TRawAnswers {
  return {
    ...FULL,
    "full-name": { fullName: `Rule Racer${n}` },
    "date-of-birth": { "dateOfBirth-day": String((n % 28) + 1), "dateOfBirth-month": String((n % 12) + 1), "dateOfBirth-year": String(1941 + (n % 58)) },
    contact: { email: `rule-racer${n}@example.com`, mobile: "" },
  };
}

async function referrer(email: string): Promise<TReferrerActor> {
  const user = await createMember(owner(), council.id, "REFERRER", { email, organisationId: orgId });
  await owner().membership.updateMany({ where: { userId: user.id }, data: { trainingCompletedOn: new Date("2026-01-01"), trainingExpiresOn: new Date("2099-01-01") } });
  return memberActor({ council: { id: council.id }, user: { userId: user.id, email: user.email }, roles: ["REFERRER"], organisationId: orgId }) as TReferrerActor;
}

/** A fast-track referral by `by` for this household: NEW, no officer yet. */
async function refer(by: TReferrerActor, answers: TRawAnswers): Promise<string> {
  const [y, m, d] = londonIsoDate(new Date()).split("-");
  const section = sectionFromForm({ role: "Health visitor", relationship: "Visits the family", consentMethod: "in-person", "consentDate-day": d!, "consentDate-month": m!, "consentDate-year": y!, alreadyTried: "Food bank", fastTrack: "yes" });
  const r = await withTenant(council.id, (tx) => recordReferral(tx, council, by, { application: assemble(parseAnswers(answers), true), referrer: section, channel: "REFERRAL_PORTAL", organisationId: orgId, draftId: null }));
  if (r.outcome !== "recorded") throw new Error(JSON.stringify(r));
  return (await owner().case.findFirstOrThrow({ where: { applicationId: r.id } })).id;
}

/** A referral claimed by an officer (for a decision). */
async function referredAndClaimed(by: TReferrerActor, answers: TRawAnswers, who = officer): Promise<string> {
  const caseId = await refer(by, answers);
  expect((await claimCase(who, caseId)).outcome).toBe("done");
  return caseId;
}

const line = (potId: string, amountPence: bigint) => ({ potId, needCategory: "food", amountPence, paymentMethod: "bank" });
const approve = (...lines: ReturnType<typeof line>[]) => ({ decision: "approve", reasonCode: "need-met", explanation: "We will pay this into your bank account.", lines });
const direct = (by: TReferrerActor, caseId: string, potId: string, amountPence: bigint) => directAward(by, { caseId, potId, needCategory: "food", amount: `${amountPence / 100n}` });



const sum = (xs: bigint[]) => xs.reduce((s, x) => s + x, 0n);
/** What a pot has committed to standing approved awards, from the awards themselves. */
async function approvedIn(potId: string) {
  return sum((await owner().award.findMany({ where: { potId, status: "APPROVED" } })).map((a) => a.amountPence));
}

beforeAll(async () => {
  await createCouncil(owner(), { slug: "races-rules", postcodeAreas: ["E8"], settings: { referencePrefix: "RRU" } });
  council = (await findCouncilBySlug("races-rules"))!;
  await owner().caseworkSettings.create({
    data: { tenantId: council.id, priorityWeights: DEFAULT_PRIORITY.weights, urgentFrom: DEFAULT_PRIORITY.urgentFrom, slaUrgentDays: 2, slaStandardDays: 10, officerLimitPence: LIMIT, reasonCodes: DEFAULT_REASON_CODES },
  });
  orgId = (await createOrganisation(owner(), council.id, { name: "Health visiting" })).id;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  officer2 = await caseActor(council, "OFFICER", "Oona Officer");
  approver1 = await caseActor(council, "APPROVER", "Ada Approver");
  approver2 = await caseActor(council, "APPROVER", "Abe Approver");
  finance = await caseActor(council, "APPROVER", "Fin Ance");
  amara = await referrer("amara@nhs.example");
  ben = await referrer("ben@nhs.example");
  expect(await savePaymentSettings(finance, { serviceUserNumber: "123456", serviceUserName: "Rules Council", originatingSortCode: "089999", originatingAccountNumber: "66374958", originatingAccountName: "RR Hardship", bankFileFormat: "STANDARD18" }, null)).toEqual({ outcome: "saved" });
});

describe("splitting", () => {
  it("three lines of £250 against a £500 limit: the officer commits £500, the third line waits for an approver; against a pot's £500 largest award the decision is refused", async () => {
    const pot = (await createFund(owner(), council.id, { pots: [{ name: "Split", allocatePence: 1_000_000n }] })).pots[0]!;
    const { caseId } = await applyFor(council, person());
    expect((await claimCase(officer, caseId)).outcome).toBe("done");
    const r = await decideCase(officer, caseId, approve(line(pot.id, 25_000n), line(pot.id, 25_000n), line(pot.id, 25_000n)));
    if (r.outcome !== "decided") throw new Error(r.outcome);
    expect(r.awards.map((a) => a.status)).toEqual(["APPROVED", "APPROVED", "AWAITING_APPROVAL"]);
    expect((await potBalances(pot.id)).COMMITTED).toBe(LIMIT);
    expect(await owner().payment.count({ where: { caseId } })).toBe(2);
    // The officer cannot approve the third line themselves.
    expect((await approveAward(officer, r.awards[2]!.id)).outcome).toBe("forbidden");

    const capped = (await createFund(owner(), council.id, { pots: [{ name: "Largest £500", maxSingleAwardPence: 50_000n, allocatePence: 1_000_000n }] })).pots[0]!;
    const other = await applyFor(council, person());
    expect((await claimCase(officer, other.caseId)).outcome).toBe("done");
    expect(await decideCase(officer, other.caseId, approve(line(capped.id, 25_000n), line(capped.id, 25_000n), line(capped.id, 25_000n)))).toMatchObject({
      outcome: "invalid",
      issues: [{ path: ["lines", 2, "amountPence"], message: "award.overPotMaximum" }],
    });
    expect(await owner().award.count({ where: { caseId: other.caseId } })).toBe(0);
    expect((await potBalances(capped.id)).COMMITTED).toBe(0n);
  });

  it("a partner's direct awards split over three referrals of one household, at once, against a £500 household maximum: two of £250 go, the third waits", async () => {
    const pot = (await createFund(owner(), council.id, { pots: [{ name: "Allowance £500 a year", ownerOrganisationId: orgId, accessRoutes: ["REFERRAL"], maxSingleAwardPence: 50_000n, repeatWindowDays: 365, allocatePence: 1_000_000n }] })).pots[0]!;
    const me = person();
    const cases = [await refer(amara, me), await refer(ben, me), await refer(amara, me)];
    const results = await Promise.all(cases.map((caseId, i) => direct(i === 1 ? ben : amara, caseId, pot.id, 25_000n)));
    expect(results.filter((r) => r.outcome === "awarded")).toHaveLength(2);
    expect(results.filter((r) => r.outcome === "queued")).toHaveLength(1);
    expect(await approvedIn(pot.id)).toBe(50_000n);
    expect((await potBalances(pot.id)).COMMITTED).toBe(50_000n);
    // Over the officer's limit in one: never direct.
    const big = await refer(amara, person());
    expect(await direct(amara, big, pot.id, 60_000n)).toMatchObject({ outcome: "queued" });
    expect(await owner().award.count({ where: { caseId: big } })).toBe(0);
  });
});

describe("one household, several ways at once", () => {
  it("a once-a-year allowance raced by two officers' decisions and a partner's direct award for the same household: one award, five times over", async () => {
    const pot = (await createFund(owner(), council.id, { pots: [{ name: "Once a year", ownerOrganisationId: orgId, accessRoutes: ["REFERRAL"], maxAwardsPerHousehold: 1, repeatWindowDays: 365, allocatePence: 1_000_000n }] })).pots[0]!;
    for (let round = 0; round < 5; round++) {
      const me = person();
      const a = await referredAndClaimed(amara, me, officer);
      const c = await referredAndClaimed(ben, me, officer2);
      const b = await refer(amara, me);
      const [ra, rb, rc] = await Promise.all([decideCase(officer, a, approve(line(pot.id, 10_000n))), direct(amara, b, pot.id, 10_000n), decideCase(officer2, c, approve(line(pot.id, 10_000n)))]);
      const won = [ra.outcome === "decided", rb.outcome === "awarded", rc.outcome === "decided"].filter(Boolean).length;
      expect(won).toBe(1);
      expect([ra, rc].every((r) => r.outcome === "decided" || r.outcome === "invalid")).toBe(true);
      expect(["awarded", "queued"]).toContain(rb.outcome);
      expect(await owner().award.count({ where: { caseId: { in: [a, b, c] } } })).toBe(1);
    }
    expect(await approvedIn(pot.id)).toBe(50_000n);
    expect((await potBalances(pot.id)).COMMITTED).toBe(50_000n);
  }, 120_000);

  it("a household maximum raced by decisions and direct awards for one household (each alone fits, two together do not): only what fits goes", async () => {
    const pot = (await createFund(owner(), council.id, { pots: [{ name: "£400 a year", ownerOrganisationId: orgId, accessRoutes: ["REFERRAL"], maxSingleAwardPence: 40_000n, repeatWindowDays: 365, allocatePence: 1_000_000n }] })).pots[0]!;
    const me = person();
    const decided = [await referredAndClaimed(amara, me, officer), await referredAndClaimed(ben, me, officer2), await referredAndClaimed(amara, me, officer)];
    const directs = [await refer(amara, me), await refer(ben, me), await refer(amara, me)];
    const results = await Promise.all([
      ...decided.map((caseId, i) => decideCase(i === 1 ? officer2 : officer, caseId, approve(line(pot.id, 25_000n)))),
      ...directs.map((caseId, i) => direct(i === 1 ? ben : amara, caseId, pot.id, 25_000n)),
    ]);
    expect(results.filter((r) => r.outcome === "decided" || r.outcome === "awarded")).toHaveLength(1);
    expect(await approvedIn(pot.id)).toBe(25_000n);
    expect((await potBalances(pot.id)).COMMITTED).toBe(25_000n);
  }, 120_000);
});

describe("the last money of a pot", () => {
  it("approvals (each by two approvers at once), decisions and direct awards all at once: the pot never goes below zero, and what is committed is what the approved awards say", async () => {
    const pot = (await createFund(owner(), council.id, { pots: [{ name: "Last £1,000", ownerOrganisationId: orgId, accessRoutes: ["REFERRAL"], allocatePence: 100_000n }] })).pots[0]!;
    // Three lines of £600 above the officer's £500 limit, waiting for an approver.
    const waiting: string[] = [];
    for (let i = 0; i < 3; i++) {
      const caseId = await referredAndClaimed(amara, person(), officer);
      const r = await decideCase(officer, caseId, approve(line(pot.id, 60_000n)));
      if (r.outcome !== "decided") throw new Error(r.outcome);
      expect(r.awards[0]!.status).toBe("AWAITING_APPROVAL");
      waiting.push(r.awards[0]!.id);
    }
    expect(await potBalances(pot.id)).toMatchObject({ AVAILABLE: 100_000n, COMMITTED: 0n });
    const forDecision = [];
    for (let i = 0; i < 4; i++) forDecision.push(await referredAndClaimed(ben, person(), i % 2 ? officer : officer2));
    const forDirect = [];
    for (let i = 0; i < 4; i++) forDirect.push(await refer(i % 2 ? ben : amara, person()));

    const results = await Promise.all([
      ...waiting.flatMap((id) => [approveAward(approver1, id), approveAward(approver2, id)]),
      ...forDecision.map((caseId, i) => decideCase(i % 2 ? officer : officer2, caseId, approve(line(pot.id, 30_000n)))),
      ...forDirect.map((caseId, i) => direct(i % 2 ? ben : amara, caseId, pot.id, 30_000n)),
    ]);
    const approvals = results.slice(0, 6);
    const decisions = results.slice(6, 10);
    const directs = results.slice(10);
    // Each waiting line approved by at most one of its two approvers.
    for (let i = 0; i < 3; i++) expect([approvals[2 * i]!, approvals[2 * i + 1]!].filter((r) => r.outcome === "done").length).toBeLessThanOrEqual(1);
    expect(approvals.every((r) => ["done", "changed", "not-allowed", "refused", "rules"].includes(r.outcome))).toBe(true);
    expect(decisions.every((r) => r.outcome === "decided" || r.outcome === "refused")).toBe(true);
    expect(directs.every((r) => r.outcome === "awarded" || r.outcome === "queued")).toBe(true);

    const after = await potBalances(pot.id);
    expect(after.AVAILABLE).toBeGreaterThanOrEqual(0n);
    // Someone was refused, so what is left is less than the smallest request.
    expect(after.AVAILABLE).toBeLessThan(30_000n);
    expect(after.AVAILABLE + after.COMMITTED).toBe(100_000n);
    expect(await approvedIn(pot.id)).toBe(after.COMMITTED);
    const commits = await owner().ledgerTransaction.findMany({ where: { tenantId: council.id, kind: "COMMIT" }, include: { postings: true } });
    const approvedAwards = await owner().award.findMany({ where: { potId: pot.id, status: "APPROVED" } });
    // One COMMIT per approved award, none for the others.
    expect(commits.filter((t) => approvedAwards.some((a) => a.id === t.awardRef))).toHaveLength(approvedAwards.length);
    expect(await owner().award.count({ where: { potId: pot.id, status: "PROPOSED" } })).toBe(0);

    // The batch pays what was committed, nothing more: committed → spent, the pot exact.
    const made = await createBatch(finance, { method: "BANK_TRANSFER", fundId: pot.fundId });
    if (made.outcome !== "created") throw new Error(made.outcome);
    expect(made.totalPence).toBe(after.COMMITTED);
    const released = await Promise.all([releaseBatch(approver1, made.batchId), releaseBatch(approver2, made.batchId), releaseBatch(finance, made.batchId)]);
    expect(released.filter((r) => r.outcome === "released")).toHaveLength(1);
    expect(await potBalances(pot.id)).toEqual({ AVAILABLE: after.AVAILABLE, COMMITTED: 0n, SPENT: after.COMMITTED });
    expect(await ledgerBreaks()).toEqual([]);
  }, 180_000);
});
