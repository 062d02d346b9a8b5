// The facts the pure pot rules read (lib/awards/pot-rules.ts), for the unit tests of the rules
// (pot-rules.test.ts) and of issue 18's eligibility rules (eligibility-rules.test.ts): one pot
// with no rules set and money in it, in a fund open today.
import type { TPotFacts } from "@/lib/awards/pot-rules";

export const NOW = new Date("2026-12-06T10:00:00Z");
export const TODAY = "2026-12-06";
export const DAY = 24 * 60 * 60 * 1000;

/** A pot with no rules set and £10,000 available; `over` replaces its facts, `fund` its fund's. */
export const potFacts = (over: Partial<TPotFacts> = {}, fund: Partial<TPotFacts["fund"]> = {}): TPotFacts => ({
  id: "p1",
  name: "Hardship grants",
  active: true,
  eligibleNeeds: [],
  eligibleHouseholdTypes: [],
  accessRoutes: [],
  ownerOrganisationId: null,
  maxSingleAwardPence: null,
  maxAwardsPerHousehold: null,
  repeatWindowDays: null,
  availablePence: 1_000_000n,
  ...over,
  fund: { status: "ACTIVE", periodStart: "2026-04-01", periodEnd: "2027-03-31", ...over.fund, ...fund },
});
