import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Table } from "@/components/ui/table";
import { SuccessBanner } from "@/components/ui/layout-parts";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { listAdvicePartners } from "@/lib/advice/partners";
import { lastTwelveMonths, loadIncomeGained } from "@/lib/advice/income-gained";
import { londonToday } from "@/lib/advice/schemas";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDate } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { formatPence } from "@/lib/money";

export async function generateMetadata() {
  return { title: (await getTranslations("advice"))("partners.title") };
}

const day = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));

export default async function AdvicePartnersPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ done?: string }> }) {
  const { council: slug } = await params;
  const { done } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "advice:manage");
  const actor = staffActor(access);
  const [t, ui] = await Promise.all([getTranslations("advice"), getTranslations("staffUi")]);
  const period = lastTwelveMonths(londonToday());
  const [partners, income] = await Promise.all([listAdvicePartners(actor), loadIncomeGained(actor, period)]);
  const gainedBy = new Map((income?.byPartner ?? []).map((p) => [p.partnerId, p.totalPence]));
  const banner = done === "added" ? t("partners.added") : done === "saved" ? t("partners.saved") : null;
  return (
    <>
      <SuccessBanner testId="advice-banner" title={ui("success")}>
        {banner}
      </SuccessBanner>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{t("partners.title")}</h1>
      <p className="govuk-body">{t("partners.intro", { council: access.council.name })}</p>
      <Link href={`/${slug}/staff/advice-partners/new`} className="govuk-button" role="button" draggable={false} data-testid="add-advice-partner">
        {t("partners.add")}
      </Link>
      {partners?.length ? (
        <Table
          caption={t("partners.caption")}
          captionHidden
          testId="advice-partners-table"
          rows={partners}
          rowKey={(p) => p.id}
          columns={[
            { key: "name", header: t("partners.name"), cell: (p) => p.name },
            { key: "kind", header: t("partners.kind"), cell: (p) => t(`kinds.${p.kind}`) },
            { key: "email", header: t("partners.contactEmail"), cell: (p) => <span className="break-all">{p.contactEmail}</span> },
            { key: "referrals", header: t("partners.referrals"), numeric: true, cell: (p) => p.referrals },
            { key: "gained", header: t("partners.gained"), numeric: true, cell: (p) => formatPence(gainedBy.get(p.id) ?? 0n) },
            { key: "status", header: t("partners.status"), cell: (p) => (p.active ? <Tag colour="green">{t("partners.active")}</Tag> : <Tag colour="grey">{t("partners.inactive")}</Tag>) },
            {
              key: "change",
              header: <span className="govuk-visually-hidden">{t("partners.change")}</span>,
              cell: (p) => (
                <Link href={`/${slug}/staff/advice-partners/${p.id}/edit`} className="govuk-link">
                  {t("partners.change")}
                  <span className="govuk-visually-hidden"> {p.name}</span>
                </Link>
              ),
            },
          ]}
        />
      ) : (
        <p className="govuk-body">{t("partners.none")}</p>
      )}
      {income ? (
        <section aria-labelledby="income-heading" data-testid="income-gained">
          <h2 className="govuk-heading-l mt-8" id="income-heading">
            {t("income.heading")}
          </h2>
          <p className="govuk-body">{t("income.intro", { from: day(period.from), to: day(period.to) })}</p>
          <dl className="govuk-summary-list">
            {[
              { key: t("income.total"), value: formatPence(income.totalPence), testId: "income-total" },
              { key: t("income.annualised"), value: formatPence(income.annualisedPence) },
              { key: t("income.lumpSums"), value: formatPence(income.lumpSumPence) },
              { key: t("income.outcomes"), value: String(income.outcomes) },
            ].map((r) => (
              <div key={r.key} className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{r.key}</dt>
                <dd className="govuk-summary-list__value" data-testid={r.testId}>
                  {r.value}
                </dd>
              </div>
            ))}
          </dl>
          {income.byKind.length ? (
            <Table
              caption={t("income.byKind")}
              rows={income.byKind}
              rowKey={(k) => k.kind}
              testId="income-by-kind"
              columns={[
                { key: "kind", header: t("income.kind"), cell: (k) => t(`outcomeKinds.${k.kind}`) },
                { key: "count", header: t("income.count"), numeric: true, cell: (k) => k.outcomes },
                { key: "total", header: t("income.total"), numeric: true, cell: (k) => formatPence(k.totalPence) },
              ]}
            />
          ) : (
            <p className="govuk-body">{t("income.none")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
