"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, Select, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

export function InviteStaffForm({ action, roles }: { action: Action; roles: { value: string; label: string }[] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} noValidate aria-labelledby="invite-staff-heading">
      <h2 id="invite-staff-heading" className="govuk-heading-m">Invite a member of staff</h2>
      <ErrorSummary errors={state.errors} />
      <TextInput name="name" label="Full name" autoComplete="off" errors={state.errors} defaultValue={state.values.name} />
      <TextInput name="email" label="Email address" type="email" autoComplete="off" spellCheck={false} errors={state.errors} defaultValue={state.values.email} />
      <Select name="role" label="Role" options={roles} errors={state.errors} defaultValue={state.values.role} />
      <Button>Send invitation</Button>
    </form>
  );
}

export function InviteReferrerForm({ action, organisations }: { action: Action; organisations: { value: string; label: string }[] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} noValidate aria-labelledby="invite-referrer-heading">
      <h2 id="invite-referrer-heading" className="govuk-heading-m">Invite a partner (trusted referrer)</h2>
      <ErrorSummary errors={state.errors} />
      <TextInput name="name" label="Full name" autoComplete="off" errors={state.errors} defaultValue={state.values.name} />
      <TextInput
        name="email"
        label="Work email address"
        hint="Must be from one of the organisation's allowed email domains."
        type="email"
        autoComplete="off"
        spellCheck={false}
        errors={state.errors}
        defaultValue={state.values.email}
      />
      <Select name="organisationId" label="Partner organisation" options={organisations} errors={state.errors} defaultValue={state.values.organisationId} />
      <Button>Send invitation</Button>
    </form>
  );
}
