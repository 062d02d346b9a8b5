import { notFound } from "next/navigation";
import { DirectAwardForm, HandoverForm } from "@/components/referrals/referral-forms";
import { ReferralInformation } from "@/components/information/referral-information";
import { BackLink, NotificationBanner, SuccessBanner, SummaryList } from "@/components/ui/layout-parts";
import { formatDateShort, formatDateTimeShort } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { format } from "@/lib/i18n";
import { translate } from "@/lib/i18n/translate";
import { getMessages } from "@/lib/i18n/server";
import { formatPence } from "@/lib/money";
import { directAwardAction, handOverAction } from "@/lib/referrals/actions";
import { allowancesOf, colleaguesOf, getReferral, referrerStanding } from "@/lib/referrals/queries";
import { referralsPath, requireReferrer } from "@/lib/referrals/pages";

export const metadata = { title: "Referral – Money Hub" };

export default async function ReferralPage({ params, searchParams }: { params: Promise<{ council: string; caseId: string }>; searchParams: Promise<{ sent?: string; awarded?: string }> }) {
  const { council: slug, caseId } = await params;
  const query = await readSearchParams(searchParams);
  const { access, actor } = await requireReferrer(slug);
  const referral = await getReferral(actor, caseId);
  if (!referral) notFound();
  const { m } = await getMessages(access.council);
  const w = m.referrals.detail;
  const l = m.referrals.list;
  const status = m.referrals.status as Record<string, string>;
  const frame = { thereIsAProblem: m.common.thereIsAProblem, errorPrefix: m.common.errorPrefix };
  const [standing, allowances, colleagues] = await Promise.all([referrerStanding(actor), allowancesOf(actor), colleaguesOf(actor)]);
  const canAward = referral.yours && referral.fastTrack && referral.status === "NEW" && standing?.trained && allowances.length > 0 && referral.awards.length === 0;
  const needs = m.vocabulary.needs as Record<string, string>;
  return (
    <>
      <BackLink href={referralsPath(slug)}>{w.back}</BackLink>
      {query.sent ? (
        <SuccessBanner testId="referral-sent" title={m.staffUi.success}>
          {w.sent}. {format(w.sentText, { reference: referral.reference })}
        </SuccessBanner>
      ) : null}
      {query.awarded ? <SuccessBanner testId="direct-award-made" title={m.staffUi.success}>{`${w.awarded}. ${w.awardedText}`}</SuccessBanner> : null}
      <span className="govuk-caption-l">{referral.reference}</span>
      <h1 className="govuk-heading-l">{referral.resident}</h1>
      <SummaryList
        rows={[
          { key: l.reference, value: referral.reference },
          { key: l.submitted, value: formatDateShort(referral.submittedAt) },
          { key: l.status, value: status[referral.status] ?? referral.status, testId: "referral-status" },
          { key: l.lastChange, value: formatDateTimeShort(referral.lastChangeAt) },
          { key: l.decision, value: referral.decision ?? w.noDecision, testId: "referral-decision" },
          ...(referral.explanation ? [{ key: w.explanation, value: referral.explanation }] : []),
          { key: l.followedBy, value: referral.followedBy ?? "–" },
        ]}
      />
      <ReferralInformation actor={actor} slug={slug} caseId={caseId} />
      {referral.awards.length ? (
        <>
          <h2 className="govuk-heading-m">{w.awards}</h2>
          <SummaryList rows={referral.awards.map((a) => ({ key: `${needs[a.needCategory] ?? a.needCategory} · ${a.pot}`, value: `${formatPence(a.amountPence)} · ${status[a.status] ?? a.status}`, testId: "referral-award" }))} />
        </>
      ) : null}
      {referral.directAwardRefusals.length && referral.awards.length === 0 ? (
        <NotificationBanner title={w.queuedTitle}>
          <p>{w.queuedText}</p>
          <ul className="govuk-list govuk-list--bullet" data-testid="direct-award-refused">
            {referral.directAwardRefusals.map((r) => (
              <li key={r.key}>{translate("en", m, `errors.${r.key}`, r.params)}</li>
            ))}
          </ul>
        </NotificationBanner>
      ) : null}
      {canAward ? (
        <section aria-labelledby="direct-award-title" className="md:w-2/3">
          <h2 id="direct-award-title" className="govuk-heading-m">
            {w.directAwardTitle}
          </h2>
          <p>{w.directAwardIntro}</p>
          <ul className="govuk-list">
            {allowances.map((a) => (
              <li key={a.id}>{format(m.referrals.home.allowanceLeft, { pot: a.name, available: formatPence(a.availablePence) })}</li>
            ))}
          </ul>
          <DirectAwardForm
            action={directAwardAction.bind(null, slug)}
            caseId={referral.caseId}
            pots={allowances.map((a) => ({ value: a.id, label: a.name }))}
            needs={Object.entries(needs).map(([value, label]) => ({ value, label }))}
            words={{ ...frame, title: w.directAwardTitle, allowance: w.allowance, need: w.need, amount: w.amount, amountHint: w.amountHint, award: w.award }}
          />
        </section>
      ) : null}
      {referral.yours || standing?.lead ? (
        <section aria-labelledby="handover-title" className="md:w-2/3">
          <h2 id="handover-title" className="govuk-heading-m">
            {w.handoverTitle}
          </h2>
          {colleagues.length ? (
            <HandoverForm
              action={handOverAction.bind(null, slug)}
              caseId={referral.caseId}
              colleagues={colleagues.filter((c) => c.userId !== referral.followedById).map((c) => ({ value: c.userId, label: `${c.name} (${c.email})` }))}
              words={{ ...frame, title: w.handoverTitle, to: w.handoverTo, submit: w.handover }}
            />
          ) : (
            <p>{w.noColleagues}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
