// The catalogue's namespaces: one JSON file each under messages/<locale>/ (ADR 0019).
// Resident namespaces exist in every language; "staff" (casework screens and staff form errors)
// is English-only, in messages/en/staff.json. Pure data: safe anywhere.
export const RESIDENT_NAMESPACES = [
  "common",
  "councilStart",
  "start",
  "steps",
  "checkAnswers",
  "confirmation",
  "sentMessage",
  "emails",
  "outside",
  "save",
  "resume",
  "status",
  "tooLarge",
  "vocabulary",
  "ledger",
  "errors",
  "duplicateNotice",
  "moreInformation",
  "outreach",
] as const;
export type TResidentNamespace = (typeof RESIDENT_NAMESPACES)[number];

/** English-only namespaces beside "staff" (partner and admin screens): messages/en/<namespace>.json, read with getTranslations("<namespace>"). */
export const ENGLISH_ONLY_NAMESPACES = ["partnerApi", "assisted", "documents", "advice", "duplicates", "eligibility", "information", "payments", "vouchers", "suppliers", "reconciliation", "reporting", "outreachAdmin", "dashboard"] as const;
