"use client";
import { useActionState, type ReactNode } from "react";
import { Button, Checkboxes, Radios, TextArea, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

// The voucher pages' forms (staff, English): each posts to its server action
// (lib/payments/voucher-actions.ts) and keeps what was typed when something is wrong.

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

/** Apply a checked provider file's ready lines. */
export function ApplyImportForm({ action, importId, title, submit }: { action: Action; importId: string; title: string; submit: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <input type="hidden" name="importId" value={importId} />
      <Button>{submit}</Button>
    </FormFrame>
  );
}

export type TProviderFormWords = {
  name: string;
  nameHint: string;
  kind: string;
  cap: string;
  capHint: string;
  expiryDays: string;
  expiryDaysHint: string;
  channels: string;
  active: string;
  activeYes: string;
  activeNo: string;
  submit: string;
};

/** Add or change a voucher provider ("active" only when changing). */
export function VoucherProviderForm({
  action,
  title,
  words,
  kinds,
  channels,
  providerId,
  defaults = {},
  checkedChannels = ["SMS", "EMAIL"],
}: {
  action: Action;
  title: string;
  words: TProviderFormWords;
  kinds: { value: string; label: string }[];
  channels: { value: string; label: string }[];
  providerId?: string;
  defaults?: Record<string, string>;
  checkedChannels?: string[];
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...defaults, ...state.values };
  const e = state.errors;
  const sent = Object.keys(state.values).length > 0;
  const checked = sent ? channels.map((c) => c.value).filter((c) => state.values[`channels-${c}`] === "yes") : checkedChannels;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h1 className="govuk-heading-l">{title}</h1>
      {providerId ? <input type="hidden" name="providerId" value={providerId} /> : null}
      <TextInput name="name" label={words.name} hint={words.nameHint} autoComplete="off" errors={e} defaultValue={v.name} />
      <Radios name="kind" legend={words.kind} options={kinds} errors={e} defaultValue={v.kind} />
      <TextInput name="cap" label={words.cap} hint={words.capHint} inputMode="decimal" prefix="£" width="5" autoComplete="off" errors={e} defaultValue={v.cap} />
      <TextInput name="expiryDays" label={words.expiryDays} hint={words.expiryDaysHint} inputMode="numeric" width="5" autoComplete="off" errors={e} defaultValue={v.expiryDays} />
      <Checkboxes name="channels" legend={words.channels} options={channels} errors={e} checked={checked} />
      {providerId ? (
        <Radios
          name="active"
          legend={words.active}
          options={[
            { value: "yes", label: words.activeYes },
            { value: "no", label: words.activeNo },
          ]}
          errors={e}
          defaultValue={v.active}
        />
      ) : null}
      <Button>{words.submit}</Button>
    </FormFrame>
  );
}

/** Cancel an expired voucher payment and say how (or whether) to pay it again. */
export function CancelExpiredForm({
  action,
  title,
  paymentId,
  choices,
  words,
  children,
}: {
  action: Action;
  title: string;
  /** The heading and what is cancelled, shown under the error summary (GOV.UK: the summary comes first). */
  children: ReactNode;
  paymentId: string;
  choices: { value: string; label: string }[];
  words: { reissueAs: string; reason: string; reasonHint: string; submit: string };
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      {children}
      <input type="hidden" name="paymentId" value={paymentId} />
      <Radios name="reissueAs" legend={words.reissueAs} options={choices} errors={e} defaultValue={v.reissueAs ?? "same"} />
      <TextArea name="reason" label={words.reason} hint={words.reasonHint} errors={e} defaultValue={v.reason} rows={3} />
      <Button variant="warning">{words.submit}</Button>
    </FormFrame>
  );
}
