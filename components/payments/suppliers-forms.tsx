"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, Checkboxes, Radios, Select, TextArea, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { SummaryList } from "@/components/ui/layout-parts";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

// The supplier pages' and a payment page's forms (lib/payments/supplier-actions.ts). Each works
// without JavaScript: a refusal comes back as a GOV.UK error summary above its form with what was
// typed; success redirects with a banner. Words come from the page (messages/en/suppliers.json).

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

export type TBankWords = {
  accountName: string;
  sortCode: string;
  sortCodeHint: string;
  accountNumber: string;
  accountNumberHint: string;
  rollNumber: string;
  rollNumberHint: string;
  optional: string;
};

function Hidden({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([k, value]) => (
        <input key={k} type="hidden" name={k} value={value} />
      ))}
    </>
  );
}

/** Name on the account, sort code, account number, roll number: GOV.UK's bank details pattern. */
function BankFields({ errors, v, words: w }: { errors: TFormState["errors"]; v: Record<string, string>; words: TBankWords }) {
  return (
    <>
      <TextInput name="accountName" label={w.accountName} autoComplete="off" spellCheck={false} errors={errors} defaultValue={v.accountName} />
      <TextInput name="sortCode" label={w.sortCode} hint={w.sortCodeHint} inputMode="numeric" width="5" spellCheck={false} autoComplete="off" errors={errors} defaultValue={v.sortCode} />
      <TextInput name="accountNumber" label={w.accountNumber} hint={w.accountNumberHint} inputMode="numeric" width="10" spellCheck={false} autoComplete="off" errors={errors} defaultValue={v.accountNumber} />
      <TextInput name="rollNumber" label={w.rollNumber} optional hint={w.rollNumberHint} width="10" spellCheck={false} autoComplete="off" errors={errors} defaultValue={v.rollNumber} />
    </>
  );
}

export function SupplierForm({
  action,
  kinds,
  words: w,
}: {
  action: Action;
  kinds: { value: string; label: string }[];
  words: { title: string; intro: string; name: string; nameHint: string; kind: string; bankHeading: string; submit: string; bank: TBankWords };
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <FormFrame title={w.title} state={state} action={formAction}>
      <h1 className="govuk-heading-l">{w.title}</h1>
      <p className="govuk-body">{w.intro}</p>
      <TextInput name="name" label={w.name} hint={w.nameHint} autoComplete="off" errors={state.errors} defaultValue={v.name} />
      <Radios name="kind" legend={w.kind} options={kinds} errors={state.errors} defaultValue={v.kind} />
      <h2 className="govuk-heading-m">{w.bankHeading}</h2>
      <BankFields errors={state.errors} v={v} words={w.bank} />
      <Button>{w.submit}</Button>
    </FormFrame>
  );
}

export type TRevealWords = { note: string; submit: string; recorded: string; notGiven: string; accountName: string; sortCode: string; accountNumber: string; rollNumber: string };

/** "Show full details": the action audits the showing and answers with the details. */
export function RevealForm({ action, hidden, words: w, testId }: { action: Action; hidden: Record<string, string>; words: TRevealWords; testId?: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const r = state.result;
  return (
    <div data-testid={testId}>
      <ErrorSummary errors={state.errors} />
      {r ? (
        <div className="govuk-inset-text" data-testid="full-bank-details">
          <SummaryList
            noBorder
            rows={[
              { key: w.accountName, value: r.accountName || w.notGiven },
              { key: w.sortCode, value: r.sortCode },
              { key: w.accountNumber, value: r.accountNumber },
              ...(r.rollNumber ? [{ key: w.rollNumber, value: r.rollNumber }] : []),
            ]}
          />
          <p className="govuk-body-s mb-0">{w.recorded}</p>
        </div>
      ) : (
        <form action={formAction} noValidate>
          <Hidden fields={hidden} />
          <p className="govuk-body-s">{w.note}</p>
          <Button variant="secondary">{w.submit}</Button>
        </form>
      )}
    </div>
  );
}

/** A button with, at most, a confirming checkbox or a reason (check, withdraw, approve, reject, take back). */
export function ConfirmForm({
  action,
  hidden,
  submit,
  variant = "primary",
  confirm,
  reason,
  testId,
}: {
  action: Action;
  hidden: Record<string, string>;
  submit: string;
  variant?: "primary" | "secondary" | "warning";
  confirm?: { legend: string; label: string };
  reason?: { name: string; label: string; hint?: string };
  testId?: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <div data-testid={testId}>
      <ErrorSummary errors={state.errors} />
      <form action={formAction} noValidate>
        <Hidden fields={hidden} />
        {confirm ? <Checkboxes name="confirm" legend={confirm.legend} options={[{ value: "yes", label: confirm.label }]} errors={state.errors} /> : null}
        {reason ? <TextArea name={reason.name} label={reason.label} hint={reason.hint} rows={3} errors={state.errors} defaultValue={state.values[reason.name]} /> : null}
        <Button variant={variant}>{submit}</Button>
      </form>
    </div>
  );
}

export function ChooseSupplierForm({
  action,
  paymentId,
  suppliers,
  defaults,
  words: w,
}: {
  action: Action;
  paymentId: string;
  suppliers: { value: string; label: string }[];
  defaults: { supplierId?: string; supplierAccountRef?: string };
  words: { supplier: string; supplierHint: string; placeholder: string; accountRef: string; accountRefHint: string; submit: string };
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...defaults, ...state.values };
  return (
    <div data-testid="choose-supplier">
      <ErrorSummary errors={state.errors} />
      <form action={formAction} noValidate>
        <Hidden fields={{ paymentId }} />
        <Select name="supplierId" label={w.supplier} hint={w.supplierHint} options={[{ value: "", label: w.placeholder }, ...suppliers]} errors={state.errors} defaultValue={v.supplierId ?? ""} />
        <TextInput name="supplierAccountRef" label={w.accountRef} hint={w.accountRefHint} width="20" spellCheck={false} autoComplete="off" errors={state.errors} defaultValue={v.supplierAccountRef} />
        <Button>{w.submit}</Button>
      </form>
    </div>
  );
}

export function BankChangeForm({ action, paymentId, words: w }: { action: Action; paymentId: string; words: { bank: TBankWords; reason: string; reasonHint: string; submit: string } }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <div data-testid="bank-change-form">
      <ErrorSummary errors={state.errors} />
      <form action={formAction} noValidate>
        <Hidden fields={{ paymentId }} />
        <BankFields errors={state.errors} v={v} words={w.bank} />
        <TextArea name="reason" label={w.reason} hint={w.reasonHint} rows={3} errors={state.errors} defaultValue={v.reason} />
        <Button variant="secondary">{w.submit}</Button>
      </form>
    </div>
  );
}
