import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OutcomeForm } from "@/components/advice/outcome-form";
import { BackLink } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { recordAdviceOutcomeAction } from "@/lib/advice/actions";
import { findCaseReferral } from "@/lib/advice/referrals";
import { ADVICE_OUTCOME_KINDS } from "@/lib/advice/schemas";
import { requireCouncilPermission } from "@/lib/auth/access";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AdviceOutcomePage({ params }: { params: Promise<{ council: string; caseId: string; referralId: string }> }) {
  const { council: slug, caseId, referralId } = await params;
  const access = await requireCouncilPermission(slug, "cases:work");
  const referral = UUID.test(caseId) && UUID.test(referralId) ? await findCaseReferral(staffActor(access), caseId, referralId) : null;
  if (!referral) notFound();
  const [t, ui] = await Promise.all([getTranslations("advice"), getTranslations("staffUi")]);
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/cases/${caseId}`}>{t("outcomeForm.back", { reference: referral.reference })}</BackLink>
      <OutcomeForm
        action={recordAdviceOutcomeAction.bind(null, slug)}
        title={t("outcomeForm.title", { reference: referral.reference })}
        caseId={caseId}
        referralId={referralId}
        kinds={ADVICE_OUTCOME_KINDS.map((value) => ({ value, label: t(`outcomeKinds.${value}`) }))}
        words={{
          heading: t("outcomeForm.heading"),
          intro: t("outcomeForm.intro", { partner: referral.partnerName }),
          kind: t("outcomeForm.kind"),
          description: t("outcomeForm.description"),
          descriptionHint: t("outcomeForm.descriptionHint"),
          value: t("outcomeForm.value"),
          valueHint: t("outcomeForm.valueHint"),
          valuePeriod: t("outcomeForm.valuePeriod"),
          weekly: t("outcomeForm.weekly"),
          annual: t("outcomeForm.annual"),
          lumpSum: t("outcomeForm.lumpSum"),
          lumpSumHint: t("outcomeForm.lumpSumHint"),
          confirmedOn: t("outcomeForm.confirmedOn"),
          confirmedOnHint: t("outcomeForm.confirmedOnHint"),
          submit: t("outcomeForm.submit"),
          dateLabels: { day: ui("dateLabels.day"), month: ui("dateLabels.month"), year: ui("dateLabels.year") },
        }}
      />
    </div>
  );
}
