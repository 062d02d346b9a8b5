"use client";
import { useActionState } from "react";
import { Button, TextArea } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

/** Reject an award line waiting for approval, with the reason the case's timeline keeps. */
export function RejectAwardForm({ action, awardId, title, children }: { action: Action; awardId: string; title: string; children: React.ReactNode }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title={`${title} – Money Hub`} state={state} action={formAction}>
      <h1>{title}</h1>
      {children}
      <input type="hidden" name="awardId" value={awardId} />
      <TextArea
        name="reason"
        label="Why are you rejecting this award?"
        hint="The officer who proposed it reads this on the case's timeline. If no award is left on the case, it goes back to them to decide again."
        rows={4}
        errors={state.errors}
        defaultValue={state.values.reason}
      />
      <Button variant="warning">Reject award</Button>
    </FormFrame>
  );
}
