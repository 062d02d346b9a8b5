import type { ReactNode } from "react";
import { fieldId } from "@/components/ui/error-summary";
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
          <span className="sr-only">{words.errorPrefix}</span>
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
    <label htmlFor={id} className={asHeading ? "mb-4 block text-[32px] font-bold leading-tight md:text-5xl" : "govuk-label-bold"}>
      {label}
      {optional ? <span className="font-normal"> {words.optional}</span> : null}
    </label>
  );
  return asHeading ? <h1 className="mb-0">{text}</h1> : text;
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
  const widthClass = { full: "", "20": "max-w-[41ex]", "10": "max-w-[23ex]", "5": "max-w-[10.8ex]" }[width ?? "full"];
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
      className={`govuk-input ${widthClass} ${error ? "govuk-input-error" : ""}`}
    />
  );
  return (
    <div className={`govuk-form-group ${error ? "govuk-form-group-error" : ""}`}>
      <Label id={id} label={label} optional={optional} asHeading={labelAsHeading} words={words} />
      <Describe id={id} hint={hint} error={error} words={words} />
      {prefix ? (
        <div className="flex">
          <div aria-hidden="true" className="box-border flex h-10 min-w-10 items-center justify-center border-2 border-e-0 border-govuk-input bg-govuk-light-grey px-1">
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
  defaultValue,
}: Common & { options: readonly { value: string; label: string }[]; defaultValue?: string }) {
  const id = fieldId(name);
  const error = errorFor(errors, name);
  return (
    <div className={`govuk-form-group ${error ? "govuk-form-group-error" : ""}`}>
      <Label id={id} label={label} />
      <Describe id={id} hint={hint} error={error} />
      <select id={id} name={name} defaultValue={defaultValue} aria-describedby={describedBy(id, hint, error)} className="govuk-select">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
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
    <div className={`govuk-form-group ${error ? "govuk-form-group-error" : ""}`}>
      <fieldset role={role} aria-describedby={describedBy(id, hint, error)}>
        <legend className={legendAsHeading ? "mb-4 text-[32px] font-bold leading-tight md:text-5xl" : "govuk-fieldset-legend"}>
          {legendAsHeading ? <h1 className="mb-0 text-inherit">{legend}</h1> : legend}
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
      {options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${i}`;
        return (
          <div key={o.value} className="govuk-radios-item">
            <input
              id={optionId}
              name={name}
              type="radio"
              value={o.value}
              defaultChecked={defaultValue === o.value}
              className="govuk-radios-input"
              aria-describedby={o.hint ? `${optionId}-hint` : undefined}
            />
            <label htmlFor={optionId} className="pt-0.5">
              {o.label}
              {o.hint ? (
                <span id={`${optionId}-hint`} className="govuk-hint mb-0">
                  {o.hint}
                </span>
              ) : null}
            </label>
          </div>
        );
      })}
    </Fieldset>
  );
}

export function Button({ children, variant = "primary", name, value }: { children: ReactNode; variant?: "primary" | "secondary" | "warning"; name?: string; value?: string }) {
  const cls = variant === "secondary" ? "govuk-button govuk-button-secondary" : variant === "warning" ? "govuk-button govuk-button-warning" : "govuk-button";
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
      {options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${i}`;
        return (
          <div key={o.value}>
            {o.value === exclusive ? <p className="mb-2 ms-2">{orText}</p> : null}
            <div className="govuk-radios-item">
              <input id={optionId} name={`${name}-${o.value}`} type="checkbox" value="yes" defaultChecked={checked.includes(o.value)} className="govuk-checkbox-input" />
              <label htmlFor={optionId} className="pt-0.5">
                {o.label}
              </label>
            </div>
          </div>
        );
      })}
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
    <div className="me-5 mb-0 inline-block">
      <label htmlFor={p === "day" ? id : `${id}-${p}`} className="govuk-label">
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
        className={`govuk-input ${width} ${error ? "govuk-input-error" : ""}`}
      />
    </div>
  );
  return (
    <Fieldset role="group" id={id} legend={legend} legendAsHeading={legendAsHeading} hint={hint} error={error} words={words}>
      <div className="flex">
        {part("day", "max-w-[5.4ex]")}
        {part("month", "max-w-[5.4ex]")}
        {part("year", "max-w-[9ex]")}
      </div>
    </Fieldset>
  );
}

export function TextArea({ name, label, hint, errors, optional, labelAsHeading, defaultValue, rows = 5, words }: Common & { defaultValue?: string; rows?: number }) {
  const id = fieldId(name);
  const error = errorFor(errors, name);
  return (
    <div className={`govuk-form-group ${error ? "govuk-form-group-error" : ""}`}>
      <Label id={id} label={label} optional={optional} asHeading={labelAsHeading} words={words} />
      <Describe id={id} hint={hint} error={error} words={words} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        className={`govuk-textarea ${error ? "border-govuk-error" : ""}`}
      />
    </div>
  );
}
