import Link from "next/link";
import { notFound } from "next/navigation";
import { ProjectionText, UsageMeter, burnText, formatDateTime } from "@/components/funds/figures";
import { BackLink, NotificationBanner, SummaryList } from "@/components/ui/layout-parts";
import { HISTORY_PAGE_ROWS, historyFilterFrom } from "@/lib/funds/history";
import { describeRule } from "@/lib/funds/options";
import { requireFund, getPotHistory } from "@/lib/funds/queries";
import { messagesFor } from "@/lib/i18n";
import { LEDGER_TRANSACTION_KINDS } from "@/lib/ledger/kinds";
import { formatPence } from "@/lib/money";

// Staff pages are in English.
const KIND_LABELS = messagesFor("en").ledger.kinds;

export default async function PotPage({ params, searchParams }: { params: Promise<{ council: string; fundId: string; potId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { council: slug, fundId, potId } = await params;
  const query = await searchParams;
  const { access, fund } = await requireFund(slug, fundId, "funds:read");
  const pot = fund.pots.find((p) => p.id === potId);
  if (!pot) notFound();
  const { filter, raw } = historyFilterFrom(query);
  const history = (await getPotHistory(access.council.id, pot.id, filter, HISTORY_PAGE_ROWS))!;
  const manage = access.permissions.has("funds:manage");
  const base = `/${slug}/staff/funds/${fund.id}`;
  const csvQuery = new URLSearchParams(Object.entries(raw).filter(([, v]) => v)).toString();
  const filtered = Boolean(raw.kind || raw.from || raw.to);
  return (
    <>
      <title>{`${pot.name} – ${fund.name} – Money Hub`}</title>
      <BackLink href={base}>{fund.name}</BackLink>
      {query.created || query.changed ? (
        <NotificationBanner success title="Success">
          <p className="mb-0 font-bold">{query.created ? "Pot created. Allocate money to it from the fund." : "Pot saved."}</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption">{fund.name}</span>
      <h1>{pot.name}</h1>
      {manage ? (
        <div className="flex flex-wrap gap-x-4">
          <Link href={`${base}/allocate?pot=${pot.id}`} className="govuk-button">
            Allocate money
          </Link>
          <Link href={`${base}/move?from=${pot.id}`} className="govuk-button govuk-button-secondary">
            Move money out
          </Link>
          <Link href={`${base}/pots/${pot.id}/edit`} className="govuk-button govuk-button-secondary">
            Change rules
          </Link>
        </div>
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
          { key: "Status", value: pot.active ? "Open for new awards" : "Closed to new awards" },
          { key: "Spent by", value: pot.ownerOrganisation ?? "The council" },
          { key: "Largest single award", value: pot.maxSingleAwardPence === null ? "No limit" : formatPence(pot.maxSingleAwardPence) },
          { key: "Needs", value: describeRule("needs", pot.eligibleNeeds) },
          { key: "Households", value: describeRule("householdTypes", pot.eligibleHouseholdTypes) },
          { key: "Routes", value: describeRule("accessRoutes", pot.accessRoutes) },
          { key: "Awards per household", value: pot.maxAwardsPerHousehold ? `${pot.maxAwardsPerHousehold} in ${pot.repeatWindowDays} days` : "No limit" },
        ]}
      />

      <h2 className="mt-8 text-2xl">Transactions</h2>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-x-6 bg-govuk-light-grey p-4" aria-label="Filter transactions">
        <div className="govuk-form-group mb-2">
          <label htmlFor="kind" className="govuk-label-bold">
            Type
          </label>
          <select id="kind" name="kind" defaultValue={raw.kind} className="govuk-select">
            <option value="">All types</option>
            {LEDGER_TRANSACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group mb-2">
          <label htmlFor="from" className="govuk-label-bold">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={raw.from} className="govuk-input max-w-[23ex]" />
        </div>
        <div className="govuk-form-group mb-2">
          <label htmlFor="to" className="govuk-label-bold">
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={raw.to} className="govuk-input max-w-[23ex]" />
        </div>
        <button type="submit" className="govuk-button govuk-button-secondary mb-2">
          Filter
        </button>
        {filtered ? (
          <Link href={`${base}/pots/${pot.id}`} className="mb-4">
            Clear filter
          </Link>
        ) : null}
      </form>
      <p>
        {history.total === 0 ? "No transactions match." : `Showing ${Math.min(history.total, HISTORY_PAGE_ROWS)} of ${history.total} transactions, newest first.`}{" "}
        {history.total > 0 ? (
          <a href={`${base}/pots/${pot.id}/transactions.csv${csvQuery ? `?${csvQuery}` : ""}`} download>
            Download all {history.total} as CSV
          </a>
        ) : null}
      </p>
      {history.rows.length ? (
        <div className="overflow-x-auto">
          <table className="govuk-table text-base">
            <caption className="sr-only">Transactions of {pot.name}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col" className="text-right">
                  Amount
                </th>
                <th scope="col" className="text-right">
                  Change to available
                </th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {history.rows.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap">{formatDateTime(r.createdAt)}</td>
                  <td>{KIND_LABELS[r.kind]}</td>
                  <td className="text-right">{formatPence(r.amountPence)}</td>
                  <td className="text-right">{r.availableEffectPence === 0n ? "—" : `${r.availableEffectPence > 0n ? "+" : ""}${formatPence(r.availableEffectPence)}`}</td>
                  <td className="break-words">
                    {r.reason}
                    {r.kind === "MOVE" ? <span className="block text-govuk-secondary">{`${r.fromPot} → ${r.toPot}`}</span> : null}
                    {r.awardRef || r.paymentRef ? <span className="block text-govuk-secondary">{[r.awardRef && `Award ${r.awardRef}`, r.paymentRef && `Payment ${r.paymentRef}`].filter(Boolean).join(" · ")}</span> : null}
                    {r.actorEmail ? <span className="block text-govuk-secondary">By {r.actorEmail}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
