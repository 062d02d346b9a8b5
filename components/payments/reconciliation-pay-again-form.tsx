"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, Radios, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

// "Pay again" on the case page (issue 19): the same or another method, and for a bank transfer
// new bank details if the old account will not take it. Posts to payAgainAction
// (lib/payments/reconciliation-actions.ts); works without JavaScript; a refusal comes back as a
// GOV.UK error summary with what was typed kept.

type Words = { method: string; bankHint: string; accountName: string; sortCode: string; accountNumber: string; submit: string };

export function PayAgainForm({
  action,
  caseId,
  paymentId,
  methods,
  defaultMethod,
  words,
}: {
  action: (prev: TFormState, fd: FormData) => Promise<TFormState>;
  caseId: string;
  paymentId: string;
  methods: { value: string; label: string }[];
  defaultMethod: string;
  words: Words;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <div data-testid="pay-again-form">
      <ErrorSummary errors={state.errors} />
      <form action={formAction} noValidate>
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="paymentId" value={paymentId} />
        <Radios name="method" legend={words.method} options={methods} defaultValue={v.method ?? defaultMethod} errors={state.errors} />
        <p className="govuk-hint">{words.bankHint}</p>
        <TextInput name="accountName" label={words.accountName} optional errors={state.errors} defaultValue={v.accountName} autoComplete="off" />
        <TextInput name="sortCode" label={words.sortCode} optional errors={state.errors} defaultValue={v.sortCode} width="5" inputMode="numeric" autoComplete="off" />
        <TextInput name="accountNumber" label={words.accountNumber} optional errors={state.errors} defaultValue={v.accountNumber} width="10" inputMode="numeric" autoComplete="off" />
        <Button>{words.submit}</Button>
      </form>
    </div>
  );
}
