import Link from "next/link";
import { notFound } from "next/navigation";
import { AnswersSummary } from "@/components/applications/answers-summary";
import { ApplicationStepPage, OutsideAreaPage } from "@/components/applications/step-pages";
import { SendApplicationForm } from "@/components/applications/send-form";
import { ReferrerSectionForm } from "@/components/referrals/referral-forms";
import { BackLink, SummaryList } from "@/components/ui/layout-parts";
import { isStepId } from "@/lib/applications/steps";
import { summarise } from "@/lib/applications/summary";
import { readSearchParams } from "@/lib/forms/text";
import { format } from "@/lib/i18n";
import { saveReferralStep, saveReferrerSectionAction, sendReferral } from "@/lib/referrals/actions";
import { draftPath, guardReferralPage, referralBackHref, type TReferralContext, type TReferralPage } from "@/lib/referrals/pages";

// Every page of a referral draft: the resident's application pages (the same StepForm and words),
// then the referrer section, then check and send. One route, so the journey is the resident's.

// No page metadata: each form renders its own <title> (FormFrame), "Error: " first when it has problems, as GOV.UK asks.

function Caption({ ctx }: { ctx: TReferralContext }) {
  const w = ctx.m.referrals.journey;
  const name = ctx.answers["full-name"]?.fullName;
  return <span className="govuk-caption-l">{name ? format(w.caption, { name }) : w.captionUnnamed}</span>;
}

export default async function ReferralStepPage({ params, searchParams }: { params: Promise<{ council: string; draftId: string; step: string }>; searchParams: Promise<{ change?: string }> }) {
  const { council: slug, draftId, step } = await params;
  if (!isStepId(step) && step !== "referrer" && step !== "check" && step !== "outside-area") notFound();
  const change = (await readSearchParams(searchParams)).change === "1";
  const page = step as TReferralPage;
  const ctx = await guardReferralPage(slug, draftId, page);
  const { m } = ctx;
  const r = m.referrals;
  const back = <BackLink href={referralBackHref(ctx, page, change)}>{m.common.back}</BackLink>;
  const frame = { thereIsAProblem: m.common.thereIsAProblem, errorPrefix: m.common.errorPrefix };

  if (step === "outside-area") {
    return (
      <OutsideAreaPage
        title={format(r.journey.outsideTitle, { council: ctx.council.name })}
        text={format(r.journey.outsideText, { council: ctx.council.name })}
        changeHref={draftPath(slug, draftId, "postcode")}
        changeLabel={r.journey.changePostcode}
        back={back}
      />
    );
  }

  if (step === "referrer") {
    return (
      <div className="md:w-2/3">
        {back}
        <Caption ctx={ctx} />
        <ReferrerSectionForm action={saveReferrerSectionAction.bind(null, slug, draftId)} values={ctx.draft.section ?? {}} words={{ ...r.section, ...frame, title: r.section.title }} optionalWord={m.common.optional} />
      </div>
    );
  }

  if (step === "check") {
    const section = ctx.draft.section!;
    const s = r.section;
    const changeLink = (label: string) => (
      <Link href={draftPath(slug, draftId, "referrer")} className="govuk-link">
        {r.check.change}
        <span className="govuk-visually-hidden"> {label}</span>
      </Link>
    );
    return (
      <>
        {back}
        <SendApplicationForm
          action={sendReferral.bind(null, slug, draftId)}
          words={{ title: r.check.title, heading: r.check.declarationHeading, text: r.check.declarationText, label: r.check.declarationLabel, submit: r.check.send, ...frame }}
        >
          <Caption ctx={ctx} />
          <h1 className="md:w-2/3">{r.check.title}</h1>
          <section aria-label={r.check.referrer}>
            <h2 className="govuk-heading-m">{r.check.referrer}</h2>
            <SummaryList
              rows={[
                { key: s.role, value: section.role, action: changeLink(s.role) },
                { key: s.relationship, value: section.relationship, action: changeLink(s.relationship) },
                { key: s.consentMethod, value: s.consentMethods[section.consentMethod as keyof typeof s.consentMethods] ?? section.consentMethod, action: changeLink(s.consentMethod) },
                { key: s.consentDate, value: `${section["consentDate-day"]}/${section["consentDate-month"]}/${section["consentDate-year"]}`, action: changeLink(s.consentDate) },
                { key: s.alreadyTried, value: section.alreadyTried || m.common.notProvided, action: changeLink(s.alreadyTried) },
                { key: s.fastTrack, value: section.fastTrack === "yes" ? s.yes : s.no, action: changeLink(s.fastTrack), testId: "answer-fast-track" },
              ]}
            />
          </section>
          <AnswersSummary sections={summarise(ctx.answers, m, ctx.locale)} change={m.common.change} changeHref={(step) => draftPath(slug, draftId, step, true)} />
        </SendApplicationForm>
      </>
    );
  }

  if (!isStepId(step)) notFound();
  return <ApplicationStepPage ctx={ctx} step={step} action={saveReferralStep.bind(null, slug, draftId, step, change)} back={back} caption={<Caption ctx={ctx} />} />;
}
