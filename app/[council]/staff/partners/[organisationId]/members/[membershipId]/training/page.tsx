import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TrainingForm } from "@/components/partners/training-form";
import { BackLink } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { recordTrainingAction } from "@/lib/partners/actions";
import { getPartnerOrganisation } from "@/lib/partners/queries";

const parts = (d: Date | null, name: string) =>
  d ? { [`${name}-day`]: String(d.getUTCDate()), [`${name}-month`]: String(d.getUTCMonth() + 1), [`${name}-year`]: String(d.getUTCFullYear()) } : {};

export default async function MemberTrainingPage({ params }: { params: Promise<{ council: string; organisationId: string; membershipId: string }> }) {
  const { council: slug, organisationId, membershipId } = await params;
  const access = await requireCouncilPermission(slug, "organisations:manage");
  const org = await getPartnerOrganisation(staffActor(access), organisationId);
  const member = org?.members.find((m) => m.membershipId === membershipId);
  if (!org || !member) notFound();
  const t = await getTranslations("partnerAdmin.trainingForm");
  const w = (k: string) => t(k);
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/partners/${org.id}`}>{t("back", { organisation: org.name })}</BackLink>
      <TrainingForm
        action={recordTrainingAction.bind(null, slug)}
        title={t("title", { name: member.name })}
        caption={org.name}
        intro={t("intro")}
        words={{
          completedOn: w("completedOn"),
          completedOnHint: w("completedOnHint"),
          expiresOn: w("expiresOn"),
          expiresOnHint: w("expiresOnHint"),
          day: w("day"),
          month: w("month"),
          year: w("year"),
          save: w("save"),
        }}
        organisationId={org.id}
        membershipId={member.membershipId}
        defaults={{ ...parts(member.trainingCompletedOn, "completedOn"), ...parts(member.trainingExpiresOn, "expiresOn") }}
      />
    </div>
  );
}
