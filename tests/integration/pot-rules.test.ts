// Issue 15, holes 1 and 2: the officer's limit and every pot rule apply to what one household
// gets, in a decision and at approval, through the services as the app's RLS-bound role. Each
// attack below was seen on the code before lib/awards/pot-rules.ts and award-checks.ts.
import type { TMemberActor } from "@/lib/actor";
import { beforeAll, describe, expect, it } from "vitest";
import { approveAward } from "@/lib/awards/approve-award";
import { eligiblePotsForCase, potChoicesForCase } from "@/lib/awards/award-checks";
import { amendApplication } from "@/lib/cases/amend-application";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import type { TRawAnswers } from "@/lib/applications/steps";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund, createOrganisation } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil;
let officer: TMemberActor, approver: TMemberActor;
let people = 0;

const owner = () => testDb().owner;

/** A new person each time (the same-person rule would otherwise join every case into one household), or `as` again. */
function person(n = ++people): TRawAnswers {
  return {
    ...FULL,
    "full-name": { fullName: `Resident Number${n}` },
    "date-of-birth": { "dateOfBirth-day": String((n % 28) + 1), "dateOfBirth-month": String((n % 12) + 1), "dateOfBirth-year": String(1950 + (n % 50)) },
    contact: { email: `resident${n}@example.com`, mobile: "" },
  };
}

async function claimed(answers: TRawAnswers = person(), source: Parameters<typeof applyFor>[3] = {}) {
  const made = await applyFor(council, answers, "en", source);
  expect((await claimCase(officer, made.caseId)).outcome).toBe("done");
  return made;
}

const line = (potId: string, amountPence: bigint, needCategory = "food") => ({ potId, needCategory, amountPence, paymentMethod: "voucher-email" });
const approve = (...lines: ReturnType<typeof line>[]) => ({ decision: "approve", reasonCode: "need-met", explanation: "We will send you a voucher.", lines });

async function balances(potId: string) {
  const rows = await owner().ledgerAccount.findMany({ where: { potId } });
  return Object.fromEntries(rows.map((r) => [r.kind, r.balancePence])) as Record<"AVAILABLE" | "COMMITTED" | "SPENT", bigint>;
}

type TPotInput = NonNullable<NonNullable<Parameters<typeof createFund>[2]>["pots"]>[number];

async function pot(rules: TPotInput) {
  const { pots } = await createFund(owner(), council.id, { pots: [{ allocatePence: 1_000_000n, ...rules }] });
  return pots[0]!;
}

const awardsOf = (r: unknown) => (r as { awards: { id: string; status: string }[] }).awards;

beforeAll(async () => {
  await createCouncil(owner(), { slug: "pot-rules", postcodeAreas: ["E8"], settings: { referencePrefix: "PRL" } });
  council = (await findCouncilBySlug("pot-rules"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  approver = await caseActor(council, "APPROVER", "Alex Approver");
});

describe("the officer's limit is per household per decision (default £250)", () => {
  it("three lines of £250.00: one committed by the officer, two wait for an approver; only £250.00 leaves the pot", async () => {
    const p = await pot({ name: "Hardship grants" });
    const { caseId } = await claimed();
    const r = await decideCase(officer, caseId, approve(line(p.id, 25_000n), line(p.id, 25_000n, "energy"), line(p.id, 25_000n, "essentials")));
    expect(r).toMatchObject({ outcome: "decided" });
    expect(awardsOf(r).map((a) => a.status)).toEqual(["APPROVED", "AWAITING_APPROVAL", "AWAITING_APPROVAL"]);
    expect(await balances(p.id)).toMatchObject({ COMMITTED: 25_000n });
    const rows = await owner().award.findMany({ where: { caseId, status: "APPROVED" } });
    expect(rows.map((a) => a.amountPence)).toEqual([25_000n]);
  });

  it("£100.00 then £300.00: the £100.00 is committed, the £300.00 waits", async () => {
    const p = await pot({ name: "Hardship grants 2" });
    const { caseId } = await claimed();
    const r = await decideCase(officer, caseId, approve(line(p.id, 10_000n), line(p.id, 30_000n, "energy")));
    expect(awardsOf(r).map((a) => a.status)).toEqual(["APPROVED", "AWAITING_APPROVAL"]);
    expect(await balances(p.id)).toMatchObject({ COMMITTED: 10_000n });
  });
});

describe("a pot's largest award is per household", () => {
  it("refuses three lines of £300.00 from a pot whose largest award is £300.00, on the line that goes over, and writes nothing", async () => {
    const p = await pot({ name: "Crisis grants", maxSingleAwardPence: 30_000n });
    const { caseId } = await claimed();
    const r = await decideCase(officer, caseId, approve(line(p.id, 30_000n), line(p.id, 30_000n, "energy"), line(p.id, 30_000n, "essentials")));
    expect(r).toMatchObject({ outcome: "invalid", issues: [{ path: ["lines", 1, "amountPence"], message: "award.overPotMaximum", params: { pot: "Crisis grants", max: "£300.00", total: "£900.00" } }] });
    expect(await owner().award.count({ where: { caseId } })).toBe(0);
    expect((await owner().case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("IN_REVIEW");
  });

  it("counts the household's earlier awards from the pot within its repeat window", async () => {
    const p = await pot({ name: "Quarterly help", maxSingleAwardPence: 30_000n, maxAwardsPerHousehold: 5, repeatWindowDays: 90 });
    const me = person();
    const first = await claimed(me);
    expect((await decideCase(officer, first.caseId, approve(line(p.id, 20_000n)))).outcome).toBe("decided");
    const second = await claimed(me);
    const r = await decideCase(officer, second.caseId, approve(line(p.id, 15_000n)));
    expect(r).toMatchObject({ outcome: "invalid", issues: [{ path: ["lines", 0, "amountPence"], message: "award.overPotMaximumEarlier", params: { earlier: "£200.00", total: "£150.00", days: "90" } }] });
    // Within what is left: allowed.
    expect((await decideCase(officer, second.caseId, approve(line(p.id, 10_000n)))).outcome).toBe("decided");
  });
});

describe("every rule a pot has", () => {
  it("refuses a partner's referral-only direct-award pot to a resident's own online application", async () => {
    const org = await createOrganisation(owner(), council.id, { name: "Health visiting" });
    const p = await pot({ name: "Direct awards: health visiting", ownerOrganisationId: org.id, accessRoutes: ["REFERRAL"], maxSingleAwardPence: 15_000n });
    const { caseId } = await claimed();
    const r = await decideCase(officer, caseId, approve(line(p.id, 15_000n)));
    expect(r).toMatchObject({ outcome: "invalid", issues: [{ path: ["lines", 0, "potId"], message: "potRules.route" }] });
    expect(await owner().award.count({ where: { caseId } })).toBe(0);
    // A referral by that organisation may have it; another organisation's referral may not.
    const ours = await claimed(person(), { channel: "REFERRAL_PORTAL", organisationId: org.id });
    expect((await decideCase(officer, ours.caseId, approve(line(p.id, 15_000n)))).outcome).toBe("decided");
    const other = await createOrganisation(owner(), council.id, { name: "Another partner" });
    const theirs = await claimed(person(), { channel: "REFERRAL_PORTAL", organisationId: other.id });
    expect(await decideCase(officer, theirs.caseId, approve(line(p.id, 15_000n)))).toMatchObject({ outcome: "invalid", issues: [{ message: "potRules.organisation" }] });
  });

  it("refuses a pot for other kinds of household", async () => {
    const p = await pot({ name: "Pension age help", eligibleHouseholdTypes: ["pension-age"] });
    const { caseId } = await claimed();
    expect(await decideCase(officer, caseId, approve(line(p.id, 5_000n)))).toMatchObject({ outcome: "invalid", issues: [{ path: ["lines", 0, "overrideReason"], message: "award.overrideNeeded", params: { reason: "Pension age help is not for this kind of household" } }] });
  });

  it("a once-per-365-days pot: refuses three lines in one decision, allows one, then refuses the same person's second case", async () => {
    const p = await pot({ name: "White goods and furniture", maxSingleAwardPence: 60_000n, eligibleNeeds: ["furniture"], maxAwardsPerHousehold: 1, repeatWindowDays: 365 });
    const me = person();
    const first = await claimed(me);
    const three = approve(line(p.id, 15_000n, "furniture"), line(p.id, 15_000n, "furniture"), line(p.id, 15_000n, "furniture"));
    expect(await decideCase(officer, first.caseId, three)).toMatchObject({ outcome: "invalid", issues: [{ path: ["lines", 1, "potId"], message: "potRules.tooManyAwards" }] });
    expect(await owner().award.count({ where: { caseId: first.caseId } })).toBe(0);
    expect((await decideCase(officer, first.caseId, approve(line(p.id, 25_000n, "furniture")))).outcome).toBe("decided");
    // The same person applies again (same date of birth and name): the window is used.
    const second = await claimed(me);
    expect(await decideCase(officer, second.caseId, approve(line(p.id, 10_000n, "furniture")))).toMatchObject({
      outcome: "invalid",
      // Not eligible for a rule an officer may override: what the form asks for is their reason (docs/decisions/0026).
      issues: [{ path: ["lines", 0, "overrideReason"], message: "award.overrideNeeded", params: { reason: "This household has already had 1 award from White goods and furniture in the last 365 days, the most one household may have" } }],
    });
    // Someone else may.
    const stranger = await claimed();
    expect((await decideCase(officer, stranger.caseId, approve(line(p.id, 10_000n, "furniture")))).outcome).toBe("decided");
  });

  it("two decisions for one household at once cannot both take a once-a-year pot's award (the household is locked while it is checked and awarded)", async () => {
    const p = await pot({ name: "Once a year, raced", maxAwardsPerHousehold: 1, repeatWindowDays: 365 });
    for (let round = 0; round < 3; round++) {
      const me = person();
      const cases = [await claimed(me), await claimed(me), await claimed(me)];
      const results = await Promise.all(cases.map((c) => decideCase(officer, c.caseId, approve(line(p.id, 5_000n)))));
      expect(results.map((r) => r.outcome).sort()).toEqual(["decided", "invalid", "invalid"]);
      expect(await owner().award.count({ where: { caseId: { in: cases.map((c) => c.caseId) } } })).toBe(1);
    }
  });

  it("50 decisions at once for one household cannot add up past a pot's largest award (each alone fits; together only one does)", async () => {
    const p = await pot({ name: "Largest award, raced", maxSingleAwardPence: 30_000n, repeatWindowDays: 365 });
    const me = person();
    const cases = [];
    for (let i = 0; i < 50; i++) cases.push(await claimed(me));
    const results = await Promise.all(cases.map((c) => decideCase(officer, c.caseId, approve(line(p.id, 20_000n)))));
    expect(results.filter((r) => r.outcome === "decided")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "invalid")).toHaveLength(49);
    const awards = await owner().award.findMany({ where: { potId: p.id } });
    expect(awards.map((a) => a.amountPence)).toEqual([20_000n]);
  }, 120_000);

  it("refuses a pot whose fund's period has ended, for lines the officer commits and lines that would wait", async () => {
    const p = await pot({ name: "Last year's grants" });
    await owner().fund.update({ where: { id: p.fundId }, data: { periodStart: new Date(Date.UTC(2020, 3, 1)), periodEnd: new Date(Date.UTC(2021, 2, 31)) } });
    const { caseId } = await claimed();
    expect(await decideCase(officer, caseId, approve(line(p.id, 5_000n)))).toMatchObject({ outcome: "invalid", issues: [{ path: ["lines", 0, "potId"], message: "potRules.outside-period" }] });
    expect(await decideCase(officer, caseId, approve(line(p.id, 40_000n)))).toMatchObject({ outcome: "invalid", issues: [{ message: "potRules.outside-period" }] });
    expect(await owner().award.count({ where: { caseId } })).toBe(0);
  });

  it("refuses a closed pot, and money a pot does not have for the decision's total (as the ledger's refusal, which pot and what is left)", async () => {
    const closed = await pot({ name: "Closed pot" });
    await owner().pot.update({ where: { id: closed.id }, data: { active: false } });
    const { caseId } = await claimed();
    expect(await decideCase(officer, caseId, approve(line(closed.id, 5_000n)))).toMatchObject({ outcome: "invalid", issues: [{ message: "potRules.inactive" }] });
    const small = await pot({ name: "Small pot", allocatePence: 30_000n });
    const r = await decideCase(officer, caseId, approve(line(small.id, 20_000n), line(small.id, 20_000n, "energy")));
    expect(r).toMatchObject({ outcome: "refused", pot: "Small pot", availablePence: 30_000n });
    expect(await owner().award.count({ where: { caseId } })).toBe(0);
  });
});

describe("approval checks the rules again", () => {
  it("refuses to approve a waiting award when its pot has been closed since, and leaves it waiting", async () => {
    const p = await pot({ name: "Closing pot" });
    const { caseId } = await claimed();
    const [award] = awardsOf(await decideCase(officer, caseId, approve(line(p.id, 30_000n))));
    expect(award!.status).toBe("AWAITING_APPROVAL");
    await owner().pot.update({ where: { id: p.id }, data: { active: false } });
    expect(await approveAward(approver, award!.id)).toMatchObject({ outcome: "rules", problems: [{ code: "ineligible-pot", reasons: [{ code: "inactive" }] }] });
    expect((await owner().award.findUniqueOrThrow({ where: { id: award!.id } })).status).toBe("AWAITING_APPROVAL");
    expect(await balances(p.id)).toMatchObject({ COMMITTED: 0n });
  });

  it("refuses to approve when another award has since filled the household's window", async () => {
    const p = await pot({ name: "Yearly pot" });
    const me = person();
    const first = await claimed(me);
    const [waiting] = awardsOf(await decideCase(officer, first.caseId, approve(line(p.id, 30_000n))));
    const second = await claimed(me);
    expect((await decideCase(officer, second.caseId, approve(line(p.id, 5_000n)))).outcome).toBe("decided");
    // The council makes it once a year per household.
    await owner().pot.update({ where: { id: p.id }, data: { maxAwardsPerHousehold: 1, repeatWindowDays: 365 } });
    expect(await approveAward(approver, waiting!.id)).toMatchObject({ outcome: "rules", problems: [{ reasons: [{ code: "awards-used" }] }] });
    expect((await owner().award.findUniqueOrThrow({ where: { id: waiting!.id } })).status).toBe("AWAITING_APPROVAL");
  });

  it("refuses to approve from a fund whose period has ended since", async () => {
    const p = await pot({ name: "Ending fund pot" });
    const { caseId } = await claimed();
    const [award] = awardsOf(await decideCase(officer, caseId, approve(line(p.id, 30_000n))));
    const yesterday = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await owner().fund.update({ where: { id: p.fundId }, data: { periodEnd: yesterday } });
    expect(await approveAward(approver, award!.id)).toMatchObject({ outcome: "rules", problems: [{ reasons: [{ code: "outside-period" }] }] });
  });
});

describe("the decision form's pots", () => {
  it("offers only the pots eligible for this case's household; the others keep their reasons; nobody outside casework sees them", async () => {
    const org = await createOrganisation(owner(), council.id, { name: "Form partner" });
    const open = await pot({ name: "Form: open to all" });
    const partner = await pot({ name: "Form: partner only", ownerOrganisationId: org.id, accessRoutes: ["REFERRAL"] });
    const yearly = await pot({ name: "Form: once a year", maxAwardsPerHousehold: 1, repeatWindowDays: 365 });
    const me = person();
    const first = await claimed(me);
    expect((await decideCase(officer, first.caseId, approve(line(yearly.id, 5_000n)))).outcome).toBe("decided");
    const { caseId } = await claimed(me);
    const offered = (await eligiblePotsForCase(officer, caseId)).map((p) => p.id);
    expect(offered).toContain(open.id);
    expect(offered).not.toContain(partner.id);
    expect(offered).not.toContain(yearly.id);
    const all = (await potChoicesForCase(officer, caseId))!;
    expect(all.find((p) => p.id === partner.id)!.verdict).toMatchObject({ eligible: false, reasons: [{ code: "route" }, { code: "organisation" }] });
    expect(all.find((p) => p.id === yearly.id)!.verdict).toMatchObject({ eligible: false, reasons: [{ code: "awards-used" }] });
    // The partner's own referral is offered its pot.
    const referred = await claimed(person(), { channel: "REFERRAL_PORTAL", organisationId: org.id });
    expect((await eligiblePotsForCase(officer, referred.caseId)).map((p) => p.id)).toContain(partner.id);
    const manager = await caseActor(council, "MANAGER", "Mo Manager");
    expect(await potChoicesForCase(manager, caseId)).toBeNull();
    expect(await eligiblePotsForCase(manager, caseId)).toEqual([]);
  });

  it("reads the household as the officer corrected it (the latest correction of a field wins), with each pot's money and fund", async () => {
    const disability = await pot({ name: "Form: disability only", eligibleHouseholdTypes: ["disability"], maxSingleAwardPence: 40_000n });
    const { caseId } = await claimed();
    const choice = async () => (await potChoicesForCase(officer, caseId))!.find((p) => p.id === disability.id)!;
    expect(await choice()).toMatchObject({ name: "Form: disability only", availablePence: 1_000_000n, maxSingleAwardPence: 40_000n, verdict: { eligible: false, reasons: [{ code: "household-type" }] } });
    expect((await choice()).fundName).toMatch(/^Fund /);
    const amend = (value: boolean) => amendApplication(officer, caseId, { field: "household.disabilityOrIllness", value, reason: "Told us on the phone" });
    expect((await amend(true)).outcome).toBe("amended");
    expect((await choice()).verdict).toMatchObject({ eligible: true });
    expect((await amend(false)).outcome).toBe("amended");
    expect((await choice()).verdict).toMatchObject({ eligible: false, reasons: [{ code: "household-type" }] });
    expect((await amend(true)).outcome).toBe("amended");
    expect((await eligiblePotsForCase(officer, caseId)).map((p) => p.id)).toContain(disability.id);
  });
});
