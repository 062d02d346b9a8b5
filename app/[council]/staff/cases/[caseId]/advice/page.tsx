import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ReferForm } from "@/components/advice/refer-form";
import { BackLink } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { referToAdvicePartnerAction } from "@/lib/advice/actions";
import { activeAdvicePartners } from "@/lib/advice/partners";
import { loadCaseAdvice } from "@/lib/advice/referrals";
import { requireCouncilPermission } from "@/lib/auth/access";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ReferToAdvicePage({ params }: { params: Promise<{ council: string; caseId: string }> }) {
  const { council: slug, caseId } = await params;
  const access = await requireCouncilPermission(slug, "cases:work");
  const actor = staffActor(access);
  const advice = UUID.test(caseId) ? await loadCaseAdvice(actor, caseId) : null;
  if (!advice) notFound();
  const t = await getTranslations("advice");
  const back = <BackLink href={`/${slug}/staff/cases/${caseId}`}>{t("referForm.back", { reference: advice.reference })}</BackLink>;
  if (!advice.consent)
    return (
      <div className="md:w-2/3">
        <title>{t("referForm.title", { reference: advice.reference })}</title>
        {back}
        <h1 className="govuk-heading-l">{t("referForm.heading")}</h1>
        <p className="govuk-inset-text" data-testid="advice-no-consent">
          {t("case.consentNo")}
        </p>
      </div>
    );
  const partners = await activeAdvicePartners(actor);
  return (
    <div className="md:w-2/3">
      {back}
      <ReferForm
        action={referToAdvicePartnerAction.bind(null, slug)}
        title={t("referForm.title", { reference: advice.reference })}
        caseId={caseId}
        partners={partners.map((p) => ({ value: p.id, label: `${p.name} (${t(`kinds.${p.kind}`)})` }))}
        words={{
          heading: t("referForm.heading"),
          intro: t("referForm.intro"),
          partner: t("referForm.partner"),
          partnerChoose: t("referForm.partnerChoose"),
          needNote: t("referForm.needNote"),
          needNoteHint: t("referForm.needNoteHint"),
          submit: t("referForm.submit"),
        }}
      />
    </div>
  );
}
