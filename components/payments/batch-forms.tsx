"use client";
import { useActionState } from "react";
import { Button, DateInput, Radios, Select, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import type paymentWords from "@/messages/en/payments.json";

// The payments pages' forms. Each posts to a server action (lib/payments/actions.ts) and works
// without JavaScript; a refusal comes back as a GOV.UK error summary with everything typed kept.

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
type Option = { value: string; label: string; hint?: string };

/** Make a batch: the method, and optionally one fund and a last approval day. */
export function CreateBatchForm({ action, title, methods, funds, words: w }: { action: Action; title: string; methods: Option[]; funds: Option[]; words: (typeof paymentWords)["create"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h2 className="govuk-heading-m" id="create-batch">
        {w.title}
      </h2>
      <Radios name="method" legend={w.method} options={methods} errors={state.errors} defaultValue={v.method ?? methods[0]?.value} />
      <Select name="fundId" label={w.fund} options={[{ value: "", label: w.allFunds }, ...funds]} errors={state.errors} defaultValue={v.fundId ?? ""} />
      <DateInput
        name="approvedOnOrBefore"
        legend={w.approvedBy}
        hint={w.approvedByHint}
        errors={state.errors}
        labels={{ day: w.day, month: w.month, year: w.year }}
        values={{ day: v["approvedOnOrBefore-day"], month: v["approvedOnOrBefore-month"], year: v["approvedOnOrBefore-year"] }}
      />
      <Button>{w.submit}</Button>
    </FormFrame>
  );
}

/** The council's Bacs identity and bank account. */
export function PaymentSettingsForm({ action, title, caption, defaults, words: w }: { action: Action; title: string; caption: string; defaults: Record<string, string>; words: (typeof paymentWords)["settings"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const sent = Object.keys(state.values).length > 0;
  const v = sent ? state.values : defaults;
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <span className="govuk-caption-l">{caption}</span>
      <h1>{title}</h1>
      <p>{w.intro}</p>
      <TextInput name="serviceUserNumber" label={w.serviceUserNumber} hint={w.serviceUserNumberHint} width="10" inputMode="numeric" spellCheck={false} errors={e} defaultValue={v.serviceUserNumber} />
      <TextInput name="serviceUserName" label={w.serviceUserName} hint={w.serviceUserNameHint} width="20" spellCheck={false} errors={e} defaultValue={v.serviceUserName} />
      <TextInput name="originatingSortCode" label={w.sortCode} hint={w.sortCodeHint} width="5" inputMode="numeric" spellCheck={false} errors={e} defaultValue={v.originatingSortCode} />
      <TextInput name="originatingAccountNumber" label={w.accountNumber} width="10" inputMode="numeric" spellCheck={false} errors={e} defaultValue={v.originatingAccountNumber} />
      <TextInput name="originatingAccountName" label={w.accountName} hint={w.accountNameHint} width="20" spellCheck={false} errors={e} defaultValue={v.originatingAccountName} />
      <Radios
        name="bankFileFormat"
        legend={w.format}
        options={[
          { value: "STANDARD18", label: w.standard18 },
          { value: "CSV", label: w.csv },
        ]}
        errors={e}
        defaultValue={v.bankFileFormat ?? "STANDARD18"}
      />
      <Button>{w.submit}</Button>
    </FormFrame>
  );
}
