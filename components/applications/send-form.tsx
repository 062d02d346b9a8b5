"use client";
import { useActionState, type ReactNode } from "react";
import { Button } from "@/components/ui/fields";
import { ErrorSummary } from "@/components/ui/error-summary";
import { fieldId } from "@/components/ui/field-id";
import { pageTitle } from "@/components/ui/layout-parts";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

/** `declaration`: the declaration itself, set apart under `text`, when an officer reads it aloud to the resident (an assisted application). */
type Words = { title: string; heading: string; text: string; declaration?: string; label: string; submit: string; thereIsAProblem: string; errorPrefix: string };

/** Check your answers: error summary first, then the answers, then the declaration and "Accept and send" (the resident's, a referral's and an officer's). */
export function SendApplicationForm({ action, words, children }: { action: (prev: TFormState, fd: FormData) => Promise<TFormState>; words: Words; children: ReactNode }) {
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
      {/* The answers, rendered on the server, sit between the error summary and the declaration. */}
      {children}
      <form action={formAction} noValidate className="md:w-2/3">
        <h2 className="govuk-heading-m">{words.heading}</h2>
        <p>{words.text}</p>
        {words.declaration ? (
          <div className="govuk-inset-text" data-testid="declaration-read-aloud">
            {words.declaration}
          </div>
        ) : null}
        <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`}>
          {error ? (
            <p id={`${id}-error`} className="govuk-error-message">
              <span className="sr-only">{words.errorPrefix}</span>
              {error}
            </p>
          ) : null}
          {/* GOV.UK's checkbox, as every other question has: a 40 px box, its focus ring around the box, not over the label. */}
          <div className="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input id={id} name="declaration" type="checkbox" value="yes" className="govuk-checkboxes__input" aria-describedby={error ? `${id}-error` : undefined} />
              <label htmlFor={id} className="govuk-label govuk-checkboxes__label">
                {words.label}
              </label>
            </div>
          </div>
        </div>
        <Button>{words.submit}</Button>
      </form>
    </>
  );
}
