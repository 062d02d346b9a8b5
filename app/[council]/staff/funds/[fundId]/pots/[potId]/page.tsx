import { readSearchParams } from "@/lib/forms/text";
import { notFound } from "next/navigation";
import { ProjectionText, UsageMeter, burnText } from "@/components/funds/figures";
import { ButtonMenu, FilterPanel } from "@/components/ui/case-working";
import { DateInput, Select } from "@/components/ui/fields";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { formatDate, formatDateTimeShort } from "@/lib/dates";
import { BackLink, SuccessBanner, SummaryList } from "@/components/ui/layout-parts";
import { HISTORY_PAGE_ROWS, historyFilterFrom } from "@/lib/funds/history";
import { describeRule } from "@/lib/funds/options";
import { potStatusText } from "@/lib/funds/projection";
import { requireFund, getPotHistory } from "@/lib/funds/queries";
import { messagesFor } from "@/lib/i18n/catalogues";
import { LEDGER_TRANSACTION_KINDS } from "@/lib/ledger/kinds";
import { formatPence } from "@/lib/money";

// Staff pages are in English.
const KIND_LABELS = messagesFor("en").ledger.kinds;
const DATE_LABELS = { day: "Day", month: "Month", year: "Year" };

export default async function PotPage({ params, searchParams }: { params: Promise<{ council: string; fundId: string; potId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { council: slug, fundId, potId } = await params;
  const query = await readSearchParams(searchParams);
  const { access, fund } = await requireFund(slug, fundId, "funds:read");
  const pot = fund.pots.find((p) => p.id === potId);
  if (!pot) notFound();
  const { filter, raw, parts, problems, page } = historyFilterFrom(query);
  const history = (await getPotHistory(access.council.id, pot.id, filter, HISTORY_PAGE_ROWS, (page - 1) * HISTORY_PAGE_ROWS))!;
  const pages = Math.max(1, Math.ceil(history.total / HISTORY_PAGE_ROWS));
  const manage = access.permissions.has("funds:manage");
  const base = `/${slug}/staff/funds/${fund.id}`;
  const potHref = `${base}/pots/${pot.id}`;
  const filterQuery = Object.entries(raw).filter(([, v]) => v);
  const csvQuery = new URLSearchParams(filterQuery).toString();
  const withQuery = (entries: [string, string][]) => {
    const q = new URLSearchParams(entries).toString();
    return q ? `${potHref}?${q}` : potHref;
  };
  const pageHref = (n: number) => withQuery([...filterQuery, ...(n > 1 ? [["page", String(n)] as [string, string]] : [])]);
  const without = (key: string) => withQuery(filterQuery.filter(([k]) => k !== key));
  const selected = [
    { category: "Type", items: raw.kind ? [{ label: KIND_LABELS[raw.kind as keyof typeof KIND_LABELS], removeHref: without("kind") }] : [] },
    { category: "Dates", items: [...(raw.from ? [{ label: `From ${formatDate(new Date(`${raw.from}T12:00:00Z`))}`, removeHref: without("from") }] : []), ...(raw.to ? [{ label: `To ${formatDate(new Date(`${raw.to}T12:00:00Z`))}`, removeHref: without("to") }] : [])] },
  ];
  const first = (page - 1) * HISTORY_PAGE_ROWS + 1;
  return (
    <>
      <title>{`${pot.name} – ${fund.name} – Money Hub`}</title>
      <BackLink href={base}>{fund.name}</BackLink>
      <SuccessBanner>{query.created ? "Pot created. Allocate money to it from the fund." : query.changed ? "Pot saved." : null}</SuccessBanner>
      <span className="govuk-caption-l">{fund.name}</span>
      <h1>{pot.name}</h1>
      {manage ? (
        <ButtonMenu
          items={[
            { href: `${base}/allocate?pot=${pot.id}`, text: "Allocate money" },
            { href: `${base}/move?from=${pot.id}`, text: "Move money out" },
            { href: `${potHref}/edit`, text: "Change rules" },
          ]}
        />
      ) : null}
      <SummaryList
        rows={[
          { key: "Available", value: formatPence(pot.balances.available) },
          { key: "Committed to awards", value: formatPence(pot.balances.committed) },
          { key: "Spent", value: formatPence(pot.balances.spent) },
          { key: "Used", value: <UsageMeter percent={pot.figures.percentUsed} label="Share of the pot used" /> },
          { key: "Days left in the period", value: String(pot.figures.daysLeft) },
          { key: "Burn rate", value: burnText(pot.figures) },
          { key: "Projection", value: <ProjectionText projection={pot.figures.projection} periodEnd={fund.periodEnd} /> },
          { key: "Status", value: potStatusText(pot.active, pot.balances.available, pot.figures.projection) },
          { key: "Spent by", value: pot.ownerOrganisation ?? "The council" },
          { key: "Largest single award", value: pot.maxSingleAwardPence === null ? "No limit" : formatPence(pot.maxSingleAwardPence) },
          { key: "Needs", value: describeRule("needs", pot.eligibleNeeds) },
          { key: "Households", value: describeRule("householdTypes", pot.eligibleHouseholdTypes) },
          { key: "Routes", value: describeRule("accessRoutes", pot.accessRoutes) },
          { key: "Awards per household", value: pot.maxAwardsPerHousehold ? `${pot.maxAwardsPerHousehold} in ${pot.repeatWindowDays} days` : "No limit" },
        ]}
      />

      <h2 className="govuk-heading-l mt-8">Transactions</h2>
      <FilterPanel label="Filter transactions" clearHref={potHref} selected={selected}>
        <Select name="kind" label="Type" defaultValue={raw.kind} options={[{ value: "", label: "All types" }, ...LEDGER_TRANSACTION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))]} />
        <DateInput name="from" legend="From" hint="For example, 1 11 2026" errors={problems} values={parts.from} labels={DATE_LABELS} />
        <DateInput name="to" legend="To" hint="For example, 30 11 2026" errors={problems} values={parts.to} labels={DATE_LABELS} />
      </FilterPanel>
      <p data-testid="history-count">
        {history.total === 0
          ? "No transactions match."
          : `Showing ${Math.min(first, history.total)} to ${Math.min(first + history.rows.length - 1, history.total)} of ${history.total} transactions, newest first.`}{" "}
        {history.total > 0 ? (
          <a href={`${potHref}/transactions.csv${csvQuery ? `?${csvQuery}` : ""}`} download className="govuk-link">
            Download all {history.total} as CSV
          </a>
        ) : null}
      </p>
      {history.rows.length ? (
        <Table
          caption={`Transactions of ${pot.name}`}
          captionHidden
          small
          testId="history-table"
          rows={history.rows}
          rowKey={(r) => r.id}
          columns={[
            { key: "date", header: "Date", nowrap: true, cell: (r) => formatDateTimeShort(r.createdAt) },
            { key: "type", header: "Type", cell: (r) => KIND_LABELS[r.kind] },
            { key: "amount", header: "Amount", numeric: true, cell: (r) => formatPence(r.amountPence) },
            { key: "effect", header: "Change to available", numeric: true, cell: (r) => (r.availableEffectPence === 0n ? "—" : `${r.availableEffectPence > 0n ? "+" : ""}${formatPence(r.availableEffectPence)}`) },
            {
              key: "details",
              header: "Details",
              cell: (r) => (
                <>
                  {r.reason}
                  {r.kind === "MOVE" ? <span className="block text-govuk-secondary">{`${r.fromPot} → ${r.toPot}`}</span> : null}
                  {r.awardRef || r.paymentRef ? <span className="block text-govuk-secondary">{[r.awardRef && `Award ${r.awardRef}`, r.paymentRef && `Payment ${r.paymentRef}`].filter(Boolean).join(" · ")}</span> : null}
                  {r.actorEmail ? <span className="block break-all text-govuk-secondary">By {r.actorEmail}</span> : null}
                </>
              ),
            },
          ]}
        />
      ) : null}
      <Pagination page={page} pages={pages} href={pageHref} label="Pages of transactions" />
    </>
  );
}
