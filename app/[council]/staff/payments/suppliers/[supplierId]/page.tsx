import { notFound } from "next/navigation";
import { ConfirmForm, RevealForm } from "@/components/payments/suppliers-forms";
import { supplierFormWords } from "@/components/payments/suppliers-words";
import { BackLink, pageTitle, SuccessBanner, SummaryList } from "@/components/ui/layout-parts";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateTime } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { checkSupplierAction, revealSupplierAction, withdrawSupplierAction } from "@/lib/payments/supplier-actions";
import { maskedAccount } from "@/lib/payments/supplier-schemas";
import { SUPPLIER_KIND_WORDS, SUPPLIER_STATUS_COLOUR, SUPPLIER_STATUS_WORDS } from "@/lib/payments/supplier-words";
import { findSupplier } from "@/lib/payments/suppliers";

const BANNERS = ["added", "checked", "withdrawn"] as const;

// One supplier: its details masked, "Show full details" (audited), the second person's check, withdraw.
export default async function SupplierPage({ params, searchParams }: { params: Promise<{ council: string; supplierId: string }>; searchParams: Promise<{ done?: string }> }) {
  const { council: slug, supplierId } = await params;
  const { done } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const s = await findSupplier(staffActor(access), supplierId);
  if (!s) notFound();
  const { reveal, t } = await supplierFormWords();
  const banner = BANNERS.find((b) => b === done);
  const addedByMe = s.addedById === access.user.userId;
  const byAt = (name: string | null, at: Date) => t("common.byAt", { name: name ?? t("common.someone"), at: formatDateTime(at) });
  return (
    <div className="md:w-2/3">
      <title>{pageTitle(s.name)}</title>
      <BackLink href={`/${slug}/staff/payments/suppliers`}>{t("common.suppliers")}</BackLink>
      <SuccessBanner title={t("common.success")} testId="supplier-banner">
        {banner ? t(`supplier.banners.${banner}`) : null}
      </SuccessBanner>
      <span className="govuk-caption-l">{t("supplier.caption")}</span>
      <h1 className="govuk-heading-xl">{s.name}</h1>
      <SummaryList
        rows={[
          {
            key: t("supplier.status"),
            value: (
              <Tag colour={SUPPLIER_STATUS_COLOUR[s.status]} testId="supplier-status">
                {SUPPLIER_STATUS_WORDS[s.status]}
              </Tag>
            ),
          },
          { key: t("supplier.kind"), value: SUPPLIER_KIND_WORDS[s.kind] },
          { key: t("supplier.account"), value: maskedAccount(s.bankLast4), testId: "supplier-account" },
          { key: t("supplier.addedBy"), value: byAt(s.addedBy, s.createdAt) },
          { key: t("supplier.checkedBy"), value: s.checkedAt ? byAt(s.checkedBy, s.checkedAt) : t("supplier.notChecked") },
          ...(s.status === "WITHDRAWN" && s.withdrawnAt
            ? [{ key: t("supplier.withdrawn"), value: t("supplier.withdrawnText", { name: s.withdrawnBy ?? t("common.someone"), at: formatDateTime(s.withdrawnAt), reason: s.withdrawnReason ?? "" }) }]
            : []),
          { key: t("supplier.payments"), value: String(s.payments) },
        ]}
      />
      <h2 className="govuk-heading-m">{t("reveal.heading")}</h2>
      <RevealForm action={revealSupplierAction.bind(null, slug)} hidden={{ supplierId: s.id }} words={reveal} testId="reveal-supplier" />
      {s.status === "PENDING_CHECK" ? (
        <>
          <h2 className="govuk-heading-m">{t("supplier.checkHeading")}</h2>
          {addedByMe ? (
            <p className="govuk-inset-text" data-testid="check-someone-else">
              {t("supplier.checkSomeoneElse")}
            </p>
          ) : (
            <>
              <p className="govuk-body">{t("supplier.checkIntro")}</p>
              <ConfirmForm
                action={checkSupplierAction.bind(null, slug)}
                hidden={{ supplierId: s.id }}
                confirm={{ legend: t("supplier.confirmLegend"), label: t("supplier.confirmLabel") }}
                submit={t("supplier.checkSubmit")}
                testId="check-supplier"
              />
            </>
          )}
        </>
      ) : null}
      {s.status !== "WITHDRAWN" ? (
        <>
          <h2 className="govuk-heading-m">{t("supplier.withdrawHeading")}</h2>
          <ConfirmForm
            action={withdrawSupplierAction.bind(null, slug)}
            hidden={{ supplierId: s.id }}
            reason={{ name: "reason", label: t("supplier.withdrawReason"), hint: t("supplier.withdrawHint") }}
            submit={t("supplier.withdrawSubmit")}
            variant="warning"
            testId="withdraw-supplier"
          />
        </>
      ) : null}
    </div>
  );
}
