"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { fieldId } from "@/components/ui/field-id";
import { Button, errorFor } from "@/components/ui/fields";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import { format, type TStaffMessages } from "@/lib/i18n";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;

export function ChangeRolesForm({ action, userId, current, roles, words: w }: { action: Action; userId: string; current: string[]; roles: { value: string; label: string }[]; words: TStaffMessages["people"]["roles"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const error = errorFor(state.errors, "roles");
  return (
    <form action={formAction} noValidate>
      <ErrorSummary errors={state.errors} />
      <input type="hidden" name="userId" value={userId} />
      <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`}>
        <fieldset aria-describedby={error ? `${fieldId("roles")}-error` : undefined}>
          <legend className="govuk-fieldset-legend text-2xl">{w.legend}</legend>
          {error ? (
            <p id={`${fieldId("roles")}-error`} className="govuk-error-message">
              <span className="sr-only">{w.errorPrefix}</span>
              {error}
            </p>
          ) : null}
          {roles.map((r, i) => (
            <div key={r.value} className="govuk-radios-item">
              <input id={i === 0 ? fieldId("roles") : `${fieldId("roles")}-${i}`} type="checkbox" name="roles" value={r.value} defaultChecked={current.includes(r.value)} className="govuk-checkbox-input" />
              <label htmlFor={i === 0 ? fieldId("roles") : `${fieldId("roles")}-${i}`} className="pt-0.5">
                {r.label}
              </label>
            </div>
          ))}
        </fieldset>
      </div>
      <Button>{w.submit}</Button>
    </form>
  );
}

export function DeactivateForm({ action, userId, name, words: w }: { action: Action; userId: string; name: string; words: TStaffMessages["people"]["deactivate"] }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} noValidate>
      <ErrorSummary errors={state.errors} />
      <input type="hidden" name="userId" value={userId} />
      <h2 className="govuk-heading-m">{w.heading}</h2>
      <p>{format(w.body, { name })}</p>
      <Button variant="warning">{format(w.submit, { name })}</Button>
    </form>
  );
}
