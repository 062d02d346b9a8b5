// The managers' dashboard's figures (issue 20, docs/reporting-summaries.md): read from the
// summaries the database keeps up to date as postings arrive (migration
// 20261206130100_reporting_summaries, ADR 0039), never by scanning the ledger or the cases. Money
// now (per fund and pot) reads the ledger's balances (LedgerAccount) and the projection of
// lib/funds/projection.ts. Runs inside the caller's transaction with the council in scope: row-level
// security decides the council, whatever ids are asked for. Days are UK dates, both ends included.
// No "server-only": the bench and owner-run scripts read it too.
import { sql as q } from "kysely";
import { annualisedPence as annualised } from "@/lib/advice/annualised";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { NEARLY_EMPTY_DAYS, spendFigures } from "@/lib/funds/projection";
import type { AdviceOutcomeKind, AdviceValuePeriod, ApplicationChannel } from "@/lib/generated/prisma/enums";
import { messagesFor } from "@/lib/i18n/catalogues";
import { balancesOf, fundBalances, potBalances } from "@/lib/ledger/read-model";
import { HOUSEHOLD_GROUPS } from "@/lib/reporting/categories";
import type {
  TBreakdownDimension,
  TBreakdownFilter,
  TBreakdownRow,
  TDashboard,
  TDashboardFilter,
  TMoneyLine,
  TOnwardReferralRow,
  TTiming,
  TWeeklyChannel,
} from "@/lib/reporting/dashboard-types";
import { DEFAULT_SLA } from "@/lib/triage/sla";

/** The fund's own money (administration, no pot) in the summaries' pot column. */
export const NO_POT = "00000000-0000-0000-0000-000000000000";

/** Hooks the dashboard branch fills in at merge: the manager's staff cost for the period (null: not entered). */
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** The UK calendar date of a moment. */
export function ukDate(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
const addDays = (iso: string, days: number) => isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY));

/** The summaries' columns for each breakdown dimension. */
const COLUMN: Record<TBreakdownDimension, string> = { need: "needCategory", household: "householdGroup", route: "accessRoute", partner: "partnerKey", pot: "potId" };

/** The WHERE of a summary read: period, fund, and a breakdown's filters ("" in the summaries is "none"). */
function where(filter: TDashboardFilter & Partial<Omit<TBreakdownFilter, keyof TDashboardFilter>>) {
  const parts = [q`"day" between ${filter.from}::date and ${filter.to}::date`];
  if (filter.fundId) parts.push(q`"fundId" = ${filter.fundId}::uuid`);
  if (filter.need) parts.push(q`"needCategory" = ${filter.need === "none" ? "" : filter.need}`);
  if (filter.household) parts.push(q`"householdGroup" = ${filter.household}`);
  if (filter.route) parts.push(q`"accessRoute" = ${filter.route === ("none" as string) ? "" : filter.route}`);
  if (filter.partner) parts.push(q`"partnerKey" = ${filter.partner === "none" ? "" : filter.partner}`);
  return q.join(parts, q` and `);
}

type TTotals = { paid: bigint; awards: number };
type TDimTotals = Map<TBreakdownDimension, Map<string, TTotals>> & { all: TTotals };

/**
 * Per value of each dimension asked for: net paid in the period (DISBURSE − RECOMMIT − REVERSE,
 * each on its own day) and the awards whose payment day is in the period (ADR 0044: the day of the
 * award's latest payment out, while it has not come back). Both are per-day sums in the money
 * summary, so one grouped read of the period's rows (a few hundred a day at most) gives every
 * dimension at once (GROUPING SETS; the empty set gives the totals).
 */
async function dimensionTotals(tx: Tx, filter: TDashboardFilter & Partial<Omit<TBreakdownFilter, keyof TDashboardFilter>>, dims: readonly TBreakdownDimension[]): Promise<TDimTotals> {
  const db = prismaSql(tx).db;
  const key = (d: TBreakdownDimension) => q.raw(`"${COLUMN[d]}"::text`);
  const grouping = q.join(dims.map((d) => q`grouping(${key(d)})`));
  const keys = q.join(dims.map((d) => q`${key(d)}`));
  const sums = await q<{ g: number[]; k: (string | null)[]; paid: string; awards: number }>`
    select array[${grouping}]::int[] as g, array[${keys}]::text[] as k, sum("disbursedPence" - "recommittedPence" - "reversedPence")::text as paid, sum("awardsPaid")::int as awards
    from "ReportLedgerDay" where ${where(filter)} and "potId" <> ${NO_POT}::uuid
    group by grouping sets (${q.join(dims.map((d) => q`(${key(d)})`))}, ())`.execute(db);
  const out = new Map(dims.map((d) => [d, new Map<string, TTotals>()])) as TDimTotals;
  out.all = { paid: 0n, awards: 0 };
  for (const r of sums.rows) {
    if (r.paid === null) continue;
    const i = r.g.findIndex((x) => x === 0);
    const t = { paid: BigInt(r.paid), awards: r.awards };
    if (i < 0) out.all = t;
    else out.get(dims[i]!)!.set(r.k[i] ?? "", t);
  }
  return out;
}

/** Labels for each dimension's keys (the council's partners and pots read under its scope). */
async function labeller(tx: Tx, dims: readonly TBreakdownDimension[]) {
  const v = messagesFor("en").vocabulary as { needs: Record<string, string>; accessRoutes: Record<string, string> };
  const partners = dims.includes("partner") ? new Map((await tx.organisation.findMany({ select: { id: true, name: true } })).map((o) => [o.id, o.name])) : new Map<string, string>();
  const pots = dims.includes("pot") ? new Map((await tx.pot.findMany({ select: { id: true, name: true } })).map((p) => [p.id, p.name])) : new Map<string, string>();
  return (d: TBreakdownDimension, key: string): string => {
    if (key === "") return d === "partner" ? "No referring partner" : d === "need" ? "No award line" : "None recorded";
    if (d === "need") return v.needs[key] ?? key;
    if (d === "household") return HOUSEHOLD_GROUPS.find((g) => g.id === key)?.label ?? key;
    if (d === "route") return v.accessRoutes[key] ?? key;
    if (d === "partner") return partners.get(key) ?? key;
    return pots.get(key) ?? key;
  };
}

function rowsOf(totals: TDimTotals, d: TBreakdownDimension, label: (d: TBreakdownDimension, key: string) => string): TBreakdownRow[] {
  return [...(totals.get(d) ?? new Map()).entries()]
    .filter(([, t]) => t.paid !== 0n || t.awards > 0)
    .map(([k, t]) => ({ key: k === "" ? "none" : k, label: label(d, k), awards: t.awards, paidPence: t.paid }))
    .sort((a, b) => (a.paidPence === b.paidPence ? a.label.localeCompare(b.label) : a.paidPence > b.paidPence ? -1 : 1));
}

/** Awards paid in the period (payment day in it) and net paid, along one dimension, with the breakdown's filters. */
export async function loadBreakdown(tx: Tx, filter: TBreakdownFilter, dimension: TBreakdownDimension): Promise<TBreakdownRow[]> {
  const totals = await dimensionTotals(tx, filter, [dimension]);
  return rowsOf(totals, dimension, await labeller(tx, [dimension]));
}

/** Median and 90th percentile (the smallest hour with at least that share of cases at or below it), from a histogram. */
export function timingOf(buckets: readonly { hours: number; cases: number; withinSla: number }[]): TTiming {
  const sorted = [...buckets].filter((b) => b.cases !== 0).sort((a, b) => a.hours - b.hours);
  const cases = sorted.reduce((s, b) => s + b.cases, 0);
  const withinSla = sorted.reduce((s, b) => s + b.withinSla, 0);
  const percentile = (p: number): number | null => {
    if (cases === 0) return null;
    let seen = 0;
    for (const b of sorted) {
      seen += b.cases;
      if (seen >= p * cases) return b.hours;
    }
    return sorted[sorted.length - 1]!.hours;
  };
  return { cases, medianHours: percentile(0.5), p90Hours: percentile(0.9), withinSla };
}

async function moneyLines(tx: Tx, fundId: string | null, now: Date): Promise<TMoneyLine[]> {
  const funds = await tx.fund.findMany({ where: fundId ? { id: fundId } : {}, orderBy: [{ status: "asc" }, { periodEnd: "desc" }, { name: "asc" }] });
  if (!funds.length) return [];
  const ids = funds.map((f) => f.id);
  const pots = await tx.pot.findMany({ where: { fundId: { in: ids } }, orderBy: { name: "asc" }, select: { id: true, name: true, fundId: true } });
  const balances = await balancesOf(tx, ids);
  // Money taken into use (COMMIT) less given back (RELEASE, REVERSE) over the last 7 and 30 UK
  // days including today, per pot, from the money summary (lib/ledger/kinds.ts KINDS_IN_USE).
  const today = ukDate(now);
  const burn = await q<{ fundId: string; potId: string; last7: string; last30: string }>`
    select "fundId"::text as "fundId", "potId"::text as "potId",
      coalesce(sum("committedPence" - "releasedPence" - "reversedPence") filter (where "day" >= ${addDays(today, -6)}::date), 0)::text as last7,
      sum("committedPence" - "releasedPence" - "reversedPence")::text as last30
    from "ReportLedgerDay" where "fundId" in (${q.join(ids.map((id) => q`${id}::uuid`))}) and "day" between ${addDays(today, -29)}::date and ${today}::date
    group by 1, 2`.execute(prismaSql(tx).db);
  const potBurn = new Map(burn.rows.map((r) => [r.potId, { last7: BigInt(r.last7), last30: BigInt(r.last30) }]));
  const lines: TMoneyLine[] = [];
  for (const f of funds) {
    const fb = fundBalances(balances, f.id);
    const fundBurn = burn.rows.filter((r) => r.fundId === f.id).reduce((s, r) => ({ last7: s.last7 + BigInt(r.last7), last30: s.last30 + BigInt(r.last30) }), { last7: 0n, last30: 0n });
    const figures = spendFigures({ totalPence: f.allocationPence, usedPence: fb.committed + fb.spent, burn: fundBurn, periodEnd: f.periodEnd, today: now });
    const underspend = figures.projection.kind === "underspend" && figures.projection.pence * 10n > f.allocationPence;
    lines.push({
      fundId: f.id,
      fundName: f.name,
      potId: null,
      potName: null,
      allocationPence: f.allocationPence,
      committedPence: fb.committed,
      paidPence: fb.spent,
      availablePence: fb.unallocated + fb.available,
      burnPerDay7Pence: figures.burnPerDay7,
      burnPerDay30Pence: figures.burnPerDay30,
      periodEnd: isoDay(f.periodEnd),
      projection: figures.projection,
      warning: underspend ? "fund-underspend" : null,
    });
    for (const p of pots.filter((x) => x.fundId === f.id)) {
      const b = potBalances(balances, p.id);
      const used = b.committed + b.spent;
      const pf = spendFigures({ totalPence: b.available + used, usedPence: used, burn: potBurn.get(p.id) ?? { last7: 0n, last30: 0n }, periodEnd: f.periodEnd, today: now });
      const soon = pf.projection.kind === "runs-out" && pf.projection.daysFromNow < NEARLY_EMPTY_DAYS;
      lines.push({
        fundId: f.id,
        fundName: f.name,
        potId: p.id,
        potName: p.name,
        allocationPence: b.available + used,
        committedPence: b.committed,
        paidPence: b.spent,
        availablePence: b.available,
        burnPerDay7Pence: pf.burnPerDay7,
        burnPerDay30Pence: pf.burnPerDay30,
        periodEnd: isoDay(f.periodEnd),
        projection: pf.projection,
        warning: soon ? "pot-runs-out-soon" : null,
      });
    }
  }
  return lines;
}

/** Households helped in a period, per funder category and household group of one scope (householdsHelpedBy). */
export type THelpedRow = { category: string; householdGroup: string; helped: number; helpedOnce: number };

/**
 * Households (cases) helped in the period: those with an award whose payment day is in it; and
 * those of them helped on one day only, up to the period's end. For one scope: all funds (the nil
 * uuid) or a fund, either as a whole (category "") or per funder category ("*": every mapped award),
 * per household group (the group of the case's lowest award id on its first help day in the
 * period). Exact, from per-day counters (migration 20261206161000, ADR 0044): each of a case's help
 * days d has a previous help day p (-infinity for its first), and the case is helped in
 * [from, to] exactly when one of its help days has p < from ≤ d ≤ to, so
 *   helped = #(p < from) − #(d < from) − #(d > to, p < from).
 * Helped only once up to `to`: its first help day is in the period and its second is after `to`
 * (or never), so
 *   once = #(first help days in the period) − #(second help days whose first is in the period, d ≤ to).
 * The terms with d > to read ReportHouseholdGap for days after the period only: nothing when the
 * period ends today or later.
 */
export async function householdsHelpedBy(tx: Tx, scope: { fundId: string | null; categories: boolean }, period: { from: string; to: string }): Promise<THelpedRow[]> {
  const db = prismaSql(tx).db;
  const category = scope.categories ? q`"category" <> ''` : q`"category" = ''`;
  const days = await q<{ category: string; g: string; firsts: number; prevBefore: number; before: number; firstsIn: number; firstOfTwoIn: number }>`
    select "category", "householdGroup" as g, coalesce(sum("firstHelpDays"), 0)::int as firsts,
      coalesce(sum("asPrevious") filter (where "day" < ${period.from}::date), 0)::int as "prevBefore",
      coalesce(sum("helpDays") filter (where "day" < ${period.from}::date), 0)::int as before,
      coalesce(sum("firstHelpDays") filter (where "day" between ${period.from}::date and ${period.to}::date), 0)::int as "firstsIn",
      coalesce(sum("asFirstOfTwo") filter (where "day" between ${period.from}::date and ${period.to}::date), 0)::int as "firstOfTwoIn"
    from "ReportHouseholdDay" where "fundId" = ${scope.fundId ?? NO_POT}::uuid and ${category} group by 1, 2`.execute(db);
  const after = await q<{ category: string; g: string; spanning: number; secondAfter: number }>`
    select "category", "householdGroup" as g, coalesce(sum("helpDays") filter (where "previousDay" < ${period.from}::date), 0)::int as spanning,
      coalesce(sum("helpDays") filter (where second and "previousDay" between ${period.from}::date and ${period.to}::date), 0)::int as "secondAfter"
    from "ReportHouseholdGap" where "fundId" = ${scope.fundId ?? NO_POT}::uuid and ${category} and "day" > ${period.to}::date group by 1, 2`.execute(db);
  const later = new Map(after.rows.map((r) => [`${r.category}|${r.g}`, r]));
  return days.rows.map((d) => {
    const a = later.get(`${d.category}|${d.g}`) ?? { spanning: 0, secondAfter: 0 };
    const helped = d.firsts + d.prevBefore - d.before - a.spanning;
    return { category: d.category, householdGroup: d.g, helped, helpedOnce: d.firstsIn - (d.firstOfTwoIn - a.secondAfter) };
  });
}

/** Households helped in the period (one fund or all), and those helped on two or more different days up to its end. */
export async function householdsHelped(tx: Tx, filter: TDashboardFilter): Promise<{ helped: number; moreThanOnce: number }> {
  const rows = await householdsHelpedBy(tx, { fundId: filter.fundId, categories: false }, filter);
  const helped = rows.reduce((s, r) => s + r.helped, 0);
  return { helped, moreThanOnce: helped - rows.reduce((s, r) => s + r.helpedOnce, 0) };
}

/** Monday of the week of a UK date. */
export function weekStart(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return addDays(iso, -((d.getUTCDay() + 6) % 7));
}

/** The dashboard's figures for one fund (or all) over a period. staffCostPence is left null: the manager's entry is read beside it (lib/reporting/dashboard-view.ts, staff-costs.ts). */
export async function loadDashboard(tx: Tx, filter: TDashboardFilter, now: Date): Promise<TDashboard> {
  const db = prismaSql(tx).db;
  const money = await moneyLines(tx, filter.fundId, now);
  const submissions = await q<{ day: string; channel: ApplicationChannel; n: number }>`
    select to_char("day", 'YYYY-MM-DD') as day, channel, sum(submissions)::int as n from "ReportSubmissionDay"
    where "day" between ${filter.from}::date and ${filter.to}::date group by 1, 2 having sum(submissions) <> 0`.execute(db);
  const weeks = new Map<string, TWeeklyChannel>();
  for (const r of submissions.rows) {
    const w = weekStart(r.day);
    const k = `${w}|${r.channel}`;
    const e = weeks.get(k) ?? { weekStart: w, channel: r.channel, submissions: 0 };
    e.submissions += r.n;
    weeks.set(k, e);
  }
  const weekly = [...weeks.values()].sort((a, b) => a.weekStart.localeCompare(b.weekStart) || a.channel.localeCompare(b.channel));
  const timing = await q<{ event: string; hours: number; cases: number; within: number; approved: number }>`
    select event, hours, sum(cases)::int as cases, sum("withinSla")::int as within, sum(approved)::int as approved from "ReportTimingDay"
    where "day" between ${filter.from}::date and ${filter.to}::date group by 1, 2`.execute(db);
  const of = (event: string) => timing.rows.filter((r) => r.event === event).map((r) => ({ hours: r.hours, cases: r.cases, withinSla: r.within }));
  const decision = timingOf(of("decision"));
  const approved = timing.rows.filter((r) => r.event === "decision").reduce((s, r) => s + r.approved, 0);
  const settings = await tx.caseworkSettings.findFirst({ select: { slaUrgentDays: true, slaStandardDays: true } });
  const sla = settings ? { urgent: settings.slaUrgentDays, standard: settings.slaStandardDays } : { urgent: DEFAULT_SLA.urgentWorkingDays, standard: DEFAULT_SLA.standardWorkingDays };
  const days = (n: number) => `${n} working day${n === 1 ? "" : "s"}`;
  const dims = ["need", "household", "route", "partner"] as const;
  const totals = await dimensionTotals(tx, filter, dims);
  const label = await labeller(tx, dims);
  const households = await householdsHelped(tx, filter);
  return {
    filter,
    asOf: now,
    money,
    outputs: {
      weekly,
      firstContact: timingOf(of("first-contact")),
      decision,
      slaText: `${days(sla.urgent)} for urgent cases, ${days(sla.standard)} for others, counted from the day the application arrives`,
      decided: decision.cases,
      approved,
      byNeed: rowsOf(totals, "need", label),
      byHousehold: rowsOf(totals, "household", label),
      byRoute: rowsOf(totals, "route", label),
      byPartner: rowsOf(totals, "partner", label),
      householdsHelped: households.helped,
      householdsHelpedMoreThanOnce: households.moreThanOnce,
    },
    outcomes: {
      ...(await adviceOutcomes(tx, filter)),
      awardsPaidPence: totals.all.paid,
      staffCostPence: null,
    },
  };
}

/**
 * Extra income gained through onward referrals (outcomes confirmed in the period) and the
 * referrals made in the period, per advice partner. The arithmetic is lib/advice/income-gained.ts's
 * (annualisedPence: a weekly value × 52, a yearly value as it is; plus the lump sum), applied to
 * the values summed per period kind (it is linear); tests/integration/reporting-summaries.test.ts
 * checks the result against incomeGained(). These tables are small: read directly.
 */
async function adviceOutcomes(tx: Tx, filter: TDashboardFilter): Promise<Pick<TDashboard["outcomes"], "incomeGained" | "onwardReferrals">> {
  const db = prismaSql(tx).db;
  const outcomes = await q<{ partnerId: string; kind: AdviceOutcomeKind; period: AdviceValuePeriod; n: number; value: string; lump: string }>`
    select r."partnerId"::text as "partnerId", o.kind, o."valuePeriod" as period, count(*)::int as n,
      sum(o."valuePence")::text as value, sum(o."lumpSumPence")::text as lump
    from "AdviceOutcome" o join "AdviceReferral" r on r."tenantId" = o."tenantId" and r.id = o."referralId"
    where o."confirmedOn" between ${filter.from}::date and ${filter.to}::date group by 1, 2, 3`.execute(db);
  const referrals = await q<{ partnerId: string; n: number }>`
    select "partnerId"::text as "partnerId", count(*)::int as n from "AdviceReferral"
    where ("createdAt" at time zone 'UTC' at time zone 'Europe/London')::date between ${filter.from}::date and ${filter.to}::date group by 1`.execute(db);
  const partners = new Map((await tx.advicePartner.findMany({ select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const rows = new Map<string, TOnwardReferralRow>();
  const row = (id: string) => rows.get(id) ?? rows.set(id, { partnerId: id, partnerName: partners.get(id) ?? id, referrals: 0, outcomes: {}, gainedPence: 0n }).get(id)!;
  let annualisedPence = 0n;
  let lumpSumPence = 0n;
  let count = 0;
  for (const o of outcomes.rows) {
    const r = row(o.partnerId);
    r.outcomes[o.kind] = (r.outcomes[o.kind] ?? 0) + o.n;
    const annual = annualised(BigInt(o.value), o.period);
    r.gainedPence += annual + BigInt(o.lump);
    annualisedPence += annual;
    lumpSumPence += BigInt(o.lump);
    count += o.n;
  }
  for (const r of referrals.rows) row(r.partnerId).referrals += r.n;
  return {
    incomeGained: { outcomes: count, annualisedPence, lumpSumPence, totalPence: annualisedPence + lumpSumPence },
    onwardReferrals: [...rows.values()].sort((a, b) => (a.gainedPence === b.gainedPence ? a.partnerName.localeCompare(b.partnerName) : a.gainedPence > b.gainedPence ? -1 : 1)),
  };
}
