import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrganisationForm } from "@/components/partners/organisation-form";
import { organisationFormWords } from "@/components/partners/words";
import { BackLink } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { updateOrganisationAction } from "@/lib/partners/actions";
import { getPartnerOrganisation } from "@/lib/partners/queries";
import { ORGANISATION_TYPES } from "@/lib/partners/schemas";

export default async function EditPartnerPage({ params }: { params: Promise<{ council: string; organisationId: string }> }) {
  const { council: slug, organisationId } = await params;
  const access = await requireCouncilPermission(slug, "organisations:manage");
  const org = await getPartnerOrganisation(staffActor(access), organisationId);
  if (!org) notFound();
  const t = await getTranslations("partnerAdmin");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/partners/${org.id}`}>{org.name}</BackLink>
      <OrganisationForm
        action={updateOrganisationAction.bind(null, slug)}
        title={t("form.editTitle", { name: org.name })}
        words={organisationFormWords(t, t("form.save"))}
        types={ORGANISATION_TYPES.map((value) => ({ value, label: t(`types.${value}`) }))}
        organisationId={org.id}
        defaults={{
          name: org.name,
          type: org.type,
          allowedEmailDomains: org.allowedEmailDomains.join("\n"),
          contactName: org.contactName ?? "",
          contactEmail: org.contactEmail ?? "",
          contactPhone: org.contactPhone ?? "",
        }}
      />
    </div>
  );
}
