import { getTranslations } from "next-intl/server";
import { AdvicePartnerForm } from "@/components/advice/partner-form";
import { BackLink } from "@/components/ui/layout-parts";
import { createAdvicePartnerAction } from "@/lib/advice/actions";
import { ADVICE_PARTNER_KINDS } from "@/lib/advice/schemas";
import { requireCouncilPermission } from "@/lib/auth/access";

export default async function NewAdvicePartnerPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  await requireCouncilPermission(slug, "advice:manage");
  const t = await getTranslations("advice");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/advice-partners`}>{t("partnerForm.back")}</BackLink>
      <AdvicePartnerForm
        action={createAdvicePartnerAction.bind(null, slug)}
        title={t("partnerForm.addTitle")}
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
          submit: t("partnerForm.submitAdd"),
        }}
      />
    </div>
  );
}
