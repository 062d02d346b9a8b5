import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AdminCostForm, ReverseAdminCostForm } from "@/components/reporting/return-forms";
import { BackLink, SuccessBanner } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDate } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { formatPence } from "@/lib/money";
import { recordAdminCostAction, reverseAdminCostAction } from "@/lib/reporting/actions";
import { ADMIN_COST_LINES } from "@/lib/reporting/categories";
import { adminCostsOf } from "@/lib/reporting/returns";
import words from "@/messages/en/reporting.json";

export default async function AdminCostsPage({ params, searchParams }: { params: Promise<{ council: string; fundId: string }>; searchParams: Promise<{ done?: string; reverse?: string }> }) {
  const { council: slug, fundId } = await params;
  const { done, reverse } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "funds:manage");
  const costs = await adminCostsOf(staffActor(access), fundId);
  if (!costs) notFound();
  const t = await getTranslations("reporting");
  const title = t("adminCosts.title", { fund: costs.fund.name });
  const lineLabel = (id: string) => ADMIN_COST_LINES.find((l) => l.id === id)?.label ?? id;
  const here = `/${slug}/staff/reports/returns/admin-costs/${costs.fund.id}`;
  // ?reverse=<id>: the reversal form for that cost (only one not reversed yet).
  const reversing = reverse ? costs.rows.find((r) => r.id === reverse && !r.reversal) : undefined;
  return (
    <>
      <BackLink href={`/${slug}/staff/reports/returns`}>{t("list.title")}</BackLink>
      <SuccessBanner testId="admin-cost-banner" title={t("success")}>
        {done === "recorded" ? t("adminCosts.recorded") : done === "reversed" ? t("adminCosts.reversed") : null}
      </SuccessBanner>
      <h1 className="govuk-heading-xl">{title}</h1>
      <p className="govuk-body">{t("adminCosts.intro")}</p>
      <p className="govuk-body" data-testid="admin-cap">
        {costs.capPence === null
          ? t("adminCosts.noCap", { used: formatPence(costs.usedPence) })
          : t("adminCosts.cap", { cap: formatPence(costs.capPence), used: formatPence(costs.usedPence), left: formatPence(costs.capPence - costs.usedPence) })}
      </p>
      {costs.rows.length ? (
        <Table
          caption={t("adminCosts.caption")}
          rows={costs.rows}
          rowKey={(r) => r.id}
          columns={[
            { key: "date", header: t("adminCosts.date"), nowrap: true, cell: (r) => formatDate(r.createdAt) },
            { key: "line", header: t("adminCosts.line"), cell: (r) => lineLabel(r.costLine) },
            { key: "reason", header: t("adminCosts.reason"), cell: (r) => r.reason },
            {
              key: "amount",
              header: t("adminCosts.amount"),
              numeric: true,
              cell: (r) => (r.reversal ? <s>{formatPence(r.amountPence)}</s> : formatPence(r.amountPence)),
            },
            {
              key: "action",
              header: t("adminCosts.actions"),
              cell: (r) =>
                r.reversal ? (
                  <span data-testid="admin-cost-reversed">
                    <Tag colour="grey">{t("adminCosts.reversedTag")}</Tag>
                    <span className="govuk-body-s block mt-1">{t("adminCosts.reversedOn", { date: formatDate(r.reversal.createdAt), reason: r.reversal.reason })}</span>
                  </span>
                ) : (
                  <Link className="govuk-link" href={`${here}?reverse=${r.id}#reverse`} data-testid="admin-cost-reverse">
                    {t("adminCosts.reverse")}
                    <span className="govuk-visually-hidden">
                      {" "}
                      {formatPence(r.amountPence)} {r.reason}
                    </span>
                  </Link>
                ),
            },
          ]}
        />
      ) : (
        <p className="govuk-body">{t("adminCosts.none")}</p>
      )}
      {reversing ? (
        <section className="md:w-2/3" id="reverse" aria-labelledby="reverse-heading" data-testid="admin-cost-reverse-form">
          <h2 className="govuk-heading-m" id="reverse-heading">
            {t("adminCosts.reverseHeading")}
          </h2>
          <p className="govuk-body">{t("adminCosts.reverseIntro", { amount: formatPence(reversing.amountPence), line: lineLabel(reversing.costLine).toLowerCase(), date: formatDate(reversing.createdAt), reason: reversing.reason })}</p>
          <ReverseAdminCostForm action={reverseAdminCostAction.bind(null, slug)} fundId={costs.fund.id} transactionId={reversing.id} title={t("adminCosts.reverseHeading")} cancelHref={here} words={words.adminCosts} />
        </section>
      ) : null}
      <div className="md:w-2/3">
        <AdminCostForm
          action={recordAdminCostAction.bind(null, slug)}
          fundId={costs.fund.id}
          idempotencyKey={randomUUID()}
          costLines={ADMIN_COST_LINES.map((l) => ({ value: l.id, label: l.label }))}
          title={title}
          words={words.adminCosts}
        />
      </div>
    </>
  );
}
