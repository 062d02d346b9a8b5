"use client";
import { useActionState } from "react";
import { Button, DateInput, Radios, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

export type TOutcomeFormWords = {
  heading: string;
  intro: string;
  kind: string;
  description: string;
  descriptionHint: string;
  value: string;
  valueHint: string;
  valuePeriod: string;
  weekly: string;
  annual: string;
  lumpSum: string;
  lumpSumHint: string;
  confirmedOn: string;
  confirmedOnHint: string;
  submit: string;
  dateLabels: { day: string; month: string; year: string };
};

/** Record one outcome of an onward referral: what was gained, its value, a lump sum, the date confirmed. */
export function OutcomeForm({
  action,
  title,
  caseId,
  referralId,
  kinds,
  words,
}: {
  action: Action;
  title: string;
  caseId: string;
  referralId: string;
  kinds: { value: string; label: string }[];
  words: TOutcomeFormWords;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  const e = state.errors;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h1 className="govuk-heading-l">{words.heading}</h1>
      <p className="govuk-body">{words.intro}</p>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="referralId" value={referralId} />
      <Radios name="outcomeKind" legend={words.kind} options={kinds} errors={e} defaultValue={v.outcomeKind} />
      <TextInput name="description" label={words.description} hint={words.descriptionHint} optional autoComplete="off" errors={e} defaultValue={v.description} />
      <TextInput name="value" label={words.value} hint={words.valueHint} optional prefix="£" inputMode="decimal" width="10" autoComplete="off" spellCheck={false} errors={e} defaultValue={v.value} />
      <Radios
        name="valuePeriod"
        legend={words.valuePeriod}
        options={[
          { value: "WEEKLY", label: words.weekly },
          { value: "ANNUAL", label: words.annual },
        ]}
        errors={e}
        defaultValue={v.valuePeriod}
      />
      <TextInput name="lumpSum" label={words.lumpSum} hint={words.lumpSumHint} optional prefix="£" inputMode="decimal" width="10" autoComplete="off" spellCheck={false} errors={e} defaultValue={v.lumpSum} />
      <DateInput
        name="confirmedOn"
        legend={words.confirmedOn}
        hint={words.confirmedOnHint}
        errors={e}
        labels={words.dateLabels}
        values={{ day: v["confirmedOn-day"], month: v["confirmedOn-month"], year: v["confirmedOn-year"] }}
      />
      <Button>{words.submit}</Button>
    </FormFrame>
  );
}
