"use client";
// The partner portal's API key and webhook forms. Words come from the page (messages/en/partnerApi.json).
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { NotificationBanner, SuccessBanner } from "@/components/ui/layout-parts";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

/**
 * Makes something whose secret is shown once (an API key, a webhook's signing secret): one text
 * field; after success, the secret in a banner, never again.
 */
export function SecretForm({
  action,
  title,
  heading,
  field,
  resultKey,
  words,
}: {
  action: Action;
  title: string;
  heading: string;
  field: { name: string; label: string; hint: string; type?: "text" | "url" };
  resultKey: string;
  words: { submit: string; shownHeading: string };
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const secret = state.ok ? state.result?.[resultKey] : undefined;
  return (
    <>
      {secret ? (
        <NotificationBanner success title={words.shownHeading}>
          <p className="govuk-body">{state.message}</p>
          <p className="govuk-body">
            <code className="break-all text-lg font-bold" data-testid="shown-once">
              {secret}
            </code>
          </p>
        </NotificationBanner>
      ) : null}
      <FormFrame title={title} state={state} action={formAction}>
        <h2 className="govuk-heading-m">{heading}</h2>
        <TextInput name={field.name} label={field.label} hint={field.hint} type={field.type ?? "text"} spellCheck={false} errors={state.errors} defaultValue={state.ok ? "" : state.values[field.name]} />
        <Button>{words.submit}</Button>
      </FormFrame>
    </>
  );
}

/** One button on a row (revoke a key, send a test event, turn an endpoint off), with its outcome. */
export function RowAction({
  action,
  hidden,
  label,
  visuallyHidden,
  successTitle,
  variant = "secondary",
}: {
  action: Action;
  hidden: Record<string, string>;
  label: string;
  visuallyHidden: string;
  /** The success banner's title (staffUi.success). */
  successTitle: string;
  variant?: "secondary" | "warning";
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} noValidate className="inline-block mr-2">
      {state.errors.length ? <ErrorSummary errors={state.errors} /> : null}
      {state.ok ? <SuccessBanner title={successTitle}>{state.message}</SuccessBanner> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button variant={variant}>
        {label}
        <span className="govuk-visually-hidden"> {visuallyHidden}</span>
      </Button>
    </form>
  );
}
