// Every rule a pot has, in one place: whether a pot may pay this household at all, and whether
// these proposed lines may go out from it. Pure: the caller (lib/awards/award-checks.ts) loads
// the facts in its own transaction; every way money can go out (an officer's decision, an
// approval, and the direct awards, API and payment batches to come) runs this same check.
// docs/decisions/0017-pot-rules-and-household-limits.md.
//
// Totals are per household per pot: the lines of this decision from a pot plus the household's
// standing awards from it within the pot's repeat window may not exceed the pot's largest award;
// each line is one award, so a once-a-year pot refuses a second line as it refuses a second case.
//
// An officer may override the policy rules (OVERRIDABLE) with a reason; the line then waits for
// an approver, and the approval accepts those rules again and nothing else. Money, the fund's
// state and period, a closed pot and a partner's allowance are never overridden.
// docs/decisions/0026-eligibility-nrpf-housing-payment-and-overrides.md.
import type { TAccessRoute } from "@/lib/vocabulary";
import { formatDate } from "@/lib/dates";
import { errorText, format } from "@/lib/i18n";
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
  /** A Crisis and Resilience Fund Housing Payment pot: only households getting Housing Benefit or UC with housing costs. */
  housingPayment?: boolean;
  /** publicFunds false: the fund's money is not public funds, so it may pay people with no recourse to them (absent: public funds). */
  fund: { status: string; periodStart: string; periodEnd: string; publicFunds?: boolean };
};

export type THouseholdFacts = {
  /** lib/vocabulary HOUSEHOLD_TYPES that describe the household (several may). */
  householdTypes: readonly string[];
  /** The route the application came by (lib/vocabulary ACCESS_ROUTE_OF_CHANNEL). */
  accessRoute: TAccessRoute;
  /** The partner organisation that referred the case, if any. */
  organisationId: string | null;
  /** The answer to "no recourse to public funds" (yes / no / not-sure), as corrected; absent: not asked. */
  noRecourseToPublicFunds?: string | null;
  /** The benefits the household gets (lib/applications/step-fields BENEFITS), as corrected; absent: not asked. */
  benefits?: readonly string[] | null;
};

/** A standing award (approved or waiting, not cancelled) to the same household, on another case or this one (sameCase). */
export type TEarlierAward = { id: string; potId: string; amountPence: bigint; at: Date; sameCase: boolean };

/**
 * overrides: the rules an officer overrode for this line with a reason (for a decision, every
 * OVERRIDABLE one; for an approval, those recorded on the award): they do not stop the line.
 */
export type TProposedLine = { potId: string; needCategory: string; amountPence: bigint; overrides?: readonly string[] };

export const POT_REASON_CODES = ["inactive", "fund-closed", "outside-period", "household-type", "route", "organisation", "public-funds", "housing-payment", "no-money", "awards-used", "maximum-reached"] as const;
export type TPotReasonCode = (typeof POT_REASON_CODES)[number];

export type TPotReason = { code: TPotReasonCode; facts: TRuleFacts };
/** warnings: an eligible pot the officer should check first (the resident is not sure about no recourse to public funds). */
export type TPotVerdict = { eligible: true; warnings?: TPotWarning[] } | { eligible: false; reasons: TPotReason[] };
export type TPotWarning = { code: "public-funds-unsure"; facts: TRuleFacts };

/**
 * The rules an officer may override with a reason (policy: who a pot is for, how often and how
 * much), pot reasons and line problems alike. Never: no money, a closed pot or fund, outside the
 * fund's period, another organisation's allowance, an unknown pot (docs/decisions/0026).
 */
export const OVERRIDABLE = ["household-type", "route", "public-funds", "housing-payment", "need", "awards-used", "maximum-reached", "household-maximum", "too-many-awards"] as const;
export type TOverridable = (typeof OVERRIDABLE)[number];
export const isOverridable = (code: string): code is TOverridable => (OVERRIDABLE as readonly string[]).includes(code);

/** The same rule seen before or within a decision (a household's count or maximum): overriding one overrides its twin. */
const TWIN: Partial<Record<string, string>> = { "awards-used": "too-many-awards", "too-many-awards": "awards-used", "maximum-reached": "household-maximum", "household-maximum": "maximum-reached" };
const overridden = (line: TProposedLine, code: string) => !!line.overrides?.some((o) => isOverridable(o) && (o === code || TWIN[o] === code));

/** The benefits that show the household gets help with housing costs (a Housing Payment pot's rule). */
export const HOUSING_BENEFITS = ["housing-benefit", "uc-housing-costs"] as const;

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
/** overridable: every rule behind the problem may be overridden with a reason (an officer's decision). */
export type TLineProblem = { line: number; field: "potId" | "needCategory" | "amountPence"; code: TLineProblemCode; reasons?: TPotReason[]; facts?: TRuleFacts; overridable?: boolean };

/** Not enough money left in a pot for what this check would take from it. */
export type TMoneyShort = { potId: string; pot: string; availablePence: bigint; totalPence: bigint };

/** overridden[i]: the rules line i breaks that its overrides accepted (empty: it keeps every rule). */
export type TLinesCheck = { ok: boolean; pots: Record<string, TPotVerdict>; problems: TLineProblem[]; short: TMoneyShort | null; overridden: TOverridable[][] };

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
  const warnings: TPotWarning[] = [];
  const f = { pot: pot.name };
  if (!pot.active) reasons.push({ code: "inactive", facts: f });
  if (pot.fund.status !== "ACTIVE") reasons.push({ code: "fund-closed", facts: f });
  else if (today < pot.fund.periodStart || today > pot.fund.periodEnd) reasons.push({ code: "outside-period", facts: { ...f, periodStart: pot.fund.periodStart, periodEnd: pot.fund.periodEnd } });
  if (pot.eligibleHouseholdTypes.length && !household.householdTypes.some((t) => pot.eligibleHouseholdTypes.includes(t))) reasons.push({ code: "household-type", facts: f });
  if (pot.accessRoutes.length && !pot.accessRoutes.includes(household.accessRoute)) reasons.push({ code: "route", facts: { ...f, route: household.accessRoute } });
  // A partner's direct-award allowance pays only the households that partner referred.
  if (pot.ownerOrganisationId && pot.ownerOrganisationId !== household.organisationId) reasons.push({ code: "organisation", facts: f });
  // No recourse to public funds: only from a fund the council marks as not public funds. "Not
  // sure" stays eligible, with a warning for the officer to check first.
  const publicFunds = pot.fund.publicFunds !== false;
  const nrpf = household.noRecourseToPublicFunds;
  if (publicFunds && nrpf === "yes") reasons.push({ code: "public-funds", facts: f });
  else if (publicFunds && nrpf === "not-sure") warnings.push({ code: "public-funds-unsure", facts: f });
  if (pot.housingPayment && !household.benefits?.some((b) => (HOUSING_BENEFITS as readonly string[]).includes(b))) reasons.push({ code: "housing-payment", facts: f });
  if (pot.availablePence <= 0n) reasons.push({ code: "no-money", facts: { ...f, availablePence: pot.availablePence } });
  const counted = awardsInWindow(pot, earlier, now);
  if (pot.maxAwardsPerHousehold !== null && counted.length >= pot.maxAwardsPerHousehold)
    reasons.push({ code: "awards-used", facts: { ...f, maxAwards: pot.maxAwardsPerHousehold, count: counted.length, days: pot.repeatWindowDays } });
  const earlierPence = sum(counted.map((a) => a.amountPence));
  if (pot.maxSingleAwardPence !== null && pot.repeatWindowDays !== null && earlierPence >= pot.maxSingleAwardPence)
    reasons.push({ code: "maximum-reached", facts: { ...f, maxPence: pot.maxSingleAwardPence, earlierPence, days: pot.repeatWindowDays } });
  return reasons.length ? { eligible: false, reasons } : warnings.length ? { eligible: true, warnings } : { eligible: true };
}

/** Whether an officer may choose this pot with a reason: not eligible only for rules that may be overridden (money left is judged on the lines). */
export function overridableVerdict(verdict: TPotVerdict): boolean {
  return !verdict.eligible && verdict.reasons.every((r) => isOverridable(r.code));
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
  const overriddenBy: TOverridable[][] = lines.map(() => []);
  /** A rule line i breaks: accepted when the line overrides it, else a problem. */
  const breaks = (i: number, code: TOverridable, problem: () => void) => {
    if (!overridden(lines[i]!, code)) problem();
    else if (!overriddenBy[i]!.includes(code)) overriddenBy[i]!.push(code);
  };
  lines.forEach((l, i) => {
    const pot = byId.get(l.potId);
    if (!pot) return problems.push({ line: i, field: "potId", code: "unknown-pot" });
    const verdict = pots[pot.id]!;
    // Money is judged once for the pot's whole total below; the other reasons stop the line here.
    const against = verdict.eligible ? [] : verdict.reasons.filter((r) => r.code !== "no-money");
    const blocking = against.filter((r) => !overridden(l, r.code));
    if (blocking.length) return problems.push({ line: i, field: "potId", code: "ineligible-pot", reasons: blocking, overridable: blocking.every((r) => isOverridable(r.code)) });
    for (const r of against) if (isOverridable(r.code)) overriddenBy[i]!.push(r.code);
    if (pot.eligibleNeeds.length && !pot.eligibleNeeds.includes(l.needCategory)) {
      if (!overridden(l, "need")) return problems.push({ line: i, field: "needCategory", code: "need", facts: { pot: pot.name }, overridable: true });
      overriddenBy[i]!.push("need");
    }
    const counted = awardsInWindow(pot, earlier, now);
    const count = (runningCount.get(pot.id) ?? counted.length) + 1;
    runningCount.set(pot.id, count);
    if (pot.maxAwardsPerHousehold !== null && count > pot.maxAwardsPerHousehold && !flagged.has(`count:${pot.id}`)) {
      breaks(i, "too-many-awards", () => {
        flagged.add(`count:${pot.id}`);
        problems.push({ line: i, field: "potId", code: "too-many-awards", facts: { pot: pot.name, maxAwards: pot.maxAwardsPerHousehold!, count: counted.length, days: pot.repeatWindowDays }, overridable: true });
      });
    }
    // Without a repeat window the largest award bounds one decision: only this case's own standing lines count.
    const earlierPence = sum(counted.filter((a) => pot.repeatWindowDays !== null || a.sameCase).map((a) => a.amountPence));
    const total = (runningTotal.get(pot.id) ?? 0n) + l.amountPence;
    runningTotal.set(pot.id, total);
    if (pot.maxSingleAwardPence !== null && earlierPence + total > pot.maxSingleAwardPence && !flagged.has(`max:${pot.id}`)) {
      breaks(i, "household-maximum", () => {
        flagged.add(`max:${pot.id}`);
        const decisionTotal = sum(lines.filter((x) => x.potId === pot.id).map((x) => x.amountPence));
        problems.push({ line: i, field: "amountPence", code: "household-maximum", facts: { pot: pot.name, maxPence: pot.maxSingleAwardPence!, totalPence: decisionTotal, earlierPence, days: pot.repeatWindowDays }, overridable: true });
      });
    }
  });
  for (const [potId, total] of runningTotal) {
    const pot = byId.get(potId)!;
    if (!short && total > pot.availablePence) short = { potId, pot: pot.name, availablePence: pot.availablePence, totalPence: total };
  }
  return { ok: !problems.length && !short, pots, problems, short, overridden: overriddenBy };
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

/** A pot reason or line problem in the staff's words (English). */
export function ruleText(problem: Parameters<typeof ruleMessage>[0]): string {
  const { key, params } = ruleMessage(problem);
  return format(errorText(staffEn, key), params);
}

// Staff pages are in English.
const staffEn = messagesFor("en");
const routeWords: Record<string, string> = staffEn.vocabulary.accessRoutes;
const awards = (count: number) => translate("en", staffEn, "casework.counts.awards", { count });
const longDate = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));

function sum(values: readonly bigint[]): bigint {
  return values.reduce((s, v) => s + v, 0n);
}
