// The dashboard pages' reads: the query string checked (a fund id or "all", a period of UK dates,
// a breakdown's filters), then loadDashboard / loadBreakdown in the council's scope (row-level
// security: another council's fund id reads as nothing). The permission is the page's
// (requireCouncilPermission(slug, "reports:read")); these check it again. Aggregates only (no
// person's details), so not audited as a sensitive read.
import "server-only";
import { z } from "zod";
import type { TCouncilAccess } from "@/lib/auth/access";
import type { TFieldError } from "@/lib/forms/form-state";
import { withTenant } from "@/lib/db/tenant-scope";
import { HOUSEHOLD_GROUPS } from "@/lib/reporting/categories";
import { loadBreakdown, loadDashboard, ukDate } from "@/lib/reporting/dashboard";
import { BREAKDOWN_DIMENSIONS, type TBreakdownDimension, type TBreakdownFilter, type TBreakdownRow, type TDashboard } from "@/lib/reporting/dashboard-types";
import { ACCESS_ROUTES } from "@/lib/vocabulary";

const ISO = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a date");
const ID = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;


/** The filter a query string asks for; what is wrong with it, each as an error-summary line (the default used instead). */
export function dashboardFilterOf(params: Record<string, string | string[] | undefined>, now: Date): { filter: TBreakdownFilter; errors: TFieldError[] } {
  const today = ukDate(now);
  const errors: TFieldError[] = [];
  const fundText = one(params.fund);
  const fundId = !fundText || fundText === "all" ? null : ID.safeParse(fundText).success ? fundText : (errors.push({ field: "fund", message: "Choose a fund from the list" }), null);
  const date = (field: "from" | "to", fallback: string) => {
    const v = one(params[field]);
    if (v === undefined) return fallback;
    if (ISO.safeParse(v).success) return v;
    errors.push({ field, message: `Enter the ${field === "from" ? "start" : "end"} of the period as a real date, like 2026-07-01` });
    return fallback;
  };
  let from = date("from", `${today.slice(0, 8)}01`);
  let to = date("to", today);
  if (from > to) {
    errors.push({ field: "from", message: "The start of the period must be on or before its end" });
    [from, to] = [`${today.slice(0, 8)}01`, today];
  }
  const need = one(params.need) ?? null;
  const household = one(params.household) ?? null;
  const route = one(params.route) ?? null;
  const partner = one(params.partner) ?? null;
  const ok = <T extends string>(v: string | null, allowed: readonly string[], field: string): T | null => {
    if (v === null || allowed.includes(v)) return v as T | null;
    errors.push({ field, message: `Choose a ${field} from the list` });
    return null;
  };
  return {
    filter: {
      fundId,
      from,
      to,
      need: need !== null && /^[a-z-]{1,40}$/.test(need) ? need : ok(need, [], "need"),
      household: ok(household, HOUSEHOLD_GROUPS.map((g) => g.id), "household"),
      route: ok(route, ACCESS_ROUTES, "route"),
      partner: partner === "none" || (partner !== null && ID.safeParse(partner).success) ? partner : ok(partner, [], "partner"),
    },
    errors,
  };
}

export function isDimension(value: string): value is TBreakdownDimension {
  return (BREAKDOWN_DIMENSIONS as readonly string[]).includes(value);
}

export async function readDashboard(access: TCouncilAccess, filter: TBreakdownFilter, now = new Date()): Promise<TDashboard | null> {
  if (!access.permissions.has("reports:read")) return null;
  return withTenant(access.council.id, (tx) => loadDashboard(tx, { fundId: filter.fundId, from: filter.from, to: filter.to }, now));
}

export async function readBreakdown(access: TCouncilAccess, filter: TBreakdownFilter, dimension: TBreakdownDimension): Promise<TBreakdownRow[] | null> {
  if (!access.permissions.has("reports:read")) return null;
  return withTenant(access.council.id, (tx) => loadBreakdown(tx, filter, dimension));
}

/** The council's funds for the filter's list. */
export async function fundChoices(access: TCouncilAccess): Promise<{ id: string; name: string }[]> {
  return withTenant(access.council.id, (tx) => tx.fund.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }));
}

