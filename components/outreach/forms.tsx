"use client";
import { useActionState } from "react";
import { Button, Radios, Select, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

/** Which of the file's columns holds each of our fields (a select per field; "" = not in the file). */
export function MappingForm({
  action,
  title,
  importId,
  fields,
  headers,
  defaults,
  words,
}: {
  action: Action;
  title: string;
  importId: string;
  fields: readonly { name: string; label: string }[];
  headers: readonly string[];
  defaults: Record<string, string>;
  words: { heading: string; hint: string; notInFile: string; submit: string };
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...defaults, ...state.values };
  const options = [{ value: "", label: words.notInFile }, ...headers.map((h) => ({ value: h, label: h }))];
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h2 className="govuk-heading-m">{words.heading}</h2>
      <p className="govuk-hint">{words.hint}</p>
      <input type="hidden" name="importId" value={importId} />
      <div className="grid gap-x-6 md:grid-cols-2">
        {fields.map((f) => (
          <Select key={f.name} name={f.name} label={f.label} options={options} errors={state.errors} defaultValue={v[f.name] ?? ""} />
        ))}
      </div>
      <Button variant="secondary">{words.submit}</Button>
    </FormFrame>
  );
}

/** The import button: a form of its own, so a refusal shows in an error summary. */
export function ImportForm({ action, title, importId, submit }: { action: Action; title: string; importId: string; submit: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <input type="hidden" name="importId" value={importId} />
      <Button>{submit}</Button>
    </FormFrame>
  );
}

export function CampaignForm({
  action,
  title,
  lists,
  channels,
  defaults,
  words,
}: {
  action: Action;
  title: string;
  lists: readonly { value: string; label: string }[];
  channels: readonly { value: string; label: string }[];
  defaults: Record<string, string>;
  words: { name: string; nameHint: string; channel: string; channelHint: string; list: string; submit: string };
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...defaults, ...state.values };
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h1 className="govuk-heading-l">{title}</h1>
      <TextInput name="name" label={words.name} hint={words.nameHint} autoComplete="off" errors={state.errors} defaultValue={v.name} />
      <Select name="importId" label={words.list} options={lists} errors={state.errors} defaultValue={v.importId} />
      <Radios name="channel" legend={words.channel} hint={words.channelHint} options={channels} errors={state.errors} defaultValue={v.channel} />
      <Button>{words.submit}</Button>
    </FormFrame>
  );
}
