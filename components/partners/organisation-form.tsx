"use client";
import { useActionState } from "react";
import { Button, Select, TextArea, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

export type TOrganisationFormWords = {
  name: string;
  nameHint: string;
  type: string;
  typeChoose: string;
  domains: string;
  domainsHint: string;
  contact: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  submit: string;
};

/** Add or change a partner organisation. Words and the type options come from the page. */
export function OrganisationForm({
  action,
  title,
  words,
  types,
  organisationId,
  defaults = {},
}: {
  action: Action;
  title: string;
  words: TOrganisationFormWords;
  types: { value: string; label: string }[];
  organisationId?: string;
  defaults?: Record<string, string>;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...defaults, ...state.values };
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h1>{title}</h1>
      {organisationId ? <input type="hidden" name="organisationId" value={organisationId} /> : null}
      <TextInput name="name" label={words.name} hint={words.nameHint} autoComplete="off" errors={e} defaultValue={v.name} />
      <Select name="type" label={words.type} options={[{ value: "", label: words.typeChoose }, ...types]} errors={e} defaultValue={v.type ?? ""} />
      <TextArea name="allowedEmailDomains" label={words.domains} hint={words.domainsHint} rows={3} errors={e} defaultValue={v.allowedEmailDomains} />
      <h2 className="govuk-heading-m">{words.contact}</h2>
      <TextInput name="contactName" label={words.contactName} optional autoComplete="off" errors={e} defaultValue={v.contactName} />
      <TextInput name="contactEmail" label={words.contactEmail} optional type="email" autoComplete="off" spellCheck={false} errors={e} defaultValue={v.contactEmail} />
      <TextInput name="contactPhone" label={words.contactPhone} optional type="tel" autoComplete="off" width="20" errors={e} defaultValue={v.contactPhone} />
      <Button>{words.submit}</Button>
    </FormFrame>
  );
}
