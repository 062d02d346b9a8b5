import Link from "next/link";
import { DashboardSections } from "@/components/reporting/dashboard";
import { StaffCostForm } from "@/components/reporting/dashboard-forms";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, Select, TextInput } from "@/components/ui/fields";
import { pageTitle, SuccessBanner } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { formatDate } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { formatPence } from "@/lib/money";
import { recordStaffCostAction } from "@/lib/reporting/dashboard-actions";
import { filterQuery, parseDashboardQuery } from "@/lib/reporting/dashboard-filter";
import { dashboardFunds, readDashboard } from "@/lib/reporting/dashboard-view";
import words from "@/messages/en/dashboard.json";

// The managers' dashboard (issue 20): a GET filter (fund, period), then money, outputs, outcomes
// and the outreach funnel, each table with its chart, from lib/reporting/dashboard-view.ts.
export default async function ReportsPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { council: slug } = await params;
  const query = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "reports:read");
  const actor = staffActor(access);
  const funds = (await dashboardFunds(actor)) ?? [];
  const parsed = parseDashboardQuery(query, funds, londonIsoDate(new Date()));
  const view = (await readDashboard(actor, parsed.filter))!;
  const { filter } = parsed;
  const canManage = access.permissions.has("funds:manage");
  const fundName = filter.fundId ? (funds.find((f) => f.id === filter.fundId)?.name ?? "") : words.filter.allFunds.toLowerCase();
  const day = (iso: string) => formatDate(new Date(`${iso}T00:00:00Z`));
  const periodText = `${fundName}, ${day(filter.from)} to ${day(filter.to)}`;
  const base = `/${slug}/staff/reports`;
  const q = filterQuery(filter);
  const errors = parsed.problems.map((p) => ({ field: p.field, message: p.message }));
  const period = { fund: filter.fundId ?? "all", from: filter.from, to: filter.to };
  return (
    <>
      <title>{pageTitle(words.title, errors.length > 0)}</title>
      <SuccessBanner testId="dashboard-banner" title={words.success}>
        {query.done === "staff-cost" ? words.staffCostSaved : null}
      </SuccessBanner>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{words.title}</h1>
      <p className="govuk-body">{words.intro}</p>
      <ul className="govuk-list flex flex-wrap gap-x-8">
        <li>
          <Link href={`${base}/returns`} className="govuk-link" data-testid="funder-returns-link">
            {words.links.returns}
          </Link>
        </li>
        {access.permissions.has("outreach:manage") ? (
          <li>
            <Link href={`/${slug}/staff/outreach`} className="govuk-link">
              {words.links.outreach}
            </Link>
          </li>
        ) : null}
        {canManage ? (
          <li>
            <Link href={`${base}/shared-links?${q}`} className="govuk-link" data-testid="shared-links-link">
              {words.links.shared}
            </Link>
          </li>
        ) : null}
      </ul>
      <form method="get" action={base} noValidate className="govuk-!-margin-bottom-6 border-l-4 border-govuk-mid-grey pl-4" data-testid="dashboard-filter">
        <h2 className="govuk-heading-m">{words.filter.heading}</h2>
        <Select name="fund" label={words.filter.fund} options={[{ value: "all", label: words.filter.allFunds }, ...funds.map((f) => ({ value: f.id, label: f.name }))]} errors={errors} defaultValue={parsed.values.fund} />
        <div className="flex flex-wrap gap-x-6">
          <TextInput name="from" label={words.filter.from} hint={words.filter.dateHint} width="10" errors={errors} defaultValue={parsed.values.from} />
          <TextInput name="to" label={words.filter.to} hint={words.filter.dateHint} width="10" errors={errors} defaultValue={parsed.values.to} />
        </div>
        <Button>{words.filter.apply}</Button>
      </form>
      <p className="govuk-body-l" data-testid="dashboard-period">
        {words.filter.showing.replace("{fund}", fundName).replace("{from}", day(filter.from)).replace("{to}", day(filter.to))}
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={`${base}/download?${q}&format=csv`} data-testid="download-csv" download>
          {words.downloads.csv}
        </a>
        {" · "}
        <a className="govuk-link" href={`${base}/download?${q}&format=xlsx`} data-testid="download-xlsx" download>
          {words.downloads.xlsx}
        </a>
      </p>
      <DashboardSections
        tables={view.tables}
        linkFor={(tableId, row) => {
          const dimension = tableId.replace(/^by-/, "");
          return typeof row.key === "string" ? `${base}/breakdown/${dimension}?${filterQuery(filter, { [dimension]: row.key })}` : null;
        }}
        outcomesExtra={
          <>
            <p className="govuk-body-s">{words.adviceNote}</p>
            {canManage ? (
              <div className="md:w-2/3">
                <StaffCostForm
                  action={recordStaffCostAction.bind(null, slug)}
                  period={period}
                  periodText={periodText}
                  current={view.dashboard.outcomes.staffCostPence === null ? null : formatPence(view.dashboard.outcomes.staffCostPence)}
                  title={words.title}
                />
              </div>
            ) : null}
          </>
        }
      />
    </>
  );
}
