"use client";
import { useActionState } from "react";
import { Button, Radios } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

// The officer's own form around the resident's pages (which are the resident's StepForm): start
// (by phone or in person). Witnessing consent and sending is the resident's own check-answers form
// (components/applications/send-form.tsx) with the declaration read aloud. It posts to a server
// action and works without JavaScript; errors come back as a GOV.UK error summary with the same
// words inline. Every word comes from the page (messages/en/assisted.json).

type TAction = (prev: TFormState, formData: FormData) => Promise<TFormState>;
type TFrameWords = { thereIsAProblem: string; errorPrefix: string };

/** Start an application: how the officer is speaking to the resident, then the first page. */
export function StartAssistedForm({ action, words, options }: { action: TAction; words: TFrameWords & { title: string; channel: string; start: string }; options: { value: string; label: string }[] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title={words.title} state={state} action={formAction} words={words}>
      <Radios name="channel" legend={words.channel} options={options} errors={state.errors} defaultValue={state.values.channel} />
      <Button>{words.start}</Button>
    </FormFrame>
  );
}
