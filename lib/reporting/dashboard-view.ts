// The dashboard for the pages, the downloads and the shared view: the figures (loadDashboard), the
// staff cost the manager entered (staff-costs.ts) and the outreach funnel (lib/outreach/funnel.ts)
// read in one transaction in the council's scope, then made into tables once (dashboard-tables.ts).
// The shared view gets the same tables after suppressSmallNumbers.
import "server-only";
import { councilIdOf, actorUserId, type TActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { endOfLondonDay } from "@/lib/calendar/working-days";
import { prismaSql } from "@/lib/db/sql";
import { withTenant } from "@/lib/db/tenant-scope";
import { outreachFunnel } from "@/lib/outreach/funnel";
import { loadBreakdown, loadDashboard } from "@/lib/reporting/dashboard";
import { addDaysIso, type TFundChoice } from "@/lib/reporting/dashboard-filter";
import { tablesToCsv, tablesToXlsx } from "@/lib/reporting/dashboard-files";
import { breakdownTable, BREAKDOWN_TABLES, dashboardTables } from "@/lib/reporting/dashboard-tables";
import type { TBreakdownDimension, TBreakdownFilter, TDashboard, TDashboardFilter, TReportTable } from "@/lib/reporting/dashboard-types";
import { staffCostFor } from "@/lib/reporting/staff-costs";
import { suppressSmallNumbers } from "@/lib/reporting/suppression";
import type { TSharedReport } from "@/lib/reporting/share-links";

export type TDashboardView = { dashboard: TDashboard; tables: TReportTable[] };

const isoOf = (d: Date) => d.toISOString().slice(0, 10);

async function compose(tenantId: string, filter: TDashboardFilter, now: Date, userId?: string): Promise<TDashboardView> {
  return withTenant(
    tenantId,
    async (tx) => {
      const dashboard = await loadDashboard(tx, filter, now);
      dashboard.outcomes.staffCostPence = await staffCostFor(tx, filter);
      // Invitations made in the period, by London day (the funnel counts from >= from and < to).
      const funnel = await outreachFunnel(prismaSql(tx), tenantId, { from: new Date(endOfLondonDay(addDaysIso(filter.from, -1)).getTime() + 1), to: new Date(endOfLondonDay(filter.to).getTime() + 1) });
      return { dashboard, tables: dashboardTables(dashboard, { funnel: funnel.invited > 0 ? funnel : null }) };
    },
    userId,
  );
}

/** The council's funds for the filter's choices (reports:read). */
export async function dashboardFunds(actor: TActor): Promise<TFundChoice[] | null> {
  if (!can(actor, "reports:read")) return null;
  const funds = await withTenant(councilIdOf(actor), (tx) => tx.fund.findMany({ select: { id: true, name: true, periodStart: true, periodEnd: true }, orderBy: [{ periodEnd: "desc" }, { name: "asc" }] }));
  return funds.map((f) => ({ id: f.id, name: f.name, periodStart: isoOf(f.periodStart), periodEnd: isoOf(f.periodEnd) }));
}

export async function readDashboard(actor: TActor, filter: TDashboardFilter, now = new Date()): Promise<TDashboardView | null> {
  if (!can(actor, "reports:read")) return null;
  return compose(councilIdOf(actor), filter, now, actorUserId(actor) ?? undefined);
}

/** One breakdown with the other dimensions as filters (reports:read). */
export async function readBreakdown(actor: TActor, filter: TBreakdownFilter, dimension: TBreakdownDimension): Promise<TReportTable | null> {
  if (!can(actor, "reports:read")) return null;
  const rows = await withTenant(councilIdOf(actor), (tx) => loadBreakdown(tx, filter, dimension), actorUserId(actor) ?? undefined);
  const b = BREAKDOWN_TABLES.find((t) => t.dimension === dimension) ?? { id: "by-pot", title: "Awards paid by pot", label: "Pot" };
  return breakdownTable(b.id, b.title, b.label, rows);
}

/** The dashboard as a file; the download is audited (it leaves the system). */
export async function exportDashboard(actor: TActor, filter: TDashboardFilter, format: "csv" | "xlsx", ip: string | null, now = new Date()) {
  const view = await readDashboard(actor, filter, now);
  if (!view) return null;
  const heading = `Money Hub dashboard, ${filter.fundId ? (view.dashboard.money.find((m) => m.potId === null)?.fundName ?? "one fund") : "all funds"}, ${filter.from} to ${filter.to}`;
  const body = format === "csv" ? Buffer.from(tablesToCsv(view.tables, heading), "utf8") : await tablesToXlsx(view.tables, heading);
  await withTenant(councilIdOf(actor), (tx) =>
    recordAudit(tx, {
      tenantId: councilIdOf(actor),
      actor,
      action: "reporting.dashboard-exported",
      entityType: "Dashboard",
      summary: `Downloaded the dashboard as ${format.toUpperCase()}: ${heading}`,
      metadata: { fundId: filter.fundId, from: filter.from, to: filter.to, format },
      ip,
    }),
  );
  return { body, fileName: `dashboard-${filter.fundId ? "fund" : "all-funds"}-${filter.from}-to-${filter.to}.${format}`, contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
}

/**
 * Tables a shared link never shows. Money by pot splits the same spend as the breakdowns in
 * another way (a pot that holds one need shows that need's total), so a hidden cell of a
 * breakdown could be read off it; the shared view keeps money per fund, whose paid total is the
 * breakdowns' own total.
 */
export const TABLES_NOT_SHARED: ReadonlySet<string> = new Set(["pots"]);

/** What a shared link shows: the same tables, small numbers suppressed. No permission: the token is the permission. */
export async function readSharedDashboard(shared: TSharedReport, ip: string | null = null, now = new Date()): Promise<{ asOf: Date; tables: TReportTable[] }> {
  // Each opening is audited (no actor: whoever holds the link), so the council sees how a link is used.
  await withTenant(shared.council.id, (tx) =>
    recordAudit(tx, { tenantId: shared.council.id, actor: null, action: "reporting.shared-view-opened", entityType: "ReportShareLink", entityId: shared.linkId, summary: "A read-only dashboard link was opened", ip }),
  );
  // Only the suppressed tables leave here: the figures underneath are never handed to the public page.
  const view = await compose(shared.council.id, shared.filter, now);
  return { asOf: view.dashboard.asOf, tables: suppressSmallNumbers(view.tables.filter((t) => !TABLES_NOT_SHARED.has(t.id))) };
}
