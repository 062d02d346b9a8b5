"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Button, Radios, Select, TextArea, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { OverrideReason, overrideGroups, type TOverrideChoices } from "@/components/awards/override-reason";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import { format, type TStaffMessages } from "@/lib/i18n";

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
  words: w,
  override,
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
  /** messages/en/staff.json `caseForms.decision`. */
  words: TStaffMessages["caseForms"]["decision"];
  /** Pots not eligible only for rules an officer may override with a reason (components/awards/override-reason.tsx). */
  override?: TOverrideChoices;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <FormFrame title={title} state={state} action={formAction} id="decision-form">
      <h1 className="govuk-heading-l">{w.heading}</h1>
      <input type="hidden" name="caseId" value={caseId} />
      <Radios
        name="decision"
        legend={w.decision}
        errors={state.errors}
        defaultValue={v.decision}
        options={[
          { value: "approve", label: w.approve, hint: w.approveHint },
          { value: "part-approve", label: w.partApprove, hint: w.partApproveHint },
          { value: "decline", label: w.decline, hint: w.declineHint },
        ]}
      />
      <h2 className="govuk-heading-m">{w.awards}</h2>
      <p className="govuk-body">{format(w.awardsHint, { limit: limitText })}</p>
      {Array.from({ length: lines }, (_, i) => i + 1).map((n) => (
        <fieldset key={n} className="govuk-fieldset group mb-6 border-s-4 border-govuk-border ps-4" aria-describedby={undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{format(w.award, { n })}</legend>
          <Select name={`line-${n}-need`} label={w.need} options={[{ value: "", label: w.selectNeed }, ...needs]} errors={state.errors} defaultValue={v[`line-${n}-need`] ?? ""} />
          <TextInput name={`line-${n}-amount`} label={w.amount} hint={w.amountHint} prefix="£" width="10" inputMode="decimal" errors={state.errors} defaultValue={v[`line-${n}-amount`]} />
          <Select name={`line-${n}-pot`} label={w.pot} hint={w.potHint} options={[{ value: "", label: w.selectPot }, ...pots]} groups={overrideGroups(override)} errors={state.errors} defaultValue={v[`line-${n}-pot`] ?? ""} />
          {override ? <OverrideReason n={n} choices={override} errors={state.errors} value={v[`line-${n}-override`]} /> : null}
          <Select name={`line-${n}-method`} label={w.method} options={[{ value: "", label: w.selectMethod }, ...methods]} errors={state.errors} defaultValue={v[`line-${n}-method`] ?? (n === 1 ? defaultMethod : "")} />
        </fieldset>
      ))}
      <Select name="reasonCode" label={w.reason} hint={w.reasonHint} options={[{ value: "", label: w.selectReason }, ...reasons]} errors={state.errors} defaultValue={v.reasonCode ?? ""} />
      <TextArea name="explanation" label={w.explanation} hint={w.explanationHint} rows={4} errors={state.errors} defaultValue={v.explanation} />
      <Button>{w.submit}</Button>
    </FormFrame>
  );
}

/** Correct one answer of the application: the original stays visible, the correction is recorded. */
export function AmendForm({ action, caseId, title, fields, defaultField, words: a }: { action: Action; caseId: string; title: string; fields: Option[]; defaultField?: string; words: TStaffMessages["caseForms"]["amend"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <input type="hidden" name="caseId" value={caseId} />
      <Select name="field" label={a.field} options={[{ value: "", label: a.selectField }, ...fields]} errors={state.errors} defaultValue={v.field ?? defaultField ?? ""} />
      <TextInput
        name="value"
        label={a.value}
        hint={a.valueHint}
        errors={state.errors}
        defaultValue={v.value}
      />
      <TextArea name="reason" label={a.reason} hint={a.reasonHint} rows={3} errors={state.errors} defaultValue={v.reason} />
      <Button>{a.submit}</Button>
    </FormFrame>
  );
}
