import Link from "next/link";
import { SendApplicationForm } from "@/components/applications/send-form";
import { BackLink, SummaryList } from "@/components/ui/layout-parts";
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
      {summarise(ctx.answers, m, ctx.locale).map((section) => (
        <section key={section.title} aria-label={section.title}>
          <h2 className="govuk-heading-m">{section.title}</h2>
          <SummaryList
            rows={section.rows.map((row) => ({
              key: row.key,
              value: row.value,
              testId: `answer-${row.step}`,
              action: (
                <Link href={applyPath(slug, row.step, true)} className="govuk-link">
                  {m.common.change}
                  <span className="govuk-visually-hidden"> {row.key}</span>
                </Link>
              ),
            }))}
          />
        </section>
      ))}
      </SendApplicationForm>
    </>
  );
}
