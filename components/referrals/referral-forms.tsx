"use client";
import { useActionState, type ReactNode } from "react";
import { Button, DateInput, Radios, Select, TextArea, TextInput } from "@/components/ui/fields";
import { ErrorSummary } from "@/components/ui/error-summary";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

// The referrer's own forms (the application's pages are the resident's StepForm). Each posts to
// a server action and works without JavaScript; errors come back as a GOV.UK error summary with
// the same words inline. Every word comes from the page (messages/en/referrals.json).

type TAction = (prev: TFormState, formData: FormData) => Promise<TFormState>;
type TOption = { value: string; label: string };
type TFrameWords = { thereIsAProblem: string; errorPrefix: string };

/** A form that is only a button (start a referral). */
export function ButtonForm({ action, title, label, words, secondary }: { action: TAction; title: string; label: string; words: TFrameWords; secondary?: boolean }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title={title} state={state} action={formAction} words={words}>
      <Button variant={secondary ? "secondary" : "primary"}>{label}</Button>
    </FormFrame>
  );
}

export type TSectionWords = TFrameWords & {
  title: string;
  role: string;
  roleHint: string;
  relationship: string;
  relationshipHint: string;
  consentMethod: string;
  consentMethods: Record<string, string>;
  consentDate: string;
  consentDateHint: string;
  alreadyTried: string;
  alreadyTriedHint: string;
  fastTrack: string;
  fastTrackHint: string;
  yes: string;
  no: string;
  day: string;
  month: string;
  year: string;
  continue: string;
};

/** The referrer section: who refers, the resident's consent, what was tried, fast-track. */
export function ReferrerSectionForm({ action, values, words, optionalWord }: { action: TAction; values: Record<string, string>; words: TSectionWords; optionalWord: string }) {
  const [state, formAction] = useActionState(action, { errors: [], values });
  const v = state.values;
  const e = state.errors;
  const fieldWords = { optional: optionalWord, errorPrefix: words.errorPrefix };
  return (
    <FormFrame title={words.title} state={state} action={formAction} words={words}>
      <h1 className="govuk-heading-l">{words.title}</h1>
      <TextInput name="role" label={words.role} hint={words.roleHint} errors={e} defaultValue={v.role} words={fieldWords} />
      <TextInput name="relationship" label={words.relationship} hint={words.relationshipHint} errors={e} defaultValue={v.relationship} words={fieldWords} />
      <Radios name="consentMethod" legend={words.consentMethod} errors={e} defaultValue={v.consentMethod} options={Object.entries(words.consentMethods).map(([value, label]) => ({ value, label }))} words={fieldWords} />
      <DateInput
        name="consentDate"
        legend={words.consentDate}
        hint={words.consentDateHint}
        errors={e}
        values={{ day: v["consentDate-day"], month: v["consentDate-month"], year: v["consentDate-year"] }}
        labels={{ day: words.day, month: words.month, year: words.year }}
        words={fieldWords}
      />
      <TextArea name="alreadyTried" label={words.alreadyTried} hint={words.alreadyTriedHint} errors={e} defaultValue={v.alreadyTried} optional words={fieldWords} />
      <Radios name="fastTrack" legend={words.fastTrack} hint={words.fastTrackHint} errors={e} defaultValue={v.fastTrack} options={[{ value: "yes", label: words.yes }, { value: "no", label: words.no }]} words={fieldWords} />
      <Button>{words.continue}</Button>
    </FormFrame>
  );
}

export type TDirectAwardWords = TFrameWords & { title: string; allowance: string; need: string; amount: string; amountHint: string; award: string };

/** A form that is one part of a page (the page has its own title): error summary, then the form. */
function PartForm({ state, action, words, id, children }: { state: TFormState; action: (fd: FormData) => void; words: TFrameWords; id: string; children: ReactNode }) {
  return (
    <>
      <ErrorSummary errors={state.errors} title={words.thereIsAProblem} errorPrefix={words.errorPrefix} />
      <form action={action} noValidate id={id}>
        {children}
      </form>
    </>
  );
}

/** A direct award from the organisation's allowance. */
export function DirectAwardForm({ action, caseId, pots, needs, words }: { action: TAction; caseId: string; pots: TOption[]; needs: TOption[]; words: TDirectAwardWords }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = state.values;
  return (
    <PartForm state={state} action={formAction} words={words} id="direct-award">
      <input type="hidden" name="caseId" value={caseId} />
      <Select name="potId" label={words.allowance} errors={state.errors} options={pots} defaultValue={v.potId} />
      <Radios name="needCategory" legend={words.need} errors={state.errors} options={needs} defaultValue={v.needCategory ?? needs[0]?.value} />
      <TextInput name="amount" label={words.amount} hint={words.amountHint} errors={state.errors} defaultValue={v.amount} prefix="£" width="10" inputMode="decimal" />
      <Button>{words.award}</Button>
    </PartForm>
  );
}

/** Hand the referral to a colleague. */
export function HandoverForm({ action, caseId, colleagues, words }: { action: TAction; caseId: string; colleagues: TOption[]; words: TFrameWords & { title: string; to: string; submit: string } }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <PartForm state={state} action={formAction} words={words} id="handover">
      <input type="hidden" name="caseId" value={caseId} />
      <Select name="toUserId" label={words.to} errors={state.errors} options={colleagues} defaultValue={state.values.toUserId} />
      <Button variant="secondary">{words.submit}</Button>
    </PartForm>
  );
}
