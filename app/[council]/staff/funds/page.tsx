import Link from "next/link";
import { ProjectionText, UsageMeter } from "@/components/funds/figures";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDate } from "@/lib/dates";
import { requireCouncilPermission } from "@/lib/auth/access";
import { listFunds } from "@/lib/funds/queries";
import { formatPence } from "@/lib/money";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const [t, ui] = await Promise.all([getTranslations("funds.list"), getTranslations("staffUi")]);
  return { title: ui("title", { title: t("title") }) };
}

export default async function FundsPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "funds:read");
  const funds = await listFunds(access.council.id);
  const t = await getTranslations("funds.list");
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{t("title")}</h1>
      {access.permissions.has("funds:manage") ? (
        <Link href={`/${slug}/staff/funds/new`} className="govuk-button">
          {t("add")}
        </Link>
      ) : null}
      {funds.length === 0 ? <p>{t("none")}</p> : null}
      {funds.map((f) => (
        <section key={f.id} className="mb-10 border-t-4 border-govuk-blue pt-4" aria-labelledby={`fund-${f.id}`}>
          <h2 id={`fund-${f.id}`} className="govuk-heading-l">
            <Link href={`/${slug}/staff/funds/${f.id}`} className="govuk-link">
              {f.name}
            </Link>
            {f.status === "CLOSED" ? (
              <span className="ms-3 align-middle">
                <Tag colour="grey">{t("closed")}</Tag>
              </span>
            ) : null}
          </h2>
          <p className="text-govuk-secondary">
            {t("period", { funder: f.funder, start: formatDate(f.periodStart), end: formatDate(f.periodEnd), daysLeft: String(f.figures.daysLeft) })}
          </p>
          <Table
            caption={t("figuresCaption", { name: f.name })}
            captionHidden
            rows={[f]}
            rowKey={(r) => r.id}
            columns={[
              { key: "allocation", header: t("columns.allocation"), numeric: true, cell: (r) => formatPence(r.allocationPence) },
              { key: "pots", header: t("columns.pots"), numeric: true, cell: (r) => formatPence(r.allocatedToPotsPence) },
              { key: "committed", header: t("columns.committed"), numeric: true, cell: (r) => formatPence(r.committedPence) },
              { key: "spent", header: t("columns.spent"), numeric: true, cell: (r) => formatPence(r.spentPence) },
              { key: "available", header: t("columns.available"), numeric: true, cell: (r) => formatPence(r.figures.remainingPence) },
              { key: "used", header: t("columns.used"), cell: (r) => <UsageMeter percent={r.figures.percentUsed} label={t("shareUsed", { name: r.name })} /> },
            ]}
          />
          <p>
            <ProjectionText projection={f.figures.projection} periodEnd={f.periodEnd} />
          </p>
        </section>
      ))}
    </>
  );
}
