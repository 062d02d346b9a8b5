// Casework, part 1: cases, their transitions, decisions and awards committed through the ledger,
// through the service layer, as the app's own (non-owner, RLS-bound) database role.
import type { TMemberActor } from "@/lib/actor";
import { beforeAll, describe, expect, it } from "vitest";
import { approveAward } from "@/lib/awards/approve-award";
import { cancelAward } from "@/lib/awards/cancel-award";
import { addCaseNote } from "@/lib/cases/add-case-note";
import { amendApplication } from "@/lib/cases/amend-application";
import { assignCase, claimCase, unassignCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { loadCasePage } from "@/lib/cases/case-page";
import { slaDueDate } from "@/lib/triage/sla";
import { withdrawCase } from "@/lib/decisions/withdraw-case";
import { withTenant } from "@/lib/db/tenant-scope";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil, other: TCouncil;
let officer: TMemberActor, officer2: TMemberActor, approver: TMemberActor, approver2: TMemberActor, manager: TMemberActor, referrer: TMemberActor, outsider: TMemberActor;
let bigPot: { id: string; fundId: string };

const owner = () => testDb().owner;

const actor = caseActor;

/** A resident's application (any channel would do) and its case's id. */
const newCase = (c: TCouncil = council) => applyFor(c);

async function claimedCase(by: TMemberActor = officer) {
  const made = await newCase();
  expect((await claimCase(by, made.caseId)).outcome).toBe("done");
  return made;
}

async function balances(potId: string) {
  const rows = await owner().ledgerAccount.findMany({ where: { potId } });
  return Object.fromEntries(rows.map((r) => [r.kind, r.balancePence])) as Record<"AVAILABLE" | "COMMITTED" | "SPENT", bigint>;
}

const line = (potId: string, amountPence: bigint) => ({ potId, needCategory: "food", amountPence, paymentMethod: "voucher-email" });
const approve = (potId: string, ...amounts: bigint[]) => ({ decision: "approve", reasonCode: "need-met", explanation: "We will send you a food voucher.", lines: amounts.map((a) => line(potId, a)) });
const residentStatus = async (applicationId: string) => (await owner().application.findUniqueOrThrow({ where: { id: applicationId } })).residentStatus;

beforeAll(async () => {
  await createCouncil(owner(), { slug: "casework-a", postcodeAreas: ["E8"], settings: { referencePrefix: "CWA" } });
  await createCouncil(owner(), { slug: "casework-b", postcodeAreas: ["E8"], settings: { referencePrefix: "CWB" } });
  council = (await findCouncilBySlug("casework-a"))!;
  other = (await findCouncilBySlug("casework-b"))!;
  officer = await actor(council, "OFFICER", "Olu Officer");
  officer2 = await actor(council, "OFFICER", "Priya Officer");
  approver = await actor(council, "APPROVER", "Alex Approver");
  approver2 = await actor(council, "APPROVER", "Sam Approver");
  manager = await actor(council, "MANAGER", "Mo Manager");
  referrer = await actor(council, "REFERRER", "Rita Referrer");
  outsider = await actor(other, "OFFICER", "Bea Other-council");
  const { pots } = await createFund(owner(), council.id, { pots: [{ name: "Main pot", allocatePence: 5_000_000n }] });
  bigPot = pots[0]!;
});

describe("a case for every application", () => {
  it("is created with the application, with its priority reasons, band and working-day SLA date", async () => {
    const { caseId, applicationId } = await newCase();
    const row = await owner().case.findUniqueOrThrow({ where: { id: caseId } });
    const application = await owner().application.findUniqueOrThrow({ where: { id: applicationId } });
    // FULL: no food today (40), meter off (40), a child of 3 (15), pregnant (15).
    expect(row).toMatchObject({ status: "NEW", channel: "RESIDENT_ONLINE", fullName: "Ayşe Yılmaz", postcode: "E8 1DY", reference: application.reference, priorityScore: 110, priorityBand: "URGENT", assignedToId: null });
    expect(row.priorityReasons).toEqual(["no-food-today", "meter-off", "child-under-5", "pregnancy"]);
    expect(row.needCategories).toEqual(["food", "rent-arrears"]);
    expect(row.slaDueOn.toISOString().slice(0, 10)).toBe(slaDueDate(row.receivedAt, "URGENT"));
  });

  it("uses the council's own weights and SLA days when it has set them", async () => {
    await owner().caseworkSettings.create({
      data: {
        tenantId: other.id,
        priorityWeights: { "no-food-today": 1, "meter-off": 1, "meter-running-out": 1, "eviction-notice": 1, "child-under-5": 50, pregnancy: 1, disability: 1, "pension-age": 1, "fast-track-referral": 1 },
        urgentFrom: 100,
        slaUrgentDays: 1,
        slaStandardDays: 15,
        officerLimitPence: 10_000n,
        reasonCodes: [{ code: "need-met", decision: "approve", label: "Met" }],
      },
    });
    const { caseId } = await newCase(other);
    const row = await owner().case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row).toMatchObject({ priorityScore: 53, priorityBand: "STANDARD" });
    expect(row.priorityReasons[0]).toBe("child-under-5");
    expect(row.slaDueOn.toISOString().slice(0, 10)).toBe(slaDueDate(row.receivedAt, "STANDARD", { urgentWorkingDays: 1, standardWorkingDays: 15 }));
  });
});

describe("claim, assign, unassign", () => {
  it("lets one of two officers claiming at the same moment have it, and tells the other who has it", async () => {
    for (let round = 0; round < 5; round++) {
      const { caseId, applicationId } = await newCase();
      const [x, y] = await Promise.all([claimCase(officer, caseId), claimCase(officer2, caseId)]);
      const outcomes = [x.outcome, y.outcome].sort();
      expect(outcomes).toEqual(["done", "taken"]);
      const winner = x.outcome === "done" ? officer : officer2;
      const loser = x.outcome === "done" ? y : x;
      expect(loser).toEqual({ outcome: "taken", assignedToName: winner === officer ? "Olu Officer" : "Priya Officer" });
      const row = await owner().case.findUniqueOrThrow({ where: { id: caseId } });
      expect(row).toMatchObject({ status: "IN_REVIEW", assignedToId: winner.user.userId });
      expect(await owner().caseEvent.count({ where: { caseId, kind: "claimed" } })).toBe(1);
      expect(await residentStatus(applicationId)).toBe("IN_REVIEW");
    }
  });

  it("reassigns to another caseworker and unassigns, each on the timeline; refuses to assign to a manager", async () => {
    const { caseId } = await claimedCase();
    expect(await assignCase(officer, caseId, manager.user.userId)).toEqual({ outcome: "not-a-caseworker" });
    expect(await assignCase(officer, caseId, outsider.user.userId)).toEqual({ outcome: "not-a-caseworker" });
    expect((await assignCase(officer, caseId, officer2.user.userId)).outcome).toBe("done");
    expect((await owner().case.findUniqueOrThrow({ where: { id: caseId } })).assignedToId).toBe(officer2.user.userId);
    expect((await unassignCase(officer2, caseId)).outcome).toBe("done");
    expect(await owner().case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ assignedToId: null, status: "NEW" });
    const kinds = (await owner().caseEvent.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } })).map((e) => e.kind);
    expect(kinds).toEqual(["claimed", "assigned", "unassigned"]);
  });
});

describe("decisions and awards", () => {
  it("under load: 64 approvals at once against a pot with room for 10 give exactly 10 approved awards; the other 54 cases stay undecided, told which pot and how much is left", async () => {
    const { pots } = await createFund(owner(), council.id, { pots: [{ name: "Race pot", allocatePence: 50_000n }] });
    const pot = pots[0]!;
    const cases = [];
    for (let i = 0; i < 64; i++) cases.push(await claimedCase());
    const t = Date.now();
    const results = await Promise.all(cases.map((c) => decideCase(officer, c.caseId, approve(pot.id, 5_000n))));
    const ms = Date.now() - t;
    const decided = results.filter((r) => r.outcome === "decided");
    const refused = results.filter((r) => r.outcome === "refused");
    expect(decided).toHaveLength(10);
    expect(refused).toHaveLength(54);
    for (const r of refused) expect(r).toMatchObject({ pot: "Race pot", availablePence: 0n });
    expect(await balances(pot.id)).toEqual({ AVAILABLE: 0n, COMMITTED: 50_000n, SPENT: 0n });
    expect(await owner().award.count({ where: { potId: pot.id, status: "APPROVED" } })).toBe(10);
    expect(await owner().award.count({ where: { potId: pot.id } })).toBe(10);
    const statuses = await owner().case.groupBy({ by: ["status"], where: { id: { in: cases.map((c) => c.caseId) } }, _count: true });
    expect(Object.fromEntries(statuses.map((s) => [s.status, s._count]))).toEqual({ APPROVED: 10, IN_REVIEW: 54 });
    // Nothing half-done: a refused case has no decision, no award and no decision event.
    const undecided = await owner().case.findMany({ where: { id: { in: cases.map((c) => c.caseId) }, status: "IN_REVIEW" } });
    for (const c of undecided) expect(c).toMatchObject({ decidedAt: null, decisionReasonCode: null, decisionExplanation: null });
    expect(await owner().caseEvent.count({ where: { caseId: { in: undecided.map((c) => c.id) }, kind: { not: "claimed" } } })).toBe(0);
    console.log(`approval race: 64 decisions at once, 10 approved, 54 refused in ${ms} ms`);
  });

  it("commits an award within the officer's limit at once, tells the resident, and puts the decision on the timeline", async () => {
    const { caseId, applicationId } = await claimedCase();
    const before = await balances(bigPot.id);
    const r = await decideCase(officer, caseId, approve(bigPot.id, 12_000n));
    expect(r).toMatchObject({ outcome: "decided", status: "APPROVED", awards: [{ status: "APPROVED" }] });
    const after = await balances(bigPot.id);
    expect(after.COMMITTED - before.COMMITTED).toBe(12_000n);
    expect(before.AVAILABLE - after.AVAILABLE).toBe(12_000n);
    expect(await residentStatus(applicationId)).toBe("DECIDED");
    const c = await owner().case.findUniqueOrThrow({ where: { id: caseId } });
    expect(c).toMatchObject({ decisionReasonCode: "need-met", decisionExplanation: "We will send you a food voucher.", decidedById: officer.user.userId });
    const kinds = (await owner().caseEvent.findMany({ where: { caseId } })).map((e) => e.kind).sort();
    expect(kinds).toEqual(["award.approved", "claimed", "resident.told", "status.approve"]);
    expect(await owner().ledgerTransaction.count({ where: { awardRef: (r as { awards: { id: string }[] }).awards[0]!.id, kind: "COMMIT" } })).toBe(1);
  });

  it("declines with a reason code from the council's list; refuses a code that is not on it or not for declining, and a case not claimed by the officer", async () => {
    const { caseId, applicationId } = await claimedCase();
    expect(await decideCase(officer, caseId, { decision: "decline", reasonCode: "made-up", explanation: "No." })).toMatchObject({ outcome: "invalid" });
    expect(await decideCase(officer, caseId, { decision: "decline", reasonCode: "need-met", explanation: "No." })).toMatchObject({ outcome: "invalid" });
    expect(await decideCase(officer, caseId, { decision: "decline", reasonCode: "not-eligible", explanation: "" })).toMatchObject({ outcome: "invalid" });
    expect(await decideCase(officer2, caseId, { decision: "decline", reasonCode: "not-eligible", explanation: "Not eligible." })).toEqual({ outcome: "not-yours", assignedToName: "Olu Officer" });
    expect(await decideCase(officer, caseId, { ...approve(bigPot.id, -5n) })).toMatchObject({ outcome: "invalid" });
    expect((await decideCase(officer, caseId, { decision: "decline", reasonCode: "not-eligible", explanation: "You are not eligible for this fund." })).outcome).toBe("decided");
    expect(await residentStatus(applicationId)).toBe("DECIDED");
    // Decided once: a second decision is not allowed from DECLINED.
    expect(await decideCase(officer, caseId, approve(bigPot.id, 100n))).toMatchObject({ outcome: "not-allowed", status: "DECLINED" });
  });

  it("four eyes: an award above the officer's limit waits for an approver, who cannot approve one they proposed themselves", async () => {
    const before = await balances(bigPot.id);
    const { caseId, applicationId } = await claimedCase();
    const r = await decideCase(officer, caseId, approve(bigPot.id, 30_000n));
    expect(r).toMatchObject({ outcome: "decided", awards: [{ status: "AWAITING_APPROVAL" }] });
    const awardId = (r as { awards: { id: string }[] }).awards[0]!.id;
    expect(await balances(bigPot.id)).toEqual(before);
    expect(await residentStatus(applicationId)).toBe("IN_REVIEW");
    expect(await approveAward(officer, awardId)).toEqual({ outcome: "forbidden" });
    expect(await approveAward(outsider, awardId)).toEqual({ outcome: "not-found" });

    // An approver working a case proposes above the limit: they may not approve it themselves.
    const own = await claimedCase(approver);
    const mine = await decideCase(approver, own.caseId, approve(bigPot.id, 40_000n));
    const mineId = (mine as { awards: { id: string }[] }).awards[0]!.id;
    expect(await approveAward(approver, mineId)).toEqual({ outcome: "four-eyes", problem: "proposed-it-yourself" });
    expect((await approveAward(approver2, mineId)).outcome).toBe("done");

    expect(await approveAward(approver, awardId)).toMatchObject({ outcome: "done", to: "APPROVED" });
    expect(await approveAward(approver2, awardId)).toMatchObject({ outcome: "not-allowed", status: "APPROVED" });
    const after = await balances(bigPot.id);
    expect(after.COMMITTED - before.COMMITTED).toBe(70_000n);
    expect(await residentStatus(applicationId)).toBe("DECIDED");
    expect(await owner().award.findUniqueOrThrow({ where: { id: awardId } })).toMatchObject({ approvedById: approver.user.userId, proposedById: officer.user.userId });
  });

  it("refuses an approval the pot can no longer cover, saying which pot and what is left, and leaves the award waiting", async () => {
    // A decision the pot cannot cover is refused (tests/integration/pot-rules.test.ts): here the money goes after it.
    const { pots } = await createFund(owner(), council.id, { pots: [{ name: "Small pot", allocatePence: 40_000n }] });
    const { caseId } = await claimedCase();
    const r = await decideCase(officer, caseId, approve(pots[0]!.id, 30_000n));
    const awardId = (r as { awards: { id: string }[] }).awards[0]!.id;
    const spender = await claimedCase();
    expect(await decideCase(officer, spender.caseId, approve(pots[0]!.id, 20_000n))).toMatchObject({ outcome: "decided", awards: [{ status: "APPROVED" }] });
    expect(await approveAward(approver, awardId)).toMatchObject({ outcome: "refused", pot: "Small pot", availablePence: 20_000n });
    expect((await owner().award.findUniqueOrThrow({ where: { id: awardId } })).status).toBe("AWAITING_APPROVAL");
    expect(await balances(pots[0]!.id)).toEqual({ AVAILABLE: 20_000n, COMMITTED: 20_000n, SPENT: 0n });
  });

  it("holds award lines to the pot's rules (needs it meets, largest single award) and writes nothing otherwise", async () => {
    const { pots } = await createFund(owner(), council.id, { pots: [{ name: "Energy only", eligibleNeeds: ["energy"], maxSingleAwardPence: 10_000n, allocatePence: 100_000n }] });
    const { caseId } = await claimedCase();
    expect(await decideCase(officer, caseId, approve(pots[0]!.id, 5_000n))).toMatchObject({ outcome: "invalid", issues: [{ message: "award.needNotInPot" }] });
    const energy = { ...approve(pots[0]!.id, 10_001n), lines: [{ ...line(pots[0]!.id, 10_001n), needCategory: "energy" }] };
    expect(await decideCase(officer, caseId, energy)).toMatchObject({ outcome: "invalid", issues: [{ message: "award.overPotMaximum" }] });
    expect(await owner().award.count({ where: { caseId } })).toBe(0);
    expect((await owner().case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("IN_REVIEW");
  });

  it("cancelling an approved, unpaid award releases exactly its commitment, once", async () => {
    const { caseId } = await claimedCase();
    const before = await balances(bigPot.id);
    const r = await decideCase(officer, caseId, approve(bigPot.id, 7_345n));
    const awardId = (r as { awards: { id: string }[] }).awards[0]!.id;
    expect((await balances(bigPot.id)).COMMITTED - before.COMMITTED).toBe(7_345n);
    expect(await cancelAward(officer, awardId, "")).toEqual({ outcome: "invalid" });
    const [x, y] = await Promise.all([cancelAward(officer, awardId, "Resident found other help"), cancelAward(officer2, awardId, "Duplicate")]);
    expect([x.outcome, y.outcome].sort()).toEqual(expect.arrayContaining(["done"]));
    expect([x.outcome, y.outcome].filter((o) => o === "done")).toHaveLength(1);
    expect(await balances(bigPot.id)).toEqual(before);
    expect(await owner().ledgerTransaction.count({ where: { awardRef: awardId, kind: "RELEASE" } })).toBe(1);
    expect(await cancelAward(officer, awardId, "Again")).toMatchObject({ outcome: "not-allowed", status: "CANCELLED" });
  });

  it("withdrawing a case cancels its unpaid awards, releases what was committed and tells the resident it is closed", async () => {
    const { caseId, applicationId } = await claimedCase();
    const before = await balances(bigPot.id);
    const r = await decideCase(officer, caseId, { ...approve(bigPot.id, 10_000n, 26_000n), decision: "part-approve" });
    expect(r).toMatchObject({ outcome: "decided", status: "PART_APPROVED" });
    expect(await withdrawCase(officer, caseId, "")).toEqual({ outcome: "invalid" });
    expect((await withdrawCase(officer, caseId, "The resident asked us to stop")).outcome).toBe("done");
    expect(await owner().award.findMany({ where: { caseId }, select: { status: true } })).toEqual([{ status: "CANCELLED" }, { status: "CANCELLED" }]);
    expect(await balances(bigPot.id)).toEqual(before);
    expect(await residentStatus(applicationId)).toBe("CLOSED");
    expect((await owner().case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("WITHDRAWN");
    // The timeline keeps the order things happened in, even within one transaction (the decision
    // and its two awards, the one above the limit first, then what the resident was told; the
    // withdrawal and its two cancellations): no two events share a time.
    const events = await owner().caseEvent.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.kind)).toEqual(["claimed", "status.part-approve", "award.awaiting_approval", "award.approved", "resident.told", "status.withdraw", "award.cancelled", "award.cancelled"]);
    // Microseconds, as stored (a JavaScript Date keeps only milliseconds).
    const times = await owner().$queryRaw<{ t: string }[]>`select "createdAt"::text as t from "CaseEvent" where "caseId" = ${caseId}::uuid`;
    expect(new Set(times.map((r) => r.t)).size).toBe(events.length);
  });
});

describe("amendments", () => {
  it("records field, old value, new value, reason and who, and never overwrites the application", async () => {
    const { caseId, applicationId } = await claimedCase();
    const original = (await owner().application.findUniqueOrThrow({ where: { id: applicationId } })).data;
    const first = await amendApplication(officer, caseId, { field: "aboutYou.fullName", value: "Ayse Yilmaz", reason: "Spelled without accents on her ID" });
    expect(first).toEqual({ outcome: "amended", oldValue: "Ayşe Yılmaz", newValue: "Ayse Yilmaz" });
    const second = await amendApplication(officer2, caseId, { field: "aboutYou.fullName", value: "Ayşe Yilmaz", reason: "She corrected us on the phone" });
    expect(second).toEqual({ outcome: "amended", oldValue: "Ayse Yilmaz", newValue: "Ayşe Yilmaz" });
    expect(await amendApplication(officer, caseId, { field: "address.postcode", value: "not a postcode", reason: "x" })).toMatchObject({ outcome: "invalid" });
    expect(await amendApplication(officer, caseId, { field: "data", value: {}, reason: "x" })).toMatchObject({ outcome: "invalid" });
    expect(await amendApplication(officer, caseId, { field: "payment.bank.accountNumber", value: "12345678", reason: "x" })).toMatchObject({ outcome: "invalid" });
    expect(await amendApplication(officer, caseId, { field: "aboutYou.fullName", value: "X", reason: "" })).toMatchObject({ outcome: "invalid" });
    expect((await owner().application.findUniqueOrThrow({ where: { id: applicationId } })).data).toEqual(original);
    expect((await owner().case.findUniqueOrThrow({ where: { id: caseId } })).fullName).toBe("Ayşe Yilmaz");
    const rows = await owner().caseAmendment.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((m) => [m.field, m.oldValue, m.newValue, m.actorUserId])).toEqual([
      ["aboutYou.fullName", "Ayşe Yılmaz", "Ayse Yilmaz", officer.user.userId],
      ["aboutYou.fullName", "Ayse Yilmaz", "Ayşe Yilmaz", officer2.user.userId],
    ]);
    // The app's role cannot rewrite the application, an amendment or the timeline.
    const attempts = [
      `update "Application" set data = '{}'::jsonb where id = '${applicationId}'`,
      `update "CaseAmendment" set "newValue" = '"Z"'::jsonb where "caseId" = '${caseId}'`,
      `delete from "CaseEvent" where "caseId" = '${caseId}'`,
    ];
    for (const sqlText of attempts) await expect(withTenant(council.id, (tx) => tx.$executeRawUnsafe(sqlText))).rejects.toThrow(/permission denied/);
  });
});

describe("the case file", () => {
  it("shows the application as sent, the amendments, awards and timeline newest first, and records the view in the audit log", async () => {
    const { caseId, applicationId } = await claimedCase();
    await addCaseNote(officer, caseId, { text: "Called the resident; she has no gas." });
    expect(await addCaseNote(officer, caseId, { text: "   " })).toMatchObject({ outcome: "invalid" });
    const file = (await loadCasePage(manager, caseId, null))?.file;
    // The case asked for, as stored: its own row, the application as sent, who has it.
    const stored = await owner().case.findUniqueOrThrow({ where: { id: caseId }, include: { application: true } });
    expect(file).toMatchObject({ id: caseId, reference: stored.reference, status: "IN_REVIEW", assignedToId: officer.user.userId, application: { id: applicationId, data: stored.application.data } });
    expect(file!.events[0]!.kind).toBe("note");
    expect(file!.events.map((e) => e.kind)).toEqual(["note", "claimed"]);
    expect(JSON.stringify(file)).not.toContain("66374958");
    expect(await owner().auditEvent.count({ where: { action: "case.viewed", entityId: caseId, actorUserId: manager.user.userId } })).toBe(1);
  });
});

describe("boundaries", () => {
  it("refuses another council's case and award ids in every service, as if they did not exist", async () => {
    const { caseId } = await claimedCase();
    const r = await decideCase(officer, caseId, approve(bigPot.id, 30_000n));
    const awardId = (r as { awards: { id: string }[] }).awards[0]!.id;
    const outsiderApprover: TMemberActor = { ...outsider, roles: ["APPROVER"] };
    expect(await claimCase(outsider, caseId)).toEqual({ outcome: "not-found" });
    expect(await assignCase(outsider, caseId, outsider.user.userId)).toEqual({ outcome: "not-found" });
    expect(await unassignCase(outsider, caseId)).toEqual({ outcome: "not-found" });
    expect(await addCaseNote(outsider, caseId, { text: "hello" })).toEqual({ outcome: "not-found" });
    expect(await amendApplication(outsider, caseId, { field: "aboutYou.fullName", value: "X", reason: "x" })).toEqual({ outcome: "not-found" });
    expect(await decideCase(outsider, caseId, { decision: "decline", reasonCode: "not-eligible", explanation: "No." })).toEqual({ outcome: "not-found" });
    expect(await withdrawCase(outsider, caseId, "x")).toEqual({ outcome: "not-found" });
    expect(await approveAward(outsiderApprover, awardId)).toEqual({ outcome: "not-found" });
    expect(await cancelAward(outsider, awardId, "x")).toEqual({ outcome: "not-found" });
    expect(await loadCasePage(outsider, caseId, null)).toBeNull();
    // Council A's officer deciding with council B's pot: refused, nothing written.
    const { pots } = await createFund(owner(), other.id, { pots: [{ name: "B pot", allocatePence: 100_000n }] });
    const mine = await claimedCase();
    expect(await decideCase(officer, mine.caseId, approve(pots[0]!.id, 1_000n))).toMatchObject({ outcome: "invalid", issues: [{ path: ["lines", 0, "potId"] }] });
    expect(await owner().award.count({ where: { caseId: mine.caseId } })).toBe(0);
    // Malformed ids are simply not found.
    expect(await claimCase(officer, "not-a-uuid")).toEqual({ outcome: "not-found" });
  });

  it("refuses MANAGER and REFERRER every casework action (a manager may read)", async () => {
    const { caseId } = await claimedCase();
    const r = await decideCase(officer, caseId, approve(bigPot.id, 30_000n));
    const awardId = (r as { awards: { id: string }[] }).awards[0]!.id;
    const fresh = await newCase();
    for (const who of [manager, referrer]) {
      expect(await claimCase(who, fresh.caseId)).toEqual({ outcome: "forbidden" });
      expect(await assignCase(who, fresh.caseId, officer.user.userId)).toEqual({ outcome: "forbidden" });
      expect(await addCaseNote(who, fresh.caseId, { text: "x" })).toEqual({ outcome: "forbidden" });
      expect(await amendApplication(who, fresh.caseId, { field: "aboutYou.fullName", value: "X", reason: "x" })).toEqual({ outcome: "forbidden" });
      expect(await decideCase(who, fresh.caseId, { decision: "decline", reasonCode: "not-eligible", explanation: "No." })).toEqual({ outcome: "forbidden" });
      expect(await withdrawCase(who, fresh.caseId, "x")).toEqual({ outcome: "forbidden" });
      expect(await approveAward(who, awardId)).toEqual({ outcome: "forbidden" });
      expect(await cancelAward(who, awardId, "x")).toEqual({ outcome: "forbidden" });
    }
    expect(await loadCasePage(referrer, fresh.caseId, null)).toBeNull();
    expect(await owner().case.findUniqueOrThrow({ where: { id: fresh.caseId } })).toMatchObject({ status: "NEW", assignedToId: null });
    expect((await owner().award.findUniqueOrThrow({ where: { id: awardId } })).status).toBe("AWAITING_APPROVAL");
  });
});

