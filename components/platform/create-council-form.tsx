"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, Select, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import type { TStaffMessages } from "@/lib/i18n";

const KINDS = ["LONDON_BOROUGH", "METROPOLITAN_BOROUGH", "UNITARY", "COUNTY", "DISTRICT"] as const;

/** `words`: messages/en/staff.json `platform.form`. */
export function CreateCouncilForm({ action, words: w }: { action: (prev: TFormState, fd: FormData) => Promise<TFormState>; words: TStaffMessages["platform"]["form"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <form action={formAction} noValidate>
      <h2 className="govuk-heading-m">{w.heading}</h2>
      <ErrorSummary errors={state.errors} />
      <TextInput name="name" label={w.name} errors={state.errors} defaultValue={v.name} />
      <TextInput name="slug" label={w.slug} hint={w.slugHint} errors={state.errors} defaultValue={v.slug} width="20" spellCheck={false} />
      <Select name="kind" label={w.kind} options={KINDS.map((value) => ({ value, label: w.kinds[value] }))} errors={state.errors} defaultValue={v.kind} />
      <TextInput name="contactEmail" label={w.contactEmail} type="email" errors={state.errors} defaultValue={v.contactEmail} />
      <TextInput name="contactPhone" label={w.contactPhone} type="tel" errors={state.errors} defaultValue={v.contactPhone} width="20" />
      <TextInput name="postcodeAreas" label={w.postcodeAreas} hint={w.postcodeAreasHint} errors={state.errors} defaultValue={v.postcodeAreas} />
      <TextInput name="adminName" label={w.adminName} errors={state.errors} defaultValue={v.adminName} />
      <TextInput name="adminEmail" label={w.adminEmail} type="email" errors={state.errors} defaultValue={v.adminEmail} spellCheck={false} />
      <Button>{w.submit}</Button>
    </form>
  );
}
