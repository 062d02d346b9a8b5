import { SmallCaseForm } from "@/components/cases/case-forms";
import { NotificationBanner } from "@/components/ui/layout-parts";
import type { TActor } from "@/lib/actor";
import { formatDate } from "@/lib/dates";
import { format } from "@/lib/i18n";
import { answerAsReferrerAction } from "@/lib/information/actions";
import { openRequestForReferrer } from "@/lib/information/queries";
import { dateOf } from "@/lib/information/requests";
import words from "@/messages/en/information.json";

/** On a referral's page in the partner portal: the officer's open request to the referrer, with a button to answer it now. */
export async function ReferralInformation({ actor, slug, caseId }: { actor: TActor; slug: string; caseId: string }) {
  const panel = await openRequestForReferrer(actor, caseId);
  const open = panel?.open;
  if (!open) return null;
  const w = words.partner;
  return (
    <NotificationBanner>
      <div data-testid="referral-information">
        <p className="govuk-notification-banner__heading">{w.heading}</p>
        <p className="govuk-body whitespace-pre-wrap">{open.question}</p>
        <p className="govuk-body">{format(w.replyBy, { date: formatDate(dateOf(open.replyBy)) })}</p>
        <SmallCaseForm action={answerAsReferrerAction.bind(null, slug)} hidden={{ caseId }} submit={w.answer} testId="referral-answer-form" />
      </div>
    </NotificationBanner>
  );
}
