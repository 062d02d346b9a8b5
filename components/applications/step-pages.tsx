import type { ReactNode } from "react";
import Link from "next/link";
import { StepForm } from "@/components/applications/step-form";
import { stepCopy, stepWords, type TApplyContext } from "@/lib/applications/pages";
import type { TStepId } from "@/lib/applications/steps";
import type { TFormState } from "@/lib/forms/form-state";
import { errorWords } from "@/lib/i18n";

// The page bodies of the application's journey, shared by the resident's own pages and the drafts
// someone keeps for a resident (a referral, an officer-assisted application:
// lib/applications/owned-drafts.ts): one of the application's pages, and "outside the council's
// area". Only the paths, words, actions and what sits around the form differ.

/** One of the application's pages: the journey's back link, a caption, the page's form, then `after`. */
export function ApplicationStepPage({
  ctx,
  step,
  action,
  back,
  caption,
  after,
}: {
  ctx: TApplyContext;
  step: TStepId;
  action: (prev: TFormState, formData: FormData) => Promise<TFormState>;
  back: ReactNode;
  caption?: ReactNode;
  after?: ReactNode;
}) {
  const copy = stepCopy(ctx, step);
  return (
    <div className="md:w-2/3">
      {back}
      {caption}
      <StepForm
        key={step}
        stepId={step}
        action={action}
        values={ctx.draft?.answers[step] ?? {}}
        title={copy.title}
        intro={copy.intro}
        fields={copy.fields}
        oneQuestion={copy.oneQuestion}
        words={stepWords(ctx.m)}
        errorTexts={errorWords(ctx.m)}
      />
      {after}
    </div>
  );
}

/** The resident's postcode is outside the council's areas: say so and offer to change it. */
export function OutsideAreaPage({ title, text, changeHref, changeLabel, back }: { title: string; text: string; changeHref: string; changeLabel: string; back: ReactNode }) {
  return (
    <div className="md:w-2/3">
      <title>{`${title} – Money Hub`}</title>
      {back}
      <h1 className="govuk-heading-l">{title}</h1>
      <p>{text}</p>
      <p>
        <Link className="govuk-link" href={changeHref}>
          {changeLabel}
        </Link>
      </p>
    </div>
  );
}
