import Link from "next/link";
import { notFound } from "next/navigation";
import { BREAKDOWN_HEAD, breakdownRows, FilterForm, Table } from "@/components/reporting/dashboard-stand-in";
import { requireCouncilPermission } from "@/lib/auth/access";
import { dashboardFilterOf, fundChoices, isDimension, readBreakdown } from "@/lib/reporting/dashboard-read";

// Stand-in (replaced by the dashboard branch at merge): one breakdown as a plain table, for
// /<council>/staff/reports/breakdown/<dimension>?fund=&from=&to=&need=&household=&route=&partner=.
export const metadata = { title: "Breakdown" };

export default async function BreakdownPage({ params, searchParams }: { params: Promise<{ council: string; dimension: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { council: slug, dimension } = await params;
  const access = await requireCouncilPermission(slug, "reports:read");
  if (!isDimension(dimension)) notFound();
  const { filter, errors } = dashboardFilterOf(await searchParams, new Date());
  const rows = (await readBreakdown(access, filter, dimension))!;
  const hidden = Object.fromEntries((["need", "household", "route", "partner"] as const).flatMap((k) => (filter[k] ? [[k, filter[k]!]] : [])));
  return (
    <>
      <Link href={`/${slug}/staff/reports?fund=${filter.fundId ?? "all"}&from=${filter.from}&to=${filter.to}`} className="govuk-back-link">Back to reports</Link>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">Awards paid by {dimension}</h1>
      <FilterForm action={`/${slug}/staff/reports/breakdown/${dimension}`} funds={await fundChoices(access)} fund={filter.fundId ?? "all"} from={filter.from} to={filter.to} errors={errors} hidden={hidden} />
      <Table caption={`${filter.from} to ${filter.to}`} testId="breakdown" head={BREAKDOWN_HEAD} rows={breakdownRows(rows)} />
    </>
  );
}
