"use client";
import { useActionState } from "react";
import { Button, Select, TextArea, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
type Option = { value: string; label: string };

/** Allocate money from the fund to one of its pots, with a reason for the audit log. */
export function AllocateForm({ action, fundId, idempotencyKey, pots, defaultPot, leftToAllocate }: { action: Action; fundId: string; idempotencyKey: string; pots: Option[]; defaultPot?: string; leftToAllocate: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <FormFrame title="Allocate money to a pot" state={state} action={formAction}>
      <h1>Allocate money to a pot</h1>
      <p>The fund has {leftToAllocate} not yet allocated to a pot.</p>
      <input type="hidden" name="fundId" value={fundId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Select name="toPotId" label="Pot" options={[{ value: "", label: "Select a pot" }, ...pots]} errors={state.errors} defaultValue={v.toPotId ?? defaultPot ?? ""} />
      <TextInput name="amount" label="Amount" hint="In pounds and pence, for example 25,000 or 1,250.50" prefix="£" width="10" inputMode="decimal" errors={state.errors} defaultValue={v.amount} />
      <TextArea name="reason" label="Reason" hint="For example, Winter demand for energy support. It is recorded in the audit log." rows={3} errors={state.errors} defaultValue={v.reason} />
      <Button>Allocate money</Button>
    </FormFrame>
  );
}

/** Move money from one pot to another, or back to the fund. */
export function MoveMoneyForm({ action, fundId, idempotencyKey, fromPots, toPots, defaultFrom }: { action: Action; fundId: string; idempotencyKey: string; fromPots: Option[]; toPots: Option[]; defaultFrom?: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <FormFrame title="Move money between pots" state={state} action={formAction}>
      <h1>Move money between pots</h1>
      <input type="hidden" name="fundId" value={fundId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Select name="fromPotId" label="Move from" hint="Only money available (not committed to awards) can move." options={[{ value: "", label: "Select a pot" }, ...fromPots]} errors={state.errors} defaultValue={v.fromPotId ?? defaultFrom ?? ""} />
      <Select name="toPotId" label="Move to" options={[{ value: "", label: "Select where the money goes" }, ...toPots]} errors={state.errors} defaultValue={v.toPotId ?? ""} />
      <TextInput name="amount" label="Amount" hint="In pounds and pence, for example 5,000" prefix="£" width="10" inputMode="decimal" errors={state.errors} defaultValue={v.amount} />
      <TextArea name="reason" label="Reason" hint="It is recorded in the audit log." rows={3} errors={state.errors} defaultValue={v.reason} />
      <Button>Move money</Button>
    </FormFrame>
  );
}
