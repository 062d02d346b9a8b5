import { readSearchParams } from "@/lib/forms/text";
import Link from "next/link";
import { ProjectionText, UsageMeter, burnText } from "@/components/funds/figures";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDate } from "@/lib/dates";
import { BackLink, SuccessBanner, SummaryList } from "@/components/ui/layout-parts";
import { requireFund } from "@/lib/funds/queries";
import { formatPence } from "@/lib/money";
import { getTranslations } from "next-intl/server";

const BANNERS = ["fund", "allocated", "moved"] as const;
const bannerKey = (v: string | undefined) => BANNERS.find((b) => b === v);

export default async function FundPage({ params, searchParams }: { params: Promise<{ council: string; fundId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { council: slug, fundId } = await params;
  const query = await readSearchParams(searchParams);
  const { access, fund } = await requireFund(slug, fundId, "funds:read");
  const manage = access.permissions.has("funds:manage");
  const base = `/${slug}/staff/funds/${fund.id}`;
  const [t, ui, tf, te] = await Promise.all([getTranslations("funds.fund"), getTranslations("staffUi"), getTranslations("funds"), getTranslations("eligibility.funds")]);
  const shown = query.created ? bannerKey(query.created) : query.moved ? bannerKey(query.moved) : query.changed ? "changed" : undefined;
  const banner = shown ? t(`banners.${shown}`) : null;
  return (
    <>
      <title>{ui("title", { title: fund.name })}</title>
      <BackLink href={`/${slug}/staff/funds`}>{tf("newFund.back")}</BackLink>
      <SuccessBanner title={ui("success")}>{banner}</SuccessBanner>
      <span className="govuk-caption-l">{fund.funder}</span>
      <h1>{fund.name}</h1>
      {manage ? (
        <div className="flex flex-wrap gap-x-4">
          <Link href={`${base}/allocate`} className="govuk-button">
            {t("allocate")}
          </Link>
          <Link href={`${base}/move`} className="govuk-button govuk-button--secondary">
            {t("move")}
          </Link>
          <Link href={`${base}/pots/new`} className="govuk-button govuk-button--secondary">
            {t("addPot")}
          </Link>
        </div>
      ) : null}
      <SummaryList
        rows={[
          { key: t("rows.period"), value: t("rows.periodValue", { start: formatDate(fund.periodStart), end: formatDate(fund.periodEnd), daysLeft: String(fund.figures.daysLeft) }) },
          { key: t("rows.allocation"), value: formatPence(fund.allocationPence) },
          { key: t("rows.allocatedToPots"), value: formatPence(fund.allocatedToPotsPence) },
          { key: t("rows.unallocated"), value: formatPence(fund.unallocatedPence) },
          { key: t("rows.committed"), value: formatPence(fund.committedPence) },
          { key: t("rows.spent"), value: formatPence(fund.spentPence) },
          { key: t("rows.available"), value: t("rows.availableValue", { remaining: formatPence(fund.figures.remainingPence), inPots: formatPence(fund.availablePence) }) },
          { key: t("rows.used"), value: <UsageMeter percent={fund.figures.percentUsed} label={t("rows.usedLabel")} /> },
          { key: t("rows.burnRate"), value: burnText(fund.figures, tf.raw("burnRate") as string) },
          { key: t("rows.projection"), value: <ProjectionText projection={fund.figures.projection} periodEnd={fund.periodEnd} /> },
          { key: te("publicFunds"), value: fund.publicFunds ? te("publicFundsYes") : te("publicFundsNo") },
          { key: t("rows.adminCap"), value: fund.adminCapBasisPoints === null ? t("rows.adminCapNone") : t("rows.adminCapValue", { percent: String(fund.adminCapBasisPoints / 100), amount: formatPence((fund.allocationPence * BigInt(fund.adminCapBasisPoints)) / 10_000n) }) },
        ]}
      />
      {manage ? (
        <p>
          <Link href={`${base}/edit`}>{t("change")}</Link>
        </p>
      ) : null}
      <h2 className="govuk-heading-l mt-8">{t("pots")}</h2>
      {fund.pots.length === 0 ? <p>{t("noPots")}</p> : null}
      {fund.pots.length ? (
        <Table
          caption={t("potsCaption", { name: fund.name })}
          captionHidden
          rows={fund.pots}
          rowKey={(p) => p.id}
          columns={[
            {
              key: "pot",
              header: t("columns.pot"),
              cell: (p) => (
                <>
                  <Link href={`${base}/pots/${p.id}`} className="govuk-link">
                    {p.name}
                  </Link>
                  {p.ownerOrganisation ? <span className="block text-govuk-secondary">{t("spentBy", { organisation: p.ownerOrganisation })}</span> : null}
                  {!p.active ? (
                    <span className="block">
                      <Tag colour="grey">{t("closed")}</Tag>
                    </span>
                  ) : null}
                </>
              ),
            },
            { key: "available", header: t("columns.available"), numeric: true, cell: (p) => formatPence(p.balances.available) },
            { key: "committed", header: t("columns.committed"), numeric: true, cell: (p) => formatPence(p.balances.committed) },
            { key: "spent", header: t("columns.spent"), numeric: true, cell: (p) => formatPence(p.balances.spent) },
            { key: "used", header: t("columns.used"), cell: (p) => <UsageMeter percent={p.figures.percentUsed} label={t("shareUsed", { name: p.name })} /> },
            { key: "projection", header: t("columns.projection"), cell: (p) => <ProjectionText projection={p.figures.projection} periodEnd={fund.periodEnd} /> },
          ]}
        />
      ) : null}
    </>
  );
}
