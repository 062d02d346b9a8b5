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

const needs = messagesFor("en").vocabulary.needs as Record<string, string>;

export default async function RejectAwardPage({ params }: { params: Promise<{ council: string; awardId: string }> }) {
  const { council: slug, awardId } = await params;
  const access = await requireCouncilPermission(slug, "awards:approve");
  const award = await awardSummary(staffActor(access), awardId);
  if (!award) notFound();
  const list = `/${slug}/staff/cases/awaiting-approval`;
  return (
    <div className="md:w-2/3">
      <BackLink href={list}>Awards awaiting approval</BackLink>
      <RejectAwardForm action={rejectAwardAction.bind(null, slug)} awardId={award.awardId} title={`Reject ${formatPence(award.amountPence)} for ${award.caseReference}`}>
        {award.status !== "AWAITING_APPROVAL" ? (
          <div className="govuk-inset-text" data-testid="not-waiting">
            This award is no longer waiting for approval.
          </div>
        ) : null}
        <SummaryList
          rows={[
            { key: "Case", value: <Link href={`/${slug}/staff/cases/${award.caseId}`}>{award.caseReference}</Link> },
            { key: "Name", value: award.fullName },
            { key: "Need", value: needs[award.needCategory] ?? award.needCategory },
            { key: "Amount", value: formatPence(award.amountPence) },
            { key: "Pot", value: `${award.potName} (${formatPence(award.potAvailablePence)} available)` },
            { key: "Proposed by", value: `${award.proposedByName}, ${formatDateTime(award.proposedAt)}` },
          ]}
        />
      </RejectAwardForm>
    </div>
  );
}
