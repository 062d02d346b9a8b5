"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, TextArea } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

// A GOV.UK details ("Dismiss", "Close as duplicate") holding one small form: a text area and a
// button posting to a server action. It opens by itself when the action refuses, so the error
// summary and the field's error are seen, with or without JavaScript (the page is rendered again
// with the refusal).

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

export function DisclosureForm({
  summary,
  action,
  hidden,
  field,
  submit,
  variant = "secondary",
  testId,
}: {
  summary: string;
  action: Action;
  hidden: Record<string, string>;
  field: { name: string; label: string; hint?: string };
  submit: string;
  variant?: "secondary" | "warning";
  testId?: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <details className="govuk-details mb-2" open={state.errors.length > 0 || undefined} data-testid={testId}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">
        <ErrorSummary errors={state.errors} />
        <form action={formAction} noValidate>
          {Object.entries(hidden).map(([k, value]) => (
            <input key={k} type="hidden" name={k} value={value} />
          ))}
          <TextArea name={field.name} label={field.label} hint={field.hint} rows={2} errors={state.errors} defaultValue={state.values[field.name]} />
          <Button variant={variant}>{submit}</Button>
        </form>
      </div>
    </details>
  );
}
