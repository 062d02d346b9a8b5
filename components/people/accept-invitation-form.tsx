"use client";
import { useActionState } from "react";
import { FormFrame } from "@/components/ui/form-frame";
import { Button, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

export function AcceptStaffInvitationForm({
  action,
  token,
  totpSecret,
  qrSvgDataUrl,
  councilName,
}: {
  action: (prev: TFormState, fd: FormData) => Promise<TFormState>;
  token: string;
  totpSecret: string;
  qrSvgDataUrl: string;
  councilName: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title="Set up your account" state={state} action={formAction}>
      <span className="govuk-caption-l">{councilName}</span>
      <h1>Set up your account</h1>
      <input type="hidden" name="token" value={token} />
      <h2 className="govuk-heading-m">1. Choose a password</h2>
      <TextInput name="password" label="Password" hint="At least 12 characters. A few unrelated words make a strong password." type="password" autoComplete="new-password" errors={state.errors} />
      <TextInput name="confirmPassword" label="Confirm password" type="password" autoComplete="new-password" errors={state.errors} />
      <h2 className="govuk-heading-m">2. Set up your authenticator app</h2>
      <p>Scan this QR code with an authenticator app (for example Microsoft Authenticator or Google Authenticator).</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL generated on the server; nothing to optimise */}
      <img src={qrSvgDataUrl} alt="QR code for your authenticator app" width={180} height={180} className="mb-4 border border-govuk-border" />
      <p>
        If you cannot scan it, enter this key instead: <code className="app-code break-all" data-testid="totp-secret">{totpSecret}</code>
      </p>
      <TextInput name="code" label="Code from your authenticator app" hint="Enter the 6-digit code the app shows." inputMode="numeric" autoComplete="one-time-code" width="5" errors={state.errors} />
      <Button>Create account</Button>
    </FormFrame>
  );
}
