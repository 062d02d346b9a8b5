import { getTranslations } from "next-intl/server";
import { VoucherProviderForm } from "@/components/payments/vouchers-forms";
import { BackLink } from "@/components/ui/layout-parts";
import type { TFormState } from "@/lib/forms/form-state";
import { penceToPoundsText } from "@/lib/money";
import type { TVoucherProviderRow } from "@/lib/payments/voucher-providers";
import { VOUCHER_PROVIDER_KINDS } from "@/lib/payments/voucher-csv";
import { PROVIDER_CHANNELS } from "@/lib/payments/voucher-schemas";

/** The page body of adding or changing a voucher provider: back link, then the form with its words. */
export async function VoucherProviderFormPage({ slug, action, provider }: { slug: string; action: (prev: TFormState, fd: FormData) => Promise<TFormState>; provider?: TVoucherProviderRow }) {
  const t = await getTranslations("vouchers");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/payments/vouchers/providers`}>{t("providerForm.back")}</BackLink>
      <VoucherProviderForm
        action={action}
        title={t(provider ? "providerForm.editTitle" : "providerForm.addTitle")}
        providerId={provider?.id}
        defaults={provider ? { name: provider.name, kind: provider.kind, cap: penceToPoundsText(provider.capPence), expiryDays: String(provider.expiryDays), active: provider.active ? "yes" : "no" } : { expiryDays: "90" }}
        checkedChannels={provider?.channels ?? ["SMS", "EMAIL"]}
        kinds={VOUCHER_PROVIDER_KINDS.map((value) => ({ value, label: t(`providers.kinds.${value}`) }))}
        channels={PROVIDER_CHANNELS.map((value) => ({ value, label: t(`providers.channelNames.${value}`) }))}
        words={{
          name: t("providerForm.name"),
          nameHint: t("providerForm.nameHint"),
          kind: t("providerForm.kind"),
          cap: t("providerForm.cap"),
          capHint: t("providerForm.capHint"),
          expiryDays: t("providerForm.expiryDays"),
          expiryDaysHint: t("providerForm.expiryDaysHint"),
          channels: t("providerForm.channels"),
          active: t("providerForm.active"),
          activeYes: t("providerForm.activeYes"),
          activeNo: t("providerForm.activeNo"),
          submit: t(provider ? "providerForm.submitSave" : "providerForm.submitAdd"),
        }}
      />
    </div>
  );
}
