import { cleanText } from "@/lib/applications/formats";
import type { TFormState } from "@/lib/forms/form-state";
import { errorText } from "@/lib/i18n";
import type { TMessages } from "@/lib/i18n";

/** Form strings without control characters (NUL cannot be stored; bidi overrides can disguise text). */
export function cleanFormData(formData: FormData): FormData {
  const out = new FormData();
  for (const [key, value] of formData.entries()) out.append(key, typeof value === "string" ? cleanText(value) : value);
  return out;
}

/** Schemas speak in message keys; residents read words in their language. */
export function localiseState(state: TFormState, m: TMessages): TFormState {
  return {
    ...state,
    errors: state.errors.map((e) => ({ ...e, message: e.message.startsWith("This form does not accept") ? errorText(m, "form.unknownFields") : errorText(m, e.message) })),
  };
}
