"use client";
import { useActionState } from "react";
import { Button, Radios, TextInput, type TFieldWords } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Words = TFieldWords & {
  title: string;
  intro: string;
  channel: string;
  email: string;
  sms: string;
  emailLabel: string;
  mobileLabel: string;
  mobileHint: string;
  submit: string;
  thereIsAProblem: string;
};

/** Save and return: ask for a one-time link by email or text message. */
export function ResumeLinkForm({ action, words, defaults }: { action: (prev: TFormState, fd: FormData) => Promise<TFormState>; words: Words; defaults: Record<string, string> }) {
  const [state, formAction] = useActionState(action, { ...EMPTY_FORM_STATE, values: defaults });
  return (
    <FormFrame title={words.title} state={state} action={formAction} words={{ thereIsAProblem: words.thereIsAProblem, errorPrefix: words.errorPrefix }}>
      <h1>{words.title}</h1>
      <p>{words.intro}</p>
      <Radios
        name="channel"
        legend={words.channel}
        errors={state.errors}
        words={words}
        defaultValue={state.values.channel}
        options={[
          { value: "email", label: words.email },
          { value: "sms", label: words.sms },
        ]}
      />
      <TextInput name="email" label={words.emailLabel} type="email" autoComplete="email" spellCheck={false} errors={state.errors} words={words} defaultValue={state.values.email} />
      <TextInput name="mobile" label={words.mobileLabel} hint={words.mobileHint} type="tel" autoComplete="tel" width="20" errors={state.errors} words={words} defaultValue={state.values.mobile} />
      <Button>{words.submit}</Button>
    </FormFrame>
  );
}
