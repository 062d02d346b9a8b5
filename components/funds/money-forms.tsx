"use client";
import { useActionState } from "react";
import { Button, Select, TextArea, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import { format, type TStaffMessages } from "@/lib/i18n";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
type Option = { value: string; label: string };

/** Allocate money from the fund to one of its pots, with a reason for the audit log. */
export function AllocateForm({ action, fundId, idempotencyKey, pots, defaultPot, leftToAllocate, words: w }: { action: Action; fundId: string; idempotencyKey: string; pots: Option[]; defaultPot?: string; leftToAllocate: string; words: TStaffMessages["funds"]["allocateForm"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <FormFrame title={w.title} state={state} action={formAction}>
      <h1>{w.title}</h1>
      <p>{format(w.left, { amount: leftToAllocate })}</p>
      <input type="hidden" name="fundId" value={fundId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Select name="toPotId" label={w.pot} options={[{ value: "", label: w.selectPot }, ...pots]} errors={state.errors} defaultValue={v.toPotId ?? defaultPot ?? ""} />
      <TextInput name="amount" label={w.amount} hint={w.amountHint} prefix="£" width="10" inputMode="decimal" errors={state.errors} defaultValue={v.amount} />
      <TextArea name="reason" label={w.reason} hint={w.reasonHint} rows={3} errors={state.errors} defaultValue={v.reason} />
      <Button>{w.submit}</Button>
    </FormFrame>
  );
}

/** Move money from one pot to another, or back to the fund. */
export function MoveMoneyForm({ action, fundId, idempotencyKey, fromPots, toPots, defaultFrom, words: w }: { action: Action; fundId: string; idempotencyKey: string; fromPots: Option[]; toPots: Option[]; defaultFrom?: string; words: TStaffMessages["funds"]["moveForm"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <FormFrame title={w.title} state={state} action={formAction}>
      <h1>{w.title}</h1>
      <input type="hidden" name="fundId" value={fundId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Select name="fromPotId" label={w.from} hint={w.fromHint} options={[{ value: "", label: w.selectPot }, ...fromPots]} errors={state.errors} defaultValue={v.fromPotId ?? defaultFrom ?? ""} />
      <Select name="toPotId" label={w.to} options={[{ value: "", label: w.selectTo }, ...toPots]} errors={state.errors} defaultValue={v.toPotId ?? ""} />
      <TextInput name="amount" label={w.amount} hint={w.amountHint} prefix="£" width="10" inputMode="decimal" errors={state.errors} defaultValue={v.amount} />
      <TextArea name="reason" label={w.reason} hint={w.reasonHint} rows={3} errors={state.errors} defaultValue={v.reason} />
      <Button>{w.submit}</Button>
    </FormFrame>
  );
}
