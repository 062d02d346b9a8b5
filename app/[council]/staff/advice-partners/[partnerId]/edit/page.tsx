import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AdvicePartnerForm } from "@/components/advice/partner-form";
import { BackLink } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { updateAdvicePartnerAction } from "@/lib/advice/actions";
import { findAdvicePartner } from "@/lib/advice/partners";
import { ADVICE_PARTNER_KINDS } from "@/lib/advice/schemas";
import { requireCouncilPermission } from "@/lib/auth/access";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditAdvicePartnerPage({ params }: { params: Promise<{ council: string; partnerId: string }> }) {
  const { council: slug, partnerId } = await params;
  const access = await requireCouncilPermission(slug, "advice:manage");
  const partner = UUID.test(partnerId) ? await findAdvicePartner(staffActor(access), partnerId) : null;
  if (!partner) notFound();
  const t = await getTranslations("advice");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/advice-partners`}>{t("partnerForm.back")}</BackLink>
      <AdvicePartnerForm
        action={updateAdvicePartnerAction.bind(null, slug)}
        title={t("partnerForm.editTitle")}
        partnerId={partner.id}
        defaults={{ name: partner.name, kind: partner.kind, contactEmail: partner.contactEmail, active: partner.active ? "yes" : "no" }}
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
          submit: t("partnerForm.submitSave"),
        }}
      />
    </div>
  );
}
