// The dashboard's filter from its query (?fund=<id|all>&from=YYYY-MM-DD&to=YYYY-MM-DD): the
// defaults (a fund's period so far, or the last 90 days for all funds) and the problems in the
// GOV.UK error summary's words. Pure: no I/O, unit-tested.
import type { TDashboardFilter } from "@/lib/reporting/dashboard-types";

export type TFundChoice = { id: string; name: string; periodStart: string; periodEnd: string };
export type TFilterProblem = { field: "fund" | "from" | "to"; message: string };
export type TFilterResult = {
  /** The filter to show: the query's when it is good, else the defaults (the page still shows figures). */
  filter: TDashboardFilter;
  problems: TFilterProblem[];
  /** What was typed, to show back in the form. */
  values: { fund: string; from: string; to: string };
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

export function isRealDate(iso: string): boolean {
  if (!ISO.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100;
}

export function addDaysIso(iso: string, days: number): string {
  return new Date(new Date(`${iso}T00:00:00Z`).getTime() + days * DAY).toISOString().slice(0, 10);
}

/** The period shown when none is asked for: the fund's period so far, or the last 90 days. */
export function defaultPeriod(fund: TFundChoice | null, today: string): { from: string; to: string } {
  if (!fund) return { from: addDaysIso(today, -89), to: today };
  const to = fund.periodEnd < today ? fund.periodEnd : today;
  return { from: fund.periodStart, to: to < fund.periodStart ? fund.periodStart : to };
}

/** The longest period a dashboard is read for (10 years): a bound on the work one request asks for. */
export const MAX_DAYS = 3653;

export function parseDashboardQuery(query: Record<string, string | string[] | undefined>, funds: readonly TFundChoice[], today: string): TFilterResult {
  const one = (k: string) => {
    const v = query[k];
    return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
  };
  const values = { fund: one("fund") || "all", from: one("from"), to: one("to") };
  const problems: TFilterProblem[] = [];
  const fund = values.fund === "all" ? null : (funds.find((f) => f.id === values.fund) ?? null);
  if (values.fund !== "all" && !fund) problems.push({ field: "fund", message: "Select a fund from the list" });
  const defaults = defaultPeriod(fund, today);
  const from = values.from || defaults.from;
  const to = values.to || defaults.to;
  const fromOk = isRealDate(from);
  const toOk = isRealDate(to);
  if (!fromOk) problems.push({ field: "from", message: "The start date must be a real date, like 2026-09-01" });
  if (!toOk) problems.push({ field: "to", message: "The end date must be a real date, like 2026-11-30" });
  if (fromOk && toOk && to < from) problems.push({ field: "to", message: "The end date must be the same as or after the start date" });
  if (fromOk && toOk && to >= from && (new Date(to).getTime() - new Date(from).getTime()) / DAY >= MAX_DAYS) problems.push({ field: "from", message: "The period must be 10 years or shorter" });
  if (problems.length) return { filter: { fundId: fund?.id ?? null, ...defaultPeriod(fund, today) }, problems, values };
  return { filter: { fundId: fund?.id ?? null, from, to }, problems, values: { fund: values.fund, from, to } };
}

/** The query string of a filter (and any breakdown filters), for links and downloads. */
export function filterQuery(filter: TDashboardFilter, extra: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams({ fund: filter.fundId ?? "all", from: filter.from, to: filter.to });
  for (const [k, v] of Object.entries(extra)) if (v) params.set(k, v);
  return params.toString();
}
