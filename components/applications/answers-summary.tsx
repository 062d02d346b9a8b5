import Link from "next/link";
import { SummaryList } from "@/components/ui/layout-parts";
import type { TStepId } from "@/lib/applications/steps";
import type { TSummarySection } from "@/lib/applications/summary";

/**
 * "Check your answers": each section of the application with a Change link per answer, for the
 * resident's own application and a referrer's referral alike (only where Change goes differs).
 */
export function AnswersSummary({ sections, change, changeHref }: { sections: readonly TSummarySection[]; change: string; changeHref: (step: TStepId) => string }) {
  return sections.map((section) => (
    <section key={section.title} aria-label={section.title}>
      <h2 className="govuk-heading-m">{section.title}</h2>
      <SummaryList
        rows={section.rows.map((row) => ({
          key: row.key,
          value: row.value,
          testId: `answer-${row.step}`,
          action: (
            <Link href={changeHref(row.step)} className="govuk-link">
              {change}
              <span className="govuk-visually-hidden"> {row.key}</span>
            </Link>
          ),
        }))}
      />
    </section>
  ));
}
