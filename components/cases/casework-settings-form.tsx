"use client";
import { useActionState } from "react";
import { Button, Checkboxes, Select, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
type TCode = { code: string; label: string; decision: string; retired: boolean };

const DECISIONS = [
  { value: "approve", label: "Approving" },
  { value: "decline", label: "Declining" },
  { value: "any", label: "Approving or declining" },
];

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
}: {
  caption: string;
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
  return (
    <FormFrame title={`${title} – Money Hub`} state={state} action={formAction}>
      <span className="govuk-caption-l">{caption}</span>
      <h1>{title}</h1>
      <p>Changes apply as soon as you save them, and are recorded in the audit log.</p>

      <h2 className="govuk-heading-m mt-8">Priority</h2>
      <p>
        A case&apos;s priority score is the sum of the points for each of these facts that applies to it. Officers see the facts as the reasons for the priority. When you change the
        points or the urgent threshold, every open case is given its new priority, and its due date moves if it becomes urgent or stops being urgent.
      </p>
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Points for each fact, from 0 to 100</legend>
        {factors.map((f) => (
          <TextInput key={f.name} name={`weight-${f.name}`} label={f.label} width="5" inputMode="numeric" errors={e} defaultValue={v[`weight-${f.name}`]} />
        ))}
      </fieldset>
      <TextInput name="urgentFrom" label="A case is urgent from this score" hint="A whole number from 1 to 1,000. Urgent cases have the shorter time to respond." width="5" inputMode="numeric" errors={e} defaultValue={v.urgentFrom} />

      <h2 className="govuk-heading-m mt-8">Time to respond</h2>
      <p>Working days from the day a case arrives, not counting weekends and bank holidays in England and Wales. A change applies to cases that arrive from now on.</p>
      <TextInput name="slaUrgentDays" label="Working days for urgent cases" width="5" inputMode="numeric" errors={e} defaultValue={v.slaUrgentDays} />
      <TextInput name="slaStandardDays" label="Working days for other cases" width="5" inputMode="numeric" errors={e} defaultValue={v.slaStandardDays} />

      <h2 className="govuk-heading-m mt-8">Officer&apos;s approval limit</h2>
      <TextInput
        name="officerLimit"
        label="Largest award an officer can approve alone"
        hint="In pounds, for example 250. Above it an approver must approve the award, and never one they proposed themselves. Awards already waiting keep waiting."
        prefix="£"
        width="10"
        inputMode="decimal"
        errors={e}
        defaultValue={v.officerLimit}
      />

      <h2 className="govuk-heading-m mt-8" id="field-reasonCodes" tabIndex={-1}>
        Reason codes
      </h2>
      <p>Officers choose one for every decision. A code cannot be deleted once it exists, because decided cases use it: retire it instead, and officers stop seeing it.</p>
      {codes.map((c, i) => (
        <fieldset key={c.code} className="govuk-fieldset mb-6 border-0 border-l-4 border-solid border-[#b1b4b6] pl-4" data-testid={`reason-code-${c.code}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            Code: <code>{c.code}</code>
            {c.retired ? " (retired)" : ""}
          </legend>
          <input type="hidden" name={`code-${i}-code`} value={c.code} />
          <TextInput name={`code-${i}-label`} label="Words officers and residents see" errors={e} defaultValue={sent ? v[`code-${i}-label`] : c.label} />
          <Select name={`code-${i}-decision`} label="Used for" options={DECISIONS} errors={e} defaultValue={sent ? v[`code-${i}-decision`] : c.decision} />
          <Checkboxes
            name={`code-${i}`}
            legend={<span className="govuk-visually-hidden">Retire {c.code}</span>}
            options={[{ value: "retired", label: "Retired: officers can no longer choose it" }]}
            checked={(sent ? state.values[`code-${i}-retired`] === "yes" : c.retired) ? ["retired"] : []}
            errors={e}
          />
        </fieldset>
      ))}
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Add a reason code (optional)</legend>
        <TextInput name="newCode" label="Code" hint="2 to 40 lower-case letters, numbers or hyphens, for example rent-help. It cannot be changed later." width="20" spellCheck={false} errors={e} defaultValue={sent ? v.newCode : ""} />
        <TextInput name="newLabel" label="Words officers and residents see" errors={e} defaultValue={sent ? v.newLabel : ""} />
        <Select name="newDecision" label="Used for" options={[{ value: "", label: "Select which decisions" }, ...DECISIONS]} errors={e} defaultValue={sent ? v.newDecision : ""} />
      </fieldset>

      <Button>Save settings</Button>
    </FormFrame>
  );
}
