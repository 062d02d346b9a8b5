"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, Select, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

const KINDS = [
  { value: "LONDON_BOROUGH", label: "London borough" },
  { value: "METROPOLITAN_BOROUGH", label: "Metropolitan borough" },
  { value: "UNITARY", label: "Unitary authority" },
  { value: "COUNTY", label: "County council" },
  { value: "DISTRICT", label: "District council" },
];

export function CreateCouncilForm({ action }: { action: (prev: TFormState, fd: FormData) => Promise<TFormState> }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <form action={formAction} noValidate>
      <h2 className="govuk-heading-m">Add a council</h2>
      <ErrorSummary errors={state.errors} />
      <TextInput name="name" label="Council name" errors={state.errors} defaultValue={v.name} />
      <TextInput name="slug" label="Web address name" hint="Lower-case letters, numbers and hyphens, for example hackney. Residents will use /hackney." errors={state.errors} defaultValue={v.slug} width="20" spellCheck={false} />
      <Select name="kind" label="Type of council" options={KINDS} errors={state.errors} defaultValue={v.kind} />
      <TextInput name="contactEmail" label="Public contact email" type="email" errors={state.errors} defaultValue={v.contactEmail} />
      <TextInput name="contactPhone" label="Public contact phone" type="tel" errors={state.errors} defaultValue={v.contactPhone} width="20" />
      <TextInput name="postcodeAreas" label="Postcode areas served" hint="Outward codes separated by commas, for example E5, E8, N16." errors={state.errors} defaultValue={v.postcodeAreas} />
      <TextInput name="adminName" label="First council admin's full name" errors={state.errors} defaultValue={v.adminName} />
      <TextInput name="adminEmail" label="First council admin's email address" type="email" errors={state.errors} defaultValue={v.adminEmail} spellCheck={false} />
      <Button>Add council and invite admin</Button>
    </form>
  );
}
