"use client";
import { useActionState } from "react";
import { FormFrame } from "@/components/ui/form-frame";
import { Button, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

export function StaffSignInForm({ action }: { action: (prev: TFormState, fd: FormData) => Promise<TFormState> }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title="Sign in" state={state} action={formAction}>
      <h1>Sign in to Money Hub</h1>
      <p>For council staff. Partner organisations sign in from their council&apos;s partner page.</p>
      <TextInput name="email" label="Email address" type="email" autoComplete="username" spellCheck={false} errors={state.errors} defaultValue={state.values.email} />
      <TextInput name="password" label="Password" type="password" autoComplete="current-password" errors={state.errors} />
      <Button>Continue</Button>
    </FormFrame>
  );
}
