import type { ReactNode } from "react";
import { fieldId } from "@/components/ui/field-id";
import type { TFieldError } from "@/lib/forms/form-state";
import type { TFieldWords } from "@/lib/forms/field-types";

// GOV.UK form fields as plain, server-renderable components: label, hint, inline error with the
// same words as the summary, and aria-describedby wiring. "(optional)" instead of asterisks.

type Common = {
  name: string;
  /** Words for "(optional)" and the hidden "Error:" prefix, for pages in other languages. */
  words?: TFieldWords;
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly TFieldError[];
  optional?: boolean;
  labelAsHeading?: boolean;
};

export type { TFieldWords };
const ENGLISH: TFieldWords = { optional: "(optional)", errorPrefix: "Error: " };

export function errorFor(errors: readonly TFieldError[] | undefined, name: string): string | undefined {
  return errors?.find((e) => e.field === name)?.message;
}

function Describe({ id, hint, error, words = ENGLISH }: { id: string; hint?: ReactNode; error?: string; words?: TFieldWords }) {
  return (
    <>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">{words.errorPrefix}</span>
          {error}
        </p>
      ) : null}
    </>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Label({ id, label, optional, asHeading, words = ENGLISH }: { id: string; label: ReactNode; optional?: boolean; asHeading?: boolean; words?: TFieldWords }) {
  const text = (
    <label htmlFor={id} className={asHeading ? "govuk-label govuk-label--l" : "govuk-label govuk-label--s"}>
      {label}
      {optional ? <span className="font-normal"> {words.optional}</span> : null}
    </label>
  );
  return asHeading ? <h1 className="govuk-label-wrapper">{text}</h1> : text;
}

export function TextInput({
  name,
  label,
  hint,
  errors,
  optional,
  labelAsHeading,
  defaultValue,
  type = "text",
  autoComplete,
  inputMode,
  spellCheck,
  width,
  words,
  prefix,
}: Common & {
  prefix?: string;
  defaultValue?: string;
  type?: "text" | "email" | "password" | "tel" | "url";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "email" | "tel" | "decimal";
  spellCheck?: boolean;
  width?: "full" | "20" | "10" | "5";
}) {
  const id = fieldId(name);
  const error = errorFor(errors, name);
  const widthClass = { full: "", "20": "govuk-input--width-20", "10": "govuk-input--width-10", "5": "govuk-input--width-5" }[width ?? "full"];
  const input = (
    <input
      id={id}
      name={name}
      type={type}
      defaultValue={defaultValue}
      autoComplete={autoComplete}
      inputMode={inputMode}
      spellCheck={spellCheck}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
      className={`govuk-input ${widthClass} ${error ? "govuk-input--error" : ""}`}
    />
  );
  return (
    <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} optional={optional} asHeading={labelAsHeading} words={words} />
      <Describe id={id} hint={hint} error={error} words={words} />
      {prefix ? (
        <div className="govuk-input__wrapper">
          <div aria-hidden="true" className="govuk-input__prefix">
            {prefix}
          </div>
          {input}
        </div>
      ) : (
        input
      )}
    </div>
  );
}

export function Select({
  name,
  label,
  hint,
  errors,
  options,
  groups = [],
  defaultValue,
}: Common & {
  options: readonly { value: string; label: string }[];
  /** Further options under an <optgroup> label each (data: attributes on each option, e.g. for CSS). */
  groups?: readonly { label: string; options: readonly { value: string; label: string; data?: Record<string, string> }[] }[];
  defaultValue?: string;
}) {
  const id = fieldId(name);
  const error = errorFor(errors, name);
  return (
    <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} />
      <Describe id={id} hint={hint} error={error} />
      <select id={id} name={name} defaultValue={defaultValue} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined} className={`govuk-select ${error ? "govuk-select--error" : ""}`}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value} {...o.data}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** A GOV.UK fieldset: legend (or the page's h1), hint and inline error, wired for screen readers. */
function Fieldset({
  id,
  legend,
  legendAsHeading,
  hint,
  error,
  words,
  role,
  children,
}: {
  id: string;
  legend: ReactNode;
  legendAsHeading?: boolean;
  hint?: ReactNode;
  error?: string;
  words?: TFieldWords;
  role?: "group";
  children: ReactNode;
}) {
  return (
    <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role={role} aria-describedby={describedBy(id, hint, error)}>
        <legend className={legendAsHeading ? "govuk-fieldset__legend govuk-fieldset__legend--l" : "govuk-fieldset__legend govuk-fieldset__legend--s"}>
          {legendAsHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        <Describe id={id} hint={hint} error={error} words={words} />
        {children}
      </fieldset>
    </div>
  );
}

export function Radios({
  name,
  legend,
  hint,
  errors,
  options,
  defaultValue,
  legendAsHeading,
  words,
}: {
  words?: TFieldWords;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: readonly TFieldError[];
  options: readonly { value: string; label: string; hint?: string }[];
  defaultValue?: string;
  legendAsHeading?: boolean;
}) {
  const id = fieldId(name);
  const error = errorFor(errors, name);
  return (
    <Fieldset id={id} legend={legend} legendAsHeading={legendAsHeading} hint={hint} error={error} words={words}>
      <div className="govuk-radios">
      {options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${i}`;
        return (
          <div key={o.value} className="govuk-radios__item">
            <input
              id={optionId}
              name={name}
              type="radio"
              value={o.value}
              defaultChecked={defaultValue === o.value}
              className="govuk-radios__input"
              aria-describedby={o.hint ? `${optionId}-hint` : undefined}
            />
            <label htmlFor={optionId} className="govuk-label govuk-radios__label">
              {o.label}
            </label>
            {o.hint ? (
              <div id={`${optionId}-hint`} className="govuk-hint govuk-radios__hint">
                {o.hint}
              </div>
            ) : null}
          </div>
        );
      })}
      </div>
    </Fieldset>
  );
}

export function Button({ children, variant = "primary", name, value }: { children: ReactNode; variant?: "primary" | "secondary" | "warning"; name?: string; value?: string }) {
  const cls = variant === "secondary" ? "govuk-button govuk-button--secondary" : variant === "warning" ? "govuk-button govuk-button--warning" : "govuk-button";
  return (
    <button type="submit" className={cls} data-module="govuk-button" name={name} value={value}>
      {children}
    </button>
  );
}

/** GOV.UK checkboxes. Each box posts its own key, `${name}-${value}=yes`, so a FormData flattened to one value per key loses nothing. */
export function Checkboxes({
  name,
  legend,
  hint,
  errors,
  options,
  checked = [],
  legendAsHeading,
  exclusive,
  orText = "or",
  words,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: readonly TFieldError[];
  options: readonly { value: string; label: string }[];
  checked?: readonly string[];
  legendAsHeading?: boolean;
  /** The "None of these" option, shown after a divider. */
  exclusive?: string;
  orText?: string;
  words?: TFieldWords;
}) {
  const id = fieldId(name);
  const error = errorFor(errors, name);
  return (
    <Fieldset id={id} legend={legend} legendAsHeading={legendAsHeading} hint={hint} error={error} words={words}>
      <div className="govuk-checkboxes">
      {options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${i}`;
        return (
          <div key={o.value}>
            {o.value === exclusive ? <div className="govuk-checkboxes__divider">{orText}</div> : null}
            <div className="govuk-checkboxes__item">
              <input id={optionId} name={`${name}-${o.value}`} type="checkbox" value="yes" defaultChecked={checked.includes(o.value)} className="govuk-checkboxes__input" />
              <label htmlFor={optionId} className="govuk-label govuk-checkboxes__label">
                {o.label}
              </label>
            </div>
          </div>
        );
      })}
      </div>
    </Fieldset>
  );
}

/** GOV.UK date input: day, month and year boxes posted as `${name}-day` etc.; errors link to the day box. */
export function DateInput({
  name,
  legend,
  hint,
  errors,
  values,
  legendAsHeading,
  labels,
  birthday,
  words,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: readonly TFieldError[];
  values: { day?: string; month?: string; year?: string };
  legendAsHeading?: boolean;
  labels: { day: string; month: string; year: string };
  birthday?: boolean;
  words?: TFieldWords;
}) {
  const id = fieldId(name);
  const error = errorFor(errors, name);
  const part = (p: "day" | "month" | "year", width: string) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
      <label htmlFor={p === "day" ? id : `${id}-${p}`} className="govuk-label govuk-date-input__label">
        {labels[p]}
      </label>
      <input
        id={p === "day" ? id : `${id}-${p}`}
        name={`${name}-${p}`}
        type="text"
        inputMode="numeric"
        autoComplete={birthday ? `bday-${p}` : undefined}
        defaultValue={values[p]}
        aria-invalid={error ? true : undefined}
        className={`govuk-input govuk-date-input__input ${width} ${error ? "govuk-input--error" : ""}`}
      />
      </div>
    </div>
  );
  return (
    <Fieldset role="group" id={id} legend={legend} legendAsHeading={legendAsHeading} hint={hint} error={error} words={words}>
      <div className="govuk-date-input">
        {part("day", "govuk-input--width-2")}
        {part("month", "govuk-input--width-2")}
        {part("year", "govuk-input--width-4")}
      </div>
    </Fieldset>
  );
}

export function TextArea({ name, label, hint, errors, optional, labelAsHeading, defaultValue, rows = 5, words }: Common & { defaultValue?: string; rows?: number }) {
  const id = fieldId(name);
  const error = errorFor(errors, name);
  return (
    <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} optional={optional} asHeading={labelAsHeading} words={words} />
      <Describe id={id} hint={hint} error={error} words={words} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        className={`govuk-textarea ${error ? "govuk-textarea--error" : ""}`}
      />
    </div>
  );
}
