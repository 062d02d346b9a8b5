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
import { messagesFor, staffMessages } from "@/lib/i18n/catalogues";
import { getTranslations } from "next-intl/server";
import { LEDGER_TRANSACTION_KINDS } from "@/lib/ledger/kinds";
import { formatPence } from "@/lib/money";

// Staff pages are in English.
const KIND_LABELS = messagesFor("en").ledger.kinds;

export default async function PotPage({ params, searchParams }: { params: Promise<{ council: string; fundId: string; potId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { council: slug, fundId, potId } = await params;
  const query = await readSearchParams(searchParams);
  const { access, fund } = await requireFund(slug, fundId, "funds:read");
  const pot = fund.pots.find((p) => p.id === potId);
  if (!pot) notFound();
  const { filter, raw, parts, problems, page } = historyFilterFrom(query);
  const [t, ui, tf, te] = await Promise.all([getTranslations("funds.pot"), getTranslations("staffUi"), getTranslations("funds"), getTranslations("eligibility.funds")]);
  const { staffUi } = staffMessages();
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
    { category: t("filterType"), items: raw.kind ? [{ label: KIND_LABELS[raw.kind as keyof typeof KIND_LABELS], removeHref: without("kind") }] : [] },
    { category: t("filterDates"), items: [...(raw.from ? [{ label: t("fromTag", { date: formatDate(new Date(`${raw.from}T12:00:00Z`)) }), removeHref: without("from") }] : []), ...(raw.to ? [{ label: t("toTag", { date: formatDate(new Date(`${raw.to}T12:00:00Z`)) }), removeHref: without("to") }] : [])] },
  ];
  const first = (page - 1) * HISTORY_PAGE_ROWS + 1;
  return (
    <>
      <title>{t("pageTitle", { pot: pot.name, fund: fund.name })}</title>
      <BackLink href={base}>{fund.name}</BackLink>
      <SuccessBanner title={ui("success")}>{query.created ? t("banners.created") : query.changed ? t("banners.changed") : null}</SuccessBanner>
      <span className="govuk-caption-l">{fund.name}</span>
      <h1>{pot.name}</h1>
      {manage ? (
        <ButtonMenu
          items={[
            { href: `${base}/allocate?pot=${pot.id}`, text: t("actions.allocate") },
            { href: `${base}/move?from=${pot.id}`, text: t("actions.move") },
            { href: `${potHref}/edit`, text: t("actions.change") },
          ]}
        />
      ) : null}
      <SummaryList
        rows={[
          { key: t("rows.available"), value: formatPence(pot.balances.available) },
          { key: t("rows.committed"), value: formatPence(pot.balances.committed) },
          { key: t("rows.spent"), value: formatPence(pot.balances.spent) },
          { key: t("rows.used"), value: <UsageMeter percent={pot.figures.percentUsed} label={t("rows.usedLabel")} /> },
          { key: t("rows.daysLeft"), value: String(pot.figures.daysLeft) },
          { key: t("rows.burnRate"), value: burnText(pot.figures, tf.raw("burnRate") as string) },
          { key: t("rows.projection"), value: <ProjectionText projection={pot.figures.projection} periodEnd={fund.periodEnd} /> },
          { key: t("rows.status"), value: potStatusText(pot.active, pot.balances.available, pot.figures.projection) },
          { key: t("rows.spentBy"), value: pot.ownerOrganisation ?? t("rows.spentByCouncil") },
          { key: t("rows.largestAward"), value: pot.maxSingleAwardPence === null ? t("rows.noLimit") : formatPence(pot.maxSingleAwardPence) },
          { key: t("rows.needs"), value: describeRule("needs", pot.eligibleNeeds) },
          { key: t("rows.households"), value: describeRule("householdTypes", pot.eligibleHouseholdTypes) },
          { key: t("rows.routes"), value: describeRule("accessRoutes", pot.accessRoutes) },
          { key: te("housingPayment"), value: pot.housingPayment ? te("housingPaymentYes") : te("housingPaymentNo") },
          { key: t("rows.awardsPerHousehold"), value: pot.maxAwardsPerHousehold ? t("rows.awardsPerHouseholdValue", { count: String(pot.maxAwardsPerHousehold), days: String(pot.repeatWindowDays) }) : t("rows.noLimit") },
        ]}
      />

      <h2 className="govuk-heading-l mt-8">{t("transactions")}</h2>
      <FilterPanel label={t("filterLabel")} clearHref={potHref} selected={selected} words={staffUi.filters}>
        <Select name="kind" label={t("filterType")} defaultValue={raw.kind} options={[{ value: "", label: t("allTypes") }, ...LEDGER_TRANSACTION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))]} />
        <DateInput name="from" legend={t("from")} hint={t("fromHint")} errors={problems} values={parts.from} labels={staffUi.dateLabels} />
        <DateInput name="to" legend={t("to")} hint={t("toHint")} errors={problems} values={parts.to} labels={staffUi.dateLabels} />
      </FilterPanel>
      <p data-testid="history-count">
        {history.total === 0
          ? t("noneMatch")
          : t("showing", { first: String(Math.min(first, history.total)), last: String(Math.min(first + history.rows.length - 1, history.total)), total: String(history.total) })}{" "}
        {history.total > 0 ? (
          <a href={`${potHref}/transactions.csv${csvQuery ? `?${csvQuery}` : ""}`} download className="govuk-link">
            {t("download", { total: String(history.total) })}
          </a>
        ) : null}
      </p>
      {history.rows.length ? (
        <Table
          caption={t("caption", { name: pot.name })}
          captionHidden
          small
          testId="history-table"
          rows={history.rows}
          rowKey={(r) => r.id}
          columns={[
            { key: "date", header: t("columns.date"), nowrap: true, cell: (r) => formatDateTimeShort(r.createdAt) },
            { key: "type", header: t("columns.type"), cell: (r) => KIND_LABELS[r.kind] },
            { key: "amount", header: t("columns.amount"), numeric: true, cell: (r) => formatPence(r.amountPence) },
            { key: "effect", header: t("columns.effect"), numeric: true, cell: (r) => (r.availableEffectPence === 0n ? "—" : `${r.availableEffectPence > 0n ? "+" : ""}${formatPence(r.availableEffectPence)}`) },
            {
              key: "details",
              header: t("columns.details"),
              cell: (r) => (
                <>
                  {r.reason}
                  {r.kind === "MOVE" ? <span className="block text-govuk-secondary">{`${r.fromPot} → ${r.toPot}`}</span> : null}
                  {r.awardRef || r.paymentRef ? <span className="block text-govuk-secondary">{[r.awardRef && t("award", { ref: r.awardRef }), r.paymentRef && t("payment", { ref: r.paymentRef })].filter(Boolean).join(" · ")}</span> : null}
                  {r.actorEmail ? <span className="block break-all text-govuk-secondary">{t("by", { email: r.actorEmail })}</span> : null}
                </>
              ),
            },
          ]}
        />
      ) : null}
      <Pagination page={page} pages={pages} href={pageHref} label={t("pages")} words={staffUi.pagination} />
    </>
  );
}
