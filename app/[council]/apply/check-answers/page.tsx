import Link from "next/link";
import { SendApplicationForm } from "@/components/applications/send-form";
import { BackLink } from "@/components/ui/layout-parts";
import { sendApplication } from "@/lib/applications/actions";
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
      {summarise(ctx.answers, m, ctx.locale).map((section) => (
        <section key={section.title} aria-label={section.title}>
          <h2 className="text-2xl">{section.title}</h2>
          <dl className="govuk-summary-list">
            {section.rows.map((row) => (
              <div key={row.key} className="border-b border-govuk-border py-2.5 md:flex md:gap-5">
                <dt className="mb-1 font-bold md:w-1/3">{row.key}</dt>
                <dd className="mb-1 break-words whitespace-pre-wrap md:flex-1" data-testid={`answer-${row.step}`}>
                  {row.value}
                </dd>
                <dd className="md:w-1/5 md:text-end">
                  <Link href={applyPath(slug, row.step, true)}>
                    {m.common.change}
                    <span className="sr-only"> {row.key}</span>
                  </Link>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      </SendApplicationForm>
    </>
  );
}
