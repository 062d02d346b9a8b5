"use client";
import { useActionState } from "react";
import { Button, DateInput, Radios, Select, TextArea, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import type words from "@/messages/en/reporting.json";

// The funder's return forms (staff, English only): draft a return, sign it off, map pots to the
// funder's categories, record administration spend. Each posts to a server action and works
// without JavaScript; after an error every field keeps what was typed.

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
type Option = { value: string; label: string };
type TWords = typeof words;

const datePart = (v: Record<string, string>, name: string) => ({ day: v[`${name}-day`], month: v[`${name}-month`], year: v[`${name}-year`] });

export function DraftReturnForm({ action, idempotencyKey, funds, planLines, words: w }: { action: Action; idempotencyKey: string; funds: Option[]; planLines: Option[]; words: TWords["draftForm"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  const e = state.errors;
  return (
    <FormFrame title={w.title} state={state} action={formAction}>
      <h1 className="govuk-heading-l">{w.title}</h1>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Select name="fundId" label={w.fund} options={[{ value: "", label: w.selectFund }, ...funds]} errors={e} defaultValue={v.fundId ?? ""} />
      <Radios
        name="layout"
        legend={w.layout}
        options={[
          { value: "CRF", label: w.CRF },
          { value: "HSF", label: w.HSF },
        ]}
        errors={e}
        defaultValue={v.layout}
      />
      <DateInput name="periodStart" legend={w.periodStart} hint={w.periodHint} errors={e} values={datePart(v, "periodStart")} labels={w.dateLabels} />
      <DateInput name="periodEnd" legend={w.periodEnd} hint={w.periodHint} errors={e} values={datePart(v, "periodEnd")} labels={w.dateLabels} />
      <TextInput name="councilCode" label={w.councilCode} hint={w.councilCodeHint} optional width="10" errors={e} defaultValue={v.councilCode} />
      <TextInput name="contactEmail" label={w.contactEmail} type="email" spellCheck={false} optional errors={e} defaultValue={v.contactEmail} />
      <TextArea name="notes" label={w.notes} optional rows={4} errors={e} defaultValue={v.notes} />
      <h2 className="govuk-heading-m">{w.planHeading}</h2>
      <p className="govuk-hint">{w.planHint}</p>
      {planLines.map((l) => (
        <TextInput key={l.value} name={`plan-${l.value}`} label={l.label} prefix="£" width="10" inputMode="decimal" optional errors={e} defaultValue={v[`plan-${l.value}`]} />
      ))}
      <Button>{w.submit}</Button>
    </FormFrame>
  );
}

/** One button: a new version of a return (its fund, layout, period and typed inputs as hidden fields). */
export function NewVersionForm({ action, fields, label, hint, title }: { action: Action; fields: Record<string, string>; label: string; hint: string; title: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title={title} state={state} action={formAction}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p className="govuk-hint">{hint}</p>
      <Button variant="secondary">{label}</Button>
    </FormFrame>
  );
}

export function SignOffForm({ action, returnId, statement, title, words: w }: { action: Action; returnId: string; statement: string; title: string; words: TWords["view"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h2 className="govuk-heading-m">{w.signHeading}</h2>
      <p className="govuk-body">{w.signIntro}</p>
      <input type="hidden" name="returnId" value={returnId} />
      <TextInput name="signedByName" label={w.signedByName} autoComplete="off" errors={e} defaultValue={v.signedByName} />
      <TextInput name="signedByEmail" label={w.signedByEmail} type="email" spellCheck={false} autoComplete="off" errors={e} defaultValue={v.signedByEmail} />
      <TextInput name="statement" label={w.statement.replace("{statement}", `“${statement}”`)} autoComplete="off" errors={e} defaultValue={v.statement} />
      <Button>{w.sign}</Button>
    </FormFrame>
  );
}

type TPotMapping = { id: string; name: string; potCategory: string; needCategories: Record<string, string> };

export function MappingForm({
  action,
  fundId,
  title,
  pots,
  needs,
  groups,
  words: w,
}: {
  action: Action;
  fundId: string;
  title: string;
  pots: TPotMapping[];
  needs: Option[];
  groups: { label: string; options: Option[] }[];
  words: TWords["mapping"];
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  const e = state.errors;
  const chosen = (name: string, saved: string) => (name in v ? v[name]! : saved);
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">{w.intro}</p>
      <input type="hidden" name="fundId" value={fundId} />
      {pots.map((p) => (
        <div key={p.id} className="mb-6 border-b border-govuk-mid-grey pb-4">
          <Select name={`map-${p.id}`} label={w.potLabel.replace("{pot}", p.name)} options={[{ value: "", label: w.notMapped }]} groups={groups} errors={e} defaultValue={chosen(`map-${p.id}`, p.potCategory)} />
          <details className="govuk-details" open={needs.some((n) => !!chosen(`map-${p.id}-${n.value}`, p.needCategories[n.value] ?? ""))}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">{w.needsSummary.replace("{pot}", p.name)}</span>
            </summary>
            <div className="govuk-details__text">
              {needs.map((n) => (
                <Select
                  key={n.value}
                  name={`map-${p.id}-${n.value}`}
                  label={n.label}
                  options={[{ value: "", label: w.samePot }]}
                  groups={groups}
                  errors={e}
                  defaultValue={chosen(`map-${p.id}-${n.value}`, p.needCategories[n.value] ?? "")}
                />
              ))}
            </div>
          </details>
        </div>
      ))}
      <Button>{w.submit}</Button>
    </FormFrame>
  );
}

export function AdminCostForm({ action, fundId, idempotencyKey, costLines, title, words: w }: { action: Action; fundId: string; idempotencyKey: string; costLines: Option[]; title: string; words: TWords["adminCosts"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h2 className="govuk-heading-m">{w.formHeading}</h2>
      <input type="hidden" name="fundId" value={fundId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Radios name="costLine" legend={w.costLine} options={costLines} errors={e} defaultValue={v.costLine} />
      <TextInput name="amount" label={w.amountLabel} hint={w.amountHint} prefix="£" width="10" inputMode="decimal" errors={e} defaultValue={v.amount} />
      <TextArea name="reason" label={w.reasonLabel} hint={w.reasonHint} rows={3} errors={e} defaultValue={v.reason} />
      <Button>{w.submit}</Button>
    </FormFrame>
  );
}

/** Reversing one administration cost recorded in error: the reason, then the ledger's ADMIN_REVERSE. */
export function ReverseAdminCostForm({ action, fundId, transactionId, title, cancelHref, words: w }: { action: Action; fundId: string; transactionId: string; title: string; cancelHref: string; words: TWords["adminCosts"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <input type="hidden" name="fundId" value={fundId} />
      <input type="hidden" name="transactionId" value={transactionId} />
      <TextArea name="reason" label={w.reverseReasonLabel} hint={w.reverseReasonHint} rows={3} errors={e} defaultValue={v.reason} />
      <div className="govuk-button-group">
        <Button variant="warning">{w.reverseSubmit}</Button>
        <a className="govuk-link" href={cancelHref}>
          {w.cancel}
        </a>
      </div>
    </FormFrame>
  );
}
