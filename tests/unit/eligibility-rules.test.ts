// The eligibility rules issue 18 adds to the one pot-rules module (lib/awards/pot-rules.ts): no
// recourse to public funds, Crisis and Resilience Fund Housing Payment, and which rules an officer
// may override with a reason (docs/decisions/0026-eligibility-nrpf-housing-payment-and-overrides.md).
import { describe, expect, it } from "vitest";
import { linesAwaitingApproval } from "@/lib/awards/policy";
import { checkLines, isOverridable, OVERRIDABLE, overridableVerdict, potVerdict, POT_REASON_CODES, ruleText, type TEarlierAward, type THouseholdFacts, type TPotFacts } from "@/lib/awards/pot-rules";
import { BENEFITS } from "@/lib/applications/step-fields";
import { ZIncome } from "@/lib/applications/schemas";
import { amendmentValueOf } from "@/lib/cases/forms";
import { ZNewFund, ZNewPot } from "@/lib/funds/schemas";
import { messagesFor } from "@/lib/i18n/catalogues";
import { DAY, NOW, TODAY, potFacts as pot } from "../support/pot-facts";

const household = (over: Partial<THouseholdFacts> = {}): THouseholdFacts => ({ householdTypes: ["single-adults"], accessRoute: "APPLICATION", organisationId: null, noRecourseToPublicFunds: "no", benefits: ["universal-credit"], ...over });
const verdict = (p: TPotFacts, h: THouseholdFacts, earlier: TEarlierAward[] = []) => potVerdict(p, h, earlier, TODAY, NOW);
const codes = (v: ReturnType<typeof verdict>) => (v.eligible ? [] : v.reasons.map((r) => r.code));

describe("no recourse to public funds", () => {
  const publicFund = pot();
  const notPublic = pot({}, { publicFunds: false });
  it("'yes' may be paid only from a fund that is not public funds", () => {
    expect(codes(verdict(publicFund, household({ noRecourseToPublicFunds: "yes" })))).toEqual(["public-funds"]);
    expect(verdict(notPublic, household({ noRecourseToPublicFunds: "yes" }))).toEqual({ eligible: true });
  });
  it("'no' may be paid from either", () => {
    expect(verdict(publicFund, household({ noRecourseToPublicFunds: "no" }))).toEqual({ eligible: true });
    expect(verdict(notPublic, household({ noRecourseToPublicFunds: "no" }))).toEqual({ eligible: true });
  });
  it("'not sure' is eligible, with a warning on public funds only", () => {
    expect(verdict(publicFund, household({ noRecourseToPublicFunds: "not-sure" }))).toEqual({ eligible: true, warnings: [{ code: "public-funds-unsure", facts: { pot: "Hardship grants" } }] });
    expect(verdict(notPublic, household({ noRecourseToPublicFunds: "not-sure" }))).toEqual({ eligible: true });
  });
  it("an application that never asked is treated as 'no'; a fund without the flag is public funds", () => {
    expect(verdict(publicFund, household({ noRecourseToPublicFunds: undefined }))).toEqual({ eligible: true });
    expect(verdict(pot({}, { publicFunds: undefined }), household({ noRecourseToPublicFunds: "yes" }))).toMatchObject({ eligible: false });
  });
});

describe("Crisis and Resilience Fund Housing Payment", () => {
  const housing = pot({ housingPayment: true, name: "Housing Payment" });
  it("pays a household getting Housing Benefit", () => {
    expect(verdict(housing, household({ benefits: ["housing-benefit", "pip"] }))).toEqual({ eligible: true });
  });
  it("pays a household getting Universal Credit with housing costs", () => {
    expect(verdict(housing, household({ benefits: ["universal-credit", "uc-housing-costs"] }))).toEqual({ eligible: true });
  });
  it("does not pay Universal Credit without housing costs, no benefits, or an application that never asked", () => {
    expect(codes(verdict(housing, household({ benefits: ["universal-credit"] })))).toEqual(["housing-payment"]);
    expect(codes(verdict(housing, household({ benefits: ["none"] })))).toEqual(["housing-payment"]);
    expect(codes(verdict(housing, household({ benefits: null })))).toEqual(["housing-payment"]);
  });
  it("a pot that is not a Housing Payment does not look at benefits", () => {
    expect(verdict(pot(), household({ benefits: null }))).toEqual({ eligible: true });
  });
  it("the application offers UC housing costs and old answers stay valid", () => {
    expect(BENEFITS).toContain("uc-housing-costs");
    expect(ZIncome.safeParse({ employment: "unemployed", benefits: ["universal-credit", "housing-benefit"], noRecourseToPublicFunds: "no" }).success).toBe(true);
    expect(ZIncome.safeParse({ employment: "unemployed", benefits: ["uc-housing-costs"], noRecourseToPublicFunds: "not-sure" }).success).toBe(true);
    for (const l of ["en", "tr", "pl", "es", "fr", "bn", "yi"] as const) expect(messagesFor(l).steps.benefits.fields.benefits.options["uc-housing-costs"], l).toBeTruthy();
  });
  it("officers may correct the answers the rules read", () => {
    expect(amendmentValueOf("income.benefits", "housing-benefit, pip")).toEqual(["housing-benefit", "pip"]);
    expect(amendmentValueOf("income.noRecourseToPublicFunds", "Not sure")).toBe("not-sure");
  });
});

describe("overrides", () => {
  const line = (over: Partial<{ potId: string; needCategory: string; amountPence: bigint; overrides: readonly string[] }> = {}) => ({ potId: "p1", needCategory: "food", amountPence: 5_000n, ...over });
  const run = (p: TPotFacts, lines: ReturnType<typeof line>[], h = household(), earlier: TEarlierAward[] = []) => checkLines({ pots: [p], household: h, earlier, lines, today: TODAY, now: NOW });

  it("policy rules may be overridden; money, the fund, a closed pot and another organisation's allowance never", () => {
    expect([...OVERRIDABLE].sort()).toEqual(["awards-used", "household-maximum", "household-type", "housing-payment", "maximum-reached", "need", "public-funds", "route", "too-many-awards"]);
    for (const never of ["inactive", "fund-closed", "outside-period", "organisation", "no-money", "unknown-pot"]) expect(isOverridable(never), never).toBe(false);
    for (const code of POT_REASON_CODES) expect(ruleText({ code, facts: { pot: "P", periodStart: "2026-04-01", periodEnd: "2027-03-31", route: "REFERRAL", maxPence: 1n, earlierPence: 1n, count: 1, maxAwards: 1, days: 30, availablePence: 0n } })).not.toMatch(/^potRules\./);
  });

  it("an ineligible pot is refused without an override, accepted with one, and the rules overridden are named", () => {
    const nrpfOnly = pot({ eligibleHouseholdTypes: ["no-recourse"], housingPayment: true });
    const without = run(nrpfOnly, [line()]);
    expect(without.problems).toMatchObject([{ line: 0, code: "ineligible-pot", overridable: true, reasons: [{ code: "household-type" }, { code: "housing-payment" }] }]);
    const withIt = run(nrpfOnly, [line({ overrides: OVERRIDABLE })]);
    expect(withIt.ok).toBe(true);
    expect(withIt.overridden).toEqual([["household-type", "housing-payment"]]);
    // An approval accepts exactly the rules recorded, and no others.
    expect(run(nrpfOnly, [line({ overrides: ["household-type", "housing-payment"] })]).ok).toBe(true);
    expect(run(nrpfOnly, [line({ overrides: ["household-type"] })]).problems).toMatchObject([{ code: "ineligible-pot", reasons: [{ code: "housing-payment" }] }]);
  });

  it("the need, the count and the largest award may be overridden", () => {
    const strict = pot({ eligibleNeeds: ["energy"], maxAwardsPerHousehold: 1, repeatWindowDays: 365, maxSingleAwardPence: 10_000n });
    const before = [{ id: "e", potId: "p1", amountPence: 10_000n, at: new Date(NOW.getTime() - 10 * DAY), sameCase: false }];
    expect(run(strict, [line()], household(), before).problems.map((p) => p.overridable)).toEqual([true]);
    const r = run(strict, [line({ overrides: OVERRIDABLE })], household(), before);
    expect(r.ok).toBe(true);
    expect(r.overridden[0]).toEqual(expect.arrayContaining(["awards-used", "maximum-reached", "need"]));
    // Seen within a decision (too-many-awards, household-maximum) the same rule recorded at decision time is accepted at approval.
    const fresh = run(pot({ maxSingleAwardPence: 10_000n }), [line({ amountPence: 20_000n, overrides: ["maximum-reached"] })]);
    expect(fresh.ok).toBe(true);
    expect(fresh.overridden).toEqual([["household-maximum"]]);
  });

  it("a rule that may not be overridden still refuses the line, even with a reason", () => {
    const closed = run(pot({ active: false, eligibleHouseholdTypes: ["pregnancy"] }), [line({ overrides: OVERRIDABLE })]);
    expect(closed.problems).toMatchObject([{ code: "ineligible-pot", overridable: false, reasons: [{ code: "inactive" }] }]);
    const partner = run(pot({ ownerOrganisationId: "org" }), [line({ overrides: OVERRIDABLE })]);
    expect(partner.problems).toMatchObject([{ reasons: [{ code: "organisation" }] }]);
    const outside = run(pot({}, { periodEnd: "2026-11-30" }), [line({ overrides: OVERRIDABLE })]);
    expect(outside.problems).toMatchObject([{ reasons: [{ code: "outside-period" }] }]);
    const broke = run(pot({ availablePence: 1_000n, eligibleHouseholdTypes: ["pregnancy"] }), [line({ overrides: OVERRIDABLE })]);
    expect(broke.ok).toBe(false);
    expect(broke.short).toMatchObject({ availablePence: 1_000n, totalPence: 5_000n });
  });

  it("the decision form may offer a pot ineligible only for overridable rules", () => {
    expect(overridableVerdict(verdict(pot({ housingPayment: true }), household({ benefits: null })))).toBe(true);
    expect(overridableVerdict(verdict(pot({ housingPayment: true, active: false }), household({ benefits: null })))).toBe(false);
    expect(overridableVerdict(verdict(pot(), household()))).toBe(false);
  });

  it("an overridden line waits for an approver whatever its amount, and still counts towards the limit", () => {
    expect(linesAwaitingApproval([100n], 25_000n, { mustWait: [true] })).toEqual([true]);
    expect(linesAwaitingApproval([100n, 100n], 25_000n, { mustWait: [true, false] })).toEqual([true, false]);
    expect(linesAwaitingApproval([24_950n, 100n], 25_000n, { mustWait: [true, false] })).toEqual([true, true]);
  });
});

describe("the fund and pot forms", () => {
  const ID = "11111111-1111-4111-8111-111111111111";
  const fund = { idempotencyKey: ID, name: "NRPF hardship", funder: "The council", allocation: "1000", adminCap: "", "periodStart-day": "1", "periodStart-month": "4", "periodStart-year": "2026", "periodEnd-day": "31", "periodEnd-month": "3", "periodEnd-year": "2027" };
  it("a fund is public funds unless the manager says it is not", () => {
    expect(ZNewFund.parse(fund).fund.publicFunds).toBe(true);
    expect(ZNewFund.parse({ ...fund, publicFunds: "no" }).fund.publicFunds).toBe(false);
    expect(ZNewFund.parse({ ...fund, publicFunds: "yes" }).fund.publicFunds).toBe(true);
  });
  it("a pot is a Housing Payment when its box is ticked", () => {
    expect(ZNewPot.parse({ fundId: ID, idempotencyKey: ID, name: "Housing Payments" }).rules.housingPayment).toBe(false);
    expect(ZNewPot.parse({ fundId: ID, idempotencyKey: ID, name: "Housing Payments", "housingPayment-yes": "yes" }).rules.housingPayment).toBe(true);
  });
});
