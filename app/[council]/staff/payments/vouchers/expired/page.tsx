import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BackLink, SuccessBanner } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateShort } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { formatPence } from "@/lib/money";
import { listExpiredVouchers } from "@/lib/payments/expired-vouchers";
import { PAYMENT_METHOD_WORDS } from "@/lib/payments/words";

export async function generateMetadata() {
  return { title: (await getTranslations("vouchers"))("expired.title") };
}

export default async function ExpiredVouchersPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ done?: string; reference?: string; newReference?: string }> }) {
  const { council: slug } = await params;
  const { done, reference, newReference } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const [t, ui] = await Promise.all([getTranslations("vouchers"), getTranslations("staffUi")]);
  const rows = (await listExpiredVouchers(staffActor(access))) ?? [];
  const banner = done === "reissued" ? t("expired.reissued", { reference: reference ?? "", newReference: newReference ?? "" }) : done === "cancelled" ? t("expired.done", { reference: reference ?? "" }) : null;
  return (
    <>
      <BackLink href={`/${slug}/staff/payments/vouchers`}>{t("preview.back")}</BackLink>
      <SuccessBanner testId="expired-banner" title={ui("success")}>
        {banner}
      </SuccessBanner>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{t("expired.title")}</h1>
      <p className="govuk-body">{t("expired.intro")}</p>
      {rows.length ? (
        <Table
          caption={t("expired.caption")}
          captionHidden
          testId="expired-vouchers"
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { key: "reference", header: t("expired.reference"), nowrap: true, cell: (r) => r.reference },
            {
              key: "case",
              header: t("expired.case"),
              nowrap: true,
              cell: (r) => (
                <Link className="govuk-link" href={`/${slug}/staff/cases/${r.caseId}`}>
                  {r.caseReference}
                </Link>
              ),
            },
            { key: "method", header: t("expired.method"), cell: (r) => `${PAYMENT_METHOD_WORDS[r.method]}${r.providerName ? ` (${r.providerName})` : ""}` },
            { key: "amount", header: t("expired.amount"), numeric: true, cell: (r) => formatPence(r.amountPence) },
            { key: "expired", header: t("expired.expiredOn"), nowrap: true, cell: (r) => formatDateShort(r.expiredAt) },
            {
              key: "action",
              header: <span className="govuk-visually-hidden">{t("expired.action")}</span>,
              cell: (r) => (
                <Link className="govuk-link" href={`/${slug}/staff/payments/vouchers/expired/${r.id}`} data-testid={`cancel-${r.reference}`}>
                  {t("expired.submit")}
                  <span className="govuk-visually-hidden"> {r.reference}</span>
                </Link>
              ),
            },
          ]}
        />
      ) : (
        <p className="govuk-body" data-testid="no-expired-vouchers">
          {t("expired.none")}
        </p>
      )}
    </>
  );
}
