// The pure pot rules and the officer's limit per household (lib/awards/pot-rules.ts, policy.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { householdTypesOf } from "@/lib/applications/policy";
import { linesAwaitingApproval } from "@/lib/awards/policy";
import { checkLines, potVerdict, ruleMessage, type TEarlierAward, type THouseholdFacts, type TPotFacts } from "@/lib/awards/pot-rules";
import { errorText, errorWords, format } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { DAY, NOW, TODAY, potFacts as pot } from "../support/pot-facts";

const online: THouseholdFacts = { householdTypes: ["families-with-children"], accessRoute: "APPLICATION", organisationId: null };
const line = (amountPence: bigint, potId = "p1", needCategory = "food") => ({ potId, needCategory, amountPence });
const earlier = (amountPence: bigint, daysAgo: number, over: Partial<TEarlierAward> = {}): TEarlierAward => ({ id: `e${daysAgo}`, potId: "p1", amountPence, at: new Date(NOW.getTime() - daysAgo * DAY), sameCase: false, ...over });
const check = (p: TPotFacts, lines: ReturnType<typeof line>[], before: TEarlierAward[] = [], household = online) => checkLines({ pots: [p], household, earlier: before, lines, today: TODAY, now: NOW });

describe("a pot's verdict for a household", () => {
  it("is eligible when nothing stands in the way", () => {
    expect(potVerdict(pot(), online, [], TODAY, NOW)).toEqual({ eligible: true });
  });

  it("says every reason a pot is not eligible, with its facts", () => {
    const partner = pot({ active: false, ownerOrganisationId: "org", accessRoutes: ["REFERRAL"], eligibleHouseholdTypes: ["pension-age"], fund: { status: "ACTIVE", periodStart: "2025-04-01", periodEnd: "2026-03-31" }, availablePence: 0n });
    const v = potVerdict(partner, online, [], TODAY, NOW);
    expect(v.eligible).toBe(false);
    expect(v.eligible === false && v.reasons.map((r) => r.code)).toEqual(["inactive", "outside-period", "household-type", "route", "organisation", "no-money"]);
    expect(v.eligible === false && v.reasons[1]!.facts).toMatchObject({ periodStart: "2025-04-01", periodEnd: "2026-03-31" });
  });

  it("a partner's pot pays the households that partner referred, by the referral route", () => {
    const partner = pot({ ownerOrganisationId: "org", accessRoutes: ["REFERRAL"] });
    expect(potVerdict(partner, { ...online, accessRoute: "REFERRAL", organisationId: "org" }, [], TODAY, NOW)).toEqual({ eligible: true });
    expect(potVerdict(partner, { ...online, accessRoute: "REFERRAL", organisationId: "other" }, [], TODAY, NOW)).toMatchObject({ eligible: false, reasons: [{ code: "organisation" }] });
  });

  it("a closed fund, and a pot whose repeat window the household has already used", () => {
    expect(potVerdict(pot({ fund: { status: "CLOSED", periodStart: "2026-04-01", periodEnd: "2027-03-31" } }), online, [], TODAY, NOW)).toMatchObject({ reasons: [{ code: "fund-closed" }] });
    const yearly = pot({ maxAwardsPerHousehold: 1, repeatWindowDays: 365 });
    expect(potVerdict(yearly, online, [earlier(10_000n, 300)], TODAY, NOW)).toMatchObject({ reasons: [{ code: "awards-used", facts: { count: 1, maxAwards: 1, days: 365 } }] });
    expect(potVerdict(yearly, online, [earlier(10_000n, 366)], TODAY, NOW)).toEqual({ eligible: true });
    expect(potVerdict(yearly, online, [earlier(10_000n, 300, { potId: "other" })], TODAY, NOW)).toEqual({ eligible: true });
    const capped = pot({ maxSingleAwardPence: 30_000n, repeatWindowDays: 90 });
    expect(potVerdict(capped, online, [earlier(30_000n, 10)], TODAY, NOW)).toMatchObject({ reasons: [{ code: "maximum-reached" }] });
  });
});

describe("a decision's lines against the pots", () => {
  it("totals per household per pot: three £300.00 lines against a £300.00 largest award fail on the second line", () => {
    const r = check(pot({ maxSingleAwardPence: 30_000n }), [line(30_000n), line(30_000n), line(30_000n)]);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ line: 1, field: "amountPence", code: "household-maximum", facts: { pot: "Hardship grants", maxPence: 30_000n, totalPence: 90_000n, earlierPence: 0n, days: null }, overridable: true }]);
    expect(format(errorText(messagesFor("en"), ruleMessage(r.problems[0]!).key), ruleMessage(r.problems[0]!).params)).toBe("Hardship grants gives at most £300.00 to one household; this decision gives £900.00");
  });

  it("adds the household's earlier awards within the window, not those before it", () => {
    const p = pot({ maxSingleAwardPence: 30_000n, repeatWindowDays: 30 });
    expect(check(p, [line(15_000n)], [earlier(20_000n, 10)]).problems).toMatchObject([{ code: "household-maximum", facts: { earlierPence: 20_000n, totalPence: 15_000n } }]);
    expect(check(p, [line(15_000n)], [earlier(20_000n, 40)]).ok).toBe(true);
  });

  it("without a window the largest award bounds one decision: only this case's own standing lines count", () => {
    const p = pot({ maxSingleAwardPence: 30_000n });
    expect(check(p, [line(15_000n)], [earlier(20_000n, 400)]).ok).toBe(true);
    expect(check(p, [line(15_000n)], [earlier(20_000n, 1, { sameCase: true })]).ok).toBe(false);
  });

  it("each line is one award: a once-a-year pot refuses a second line, and any line after an award in the window", () => {
    const p = pot({ maxAwardsPerHousehold: 1, repeatWindowDays: 365 });
    expect(check(p, [line(100n), line(100n), line(100n)]).problems).toEqual([{ line: 1, field: "potId", code: "too-many-awards", facts: { pot: "Hardship grants", maxAwards: 1, count: 0, days: 365 }, overridable: true }]);
    expect(check(p, [line(100n)], [earlier(100n, 20)]).problems).toMatchObject([{ line: 0, field: "potId", code: "ineligible-pot", reasons: [{ code: "awards-used" }] }]);
    expect(check(pot({ maxAwardsPerHousehold: 2, repeatWindowDays: 365 }), [line(100n), line(100n)], [earlier(100n, 20)]).problems).toMatchObject([{ line: 1, code: "too-many-awards", facts: { count: 1 } }]);
  });

  it("a need the pot does not meet, a pot of another council, and a pot that cannot cover the total", () => {
    expect(check(pot({ eligibleNeeds: ["energy"] }), [line(100n)]).problems).toEqual([{ line: 0, field: "needCategory", code: "need", facts: { pot: "Hardship grants" }, overridable: true }]);
    expect(checkLines({ pots: [], household: online, earlier: [], lines: [line(100n, "nope")], today: TODAY, now: NOW }).problems).toEqual([{ line: 0, field: "potId", code: "unknown-pot" }]);
    const r = check(pot({ availablePence: 30_000n }), [line(20_000n), line(20_000n)]);
    expect(r).toMatchObject({ ok: false, problems: [], short: { potId: "p1", pot: "Hardship grants", availablePence: 30_000n, totalPence: 40_000n } });
  });

  it("every rule code has words in the staff catalogue", () => {
    const en = errorWords(messagesFor("en"));
    const samples = [
      ...(["inactive", "fund-closed", "household-type", "organisation", "no-money", "maximum-reached"] as const).map((code) => ({ code, facts: { pot: "P", maxPence: 1n, earlierPence: 1n, days: 30, availablePence: 0n } })),
      { code: "outside-period" as const, facts: { pot: "P", periodStart: "2025-04-01", periodEnd: "2026-03-31" } },
      { code: "route" as const, facts: { pot: "P", route: "APPLICATION" } },
      { code: "awards-used" as const, facts: { pot: "P", maxAwards: 1, count: 1, days: 365 } },
      { code: "awards-used" as const, facts: { pot: "P", maxAwards: 1, count: 1, days: null } },
      { code: "too-many-awards" as const, facts: { pot: "P", maxAwards: 1, count: 0, days: 365 } },
      { code: "too-many-awards" as const, facts: { pot: "P", maxAwards: 2, count: 1, days: 365 } },
      { code: "too-many-awards" as const, facts: { pot: "P", maxAwards: 2, count: 1, days: null } },
      { code: "household-maximum" as const, facts: { pot: "P", maxPence: 1n, totalPence: 2n, earlierPence: 1n, days: 30 } },
    ];
    for (const s of samples) {
      const { key, params } = ruleMessage(s);
      expect(en[key], key).toBeTypeOf("string");
      expect(format(en[key]!, params), key).not.toMatch(/\{\w+\}/);
    }
    expect(format(en["potRules.outside-period"]!, ruleMessage(samples[6]!).params)).toBe("P can only pay from 1 April 2025 to 31 March 2026");
  });
});

describe("the officer's limit per household per decision", () => {
  it("commits while the running total stays within the limit; from the first line over it, every line waits", () => {
    expect(linesAwaitingApproval([25_000n, 25_000n, 25_000n], 25_000n)).toEqual([false, true, true]);
    expect(linesAwaitingApproval([10_000n, 30_000n], 25_000n)).toEqual([false, true]);
    expect(linesAwaitingApproval([30_000n, 1_000n], 25_000n)).toEqual([true, true]);
  });

  it("a line that must wait (an overridden pot rule, an application the officer entered) waits whatever its amount, and still counts towards the total", () => {
    expect(linesAwaitingApproval([1_000n, 1_000n], 25_000n, { mustWait: [true, false] })).toEqual([true, false]);
    expect(linesAwaitingApproval([20_000n, 10_000n], 25_000n, { mustWait: [true, false] })).toEqual([true, true]);
    expect(linesAwaitingApproval([1_000n, 1_000n], 25_000n, { mustWait: [true, true] })).toEqual([true, true]);
  });

  it("property: no set of lines commits more than the limit without a second person, and nothing waits while the total is within it", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 100_000_00n }), { minLength: 1, maxLength: 6 }), fc.bigInt({ min: 0n, max: 100_000_00n }), (amounts, limit) => {
        const waits = linesAwaitingApproval(amounts, limit);
        const committed = amounts.filter((_, i) => !waits[i]).reduce((s, a) => s + a, 0n);
        expect(committed <= limit).toBe(true);
        // Once a line waits, every later one does (no small line slips in after a large one).
        expect(waits.indexOf(true) === -1 || waits.slice(waits.indexOf(true)).every(Boolean)).toBe(true);
        if (amounts.reduce((s, a) => s + a, 0n) <= limit) expect(waits.every((w) => !w)).toBe(true);
      }),
    );
  });

  it("property: the pot's largest award is never exceeded for a household by lines that pass", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 50_000n }), { minLength: 1, maxLength: 5 }), fc.array(fc.tuple(fc.bigInt({ min: 1n, max: 50_000n }), fc.integer({ min: 0, max: 200 })), { maxLength: 4 }), fc.bigInt({ min: 1n, max: 100_000n }), (amounts, before, max) => {
        const p = pot({ maxSingleAwardPence: max, repeatWindowDays: 90 });
        const history = before.map(([a, d], i) => earlier(a, d, { id: `h${i}` }));
        const r = check(p, amounts.map((a) => line(a)), history);
        const inWindow = history.filter((h) => h.at.getTime() > NOW.getTime() - 90 * DAY).reduce((s, h) => s + h.amountPence, 0n);
        const total = amounts.reduce((s, a) => s + a, 0n);
        expect(r.ok).toBe(inWindow + total <= max);
      }),
    );
  });
});

describe("household types from the application's answers", () => {
  const answers = (household: Partial<{ adults: number; children: number; pregnant: boolean; overPensionAge: boolean; disabilityOrIllness: boolean }>, nrpf = "no") => ({
    household: { adults: 1, children: 0, pregnant: false, overPensionAge: false, disabilityOrIllness: false, ...household },
    income: { noRecourseToPublicFunds: nrpf },
  });
  it("a household may be several kinds", () => {
    expect(householdTypesOf(answers({ children: 2, pregnant: true }))).toEqual(["families-with-children", "pregnancy"]);
    expect(householdTypesOf(answers({ overPensionAge: true, disabilityOrIllness: true }, "yes"))).toEqual(["single-adults", "pension-age", "disability", "no-recourse"]);
    // No household answers: no type is guessed, so a pot for some household types is not offered.
    expect(householdTypesOf({})).toEqual([]);
    expect(householdTypesOf({ household: {} })).toEqual(["single-adults"]);
  });
});
