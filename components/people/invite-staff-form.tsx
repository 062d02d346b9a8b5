"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, Select, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import type { TStaffMessages } from "@/lib/i18n";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

export function InviteStaffForm({ action, roles, words: w }: { action: Action; roles: { value: string; label: string }[]; words: TStaffMessages["people"]["inviteStaff"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} noValidate aria-labelledby="invite-staff-heading">
      <h2 id="invite-staff-heading" className="govuk-heading-m">
        {w.heading}
      </h2>
      <ErrorSummary errors={state.errors} />
      <TextInput name="name" label={w.name} autoComplete="off" errors={state.errors} defaultValue={state.values.name} />
      <TextInput name="email" label={w.email} type="email" autoComplete="off" spellCheck={false} errors={state.errors} defaultValue={state.values.email} />
      <Select name="role" label={w.role} options={roles} errors={state.errors} defaultValue={state.values.role} />
      <Button>{w.submit}</Button>
    </form>
  );
}

export function InviteReferrerForm({ action, organisations, words: w }: { action: Action; organisations: { value: string; label: string }[]; words: TStaffMessages["people"]["inviteReferrer"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} noValidate aria-labelledby="invite-referrer-heading">
      <h2 id="invite-referrer-heading" className="govuk-heading-m">
        {w.heading}
      </h2>
      <ErrorSummary errors={state.errors} />
      <TextInput name="name" label={w.name} autoComplete="off" errors={state.errors} defaultValue={state.values.name} />
      <TextInput
        name="email"
        label={w.email}
        hint={w.emailHint}
        type="email"
        autoComplete="off"
        spellCheck={false}
        errors={state.errors}
        defaultValue={state.values.email}
      />
      <Select name="organisationId" label={w.organisation} options={organisations} errors={state.errors} defaultValue={state.values.organisationId} />
      <Button>{w.submit}</Button>
    </form>
  );
}
