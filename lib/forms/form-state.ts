import type { z } from "zod";
import { errorText } from "@/lib/i18n";
import type { TMessages } from "@/lib/i18n";

// What a server action hands back to its form: errors in page order (for the GOV.UK error
// summary) and the values the person typed, so nothing they entered is lost.
export type TFieldError = { field: string; message: string };
export type TFormState = { errors: TFieldError[]; values: Record<string, string>; ok?: boolean; message?: string; result?: Record<string, string> };

export const EMPTY_FORM_STATE: TFormState = { errors: [], values: {} };

/** A FormData's own fields, without React's internal $ACTION_ entries. Secrets are never echoed back. */
export function formDataToObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    out[key] = value;
  }
  return out;
}

const NEVER_ECHO = new Set(["password", "confirmPassword", "code", "currentPassword"]);

export function echoValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !NEVER_ECHO.has(k)));
}

/** First message per field, in the order the schema reported them. Unknown keys become a form error. */
export function zodFieldErrors(error: z.ZodError): TFieldError[] {
  const seen = new Set<string>();
  const errors: TFieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      errors.push({ field: "form", message: `This form does not accept: ${issue.keys.join(", ")}` });
      continue;
    }
    const field = issue.path.map(String).join(".") || "form";
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: ZOD_DEFAULT.test(issue.message) ? "Check this answer: it is not one we can accept" : issue.message });
  }
  return errors;
}

/** zodFieldErrors with the schema's message keys turned into words (unknown keys are already words). */
export function zodFieldErrorsIn(messages: TMessages, error: z.ZodError): TFieldError[] {
  return zodFieldErrors(error).map((e) => ({ ...e, message: errorText(messages, e.message) }));
}

/**
 * Errors in the order their fields come in the form, as GOV.UK's error summary asks (a
 * cross-field check such as "the end date is before the start" is reported after the fields' own
 * checks, but belongs where its field is). `fieldNames`: the form's field names in page order
 * (a FormData's keys are); a date's parts ("periodStart-day") count as their field. Problems with
 * the whole form come first; fields the form did not send keep their order at the end.
 */
export function inFormOrder(errors: readonly TFieldError[], fieldNames: readonly string[]): TFieldError[] {
  const position = (field: string) => {
    if (field === "form") return -1;
    const i = fieldNames.findIndex((name) => name === field || name.startsWith(`${field}-`));
    return i === -1 ? fieldNames.length : i;
  };
  return errors
    .map((error, i) => ({ error, i, at: position(error.field) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.error);
}

/**
 * For a cross-field check (dates across three boxes, end after start): run it even when other
 * fields already failed, so the person sees every problem at once, not in rounds.
 */
export const EVEN_IF_OTHER_FIELDS_FAIL = { when: () => true };

/** Zod's own default wording ("Invalid input", "Invalid UUID") is for developers, never shown. */
const ZOD_DEFAULT = /^(invalid|expected|too (big|small)|unrecognized)/i;

export function formError(message: string, values: Record<string, string> = {}): TFormState {
  return { errors: [{ field: "form", message }], values: echoValues(values) };
}
