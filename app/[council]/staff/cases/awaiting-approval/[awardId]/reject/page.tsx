import { staffActor } from "@/lib/actor";
import { notFound } from "next/navigation";
import Link from "next/link";
import { RejectAwardForm } from "@/components/awards/reject-award-form";
import { BackLink, SummaryList } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { rejectAwardAction } from "@/lib/awards/actions";
import { awardSummary } from "@/lib/awards/awaiting-approval";
import { formatDateTime } from "@/lib/dates";
import { messagesFor } from "@/lib/i18n/catalogues";
import { formatPence } from "@/lib/money";
import { getTranslations } from "next-intl/server";

const m = messagesFor("en");
const needs = m.vocabulary.needs as Record<string, string>;

export default async function RejectAwardPage({ params }: { params: Promise<{ council: string; awardId: string }> }) {
  const { council: slug, awardId } = await params;
  const access = await requireCouncilPermission(slug, "awards:approve");
  const award = await awardSummary(staffActor(access), awardId);
  if (!award) notFound();
  const list = `/${slug}/staff/cases/awaiting-approval`;
  const t = await getTranslations("approvals.rejectPage");
  return (
    <div className="md:w-2/3">
      <BackLink href={list}>{t("back")}</BackLink>
      <RejectAwardForm action={rejectAwardAction.bind(null, slug)} awardId={award.awardId} title={t("title", { amount: formatPence(award.amountPence), reference: award.caseReference })} words={m.approvals.rejectForm}>
        {award.status !== "AWAITING_APPROVAL" ? (
          <div className="govuk-inset-text" data-testid="not-waiting">
            {t("notWaiting")}
          </div>
        ) : null}
        <SummaryList
          rows={[
            { key: t("rows.case"), value: <Link href={`/${slug}/staff/cases/${award.caseId}`}>{award.caseReference}</Link> },
            { key: t("rows.name"), value: award.fullName },
            { key: t("rows.need"), value: needs[award.needCategory] ?? award.needCategory },
            { key: t("rows.amount"), value: formatPence(award.amountPence) },
            { key: t("rows.pot"), value: t("pot", { name: award.potName, available: formatPence(award.potAvailablePence) }) },
            { key: t("rows.proposedBy"), value: t("proposedBy", { name: award.proposedByName, when: formatDateTime(award.proposedAt) }) },
          ]}
        />
      </RejectAwardForm>
    </div>
  );
}
