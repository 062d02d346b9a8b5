"use client";
import { useActionState } from "react";
import { Button, TextArea } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import type { TStaffMessages } from "@/lib/i18n";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

/** Reject an award line waiting for approval, with the reason the case's timeline keeps. */
export function RejectAwardForm({ action, awardId, title, children, words: w }: { action: Action; awardId: string; title: string; children: React.ReactNode; words: TStaffMessages["approvals"]["rejectForm"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h1>{title}</h1>
      {children}
      <input type="hidden" name="awardId" value={awardId} />
      <TextArea
        name="reason"
        label={w.reason}
        hint={w.reasonHint}
        rows={4}
        errors={state.errors}
        defaultValue={state.values.reason}
      />
      <Button variant="warning">{w.submit}</Button>
    </FormFrame>
  );
}
