import type { ReactNode } from "react";
import Link from "next/link";
import { StepForm } from "@/components/applications/step-form";
import { stepCopy, stepWords, type TApplyContext } from "@/lib/applications/pages";
import type { TStepId } from "@/lib/applications/steps";
import type { TFormState } from "@/lib/forms/form-state";
import { errorWords } from "@/lib/i18n";

// The bodies shared by the pages of a draft someone keeps for a resident (a referral, an
// officer-assisted application: lib/applications/owned-drafts.ts): one of the resident's
// application pages, and "outside the council's area". Only the paths, words and actions differ.

/** One of the resident's application pages, under the journey's back link and caption. */
export function OwnedDraftStepPage({ ctx, step, action, back, caption }: { ctx: TApplyContext; step: TStepId; action: (prev: TFormState, formData: FormData) => Promise<TFormState>; back: ReactNode; caption: ReactNode }) {
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
