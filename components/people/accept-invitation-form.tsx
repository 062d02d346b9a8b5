"use client";
import { useActionState } from "react";
import { FormFrame } from "@/components/ui/form-frame";
import { Button, TextInput } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import type { TStaffMessages } from "@/lib/i18n";

export function AcceptStaffInvitationForm({
  action,
  token,
  totpSecret,
  qrSvgDataUrl,
  councilName,
  words: w,
}: {
  action: (prev: TFormState, fd: FormData) => Promise<TFormState>;
  token: string;
  totpSecret: string;
  qrSvgDataUrl: string;
  councilName: string;
  /** messages/en/staff.json `people.accept`. */
  words: TStaffMessages["people"]["accept"];
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title={w.title} state={state} action={formAction}>
      <span className="govuk-caption-l">{councilName}</span>
      <h1>{w.title}</h1>
      <input type="hidden" name="token" value={token} />
      <h2 className="govuk-heading-m">{w.password}</h2>
      <TextInput name="password" label={w.passwordLabel} hint={w.passwordHint} type="password" autoComplete="new-password" errors={state.errors} />
      <TextInput name="confirmPassword" label={w.confirm} type="password" autoComplete="new-password" errors={state.errors} />
      <h2 className="govuk-heading-m">{w.app}</h2>
      <p>{w.scan}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL generated on the server; nothing to optimise */}
      <img src={qrSvgDataUrl} alt={w.qrAlt} width={180} height={180} className="mb-4 border border-govuk-border" />
      <p>
        {w.key} <code className="app-code break-all" data-testid="totp-secret">{totpSecret}</code>
      </p>
      <TextInput name="code" label={w.code} hint={w.codeHint} inputMode="numeric" autoComplete="one-time-code" width="5" errors={state.errors} />
      <Button>{w.submit}</Button>
    </FormFrame>
  );
}
