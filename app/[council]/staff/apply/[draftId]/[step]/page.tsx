import { notFound } from "next/navigation";
import { AnswersSummary } from "@/components/applications/answers-summary";
import { ApplicationStepPage, OutsideAreaPage } from "@/components/applications/step-pages";
import { SendApplicationForm } from "@/components/applications/send-form";
import { BackLink } from "@/components/ui/layout-parts";
import { isStepId } from "@/lib/applications/steps";
import { summarise } from "@/lib/applications/summary";
import { readSearchParams } from "@/lib/forms/text";
import { format } from "@/lib/i18n";
import { saveAssistedStep, sendAssisted } from "@/lib/assisted/actions";
import { assistedBackHref, assistedPath, assistedWords, guardAssistedPage, type TAssistedContext, type TAssistedPage } from "@/lib/assisted/pages";

// Every page of an officer-assisted application: the resident's application pages (the same
// StepForm, words and journey), then check, witness consent and send. One route, as the referral
// portal's (app/[council]/partner/referrals/drafts/[draftId]/[step]).

// No page metadata: each form renders its own <title> (FormFrame), "Error: " first when it has problems, as GOV.UK asks.

function Caption({ ctx }: { ctx: TAssistedContext }) {
  const w = assistedWords.journey;
  const name = ctx.answers["full-name"]?.fullName;
  const channel = assistedWords.start.channels[ctx.draft.channel];
  return <span className="govuk-caption-l">{name ? format(w.caption, { name, channel }) : format(w.captionUnnamed, { channel })}</span>;
}

export default async function AssistedStepPage({ params, searchParams }: { params: Promise<{ council: string; draftId: string; step: string }>; searchParams: Promise<{ change?: string }> }) {
  const { council: slug, draftId, step } = await params;
  if (!isStepId(step) && step !== "check" && step !== "outside-area") notFound();
  const change = (await readSearchParams(searchParams)).change === "1";
  const page = step as TAssistedPage;
  const ctx = await guardAssistedPage(slug, draftId, page);
  const { m } = ctx;
  const w = assistedWords;
  const back = <BackLink href={assistedBackHref(ctx, page, change)}>{m.common.back}</BackLink>;
  const frame = { thereIsAProblem: m.common.thereIsAProblem, errorPrefix: m.common.errorPrefix };

  if (step === "outside-area") {
    return (
      <OutsideAreaPage
        title={format(w.journey.outsideTitle, { council: ctx.council.name })}
        text={format(w.journey.outsideText, { council: ctx.council.name })}
        changeHref={assistedPath(slug, draftId, "postcode")}
        changeLabel={w.journey.changePostcode}
        back={back}
      />
    );
  }

  if (step === "check") {
    return (
      <>
        {back}
        <SendApplicationForm
          action={sendAssisted.bind(null, slug, draftId)}
          words={{ title: w.check.title, heading: w.check.declarationHeading, text: w.check.readAloud, declaration: format(w.check.declaration, { council: ctx.council.name }), label: w.check.confirm, submit: w.check.send, ...frame }}
        >
          <Caption ctx={ctx} />
          <h1 className="md:w-2/3">{w.check.title}</h1>
          <AnswersSummary sections={summarise(ctx.answers, m, ctx.locale)} change={m.common.change} changeHref={(s) => assistedPath(slug, draftId, s, true)} />
        </SendApplicationForm>
      </>
    );
  }

  if (!isStepId(step)) notFound();
  return <ApplicationStepPage ctx={ctx} step={step} action={saveAssistedStep.bind(null, slug, draftId, step, change)} back={back} caption={<Caption ctx={ctx} />} />;
}
