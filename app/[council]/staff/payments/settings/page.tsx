import { PaymentSettingsForm } from "@/components/payments/batch-forms";
import { PaymentsTabs } from "@/components/payments/payments-tabs";
import { SuccessBanner } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { readSearchParams } from "@/lib/forms/text";
import { savePaymentSettingsAction } from "@/lib/payments/actions";
import { readPaymentSettings } from "@/lib/payments/settings";
import words from "@/messages/en/payments.json";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const ui = await getTranslations("staffUi");
  return { title: ui("title", { title: words.settings.title }) };
}

/** The council's Bacs identity and bank account, for bank batch files (finance only). */
export default async function PaymentSettingsPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { council: slug } = await params;
  const query = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const s = (await readPaymentSettings(staffActor(access)))!;
  const ui = await getTranslations("staffUi");
  const defaults = {
    serviceUserNumber: s.serviceUserNumber ?? "",
    serviceUserName: s.serviceUserName ?? "",
    originatingSortCode: s.originatingSortCode ?? "",
    originatingAccountNumber: s.originatingAccountNumber ?? "",
    originatingAccountName: s.originatingAccountName ?? "",
    bankFileFormat: s.bankFileFormat,
  };
  return (
    <>
      <PaymentsTabs slug={slug} current={`/${slug}/staff/payments/settings`} />
      <SuccessBanner testId="settings-banner" title={ui("success")}>
        {query.saved === "yes" ? words.settings.saved : null}
      </SuccessBanner>
      <div className="md:w-2/3">
        <PaymentSettingsForm action={savePaymentSettingsAction.bind(null, slug)} title={words.settings.title} caption={access.council.name} defaults={defaults} words={words.settings} />
      </div>
    </>
  );
}
