"use client";
import { useActionState } from "react";
import { Button, DateInput, Radios, TextArea, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import type { TStaffMessages } from "@/lib/i18n";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
/** The form's words (messages/en/staff.json `funds.fundForm`) and the date input's labels. */
export type TFundFormWords = TStaffMessages["funds"]["fundForm"] & { dateLabels: TStaffMessages["staffUi"]["dateLabels"]; publicFunds: TPublicFundsWords };
/** messages/en/eligibility.json `funds`. */
export type TPublicFundsWords = { publicFunds: string; publicFundsHint: string; publicFundsYes: string; publicFundsNo: string };

/** Create or change a fund. Dates use the GOV.UK date input; amounts are typed in pounds. */
export function FundForm({ action, title, idempotencyKey, fundId, defaults = {}, words: w }: { action: Action; title: string; idempotencyKey: string; fundId?: string; defaults?: Record<string, string>; words: TFundFormWords }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...defaults, ...state.values };
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h1>{title}</h1>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {fundId ? <input type="hidden" name="fundId" value={fundId} /> : null}
      <TextInput name="name" label={w.name} hint={w.nameHint} errors={e} defaultValue={v.name} />
      <TextInput name="funder" label={w.funder} hint={w.funderHint} errors={e} defaultValue={v.funder} />
      <DateInput name="periodStart" legend={w.periodStart} hint={w.periodStartHint} errors={e} labels={w.dateLabels} values={{ day: v["periodStart-day"], month: v["periodStart-month"], year: v["periodStart-year"] }} />
      <DateInput name="periodEnd" legend={w.periodEnd} hint={w.periodEndHint} errors={e} labels={w.dateLabels} values={{ day: v["periodEnd-day"], month: v["periodEnd-month"], year: v["periodEnd-year"] }} />
      <TextInput name="allocation" label={w.allocation} hint={w.allocationHint} prefix="£" width="10" inputMode="decimal" errors={e} defaultValue={v.allocation} />
      <TextInput name="adminCap" label={w.adminCap} optional hint={w.adminCapHint} width="5" inputMode="decimal" errors={e} defaultValue={v.adminCap} />
      <Radios
        name="publicFunds"
        legend={w.publicFunds.publicFunds}
        hint={w.publicFunds.publicFundsHint}
        options={[
          { value: "yes", label: w.publicFunds.publicFundsYes },
          { value: "no", label: w.publicFunds.publicFundsNo },
        ]}
        errors={e}
        defaultValue={v.publicFunds ?? "yes"}
      />
      {fundId ? <TextArea name="reason" label={w.reason} hint={w.reasonHint} optional rows={3} errors={e} defaultValue={v.reason} /> : null}
      <Button>{fundId ? w.save : w.create}</Button>
    </FormFrame>
  );
}
