import Link from "next/link";
import { BREAKDOWN_HEAD, breakdownRows, FilterForm, Table } from "@/components/reporting/dashboard-stand-in";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatPence } from "@/lib/money";
import { dashboardFilterOf, fundChoices, readDashboard } from "@/lib/reporting/dashboard-read";

// Stand-in (replaced by the dashboard branch at merge): the dashboard's figures as plain tables,
// for /<council>/staff/reports?fund=<id|all>&from=YYYY-MM-DD&to=YYYY-MM-DD.
export const metadata = { title: "Reports" };

const hours = (h: number | null) => (h === null ? "–" : `${h} h`);

export default async function ReportsPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "reports:read");
  const { filter, errors } = dashboardFilterOf(await searchParams, new Date());
  const d = (await readDashboard(access, filter))!;
  const q = `fund=${filter.fundId ?? "all"}&from=${filter.from}&to=${filter.to}`;
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">Reports</h1>
      <p className="govuk-body">
        <Link href={`/${slug}/staff/reports/returns`} className="govuk-link" data-testid="funder-returns-link">Funder returns</Link>
      </p>
      <FilterForm action={`/${slug}/staff/reports`} funds={await fundChoices(access)} fund={filter.fundId ?? "all"} from={filter.from} to={filter.to} errors={errors} />
      <p className="govuk-body-s">Figures as at {d.asOf.toISOString()}.</p>
      <Table
        caption="Money now"
        testId="money"
        head={["Fund / pot", "Allocation", "Committed", "Paid", "Available", "Burn a day (30 days)", "Warning"]}
        rows={d.money.map((m) => [m.potName ? `${m.fundName}: ${m.potName}` : m.fundName, formatPence(m.allocationPence), formatPence(m.committedPence), formatPence(m.paidPence), formatPence(m.availablePence), formatPence(m.burnPerDay30Pence), m.warning ?? ""])}
      />
      <Table caption="Submissions by week" testId="weekly" head={["Week from", "Channel", "Submissions"]} rows={d.outputs.weekly.map((w) => [w.weekStart, w.channel, w.submissions])} />
      <Table
        caption="Timing"
        testId="timing"
        head={["", "Cases", "Median", "90th percentile", "Within SLA"]}
        rows={[
          ["First contact", d.outputs.firstContact.cases, hours(d.outputs.firstContact.medianHours), hours(d.outputs.firstContact.p90Hours), d.outputs.firstContact.withinSla],
          ["Decision", d.outputs.decision.cases, hours(d.outputs.decision.medianHours), hours(d.outputs.decision.p90Hours), d.outputs.decision.withinSla],
        ]}
      />
      <p className="govuk-body">SLA: {d.outputs.slaText}. Decided {d.outputs.decided}, approved {d.outputs.approved}. Households helped {d.outputs.householdsHelped}, more than once {d.outputs.householdsHelpedMoreThanOnce}.</p>
      {(["need", "household", "route", "partner"] as const).map((dim) => (
        <div key={dim}>
          <Table caption={`Awards paid by ${dim}`} testId={`by-${dim}`} head={BREAKDOWN_HEAD} rows={breakdownRows(d.outputs[dim === "need" ? "byNeed" : dim === "household" ? "byHousehold" : dim === "route" ? "byRoute" : "byPartner"])} />
          <p className="govuk-body"><Link className="govuk-link" href={`/${slug}/staff/reports/breakdown/${dim}?${q}`}>Break down by {dim}</Link></p>
        </div>
      ))}
      <Table
        caption="Outcomes"
        testId="outcomes"
        head={["", "Amount"]}
        rows={[
          ["Awards paid", formatPence(d.outcomes.awardsPaidPence)],
          ["Extra income gained (a year, with lump sums)", formatPence(d.outcomes.incomeGained.totalPence)],
          ["Staff cost", d.outcomes.staffCostPence === null ? "Not entered" : formatPence(d.outcomes.staffCostPence)],
        ]}
      />
      <Table caption="Onward referrals" testId="onward" head={["Partner", "Referrals", "Gained"]} rows={d.outcomes.onwardReferrals.map((r) => [r.partnerName, r.referrals, formatPence(r.gainedPence)])} />
    </>
  );
}
