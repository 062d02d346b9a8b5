"use client";
import { useActionState, type ReactNode } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

/** One button posting a few hidden ids (make lead, deactivate…): works without JavaScript. */
export function ButtonForm({ action, fields, children, variant = "secondary" }: { action: Action; fields: Record<string, string>; children: ReactNode; variant?: "primary" | "secondary" | "warning" }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} noValidate className="inline-block [&_.govuk-button]:mb-2 mr-2">
      <ErrorSummary errors={state.errors} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button variant={variant}>{children}</Button>
    </form>
  );
}

export type TInviteWords = { heading: string; name: string; email: string; emailHint: string; button: string };

/** Invite a member to an organisation: the people invitation (bound to the address), posted back to this page. */
export function InviteMemberForm({ action, organisationId, words }: { action: Action; organisationId: string; words: TInviteWords }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} noValidate aria-labelledby="invite-member-heading">
      <h2 id="invite-member-heading" className="govuk-heading-m">
        {words.heading}
      </h2>
      <ErrorSummary errors={state.errors} />
      <input type="hidden" name="organisationId" value={organisationId} />
      <TextInput name="name" label={words.name} autoComplete="off" errors={state.errors} defaultValue={state.values.name} />
      <TextInput name="email" label={words.email} hint={words.emailHint} type="email" autoComplete="off" spellCheck={false} errors={state.errors} defaultValue={state.values.email} />
      <Button>{words.button}</Button>
    </form>
  );
}
