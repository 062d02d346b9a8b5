import { getTranslations } from "next-intl/server";
import { OrganisationForm } from "@/components/partners/organisation-form";
import { BackLink } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { createOrganisationAction } from "@/lib/partners/actions";
import { ORGANISATION_TYPES } from "@/lib/partners/schemas";
import { organisationFormWords } from "@/components/partners/words";

export default async function NewPartnerPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  await requireCouncilPermission(slug, "organisations:manage");
  const t = await getTranslations("partnerAdmin");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/partners`}>{t("form.back")}</BackLink>
      <OrganisationForm
        action={createOrganisationAction.bind(null, slug)}
        title={t("form.addTitle")}
        words={organisationFormWords(t, t("form.add"))}
        types={ORGANISATION_TYPES.map((value) => ({ value, label: t(`types.${value}`) }))}
      />
    </div>
  );
}
