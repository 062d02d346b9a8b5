"use client";
import { startTransition, type FormEvent, type ReactNode, type Ref } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { pageTitle } from "@/components/ui/layout-parts";
import type { TFormState } from "@/lib/forms/form-state";

/**
 * Wraps a form that posts to a server action: keeps the page title's "Error: " prefix in step
 * with the error summary, and turns off browser validation (the server decides, GOV.UK style).
 * Works without JavaScript: React renders the returned state into the next HTML page.
 * With JavaScript the form is sent without React's automatic reset, so after an error every
 * field (selects included) still holds exactly what was typed or chosen.
 */
export function FormFrame({
  title,
  state,
  action,
  children,
  id,
  onSubmit,
  onChange,
  formRef,
  words,
}: {
  onChange?: () => void;
  formRef?: Ref<HTMLFormElement>;
  title: string;
  state: TFormState;
  action: (formData: FormData) => void;
  children: ReactNode;
  id?: string;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  words?: { thereIsAProblem: string; errorPrefix: string };
}) {
  return (
    <>
      <title>{pageTitle(title, state.errors.length > 0, words?.errorPrefix)}</title>
      <ErrorSummary errors={state.errors} title={words?.thereIsAProblem} errorPrefix={words?.errorPrefix} />
      <form action={action} noValidate id={id} onSubmit={onSubmit ?? ((e) => submitWithoutReset(e, action))} onChange={onChange} ref={formRef}>
        {children}
      </form>
    </>
  );
}

function submitWithoutReset(e: FormEvent<HTMLFormElement>, action: (formData: FormData) => void) {
  e.preventDefault();
  const submitter = (e.nativeEvent as SubmitEvent).submitter;
  const data = new FormData(e.currentTarget, submitter);
  startTransition(() => action(data));
}
