"use client";
import { startTransition, useActionState, useEffect, useRef } from "react";
import { useForm, type FieldErrors, type Resolver } from "react-hook-form";
import { Button, Checkboxes, DateInput, Radios, TextArea, TextInput } from "@/components/ui/fields";
import type { TFieldCopy, TStepWords } from "@/lib/forms/field-types";
import { FormFrame } from "@/components/ui/form-frame";
import { formDataToObject, zodFieldErrors, type TFieldError, type TFormState } from "@/lib/forms/form-state";
import { STEP_FIELDS, type TField } from "@/lib/applications/step-fields";
import type { TStepId } from "@/lib/applications/steps";

// The page's Zod schemas load as a separate chunk (they are most of the bytes): fetched when the
// browser is idle after the page loads, so the page itself stays light and the first Continue is instant.
const loadSchemas = () => import("@/lib/applications/steps");

// One application page. Without JavaScript it is a plain form posted to the server action,
// which validates, saves and redirects (or re-renders with the error summary). With JavaScript,
// react-hook-form runs the same Zod schema first for instant feedback; the server still decides.


type Props = {
  stepId: TStepId;
  action: (prev: TFormState, formData: FormData) => Promise<TFormState>;
  values: Record<string, string>;
  title: string;
  intro?: string;
  fields: TFieldCopy[];
  words: TStepWords;
  errorTexts: Record<string, string>;
  /** The page asks one question: its label or legend is the page's <h1>. */
  oneQuestion: boolean;
};

/** Runs the page's Zod schema over exactly what the form would post (FormData), as the server does. */
function formResolver(stepId: TStepId, form: { current: HTMLFormElement | null }): Resolver<Record<string, unknown>> {
  return async () => {
    const raw = form.current ? formDataToObject(new FormData(form.current)) : {};
    const { parseStep } = await loadSchemas();
    const parsed = parseStep(stepId, raw);
    if (parsed.success) return { values: raw, errors: {} };
    const errors: FieldErrors<Record<string, unknown>> = {};
    for (const e of zodFieldErrors(parsed.error)) errors[e.field] = { type: "validation", message: e.message };
    return { values: {}, errors };
  };
}

export function StepForm({ stepId, action, values, title, intro, fields, words, errorTexts, oneQuestion }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction] = useActionState(action, { errors: [], values });
  const {
    handleSubmit,
    trigger,
    formState: { errors: clientErrors, isSubmitted },
  } = useForm<Record<string, unknown>>({
    // eslint-disable-next-line react-hooks/refs -- the resolver reads the ref when a submit runs, never during render
    resolver: formResolver(stepId, formRef),
    mode: "onSubmit",
  });

  const local: TFieldError[] = Object.entries(clientErrors).map(([field, e]) => ({ field, message: errorTexts[String(e?.message)] ?? String(e?.message) }));
  const errors = local.length ? local : state.errors;
  const current = state.values;
  const defs = STEP_FIELDS[stepId] as readonly TField[];
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(() => void loadSchemas());
  }, []);

  // With JavaScript: check with the same schema first; only a valid form goes to the server.
  const onValid = (form: HTMLFormElement) => () => {
    const data = new FormData(form);
    startTransition(() => formAction(data));
  };

  return (
    <FormFrame
      title={title}
      state={{ ...state, errors }}
      action={formAction}
      onSubmit={(e) => void handleSubmit(onValid(e.currentTarget))(e)}
      onChange={() => void (isSubmitted && trigger())}
      formRef={formRef}
      words={{ thereIsAProblem: words.thereIsAProblem, errorPrefix: words.errorPrefix }}
    >
        {oneQuestion ? null : <h1>{title}</h1>}
        {intro ? <p>{intro}</p> : null}
        {defs.map((def) => {
          const copy = fields.find((f) => f.name === def.name)!;
          const common = { name: def.name, errors, words, hint: copy.hint || undefined };
          switch (def.kind) {
            case "text":
            case "money":
              return (
                <TextInput
                  key={def.name}
                  {...common}
                  label={copy.label}
                  labelAsHeading={oneQuestion}
                  optional={def.optional}
                  defaultValue={current[def.name]}
                  type={def.type}
                  autoComplete={def.autoComplete}
                  inputMode={def.inputMode}
                  spellCheck={def.spellCheck}
                  width={def.width}
                  prefix={def.kind === "money" ? words.pounds : undefined}
                />
              );
            case "textarea":
              return <TextArea key={def.name} {...common} label={copy.label} labelAsHeading={oneQuestion} defaultValue={current[def.name]} />;
            case "radios":
            case "address":
              return <Radios key={def.name} {...common} legend={copy.label} legendAsHeading={oneQuestion} options={copy.options ?? []} defaultValue={current[def.name]} />;
            case "checkboxes":
              return (
                <Checkboxes
                  key={def.name}
                  {...common}
                  legend={copy.label}
                  legendAsHeading={oneQuestion}
                  options={copy.options ?? []}
                  exclusive={def.exclusive}
                  orText={words.or}
                  checked={(copy.options ?? []).filter((o) => current[`${def.name}-${o.value}`] === "yes").map((o) => o.value)}
                />
              );
            case "date":
              return (
                <DateInput
                  key={def.name}
                  {...common}
                  legend={copy.label}
                  legendAsHeading={oneQuestion}
                  birthday={def.birthday}
                  labels={{ day: words.day, month: words.month, year: words.year }}
                  values={{ day: current[`${def.name}-day`], month: current[`${def.name}-month`], year: current[`${def.name}-year`] }}
                />
              );
          }
        })}
        <Button>{words.continue}</Button>
    </FormFrame>
  );
}
