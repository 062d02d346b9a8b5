import { PaymentsTabs } from "@/components/payments/payments-tabs";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BackLink, pageTitle, SuccessBanner } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDate } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { maskedAccount } from "@/lib/payments/supplier-schemas";
import { SUPPLIER_KIND_WORDS, SUPPLIER_STATUS_COLOUR, SUPPLIER_STATUS_WORDS } from "@/lib/payments/supplier-words";
import { listSuppliers } from "@/lib/payments/suppliers";

// The council's suppliers paid directly (docs/suppliers.md): finance only. Bank details masked.
export default async function SuppliersPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ done?: string }> }) {
  const { council: slug } = await params;
  const { done } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const t = await getTranslations("suppliers");
  const suppliers = (await listSuppliers(staffActor(access))) ?? [];
  const waiting = suppliers.filter((s) => s.status === "PENDING_CHECK").length;
  return (
    <>
      <title>{pageTitle(t("list.title"))}</title>
      <BackLink href={`/${slug}/staff/payments`}>{t("common.payments")}</BackLink>
      <SuccessBanner title={t("common.success")} testId="suppliers-banner">
        {done === "withdrawn" ? t("list.withdrawn") : null}
      </SuccessBanner>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{t("list.title")}</h1>
      <PaymentsTabs slug={slug} current={`/${slug}/staff/payments/suppliers`} />
      <p className="govuk-body">{t("list.intro")}</p>
      {waiting ? (
        <p className="govuk-body" data-testid="suppliers-waiting">
          <strong>{t("list.waiting", { count: waiting })}</strong>
        </p>
      ) : null}
      <Link href={`/${slug}/staff/payments/suppliers/new`} className="govuk-button" role="button" draggable={false} data-testid="add-supplier">
        {t("list.add")}
      </Link>
      {suppliers.length ? (
        <Table
          caption={t("list.title")}
          captionHidden
          testId="suppliers-table"
          rows={suppliers}
          rowKey={(s) => s.id}
          columns={[
            {
              key: "name",
              header: t("list.supplier"),
              cell: (s) => (
                <Link href={`/${slug}/staff/payments/suppliers/${s.id}`} className="govuk-link">
                  {s.name}
                </Link>
              ),
            },
            { key: "kind", header: t("list.kind"), cell: (s) => SUPPLIER_KIND_WORDS[s.kind] },
            { key: "account", header: t("list.account"), cell: (s) => maskedAccount(s.bankLast4) },
            { key: "added", header: t("list.addedBy"), cell: (s) => t("common.byAt", { name: s.addedBy ?? t("common.someone"), at: formatDate(s.createdAt) }) },
            { key: "checked", header: t("list.checkedBy"), cell: (s) => s.checkedBy ?? t("list.notYet") },
            { key: "payments", header: t("list.payments"), numeric: true, cell: (s) => s.payments },
            { key: "status", header: t("list.status"), cell: (s) => <Tag colour={SUPPLIER_STATUS_COLOUR[s.status]}>{SUPPLIER_STATUS_WORDS[s.status]}</Tag> },
          ]}
        />
      ) : (
        <p className="govuk-body">{t("list.none")}</p>
      )}
    </>
  );
}
