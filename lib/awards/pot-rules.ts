// Every rule a pot has, in one place: whether a pot may pay this household at all, and whether
// these proposed lines may go out from it. Pure: the caller (lib/awards/award-checks.ts) loads
// the facts in its own transaction; every way money can go out (an officer's decision, an
// approval, and the direct awards, API and payment batches to come) runs this same check.
// docs/decisions/0017-pot-rules-and-household-limits.md.
//
// Totals are per household per pot: the lines of this decision from a pot plus the household's
// standing awards from it within the pot's repeat window may not exceed the pot's largest award;
// each line is one award, so a once-a-year pot refuses a second line as it refuses a second case.
import type { TAccessRoute } from "@/lib/vocabulary";
import { formatDate } from "@/lib/dates";
import { messagesFor } from "@/lib/i18n/catalogues";
import { translate } from "@/lib/i18n/translate";
import { formatPence } from "@/lib/money";

export type TPotFacts = {
  id: string;
  name: string;
  active: boolean;
  eligibleNeeds: readonly string[];
  eligibleHouseholdTypes: readonly string[];
  accessRoutes: readonly string[];
  ownerOrganisationId: string | null;
  maxSingleAwardPence: bigint | null;
  maxAwardsPerHousehold: number | null;
  repeatWindowDays: number | null;
  /** The pot's AVAILABLE balance now. */
  availablePence: bigint;
  fund: { status: string; periodStart: string; periodEnd: string };
};

export type THouseholdFacts = {
  /** lib/vocabulary HOUSEHOLD_TYPES that describe the household (several may). */
  householdTypes: readonly string[];
  /** The route the application came by (lib/vocabulary ACCESS_ROUTE_OF_CHANNEL). */
  accessRoute: TAccessRoute;
  /** The partner organisation that referred the case, if any. */
  organisationId: string | null;
};

/** A standing award (approved or waiting, not cancelled) to the same household, on another case or this one (sameCase). */
export type TEarlierAward = { id: string; potId: string; amountPence: bigint; at: Date; sameCase: boolean };

export type TProposedLine = { potId: string; needCategory: string; amountPence: bigint };

export const POT_REASON_CODES = ["inactive", "fund-closed", "outside-period", "household-type", "route", "organisation", "no-money", "awards-used", "maximum-reached"] as const;
export type TPotReasonCode = (typeof POT_REASON_CODES)[number];

export type TPotReason = { code: TPotReasonCode; facts: TRuleFacts };
export type TPotVerdict = { eligible: true } | { eligible: false; reasons: TPotReason[] };

export type TRuleFacts = {
  pot: string;
  periodStart?: string;
  periodEnd?: string;
  route?: string;
  maxPence?: bigint;
  totalPence?: bigint;
  earlierPence?: bigint;
  maxAwards?: number;
  count?: number;
  days?: number | null;
  availablePence?: bigint;
};

export type TLineProblemCode = "unknown-pot" | "ineligible-pot" | "need" | "household-maximum" | "too-many-awards";
export type TLineProblem = { line: number; field: "potId" | "needCategory" | "amountPence"; code: TLineProblemCode; reasons?: TPotReason[]; facts?: TRuleFacts };

/** Not enough money left in a pot for what this check would take from it. */
export type TMoneyShort = { potId: string; pot: string; availablePence: bigint; totalPence: bigint };

export type TLinesCheck = { ok: boolean; pots: Record<string, TPotVerdict>; problems: TLineProblem[]; short: TMoneyShort | null };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The household's standing awards from the pot that count now: within its repeat window (all of them when it has none). */
export function awardsInWindow(pot: Pick<TPotFacts, "id" | "repeatWindowDays">, earlier: readonly TEarlierAward[], now: Date): TEarlierAward[] {
  const from = pot.repeatWindowDays === null ? null : now.getTime() - pot.repeatWindowDays * DAY_MS;
  return earlier.filter((a) => a.potId === pot.id && (from === null || a.at.getTime() > from));
}

/**
 * Whether the pot may pay this household at all, today: the rules that do not depend on the
 * amounts (what the decision form uses to offer pots). `earlier` are the household's standing
 * awards; a pot whose count or maximum they already use up is not eligible either.
 */
export function potVerdict(pot: TPotFacts, household: THouseholdFacts, earlier: readonly TEarlierAward[], today: string, now: Date): TPotVerdict {
  const reasons: TPotReason[] = [];
  const f = { pot: pot.name };
  if (!pot.active) reasons.push({ code: "inactive", facts: f });
  if (pot.fund.status !== "ACTIVE") reasons.push({ code: "fund-closed", facts: f });
  else if (today < pot.fund.periodStart || today > pot.fund.periodEnd) reasons.push({ code: "outside-period", facts: { ...f, periodStart: pot.fund.periodStart, periodEnd: pot.fund.periodEnd } });
  if (pot.eligibleHouseholdTypes.length && !household.householdTypes.some((t) => pot.eligibleHouseholdTypes.includes(t))) reasons.push({ code: "household-type", facts: f });
  if (pot.accessRoutes.length && !pot.accessRoutes.includes(household.accessRoute)) reasons.push({ code: "route", facts: { ...f, route: household.accessRoute } });
  // A partner's direct-award allowance pays only the households that partner referred.
  if (pot.ownerOrganisationId && pot.ownerOrganisationId !== household.organisationId) reasons.push({ code: "organisation", facts: f });
  if (pot.availablePence <= 0n) reasons.push({ code: "no-money", facts: { ...f, availablePence: pot.availablePence } });
  const counted = awardsInWindow(pot, earlier, now);
  if (pot.maxAwardsPerHousehold !== null && counted.length >= pot.maxAwardsPerHousehold)
    reasons.push({ code: "awards-used", facts: { ...f, maxAwards: pot.maxAwardsPerHousehold, count: counted.length, days: pot.repeatWindowDays } });
  const earlierPence = sum(counted.map((a) => a.amountPence));
  if (pot.maxSingleAwardPence !== null && pot.repeatWindowDays !== null && earlierPence >= pot.maxSingleAwardPence)
    reasons.push({ code: "maximum-reached", facts: { ...f, maxPence: pot.maxSingleAwardPence, earlierPence, days: pot.repeatWindowDays } });
  return reasons.length ? { eligible: false, reasons } : { eligible: true };
}

/**
 * Whether these lines may go out to this household: each pot's verdict, then per pot the
 * household's total (this decision's lines plus its standing awards within the window) against
 * the largest award, the number of awards against the pot's limit, and the money left against
 * the total. Problems name the line and the field they belong on. `earlier` must not include
 * the lines themselves.
 */
export function checkLines(input: { pots: readonly TPotFacts[]; household: THouseholdFacts; earlier: readonly TEarlierAward[]; lines: readonly TProposedLine[]; today: string; now: Date }): TLinesCheck {
  const { household, earlier, lines, today, now } = input;
  const byId = new Map(input.pots.map((p) => [p.id, p]));
  const pots: Record<string, TPotVerdict> = {};
  const problems: TLineProblem[] = [];
  let short: TMoneyShort | null = null;
  for (const pot of input.pots) pots[pot.id] = potVerdict(pot, household, earlier, today, now);
  const runningTotal = new Map<string, bigint>();
  const runningCount = new Map<string, number>();
  const flagged = new Set<string>();
  lines.forEach((l, i) => {
    const pot = byId.get(l.potId);
    if (!pot) return problems.push({ line: i, field: "potId", code: "unknown-pot" });
    const verdict = pots[pot.id]!;
    // Money is judged once for the pot's whole total below; the other reasons stop the line here.
    const blocking = verdict.eligible ? [] : verdict.reasons.filter((r) => r.code !== "no-money");
    if (blocking.length) return problems.push({ line: i, field: "potId", code: "ineligible-pot", reasons: blocking });
    if (pot.eligibleNeeds.length && !pot.eligibleNeeds.includes(l.needCategory)) return problems.push({ line: i, field: "needCategory", code: "need" });
    const counted = awardsInWindow(pot, earlier, now);
    const count = (runningCount.get(pot.id) ?? counted.length) + 1;
    runningCount.set(pot.id, count);
    if (pot.maxAwardsPerHousehold !== null && count > pot.maxAwardsPerHousehold && !flagged.has(`count:${pot.id}`)) {
      flagged.add(`count:${pot.id}`);
      problems.push({ line: i, field: "potId", code: "too-many-awards", facts: { pot: pot.name, maxAwards: pot.maxAwardsPerHousehold, count: counted.length, days: pot.repeatWindowDays } });
    }
    // Without a repeat window the largest award bounds one decision: only this case's own standing lines count.
    const earlierPence = sum(counted.filter((a) => pot.repeatWindowDays !== null || a.sameCase).map((a) => a.amountPence));
    const total = (runningTotal.get(pot.id) ?? 0n) + l.amountPence;
    runningTotal.set(pot.id, total);
    if (pot.maxSingleAwardPence !== null && earlierPence + total > pot.maxSingleAwardPence && !flagged.has(`max:${pot.id}`)) {
      flagged.add(`max:${pot.id}`);
      const decisionTotal = sum(lines.filter((x) => x.potId === pot.id).map((x) => x.amountPence));
      problems.push({ line: i, field: "amountPence", code: "household-maximum", facts: { pot: pot.name, maxPence: pot.maxSingleAwardPence, totalPence: decisionTotal, earlierPence, days: pot.repeatWindowDays } });
    }
  });
  for (const [potId, total] of runningTotal) {
    const pot = byId.get(potId)!;
    if (!short && total > pot.availablePence) short = { potId, pot: pot.name, availablePence: pot.availablePence, totalPence: total };
  }
  return { ok: !problems.length && !short, pots, problems, short };
}

/** A pot reason or line problem as a message key (staff catalogue, messages/en/staff.json `errors`) and its words' values. */
export function ruleMessage(problem: { code: TPotReasonCode | TLineProblemCode; facts?: TRuleFacts; reasons?: TPotReason[] }): { key: string; params: Record<string, string> } {
  if (problem.code === "ineligible-pot" && problem.reasons?.[0]) return ruleMessage(problem.reasons[0]);
  const f = problem.facts ?? { pot: "" };
  const days = f.days === null || f.days === undefined ? "" : String(f.days);
  const params: Record<string, string> = {
    pot: f.pot,
    ...(f.periodStart ? { periodStart: longDate(f.periodStart), periodEnd: longDate(f.periodEnd ?? f.periodStart) } : {}),
    ...(f.route ? { route: (routeWords[f.route] ?? f.route).toLowerCase() } : {}),
    ...(f.maxPence !== undefined ? { max: formatPence(f.maxPence) } : {}),
    ...(f.totalPence !== undefined ? { total: formatPence(f.totalPence) } : {}),
    ...(f.earlierPence !== undefined ? { earlier: formatPence(f.earlierPence) } : {}),
    ...(f.maxAwards !== undefined ? { maxAwards: awards(f.maxAwards) } : {}),
    ...(f.count !== undefined ? { count: awards(f.count) } : {}),
    ...(f.availablePence !== undefined ? { available: formatPence(f.availablePence) } : {}),
    days,
  };
  const withWindow = days ? "Window" : "";
  switch (problem.code) {
    case "unknown-pot":
      return { key: "award.pot", params };
    case "need":
      return { key: "award.needNotInPot", params };
    case "household-maximum":
      return { key: f.earlierPence ? "award.overPotMaximumEarlier" : "award.overPotMaximum", params };
    case "too-many-awards":
      return { key: f.count ? `potRules.tooManyAwardsEarlier${withWindow}` : "potRules.tooManyAwards", params };
    case "awards-used":
      return { key: `potRules.awards-used${withWindow}`, params };
    default:
      return { key: `potRules.${problem.code}`, params };
  }
}

// Staff pages are in English.
const staffEn = messagesFor("en");
const routeWords: Record<string, string> = staffEn.vocabulary.accessRoutes;
const awards = (count: number) => translate("en", staffEn, "casework.counts.awards", { count });
const longDate = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));

function sum(values: readonly bigint[]): bigint {
  return values.reduce((s, v) => s + v, 0n);
}
