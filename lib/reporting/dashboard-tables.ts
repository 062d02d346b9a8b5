// The dashboard as tables: every table on the page, every chart, the CSV and XLSX downloads and
// the shared read-only view are made from these, so what is downloaded or shared is what is on
// the screen. Pure: no I/O, unit-tested (every total adds up its rows to the penny).
import type { TFunnel } from "@/lib/outreach/funnel";
import { projectionText } from "@/lib/funds/projection";
import { ADVICE_OUTCOME_KINDS } from "@/lib/advice/schemas";
import type { TBreakdownRow, TDashboard, TReportCell, TReportColumn, TReportTable } from "@/lib/reporting/dashboard-types";
import { APPLICATION_CHANNELS } from "@/lib/vocabulary";
import advice from "@/messages/en/advice.json";
import vocabulary from "@/messages/en/vocabulary.json";

export type TDashboardExtras = {
  /** The outreach funnel over invitations made in the period (null: not shown, e.g. no campaigns). */
  funnel: TFunnel | null;
};

const col = (key: string, label: string, kind: TReportColumn["kind"]): TReportColumn => ({ key, label, kind });
const sum = (rows: readonly Record<string, TReportCell>[], key: string): bigint => rows.reduce((s, r) => s + BigInt((r[key] as number | bigint | null) ?? 0), 0n);
const count = (rows: readonly Record<string, TReportCell>[], key: string): number => Number(sum(rows, key));
const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : null);

const WARNING_TEXT = { "pot-runs-out-soon": "Runs out within 14 days", "fund-underspend": "Will underspend by more than 10 %" } as const;

/** The breakdown dimensions' table ids, titles and first column, in page order. */
export const BREAKDOWN_TABLES = [
  { id: "by-need", dimension: "need", title: "Awards paid by need", label: "Need" },
  { id: "by-household", dimension: "household", title: "Awards paid by household group", label: "Household group" },
  { id: "by-route", dimension: "route", title: "Awards paid by access route", label: "Access route" },
  { id: "by-partner", dimension: "partner", title: "Awards paid by referring partner", label: "Referring partner" },
] as const;

/** One breakdown as a table: a row per key (the key kept on the row for links, not shown), awards and paid totalled. */
export function breakdownTable(id: string, title: string, label: string, rows: readonly TBreakdownRow[]): TReportTable {
  const out = rows.map((r) => ({ key: r.key, label: r.label, awards: r.awards, paid: r.paidPence }));
  return {
    id,
    title,
    columns: [col("label", label, "text"), col("awards", "Awards", "count"), col("paid", "Paid", "pence")],
    rows: out,
    total: { label: "Total", awards: count(out, "awards"), paid: sum(out, "paid") },
  };
}

export function dashboardTables(d: TDashboard, extras: TDashboardExtras): TReportTable[] {
  const tables: TReportTable[] = [];
  const moneyColumns = [
    col("allocation", "Allocation", "pence"),
    col("committed", "Committed", "pence"),
    col("paid", "Paid", "pence"),
    col("available", "Available", "pence"),
    col("burn7", "Burn a day (7 days)", "pence"),
    col("burn30", "Burn a day (30 days)", "pence"),
    col("projection", "Projected", "text"),
    col("warning", "Warning", "text"),
  ];
  const moneyRow = (m: TDashboard["money"][number]) => ({
    allocation: m.allocationPence,
    committed: m.committedPence,
    paid: m.paidPence,
    available: m.availablePence,
    burn7: m.burnPerDay7Pence,
    burn30: m.burnPerDay30Pence,
    projection: projectionText(m.projection, new Date(`${m.periodEnd}T00:00:00Z`)).text,
    warning: m.warning ? WARNING_TEXT[m.warning] : null,
  });
  const fundRows = d.money.filter((m) => m.potId === null).map((m) => ({ fund: m.fundName, ...moneyRow(m) }));
  const potRows = d.money.filter((m) => m.potId !== null).map((m) => ({ fund: m.fundName, pot: m.potName, ...moneyRow(m) }));
  const moneyTotal = (rows: Record<string, TReportCell>[], first: Record<string, TReportCell>) => ({
    ...first,
    ...Object.fromEntries(["allocation", "committed", "paid", "available", "burn7", "burn30"].map((k) => [k, sum(rows, k)])),
    projection: null,
    warning: null,
  });
  tables.push({ id: "funds", title: "Money by fund", columns: [col("fund", "Fund", "text"), ...moneyColumns], rows: fundRows, total: moneyTotal(fundRows, { fund: "Total" }) });
  tables.push({ id: "pots", title: "Money by pot", columns: [col("fund", "Fund", "text"), col("pot", "Pot", "text"), ...moneyColumns], rows: potRows, total: moneyTotal(potRows, { fund: "Total", pot: null }) });

  // Submissions per week by channel: a column per channel that has any, and the week's total.
  const channels = APPLICATION_CHANNELS.filter((c) => d.outputs.weekly.some((w) => w.channel === c));
  const weeks = [...new Set(d.outputs.weekly.map((w) => w.weekStart))].sort();
  const weekRows = weeks.map((week) => {
    const row: Record<string, TReportCell> = { week };
    for (const c of channels) row[c] = d.outputs.weekly.find((w) => w.weekStart === week && w.channel === c)?.submissions ?? 0;
    row.total = channels.reduce((s, c) => s + (row[c] as number), 0);
    return row;
  });
  tables.push({
    id: "weekly",
    title: "Submissions per week by channel",
    columns: [col("week", "Week starting", "date"), ...channels.map((c) => col(c, vocabulary.channels[c], "count")), col("total", "All channels", "count")],
    rows: weekRows,
    total: { week: "Total", ...Object.fromEntries([...channels, "total"].map((c) => [c, count(weekRows, c)])) },
    sums: [{ key: "total", of: [...channels] }],
  });

  const timing = (label: string, t: TDashboard["outputs"]["firstContact"]) => ({
    measure: label,
    cases: t.cases,
    median: t.medianHours,
    p90: t.p90Hours,
    withinSla: t.withinSla,
    withinSlaPercent: percent(t.withinSla, t.cases),
  });
  tables.push({
    id: "timings",
    title: `Time taken against the service level (${d.outputs.slaText})`,
    columns: [
      col("measure", "From submission to", "text"),
      col("cases", "Cases", "count"),
      col("median", "Median (hours)", "hours"),
      col("p90", "90th percentile (hours)", "hours"),
      col("withinSla", "Within the service level", "count"),
      col("withinSlaPercent", "Within the service level (%)", "percent"),
    ],
    rows: [timing("First contact", d.outputs.firstContact), timing("Decision", d.outputs.decision)],
    total: null,
  });
  tables.push({
    id: "approvals",
    title: "Decisions and households helped",
    columns: [
      col("decided", "Cases decided", "count"),
      col("approved", "Approved (fully or in part)", "count"),
      col("approvalRate", "Approval rate (%)", "percent"),
      col("households", "Households helped", "count"),
      col("moreThanOnce", "Helped on more than one day", "count"),
    ],
    rows: [
      {
        decided: d.outputs.decided,
        approved: d.outputs.approved,
        approvalRate: percent(d.outputs.approved, d.outputs.decided),
        households: d.outputs.householdsHelped,
        moreThanOnce: d.outputs.householdsHelpedMoreThanOnce,
      },
    ],
    total: null,
  });
  const byDimension = { need: d.outputs.byNeed, household: d.outputs.byHousehold, route: d.outputs.byRoute, partner: d.outputs.byPartner };
  for (const b of BREAKDOWN_TABLES) tables.push(breakdownTable(b.id, b.title, b.label, byDimension[b.dimension]));

  // Outcomes: extra income against what was paid and what the staff cost.
  const g = d.outcomes.incomeGained;
  tables.push({
    id: "income",
    title: "Extra income gained through advice partners",
    columns: [col("outcomes", "Outcomes", "count"), col("annual", "Recurring (a year)", "pence"), col("lumpSums", "Lump sums", "pence"), col("total", "Total", "pence")],
    rows: [{ outcomes: g.outcomes, annual: g.annualisedPence, lumpSums: g.lumpSumPence, total: g.totalPence }],
    total: null,
    sums: [{ key: "total", of: ["annual", "lumpSums"] }],
  });
  // "£X of extra income per £1": as pence of income per pound of cost, so it shows and sums as money.
  const perPound = (cost: bigint | null) => (cost && cost > 0n ? (g.totalPence * 100n) / cost : null);
  tables.push({
    id: "value",
    title: "Extra income for each £1",
    columns: [col("against", "For each £1 of", "text"), col("cost", "Cost", "pence"), col("outcomes", "Outcomes", "count"), col("perPound", "Extra income per £1", "pence")],
    rows: [
      { against: "Awards paid", cost: d.outcomes.awardsPaidPence, outcomes: g.outcomes, perPound: perPound(d.outcomes.awardsPaidPence) },
      { against: "Staff cost", cost: d.outcomes.staffCostPence, outcomes: g.outcomes, perPound: perPound(d.outcomes.staffCostPence) },
    ],
    total: null,
  });
  const kinds = ADVICE_OUTCOME_KINDS.filter((k) => d.outcomes.onwardReferrals.some((r) => r.outcomes[k]));
  const onwardRows = d.outcomes.onwardReferrals.map((r) => ({
    partner: r.partnerName,
    referrals: r.referrals,
    ...Object.fromEntries(kinds.map((k) => [k, r.outcomes[k] ?? 0])),
    gained: r.gainedPence,
  }));
  tables.push({
    id: "onward",
    title: "Onward referrals by advice partner and outcome",
    columns: [col("partner", "Advice partner", "text"), col("referrals", "Referrals", "count"), ...kinds.map((k) => col(k, advice.outcomeKinds[k], "count")), col("gained", "Extra income", "pence")],
    rows: onwardRows,
    total: { partner: "Total", referrals: count(onwardRows, "referrals"), ...Object.fromEntries(kinds.map((k) => [k, count(onwardRows, k)])), gained: sum(onwardRows, "gained") },
  });

  if (extras.funnel) {
    const f = extras.funnel;
    const stage = (label: string, n: number) => ({ stage: label, households: n, ofInvited: percent(n, f.invited) });
    tables.push({
      id: "funnel",
      title: "Outreach: from invitation to award",
      columns: [col("stage", "Stage", "text"), col("households", "Households", "count"), col("ofInvited", "Of those invited (%)", "percent")],
      rows: [stage("Invited", f.invited), stage("Started", f.started), stage("Submitted", f.submitted), stage("Awarded", f.awarded)],
      total: null,
    });
  }
  return tables;
}
