import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CancelExpiredForm } from "@/components/payments/vouchers-forms";
import { BackLink, SummaryList } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateShort } from "@/lib/dates";
import { formatPence } from "@/lib/money";
import { listExpiredVouchers } from "@/lib/payments/expired-vouchers";
import { cancelExpiredVoucherAction } from "@/lib/payments/voucher-actions";
import { REISSUE_CHOICES } from "@/lib/payments/voucher-schemas";
import { PAYMENT_METHOD_WORDS } from "@/lib/payments/words";

export async function generateMetadata() {
  return { title: (await getTranslations("vouchers"))("expired.title") };
}

/** Cancel one expired voucher payment and choose how to pay it again. */
export default async function CancelExpiredVoucherPage({ params }: { params: Promise<{ council: string; paymentId: string }> }) {
  const { council: slug, paymentId } = await params;
  const access = await requireCouncilPermission(slug, "payments:manage");
  const t = await getTranslations("vouchers");
  const row = ((await listExpiredVouchers(staffActor(access))) ?? []).find((r) => r.id === paymentId);
  if (!row) notFound();
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const choices = REISSUE_CHOICES.filter((c) => c !== row.method && !(c === "BANK_TRANSFER" && !row.hasBankDetails)).map((c) => ({
    value: c,
    label: c === "same" ? t("expired.same", { method: lower(PAYMENT_METHOD_WORDS[row.method]) }) : c === "none" ? t("expired.cancelOnly") : t("expired.other", { method: PAYMENT_METHOD_WORDS[c] }),
  }));
  const title = t("expired.cancelTitle", { reference: row.reference });
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/payments/vouchers/expired`}>{t("expired.title")}</BackLink>
      <CancelExpiredForm
        action={cancelExpiredVoucherAction.bind(null, slug)}
        title={title}
        paymentId={row.id}
        choices={choices}
        words={{ reissueAs: t("expired.reissueAs"), reason: t("expired.reason"), reasonHint: t("expired.reasonHint"), submit: t("expired.submit") }}
      >
        <h1 className="govuk-heading-l">{title}</h1>
        <SummaryList
          rows={[
            { key: t("expired.case"), value: row.caseReference },
            { key: t("expired.method"), value: `${PAYMENT_METHOD_WORDS[row.method]}${row.providerName ? ` (${row.providerName})` : ""}` },
            { key: t("expired.amount"), value: formatPence(row.amountPence) },
            { key: t("expired.expiredOn"), value: formatDateShort(row.expiredAt) },
          ]}
        />
      </CancelExpiredForm>
    </div>
  );
}
