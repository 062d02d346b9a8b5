"use client";
import { useActionState } from "react";
import { FormFrame } from "@/components/ui/form-frame";
import { Button, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

export function EmailLinkForm({ action, councilName }: { action: (prev: TFormState, fd: FormData) => Promise<TFormState>; councilName: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title="Sign in to the partner portal" state={state} action={formAction}>
      <span className="govuk-caption-l">{councilName}</span>
      <h1>Sign in to the partner portal</h1>
      <p>We will email you a link to sign in. Use the work email address your organisation gave the council, for example your nhs.net address.</p>
      <TextInput name="email" label="Work email address" type="email" autoComplete="email" spellCheck={false} errors={state.errors} defaultValue={state.values.email} />
      <Button>Email me a sign-in link</Button>
    </FormFrame>
  );
}
