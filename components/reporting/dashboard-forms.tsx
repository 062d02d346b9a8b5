"use client";
import { useActionState } from "react";
import { Button, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

// The dashboard's forms (staff, English only). Each posts to a server action and works without
// JavaScript; after an error every field keeps what was typed. The period and fund are hidden
// fields: the dashboard's filter as it is shown.

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
type TPeriod = { fund: string; from: string; to: string };

function PeriodFields({ period }: { period: TPeriod }) {
  return (
    <>
      <input type="hidden" name="fund" value={period.fund} />
      <input type="hidden" name="from" value={period.from} />
      <input type="hidden" name="to" value={period.to} />
    </>
  );
}

export function StaffCostForm({ action, period, periodText, current, title }: { action: Action; period: TPeriod; periodText: string; current: string | null; title: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <h3 className="govuk-heading-m">Staff cost for this period</h3>
      <p className="govuk-body">{current ? `Entered for ${periodText}: ${current}. Enter it again to correct it.` : `Nothing entered for ${periodText} yet.`}</p>
      <PeriodFields period={period} />
      <TextInput
        name="amount"
        label="What did the staff working on the scheme cost in this period?"
        hint="Salaries and on-costs of the people deciding, paying and advising, in pounds, for example 12,500"
        prefix="£"
        width="10"
        inputMode="decimal"
        errors={state.errors}
        defaultValue={state.values.amount}
      />
      <Button variant="secondary">Save staff cost</Button>
    </FormFrame>
  );
}

export function ShareLinkForm({ action, period, periodText, origin, title }: { action: Action; period: TPeriod; periodText: string; origin: string; title: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const token = state.ok ? state.result?.token : undefined;
  return (
    <FormFrame title={title} state={state} action={formAction}>
      {token ? (
        <div className="govuk-panel govuk-panel--confirmation text-left" data-testid="share-link-created">
          <h2 className="govuk-panel__title govuk-!-font-size-27">Link created</h2>
          <div className="govuk-panel__body govuk-!-font-size-19">
            <p className="govuk-body text-white">Copy it now: it is shown only this once.</p>
            <p className="govuk-body break-all text-white" data-testid="share-link-url">
              {origin}/shared/reports/{token}
            </p>
          </div>
        </div>
      ) : null}
      <PeriodFields period={period} />
      <p className="govuk-body">Anyone with the link can see the dashboard for {periodText}, without signing in. Counts from 1 to 4 are hidden, and so is anything they could be worked out from.</p>
      <Button>Create a read-only link</Button>
    </FormFrame>
  );
}

/** One button in a row of the links table: the problem, if any, is said beside it (the page has one title and one error summary). */
export function RevokeForm({ action, linkId, label }: { action: Action; linkId: string; label: string }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} noValidate className="inline">
      {state.errors.length ? <p className="govuk-error-message">{state.errors[0]!.message}</p> : null}
      <input type="hidden" name="linkId" value={linkId} />
      <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
        Revoke<span className="govuk-visually-hidden"> {label}</span>
      </button>
    </form>
  );
}
