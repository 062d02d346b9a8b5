import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BackLink, SuccessBanner } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { readSearchParams } from "@/lib/forms/text";
import { formatPence } from "@/lib/money";
import { listVoucherProviders } from "@/lib/payments/voucher-providers";

export async function generateMetadata() {
  return { title: (await getTranslations("vouchers"))("providers.title") };
}

export default async function VoucherProvidersPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ done?: string }> }) {
  const { council: slug } = await params;
  const { done } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const [t, ui] = await Promise.all([getTranslations("vouchers"), getTranslations("staffUi")]);
  const providers = (await listVoucherProviders(staffActor(access))) ?? [];
  const banner = done === "added" ? t("providers.added") : done === "saved" ? t("providers.saved") : null;
  return (
    <>
      <BackLink href={`/${slug}/staff/payments/vouchers`}>{t("preview.back")}</BackLink>
      <SuccessBanner testId="voucher-providers-banner" title={ui("success")}>
        {banner}
      </SuccessBanner>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{t("providers.title")}</h1>
      <p className="govuk-body">{t("providers.intro")}</p>
      <Link href={`/${slug}/staff/payments/vouchers/providers/new`} className="govuk-button" role="button" draggable={false} data-testid="add-voucher-provider">
        {t("providers.add")}
      </Link>
      {providers.length ? (
        <Table
          caption={t("providers.caption")}
          captionHidden
          testId="voucher-providers-table"
          rows={providers}
          rowKey={(p) => p.id}
          columns={[
            { key: "name", header: t("providers.name"), cell: (p) => p.name },
            { key: "kind", header: t("providers.kind"), cell: (p) => t(`providers.kinds.${p.kind}`) },
            { key: "cap", header: t("providers.cap"), numeric: true, cell: (p) => formatPence(p.capPence) },
            { key: "expiry", header: t("providers.expiry"), numeric: true, cell: (p) => t("providers.days", { days: p.expiryDays }) },
            { key: "channels", header: t("providers.channels"), cell: (p) => p.channels.map((c) => t(`providers.channelNames.${c === "SMS" ? "SMS" : "EMAIL"}`)).join(", ") },
            { key: "status", header: t("providers.status"), cell: (p) => (p.active ? <Tag colour="green">{t("providers.active")}</Tag> : <Tag colour="grey">{t("providers.inactive")}</Tag>) },
            {
              key: "change",
              header: <span className="govuk-visually-hidden">{t("providers.change")}</span>,
              cell: (p) => (
                <Link href={`/${slug}/staff/payments/vouchers/providers/${p.id}/edit`} className="govuk-link">
                  {t("providers.change")}
                  <span className="govuk-visually-hidden"> {p.name}</span>
                </Link>
              ),
            },
          ]}
        />
      ) : (
        <p className="govuk-body">{t("providers.none")}</p>
      )}
    </>
  );
}
