// What each application page asks, as plain data: no Zod here, so the page form can render it
// without shipping the validation code up front (lib/applications/steps.ts adds the schemas).
// Shared words (needs, household types, routes) come from lib/vocabulary.
import { NEEDS } from "@/lib/vocabulary";

// The languages the service is offered in (lib/i18n/locales.ts, in its order), then others Hackney's
// residents often speak (an interpreter can be booked), then "other".
export const LANGUAGES = ["en", "tr", "pl", "es", "fr", "bn", "yi", "ro", "ar", "ur", "so", "other"] as const;
export const CIRCUMSTANCES = ["pregnant", "pension-age", "disability", "none"] as const;
export const METER = ["off", "running-out", "ok", "no-meter"] as const;
export const EMPLOYMENT = ["full-time", "part-time", "self-employed", "unemployed", "not-working", "retired"] as const;
export const BENEFITS = ["universal-credit", "uc-housing-costs", "pension-credit", "housing-benefit", "council-tax-support", "pip", "esa", "child-benefit", "carers", "other", "none"] as const;
export const NRPF = ["no", "yes", "not-sure"] as const;
export const TENURE = ["council-or-housing-association", "private-rent", "temporary-accommodation", "owner", "family-or-friends", "homeless", "other"] as const;
export const PAYMENT = ["bank", "voucher-sms", "voucher-email"] as const;
export const YES_NO = ["yes", "no"] as const;

export type TField = {
  name: string;
  kind: "text" | "date" | "radios" | "checkboxes" | "textarea" | "money" | "address";
  optional?: boolean;
  options?: readonly string[];
  /** A "None of these" option that cannot be combined with the others. */
  exclusive?: string;
  type?: "text" | "email" | "tel";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "email" | "tel" | "decimal";
  spellCheck?: boolean;
  width?: "full" | "20" | "10" | "5";
  /** Date parts get the bday-* autocomplete tokens. */
  birthday?: boolean;
};

export const STEP_FIELDS = {
  "full-name": [{ name: "fullName", kind: "text", autoComplete: "name", spellCheck: false }],
  "date-of-birth": [{ name: "dateOfBirth", kind: "date", birthday: true }],
  contact: [
    { name: "email", kind: "text", type: "email", optional: true, autoComplete: "email", spellCheck: false },
    { name: "mobile", kind: "text", type: "tel", optional: true, autoComplete: "tel", width: "20" },
  ],
  language: [{ name: "preferredLanguage", kind: "radios", options: LANGUAGES }],
  postcode: [{ name: "postcode", kind: "text", autoComplete: "postal-code", width: "10", spellCheck: false }],
  address: [{ name: "address", kind: "address" }],
  "address-manual": [
    { name: "line1", kind: "text", autoComplete: "address-line1" },
    { name: "line2", kind: "text", optional: true, autoComplete: "address-line2" },
    { name: "town", kind: "text", autoComplete: "address-level2", width: "20" },
  ],
  household: [
    { name: "adults", kind: "text", inputMode: "numeric", width: "5" },
    { name: "children", kind: "text", inputMode: "numeric", width: "5" },
  ],
  "children-ages": [{ name: "childrenAges", kind: "text", width: "20" }],
  circumstances: [{ name: "circumstances", kind: "checkboxes", options: CIRCUMSTANCES, exclusive: "none" }],
  needs: [{ name: "needs", kind: "checkboxes", options: NEEDS }],
  "rent-arrears": [{ name: "rentArrears", kind: "money", width: "10", inputMode: "decimal" }],
  "council-tax-arrears": [{ name: "councilTaxArrears", kind: "money", width: "10", inputMode: "decimal" }],
  "other-need": [{ name: "otherNeed", kind: "textarea" }],
  "food-today": [{ name: "enoughFoodToday", kind: "radios", options: YES_NO }],
  "energy-meter": [{ name: "prepaymentMeter", kind: "radios", options: METER }],
  eviction: [{ name: "evictionNotice", kind: "radios", options: YES_NO }],
  employment: [{ name: "employment", kind: "radios", options: EMPLOYMENT }],
  benefits: [{ name: "benefits", kind: "checkboxes", options: BENEFITS, exclusive: "none" }],
  nrpf: [{ name: "nrpf", kind: "radios", options: NRPF }],
  housing: [{ name: "tenure", kind: "radios", options: TENURE }],
  payment: [{ name: "paymentMethod", kind: "radios", options: PAYMENT }],
  "bank-details": [
    { name: "accountName", kind: "text", autoComplete: "name", spellCheck: false },
    { name: "sortCode", kind: "text", inputMode: "numeric", width: "5", spellCheck: false },
    { name: "accountNumber", kind: "text", inputMode: "numeric", width: "10", spellCheck: false },
    { name: "rollNumber", kind: "text", optional: true, width: "10", spellCheck: false },
  ],
  consent: [
    { name: "shareWithAdvicePartners", kind: "radios", options: YES_NO },
    { name: "contactAboutSupport", kind: "radios", options: YES_NO },
  ],
} satisfies Record<string, readonly TField[]>;
