"use client";
import { useActionState } from "react";
import { FormFrame } from "@/components/ui/form-frame";
import { Button, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

export function SignInCodeForm({ action }: { action: (prev: TFormState, fd: FormData) => Promise<TFormState> }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title="Enter the code from your authenticator app" state={state} action={formAction}>
      <TextInput
        name="code"
        labelAsHeading
        label="Enter the code from your authenticator app"
        hint="Open the authenticator app on your phone and enter the 6-digit code it shows for Money Hub."
        inputMode="numeric"
        autoComplete="one-time-code"
        width="5"
        errors={state.errors}
      />
      <Button>Sign in</Button>
    </FormFrame>
  );
}
