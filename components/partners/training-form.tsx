"use client";
import { useActionState } from "react";
import { Button, DateInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

export type TTrainingFormWords = { completedOn: string; completedOnHint: string; expiresOn: string; expiresOnHint: string; day: string; month: string; year: string; save: string };

/** A member's training dates, as two GOV.UK date inputs. */
export function TrainingForm({
  action,
  title,
  caption,
  intro,
  words,
  organisationId,
  membershipId,
  defaults = {},
}: {
  action: Action;
  title: string;
  caption: string;
  intro: string;
  words: TTrainingFormWords;
  organisationId: string;
  membershipId: string;
  defaults?: Record<string, string>;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...defaults, ...state.values };
  const labels = { day: words.day, month: words.month, year: words.year };
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <span className="govuk-caption-l">{caption}</span>
      <h1>{title}</h1>
      <p>{intro}</p>
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <DateInput name="completedOn" legend={words.completedOn} hint={words.completedOnHint} errors={state.errors} labels={labels} values={{ day: v["completedOn-day"], month: v["completedOn-month"], year: v["completedOn-year"] }} />
      <DateInput name="expiresOn" legend={words.expiresOn} hint={words.expiresOnHint} errors={state.errors} labels={labels} values={{ day: v["expiresOn-day"], month: v["expiresOn-month"], year: v["expiresOn-year"] }} />
      <Button>{words.save}</Button>
    </FormFrame>
  );
}
