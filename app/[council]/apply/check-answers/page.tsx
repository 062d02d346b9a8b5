import { SendApplicationForm } from "@/components/applications/send-form";
import { AnswersSummary } from "@/components/applications/answers-summary";
import { BackLink } from "@/components/ui/layout-parts";
import { sendApplication } from "@/lib/intake/actions";
import { applyPath, backHref, guardJourneyPage } from "@/lib/applications/pages";
import { summarise } from "@/lib/applications/summary";

export default async function CheckAnswersPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const ctx = await guardJourneyPage(slug, "check-answers");
  const { m } = ctx;
  const c = m.checkAnswers;
  return (
    <>
      <BackLink href={backHref(ctx, "check-answers", false)}>{m.common.back}</BackLink>
      <SendApplicationForm
        action={sendApplication.bind(null, slug)}
        words={{ title: c.title, heading: c.declarationHeading, text: c.declarationText, label: c.declarationLabel, submit: c.submit, thereIsAProblem: m.common.thereIsAProblem, errorPrefix: m.common.errorPrefix }}
      >
      <h1 className="md:w-2/3">{c.title}</h1>
      <AnswersSummary sections={summarise(ctx.answers, m, ctx.locale)} change={m.common.change} changeHref={(step) => applyPath(slug, step, true)} />
      </SendApplicationForm>
    </>
  );
}
