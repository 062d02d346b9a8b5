"use client";
import { useActionState } from "react";
import { Button, DateInput, TextInput, type TFieldWords } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

type Words = TFieldWords & {
  title: string;
  intro: string;
  reference: string;
  referenceHint: string;
  dateOfBirth: string;
  dateOfBirthHint: string;
  day: string;
  month: string;
  year: string;
  submit: string;
  thereIsAProblem: string;
  resultHeading: string;
  checkAnother: string;
  statuses: Record<string, { label: string; text: string }>;
  /** Some award lines approved, the rest being checked by a second person. */
  partly: { label: string; now: string; checking: string; after: string };
  /** Closed as a duplicate: we are dealing with their application {original} (messages/<locale>/duplicateNotice.json). */
  dealtWithUnder: { label: string; text: string };
  /** More information needed: what was asked and by when (the stored request). */
  moreInfo: { asked: string; replyBy: string };
  /** A payment was returned or rejected: it did not go through, and the council will contact them (issue 19). */
  paymentFailed: { label: string; text: string };
};

/** Reference + date of birth → where the application is, in plain words. */
export function StatusForm({ action, words, againHref }: { action: (prev: TFormState, fd: FormData) => Promise<TFormState>; words: Words; againHref: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const result = state.ok ? state.result : undefined;
  if (result) {
    const status = result.dealtWithUnder
      ? { label: words.dealtWithUnder.label, text: words.dealtWithUnder.text.replace("{original}", result.dealtWithUnder) }
      : result.paymentFailed
        ? words.paymentFailed
        : words.statuses[result.status ?? ""];
    // While lines wait for a second person: what is approved and what is being checked (the lines
    // come formatted from the server, one per line, from the same projection as the email).
    const partly = result.partlyNow ? { now: result.partlyNow.split("\n"), checking: (result.partlyChecking ?? "").split("\n"), total: result.partlyCheckingTotal ?? "" } : null;
    return (
      <>
        <title>{`${words.title} – Money Hub`}</title>
        {/* The reference stays on one line on a phone: it is copied and read out. */}
        <h1>
          {words.resultHeading.split("{reference}")[0]}
          <span className="app-nowrap" data-testid="status-reference">
            {result.reference}
          </span>
          {words.resultHeading.split("{reference}")[1]}
        </h1>
        <p>
          <strong className="govuk-tag" data-testid="status">
            {partly ? words.partly.label : status?.label}
          </strong>
        </p>
        {partly ? (
          <div data-testid="status-text">
            <p>{words.partly.now}</p>
            <ul className="govuk-list govuk-list--bullet" data-testid="status-approved">
              {partly.now.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
            <p>{words.partly.checking.replace("{checkingTotal}", partly.total)}</p>
            <ul className="govuk-list govuk-list--bullet" data-testid="status-checking">
              {partly.checking.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
            <p>{words.partly.after}</p>
          </div>
        ) : (
          <p data-testid="status-text">{status?.text.replace("{date}", result.replyBy ?? "")}</p>
        )}
        {result.moreInfoAsked ? (
          <div data-testid="status-more-info">
            <p className="govuk-body mb-1 font-bold">{words.moreInfo.asked}</p>
            <div className="govuk-inset-text whitespace-pre-wrap">{result.moreInfoAsked}</div>
            <p>{words.moreInfo.replyBy.replace("{date}", result.moreInfoReplyBy ?? "")}</p>
          </div>
        ) : null}
        <p>
          <a href={againHref}>{words.checkAnother}</a>
        </p>
      </>
    );
  }
  return (
    <FormFrame title={words.title} state={state} action={formAction} words={{ thereIsAProblem: words.thereIsAProblem, errorPrefix: words.errorPrefix }}>
      <h1>{words.title}</h1>
      <p>{words.intro}</p>
      <TextInput name="reference" label={words.reference} hint={words.referenceHint} width="10" spellCheck={false} autoComplete="off" errors={state.errors} words={words} defaultValue={state.values.reference} />
      <DateInput
        name="dateOfBirth"
        legend={words.dateOfBirth}
        hint={words.dateOfBirthHint}
        errors={state.errors}
        words={words}
        birthday
        labels={{ day: words.day, month: words.month, year: words.year }}
        values={{ day: state.values["dateOfBirth-day"], month: state.values["dateOfBirth-month"], year: state.values["dateOfBirth-year"] }}
      />
      <Button>{words.submit}</Button>
    </FormFrame>
  );
}
