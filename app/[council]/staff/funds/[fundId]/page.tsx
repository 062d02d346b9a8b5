import { readSearchParams } from "@/lib/forms/text";
import Link from "next/link";
import { ProjectionText, UsageMeter, burnText } from "@/components/funds/figures";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDate } from "@/lib/dates";
import { BackLink, SuccessBanner, SummaryList } from "@/components/ui/layout-parts";
import { requireFund } from "@/lib/funds/queries";
import { formatPence } from "@/lib/money";


const BANNERS: Record<string, string> = {
  fund: "Fund created.",
  allocated: "Money allocated.",
  moved: "Money moved.",
};

export default async function FundPage({ params, searchParams }: { params: Promise<{ council: string; fundId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { council: slug, fundId } = await params;
  const query = await readSearchParams(searchParams);
  const { access, fund } = await requireFund(slug, fundId, "funds:read");
  const manage = access.permissions.has("funds:manage");
  const base = `/${slug}/staff/funds/${fund.id}`;
  const banner = query.created ? BANNERS[query.created] : query.moved ? BANNERS[query.moved] : query.changed ? "Fund details saved." : null;
  return (
    <>
      <title>{`${fund.name} – Money Hub`}</title>
      <BackLink href={`/${slug}/staff/funds`}>Funds</BackLink>
      <SuccessBanner>{banner}</SuccessBanner>
      <span className="govuk-caption-l">{fund.funder}</span>
      <h1>{fund.name}</h1>
      {manage ? (
        <div className="flex flex-wrap gap-x-4">
          <Link href={`${base}/allocate`} className="govuk-button">
            Allocate money
          </Link>
          <Link href={`${base}/move`} className="govuk-button govuk-button--secondary">
            Move money between pots
          </Link>
          <Link href={`${base}/pots/new`} className="govuk-button govuk-button--secondary">
            Add a pot
          </Link>
        </div>
      ) : null}
      <SummaryList
        rows={[
          { key: "Period", value: `${formatDate(fund.periodStart)} to ${formatDate(fund.periodEnd)} (${fund.figures.daysLeft} days left)` },
          { key: "Allocation", value: formatPence(fund.allocationPence) },
          { key: "Allocated to pots", value: formatPence(fund.allocatedToPotsPence) },
          { key: "Not yet in a pot", value: formatPence(fund.unallocatedPence) },
          { key: "Committed to awards", value: formatPence(fund.committedPence) },
          { key: "Spent", value: formatPence(fund.spentPence) },
          { key: "Available", value: `${formatPence(fund.figures.remainingPence)} (${formatPence(fund.availablePence)} in pots)` },
          { key: "Used", value: <UsageMeter percent={fund.figures.percentUsed} label="Share of the allocation used" /> },
          { key: "Burn rate", value: burnText(fund.figures) },
          { key: "Projection", value: <ProjectionText projection={fund.figures.projection} periodEnd={fund.periodEnd} /> },
          { key: "Cap on administration spend", value: fund.adminCapBasisPoints === null ? "None" : `${fund.adminCapBasisPoints / 100}% (${formatPence((fund.allocationPence * BigInt(fund.adminCapBasisPoints)) / 10_000n)})` },
        ]}
      />
      {manage ? (
        <p>
          <Link href={`${base}/edit`}>Change fund details</Link>
        </p>
      ) : null}
      <h2 className="govuk-heading-l mt-8">Pots</h2>
      {fund.pots.length === 0 ? <p>This fund has no pots yet. Add a pot, then allocate money to it.</p> : null}
      {fund.pots.length ? (
        <Table
          caption={`Pots in ${fund.name}`}
          captionHidden
          rows={fund.pots}
          rowKey={(p) => p.id}
          columns={[
            {
              key: "pot",
              header: "Pot",
              cell: (p) => (
                <>
                  <Link href={`${base}/pots/${p.id}`} className="govuk-link">
                    {p.name}
                  </Link>
                  {p.ownerOrganisation ? <span className="block text-govuk-secondary">Spent by {p.ownerOrganisation}</span> : null}
                  {!p.active ? (
                    <span className="block">
                      <Tag colour="grey">Closed</Tag>
                    </span>
                  ) : null}
                </>
              ),
            },
            { key: "available", header: "Available", numeric: true, cell: (p) => formatPence(p.balances.available) },
            { key: "committed", header: "Committed", numeric: true, cell: (p) => formatPence(p.balances.committed) },
            { key: "spent", header: "Spent", numeric: true, cell: (p) => formatPence(p.balances.spent) },
            { key: "used", header: "Used", cell: (p) => <UsageMeter percent={p.figures.percentUsed} label={`${p.name}: share used`} /> },
            { key: "projection", header: "Projection", cell: (p) => <ProjectionText projection={p.figures.projection} periodEnd={fund.periodEnd} /> },
          ]}
        />
      ) : null}
    </>
  );
}
