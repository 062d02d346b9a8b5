"use client";
import { useActionState } from "react";
import { Button, Select, TextArea } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

export type TReferFormWords = { heading: string; intro: string; partner: string; partnerChoose: string; needNote: string; needNoteHint: string; submit: string };

/** Refer a case's resident to an advice partner: which partner, and what help is needed. */
export function ReferForm({ action, title, caseId, partners, words }: { action: Action; title: string; caseId: string; partners: { value: string; label: string }[]; words: TReferFormWords }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h1 className="govuk-heading-l">{words.heading}</h1>
      <p className="govuk-body">{words.intro}</p>
      <input type="hidden" name="caseId" value={caseId} />
      <Select name="partnerId" label={words.partner} options={[{ value: "", label: words.partnerChoose }, ...partners]} errors={e} defaultValue={v.partnerId ?? ""} />
      <TextArea name="needNote" label={words.needNote} hint={words.needNoteHint} rows={4} errors={e} defaultValue={v.needNote} />
      <Button>{words.submit}</Button>
    </FormFrame>
  );
}
