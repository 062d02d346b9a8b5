"use client";
import { useActionState } from "react";
import { Button, DateInput, TextArea, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
const DATE_LABELS = { day: "Day", month: "Month", year: "Year" };

/** Create or change a fund. Dates use the GOV.UK date input; amounts are typed in pounds. */
export function FundForm({ action, title, idempotencyKey, fundId, defaults = {} }: { action: Action; title: string; idempotencyKey: string; fundId?: string; defaults?: Record<string, string> }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...defaults, ...state.values };
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h1>{title}</h1>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {fundId ? <input type="hidden" name="fundId" value={fundId} /> : null}
      <TextInput name="name" label="Fund name" hint="For example, Household Support Fund 2025/26" errors={e} defaultValue={v.name} />
      <TextInput name="funder" label="Funder" hint="Who provides the money, for example Department for Work and Pensions" errors={e} defaultValue={v.funder} />
      <DateInput name="periodStart" legend="Date the fund starts" hint="For example, 1 4 2026" errors={e} labels={DATE_LABELS} values={{ day: v["periodStart-day"], month: v["periodStart-month"], year: v["periodStart-year"] }} />
      <DateInput name="periodEnd" legend="Date the fund ends" hint="Awards can only be approved between these dates. For example, 31 3 2027" errors={e} labels={DATE_LABELS} values={{ day: v["periodEnd-day"], month: v["periodEnd-month"], year: v["periodEnd-year"] }} />
      <TextInput name="allocation" label="Total allocation" hint="In pounds, for example 2,400,000" prefix="£" width="10" inputMode="decimal" errors={e} defaultValue={v.allocation} />
      <TextInput name="adminCap" label="Cap on administration spend, as a percentage" optional hint="For example, 10" width="5" inputMode="decimal" errors={e} defaultValue={v.adminCap} />
      {fundId ? <TextArea name="reason" label="Reason for the change" hint="Needed when the allocation changes. It is recorded in the audit log." optional rows={3} errors={e} defaultValue={v.reason} /> : null}
      <Button>{fundId ? "Save changes" : "Create fund"}</Button>
    </FormFrame>
  );
}
