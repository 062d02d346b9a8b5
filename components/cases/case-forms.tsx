"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, Radios, Select, TextArea, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

// The case page's forms. Each posts to a server action (lib/decisions/actions.ts) and works without
// JavaScript; a refusal comes back as a GOV.UK error summary above the form, success redirects
// to the case with a banner.

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
type Option = { value: string; label: string };
export type TSmallField =
  | { kind: "textarea"; name: string; label: string; hint?: string; rows?: number }
  | { kind: "select"; name: string; label: string; hint?: string; options: Option[]; defaultValue?: string };

/** A form of a button and at most a couple of fields (claim, assign, note, withdraw, cancel an award). */
export function SmallCaseForm({
  action,
  hidden,
  fields = [],
  submit,
  variant = "primary",
  testId,
}: {
  action: Action;
  hidden: Record<string, string>;
  fields?: TSmallField[];
  submit: string;
  variant?: "primary" | "secondary" | "warning";
  testId?: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <div data-testid={testId}>
      <ErrorSummary errors={state.errors} />
      <form action={formAction} noValidate>
        {Object.entries(hidden).map(([k, value]) => (
          <input key={k} type="hidden" name={k} value={value} />
        ))}
        {fields.map((f) =>
          f.kind === "textarea" ? (
            <TextArea key={f.name} name={f.name} label={f.label} hint={f.hint} rows={f.rows ?? 3} errors={state.errors} defaultValue={v[f.name]} />
          ) : (
            <Select key={f.name} name={f.name} label={f.label} hint={f.hint} options={f.options} errors={state.errors} defaultValue={v[f.name] ?? f.defaultValue ?? ""} />
          ),
        )}
        <Button variant={variant}>{submit}</Button>
      </form>
    </div>
  );
}

export type TPotChoice = { value: string; label: string };

/** Approve (one or more award lines), part approve or decline, with a reason and the resident's explanation. */
export function DecisionForm({
  action,
  caseId,
  title,
  lines,
  needs,
  pots,
  methods,
  reasons,
  limitText,
  defaultMethod,
}: {
  action: Action;
  caseId: string;
  title: string;
  lines: number;
  needs: Option[];
  pots: TPotChoice[];
  methods: Option[];
  reasons: Option[];
  limitText: string;
  defaultMethod: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <FormFrame title={title} state={state} action={formAction} id="decision-form">
      <h1 className="govuk-heading-l">Record a decision</h1>
      <input type="hidden" name="caseId" value={caseId} />
      <Radios
        name="decision"
        legend="Decision"
        errors={state.errors}
        defaultValue={v.decision}
        options={[
          { value: "approve", label: "Approve", hint: "Give the resident what they need, in one or more awards" },
          { value: "part-approve", label: "Part approve", hint: "Give part of what they asked for" },
          { value: "decline", label: "Decline", hint: "Give no award: the awards below are ignored" },
        ]}
      />
      <h2 className="govuk-heading-m">Awards</h2>
      <p className="govuk-body">{limitText} Leave a line empty if you do not need it.</p>
      {Array.from({ length: lines }, (_, i) => i + 1).map((n) => (
        <fieldset key={n} className="govuk-fieldset mb-6 border-s-4 border-govuk-border ps-4" aria-describedby={undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Award {n}</legend>
          <Select name={`line-${n}-need`} label="What it is for" options={[{ value: "", label: "Select a need" }, ...needs]} errors={state.errors} defaultValue={v[`line-${n}-need`] ?? ""} />
          <TextInput name={`line-${n}-amount`} label="Amount" hint="In pounds, for example 60 or 60.50" prefix="£" width="10" inputMode="decimal" errors={state.errors} defaultValue={v[`line-${n}-amount`]} />
          <Select name={`line-${n}-pot`} label="Pot" hint="Money available now is shown for each pot" options={[{ value: "", label: "Select a pot" }, ...pots]} errors={state.errors} defaultValue={v[`line-${n}-pot`] ?? ""} />
          <Select name={`line-${n}-method`} label="Payment method" options={[{ value: "", label: "Select how it is paid" }, ...methods]} errors={state.errors} defaultValue={v[`line-${n}-method`] ?? (n === 1 ? defaultMethod : "")} />
        </fieldset>
      ))}
      <Select name="reasonCode" label="Reason" hint="From your council's list of reasons" options={[{ value: "", label: "Select a reason" }, ...reasons]} errors={state.errors} defaultValue={v.reasonCode ?? ""} />
      <TextArea name="explanation" label="Explanation for the resident" hint="In plain words: the resident reads this in the decision message." rows={4} errors={state.errors} defaultValue={v.explanation} />
      <Button>Record decision</Button>
    </FormFrame>
  );
}

/** Correct one answer of the application: the original stays visible, the correction is recorded. */
export function AmendForm({ action, caseId, title, fields, defaultField }: { action: Action; caseId: string; title: string; fields: Option[]; defaultField?: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <input type="hidden" name="caseId" value={caseId} />
      <Select name="field" label="Answer to correct" options={[{ value: "", label: "Select an answer" }, ...fields]} errors={state.errors} defaultValue={v.field ?? defaultField ?? ""} />
      <TextInput
        name="value"
        label="Corrected answer"
        hint="Yes or no for yes-or-no answers; needs as a list such as food, energy; leave empty to remove an email address or mobile number"
        errors={state.errors}
        defaultValue={v.value}
      />
      <TextArea name="reason" label="Reason for the correction" hint="For example, The resident spelled her name differently on the phone" rows={3} errors={state.errors} defaultValue={v.reason} />
      <Button>Save correction</Button>
    </FormFrame>
  );
}
