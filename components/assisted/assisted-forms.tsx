"use client";
import { useActionState, type ReactNode } from "react";
import { Button, Radios } from "@/components/ui/fields";
import { ErrorSummary } from "@/components/ui/error-summary";
import { fieldId } from "@/components/ui/field-id";
import { FormFrame } from "@/components/ui/form-frame";
import { pageTitle } from "@/components/ui/layout-parts";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

// The officer's own forms around the resident's pages (which are the resident's StepForm): start
// (by phone or in person) and witness consent and send. Each posts to a server action and works
// without JavaScript; errors come back as a GOV.UK error summary with the same words inline.
// Every word comes from the page (messages/en/assisted.json).

type TAction = (prev: TFormState, formData: FormData) => Promise<TFormState>;
type TFrameWords = { thereIsAProblem: string; errorPrefix: string };

/** Start an application: how the officer is speaking to the resident, then the first page. */
export function StartAssistedForm({ action, words, options }: { action: TAction; words: TFrameWords & { title: string; channel: string; start: string }; options: { value: string; label: string }[] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title={words.title} state={state} action={formAction} words={words}>
      <Radios name="channel" legend={words.channel} options={options} errors={state.errors} defaultValue={state.values.channel} />
      <Button>{words.start}</Button>
    </FormFrame>
  );
}

type TWitnessWords = TFrameWords & { title: string; heading: string; readAloud: string; declaration: string; confirm: string; send: string };

/** Check the answers, then the declaration read aloud and "I confirm the resident agreed". */
export function WitnessConsentForm({ action, words, children }: { action: TAction; words: TWitnessWords; children: ReactNode }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const error = state.errors.find((e) => e.field === "declaration")?.message;
  const id = fieldId("declaration");
  return (
    <>
      <title>{pageTitle(words.title, state.errors.length > 0, words.errorPrefix)}</title>
      {state.errors.length ? (
        <div className="md:w-2/3">
          <ErrorSummary errors={state.errors} title={words.thereIsAProblem} errorPrefix={words.errorPrefix} />
        </div>
      ) : null}
      {children}
      <form action={formAction} noValidate className="md:w-2/3">
        <h2 className="govuk-heading-m">{words.heading}</h2>
        <p>{words.readAloud}</p>
        <div className="govuk-inset-text" data-testid="declaration-read-aloud">
          {words.declaration}
        </div>
        <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`}>
          {error ? (
            <p id={`${id}-error`} className="govuk-error-message">
              <span className="govuk-visually-hidden">{words.errorPrefix}</span>
              {error}
            </p>
          ) : null}
          <div className="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input id={id} name="declaration" type="checkbox" value="yes" className="govuk-checkboxes__input" aria-describedby={error ? `${id}-error` : undefined} />
              <label htmlFor={id} className="govuk-label govuk-checkboxes__label">
                {words.confirm}
              </label>
            </div>
          </div>
        </div>
        <Button>{words.send}</Button>
      </form>
    </>
  );
}
