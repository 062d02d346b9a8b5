"use client";
import { useActionState } from "react";
import { Button, Radios, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

export type TAdvicePartnerFormWords = {
  name: string;
  nameHint: string;
  kind: string;
  contactEmail: string;
  contactEmailHint: string;
  active: string;
  activeYes: string;
  activeNo: string;
  submit: string;
};

/** Add or change an advice partner. Words and the kinds come from the page; "active" only when changing. */
export function AdvicePartnerForm({
  action,
  title,
  words,
  kinds,
  partnerId,
  defaults = {},
}: {
  action: Action;
  title: string;
  words: TAdvicePartnerFormWords;
  kinds: { value: string; label: string }[];
  partnerId?: string;
  defaults?: Record<string, string>;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...defaults, ...state.values };
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h1 className="govuk-heading-l">{title}</h1>
      {partnerId ? <input type="hidden" name="partnerId" value={partnerId} /> : null}
      <TextInput name="name" label={words.name} hint={words.nameHint} autoComplete="off" errors={e} defaultValue={v.name} />
      <Radios name="kind" legend={words.kind} options={kinds} errors={e} defaultValue={v.kind} />
      <TextInput name="contactEmail" label={words.contactEmail} hint={words.contactEmailHint} type="email" autoComplete="off" spellCheck={false} errors={e} defaultValue={v.contactEmail} />
      {partnerId ? (
        <Radios
          name="active"
          legend={words.active}
          options={[
            { value: "yes", label: words.activeYes },
            { value: "no", label: words.activeNo },
          ]}
          errors={e}
          defaultValue={v.active}
        />
      ) : null}
      <Button>{words.submit}</Button>
    </FormFrame>
  );
}
