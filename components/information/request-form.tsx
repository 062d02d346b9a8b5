"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, TextArea, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

/** The officer's request for information: what is needed and the reply-by date. Works without JavaScript (a server action). */
export function RequestInformationForm({
  action,
  caseId,
  defaultReplyBy,
  words,
}: {
  action: Action;
  caseId: string;
  defaultReplyBy: string;
  words: { heading: string; question: string; questionHint: string; replyBy: string; replyByHint: string; submit: string };
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  // In a details element, open while there are errors (so they show without JavaScript too).
  return (
    <details className="govuk-details" data-testid="request-information" open={state.errors.length > 0 || undefined}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{words.heading}</span>
      </summary>
      <div className="govuk-details__text" data-testid="request-information-form">
      <ErrorSummary errors={state.errors} />
      <form action={formAction} noValidate>
        <input type="hidden" name="caseId" value={caseId} />
        <TextArea name="question" label={words.question} hint={words.questionHint} rows={4} errors={state.errors} defaultValue={v.question} />
        <TextInput name="replyBy" label={words.replyBy} hint={words.replyByHint} width="10" errors={state.errors} defaultValue={v.replyBy ?? defaultReplyBy} />
        <Button>{words.submit}</Button>
      </form>
      </div>
    </details>
  );
}
