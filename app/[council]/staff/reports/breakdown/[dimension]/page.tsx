import { notFound } from "next/navigation";
import { BarChart, ReportTable } from "@/components/reporting/dashboard";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, Select } from "@/components/ui/fields";
import { BackLink, pageTitle } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { formatDate } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { HOUSEHOLD_GROUPS, type THouseholdGroup } from "@/lib/reporting/categories";
import { filterQuery, parseDashboardQuery } from "@/lib/reporting/dashboard-filter";
import { BREAKDOWN_DIMENSIONS, type TBreakdownDimension } from "@/lib/reporting/dashboard-types";
import { dashboardFunds, readBreakdown } from "@/lib/reporting/dashboard-view";
import { ACCESS_ROUTES, NEEDS, type TAccessRoute } from "@/lib/vocabulary";
import words from "@/messages/en/dashboard.json";
import vocabulary from "@/messages/en/vocabulary.json";

const NAMES: Record<TBreakdownDimension, string> = { need: "need", household: "household group", route: "access route", partner: "referring partner", pot: "pot" };

// One breakdown of the awards paid, with the other dimensions as filters (a row of a dashboard
// breakdown links here with its own key as a filter).
export default async function BreakdownPage({ params, searchParams }: { params: Promise<{ council: string; dimension: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { council: slug, dimension: raw } = await params;
  const query = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "reports:read");
  if (!(BREAKDOWN_DIMENSIONS as readonly string[]).includes(raw)) notFound();
  const dimension = raw as TBreakdownDimension;
  const actor = staffActor(access);
  const funds = (await dashboardFunds(actor)) ?? [];
  const parsed = parseDashboardQuery(query, funds, londonIsoDate(new Date()));
  const one = (k: string) => (typeof query[k] === "string" ? (query[k] as string) : "");
  const need = (NEEDS as readonly string[]).includes(one("need")) ? one("need") : null;
  const household = HOUSEHOLD_GROUPS.some((g) => g.id === one("household")) ? (one("household") as THouseholdGroup) : null;
  const route = (ACCESS_ROUTES as readonly string[]).includes(one("route")) ? (one("route") as TAccessRoute) : null;
  const partner = /^([0-9a-f-]{36}|none)$/.test(one("partner")) ? one("partner") : null;
  const filter = { ...parsed.filter, need, household, route, partner };
  const table = (await readBreakdown(actor, filter, dimension))!;
  const partners = (await readBreakdown(actor, { ...parsed.filter, need: null, household: null, route: null, partner: null }, "partner"))!;
  const title = words.breakdown.title.replace("{dimension}", NAMES[dimension]);
  const day = (iso: string) => formatDate(new Date(`${iso}T00:00:00Z`));
  const errors = parsed.problems.map((p) => ({ field: p.field, message: p.message }));
  const any = { value: "", label: words.breakdown.any };
  const selects = [
    { name: "need", label: "Need", value: need, options: NEEDS.map((n) => ({ value: n, label: vocabulary.needs[n] })) },
    { name: "household", label: "Household group", value: household, options: HOUSEHOLD_GROUPS.map((g) => ({ value: g.id, label: g.label })) },
    { name: "route", label: "Access route", value: route, options: ACCESS_ROUTES.map((r) => ({ value: r, label: vocabulary.accessRoutes[r] })) },
    { name: "partner", label: "Referring partner", value: partner, options: partners.rows.map((r) => ({ value: String(r.key), label: String(r.label) })) },
  ].filter((s) => s.name !== dimension);
  return (
    <>
      <title>{pageTitle(title, errors.length > 0)}</title>
      <BackLink href={`/${slug}/staff/reports?${filterQuery(parsed.filter)}`}>{words.breakdown.back}</BackLink>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{title}</h1>
      <p className="govuk-body-l" data-testid="breakdown-period">
        {words.breakdown.period
          .replace("{fund}", parsed.filter.fundId ? (funds.find((f) => f.id === parsed.filter.fundId)?.name ?? "") : words.filter.allFunds)
          .replace("{from}", day(parsed.filter.from))
          .replace("{to}", day(parsed.filter.to))}
      </p>
      <form method="get" noValidate className="govuk-!-margin-bottom-6 border-l-4 border-govuk-mid-grey pl-4" data-testid="breakdown-filter">
        <h2 className="govuk-heading-m">{words.breakdown.filters}</h2>
        <input type="hidden" name="fund" value={parsed.filter.fundId ?? "all"} />
        <input type="hidden" name="from" value={parsed.filter.from} />
        <input type="hidden" name="to" value={parsed.filter.to} />
        <div className="flex flex-wrap gap-x-6">
          {selects.map((s) => (
            <Select key={s.name} name={s.name} label={s.label} options={[any, ...s.options]} defaultValue={s.value ?? ""} />
          ))}
        </div>
        <Button>{words.filter.apply}</Button>
      </form>
      <BarChart table={table} labelKey="label" series={["paid"]} />
      <ReportTable table={table} />
    </>
  );
}
