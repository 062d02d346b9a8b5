"use client";
import { useActionState } from "react";
import { Button, Checkboxes, Select, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import { format, type TStaffMessages } from "@/lib/i18n";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
type TCode = { code: string; label: string; decision: string; retired: boolean };

const DECISIONS = ["approve", "decline", "any"] as const;

/**
 * The council's casework settings in one form: priority weights and the urgent threshold, SLA
 * working days, the officer's approval limit and the reason codes (change words, retire, add).
 * Nothing is saved unless every part is right; the server decides and says what is wrong where.
 */
export function CaseworkSettingsForm({
  action,
  title,
  factors,
  defaults,
  codes,
  caption,
  words: w,
}: {
  caption: string;
  /** messages/en/staff.json `settings.form`. */
  words: TStaffMessages["settings"]["form"];
  action: Action;
  title: string;
  factors: { name: string; label: string }[];
  defaults: Record<string, string>;
  codes: TCode[];
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const sent = Object.keys(state.values).length > 0;
  const v = sent ? state.values : defaults;
  const e = state.errors;
  const decisions = DECISIONS.map((value) => ({ value, label: w.decisions[value] }));
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <span className="govuk-caption-l">{caption}</span>
      <h1>{title}</h1>
      <p>{w.intro}</p>

      <h2 className="govuk-heading-m mt-8">{w.priority}</h2>
      <p>{w.priorityIntro}</p>
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{w.points}</legend>
        {factors.map((f) => (
          <TextInput key={f.name} name={`weight-${f.name}`} label={f.label} width="5" inputMode="numeric" errors={e} defaultValue={v[`weight-${f.name}`]} />
        ))}
      </fieldset>
      <TextInput name="urgentFrom" label={w.urgentFrom} hint={w.urgentFromHint} width="5" inputMode="numeric" errors={e} defaultValue={v.urgentFrom} />

      <h2 className="govuk-heading-m mt-8">{w.sla}</h2>
      <p>{w.slaIntro}</p>
      <TextInput name="slaUrgentDays" label={w.slaUrgent} width="5" inputMode="numeric" errors={e} defaultValue={v.slaUrgentDays} />
      <TextInput name="slaStandardDays" label={w.slaStandard} width="5" inputMode="numeric" errors={e} defaultValue={v.slaStandardDays} />

      <h2 className="govuk-heading-m mt-8">{w.limit}</h2>
      <TextInput
        name="officerLimit"
        label={w.officerLimit}
        hint={w.officerLimitHint}
        prefix="£"
        width="10"
        inputMode="decimal"
        errors={e}
        defaultValue={v.officerLimit}
      />

      <h2 className="govuk-heading-m mt-8" id="field-reasonCodes" tabIndex={-1}>
        {w.codes}
      </h2>
      <p>{w.codesIntro}</p>
      {codes.map((c, i) => (
        <fieldset key={c.code} className="govuk-fieldset mb-6 border-0 border-l-4 border-solid border-[#b1b4b6] pl-4" data-testid={`reason-code-${c.code}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            {w.code} <code>{c.code}</code>
            {c.retired ? w.retiredSuffix : ""}
          </legend>
          <input type="hidden" name={`code-${i}-code`} value={c.code} />
          <TextInput name={`code-${i}-label`} label={w.label} errors={e} defaultValue={sent ? v[`code-${i}-label`] : c.label} />
          <Select name={`code-${i}-decision`} label={w.usedFor} options={decisions} errors={e} defaultValue={sent ? v[`code-${i}-decision`] : c.decision} />
          <Checkboxes
            name={`code-${i}`}
            legend={<span className="govuk-visually-hidden">{format(w.retire, { code: c.code })}</span>}
            options={[{ value: "retired", label: w.retired }]}
            checked={(sent ? state.values[`code-${i}-retired`] === "yes" : c.retired) ? ["retired"] : []}
            errors={e}
          />
        </fieldset>
      ))}
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{w.add}</legend>
        <TextInput name="newCode" label={w.newCode} hint={w.newCodeHint} width="20" spellCheck={false} errors={e} defaultValue={sent ? v.newCode : ""} />
        <TextInput name="newLabel" label={w.label} errors={e} defaultValue={sent ? v.newLabel : ""} />
        <Select name="newDecision" label={w.usedFor} options={[{ value: "", label: w.selectDecisions }, ...decisions]} errors={e} defaultValue={sent ? v.newDecision : ""} />
      </fieldset>

      <Button>{w.submit}</Button>
    </FormFrame>
  );
}
