import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDate } from "@/lib/dates";
import { LAYOUT_NAMES } from "@/lib/reporting/categories";
import { fundsForReturns, listReturns } from "@/lib/reporting/returns";

export async function generateMetadata() {
  return { title: (await getTranslations("reporting"))("list.title") };
}

const day = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));

export default async function ReturnsPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "reports:read");
  const actor = staffActor(access);
  const [t, returns, funds] = await Promise.all([getTranslations("reporting"), listReturns(actor), fundsForReturns(actor)]);
  const manages = access.permissions.has("funds:manage");
  const base = `/${slug}/staff/reports/returns`;
  return (
    <>
      <BackLink href={`/${slug}/staff/reports`}>{t("index.title")}</BackLink>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{t("list.title")}</h1>
      <p className="govuk-body">{t("list.intro")}</p>
      {manages ? (
        <Link href={`${base}/new`} className="govuk-button" role="button" draggable={false} data-testid="draft-return">
          {t("list.draft")}
        </Link>
      ) : null}
      {returns?.length ? (
        <Table
          caption={t("list.caption")}
          captionHidden
          testId="returns-table"
          rows={returns}
          rowKey={(r) => r.id}
          columns={[
            { key: "fund", header: t("list.fund"), cell: (r) => r.fundName },
            { key: "layout", header: t("list.layout"), cell: (r) => LAYOUT_NAMES[r.layout] },
            { key: "period", header: t("list.period"), cell: (r) => t("list.periodText", { start: day(r.periodStart), end: day(r.periodEnd) }) },
            { key: "version", header: t("list.version"), numeric: true, cell: (r) => r.version },
            { key: "status", header: t("list.status"), cell: (r) => (r.status === "SIGNED" ? <Tag colour="green">{t("list.signedTag")}</Tag> : <Tag colour="grey">{t("list.draftTag")}</Tag>) },
            {
              key: "open",
              header: <span className="govuk-visually-hidden">{t("list.open")}</span>,
              cell: (r) => (
                <Link href={`${base}/${r.id}`} className="govuk-link">
                  {t("list.open")}
                  <span className="govuk-visually-hidden">
                    {" "}
                    {r.fundName} {t("list.version")} {r.version}
                  </span>
                </Link>
              ),
            },
          ]}
        />
      ) : (
        <p className="govuk-body">{t("list.none")}</p>
      )}
      {manages && funds?.length ? (
        <section aria-labelledby="funds-heading">
          <h2 className="govuk-heading-l mt-8" id="funds-heading">
            {t("list.fundsHeading")}
          </h2>
          <ul className="govuk-list">
            {funds.map((f) => (
              <li key={f.id}>
                <strong>{f.name}</strong>:{" "}
                <Link href={`${base}/mapping/${f.id}`} className="govuk-link">
                  {t("list.mapping")}
                  <span className="govuk-visually-hidden"> ({f.name})</span>
                </Link>{" "}
                ·{" "}
                <Link href={`${base}/admin-costs/${f.id}`} className="govuk-link">
                  {t("list.adminCosts")}
                  <span className="govuk-visually-hidden"> ({f.name})</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
