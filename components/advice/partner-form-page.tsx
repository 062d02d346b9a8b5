import { getTranslations } from "next-intl/server";
import { AdvicePartnerForm } from "@/components/advice/partner-form";
import { BackLink } from "@/components/ui/layout-parts";
import { ADVICE_PARTNER_KINDS } from "@/lib/advice/schemas";
import type { TFormState } from "@/lib/forms/form-state";

/**
 * The page body of adding or changing an advice partner (staff/advice-partners/new and
 * …/[partnerId]/edit): back link, then the form with its words. `partner`: the one being changed.
 */
export async function AdvicePartnerFormPage({
  slug,
  action,
  partner,
}: {
  slug: string;
  action: (prev: TFormState, fd: FormData) => Promise<TFormState>;
  partner?: { id: string; name: string; kind: string; contactEmail: string; active: boolean };
}) {
  const t = await getTranslations("advice");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/advice-partners`}>{t("partnerForm.back")}</BackLink>
      <AdvicePartnerForm
        action={action}
        title={t(partner ? "partnerForm.editTitle" : "partnerForm.addTitle")}
        partnerId={partner?.id}
        defaults={partner ? { name: partner.name, kind: partner.kind, contactEmail: partner.contactEmail, active: partner.active ? "yes" : "no" } : undefined}
        kinds={ADVICE_PARTNER_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
        words={{
          name: t("partnerForm.name"),
          nameHint: t("partnerForm.nameHint"),
          kind: t("partnerForm.kind"),
          contactEmail: t("partnerForm.contactEmail"),
          contactEmailHint: t("partnerForm.contactEmailHint"),
          active: t("partnerForm.active"),
          activeYes: t("partnerForm.activeYes"),
          activeNo: t("partnerForm.activeNo"),
          submit: t(partner ? "partnerForm.submitSave" : "partnerForm.submitAdd"),
        }}
      />
    </div>
  );
}
