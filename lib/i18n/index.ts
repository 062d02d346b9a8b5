// Locale handling shared by server and browser code. No catalogue is imported here (not even
// English): the words are loaded on the server, per request, by lib/i18n/catalogues.ts, and reach
// client components only as the props their page picks (ADR 0019). tests/unit/client-bundle.test.ts
// fails if a client component reaches the catalogues or the page schemas.
import type checkAnswers from "@/messages/en/checkAnswers.json";
import type common from "@/messages/en/common.json";
import type confirmation from "@/messages/en/confirmation.json";
import type councilStart from "@/messages/en/councilStart.json";
import type emails from "@/messages/en/emails.json";
import type errors from "@/messages/en/errors.json";
import type ledger from "@/messages/en/ledger.json";
import type outside from "@/messages/en/outside.json";
import type resume from "@/messages/en/resume.json";
import type save from "@/messages/en/save.json";
import type sentMessage from "@/messages/en/sentMessage.json";
import type start from "@/messages/en/start.json";
import type status from "@/messages/en/status.json";
import type steps from "@/messages/en/steps.json";
import type tooLarge from "@/messages/en/tooLarge.json";
import type vocabulary from "@/messages/en/vocabulary.json";
import type duplicateNotice from "@/messages/en/duplicateNotice.json";
import type staff from "@/messages/en/staff.json";
import type partnerAdmin from "@/messages/en/partnerAdmin.json";
import type referrals from "@/messages/en/referrals.json";
import type moreInformation from "@/messages/en/moreInformation.json";
import type outreach from "@/messages/en/outreach.json";

export { DEFAULT_LOCALE, LANG_COOKIE, LOCALES, LOCALE_TABLE, dirFor, intlLocale, isLocale, localeInfo, type TLocale, type TLocaleInfo } from "@/lib/i18n/locales";
import type { TLocale } from "@/lib/i18n/locales";

/** The resident namespaces (messages/<locale>/<namespace>.json), shaped as English has them. */
export type TResidentMessages = {
  common: typeof common;
  councilStart: typeof councilStart;
  start: typeof start;
  steps: typeof steps;
  checkAnswers: typeof checkAnswers;
  confirmation: typeof confirmation;
  sentMessage: typeof sentMessage;
  emails: typeof emails;
  outside: typeof outside;
  save: typeof save;
  resume: typeof resume;
  status: typeof status;
  tooLarge: typeof tooLarge;
  vocabulary: typeof vocabulary;
  ledger: typeof ledger;
  errors: typeof errors;
  duplicateNotice: typeof duplicateNotice;
  moreInformation: typeof moreInformation;
  outreach: typeof outreach;
};
/** The staff words (messages/en/staff.json, English only): casework vocabulary, staff form errors, and each staff page's words. */
export type TStaffMessages = typeof staff;
/** Everything a page can say: the resident namespaces of one language, plus the staff words (English). */
export type TMessages = Omit<TResidentMessages, "errors"> &
  Omit<TStaffMessages, "errors"> &
  TReferrerMessages & {
    partnerAdmin: typeof partnerAdmin;
    errors: typeof errors & typeof staff.errors & typeof partnerAdmin.errors & typeof referrals.errors;
  };
/** The referrer portal's words (English only, messages/en/referrals.json; its errors join `errors`). */
export type TReferrerMessages = { referrals: Omit<typeof referrals, "errors"> };

/** Fills {name} placeholders. Unknown placeholders are left as they are, so a gap shows in review. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** Reads a dotted path ("steps.nrpf.fields.nrpf.hint") from a message tree. */
export function getPath(tree: unknown, path: string): unknown {
  let node: unknown = tree;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The text for an error key from a schema ("dateOfBirth.required"); unknown keys (already words) pass through unchanged. */
export function errorText(messages: { errors: object }, key: string): string {
  const text = getPath(messages.errors, key);
  return typeof text === "string" ? text : key;
}

export type TOverrides = Record<string, Partial<Record<TLocale, string>>>;

/**
 * Override keys that name no message of ours. Checked when a council saves its wording
 * (lib/tenancy/schemas.ts) and by `npm run i18n:check-overrides` for councils already stored.
 */
/** A council's own wording: message path → text per language (lib/tenancy keeps it in the council's settings). */
export type TWordingOverrides = TOverrides;

export function unknownOverrideKeys(english: TMessages, overrides: TOverrides): string[] {
  return Object.keys(overrides).filter((path) => typeof getPath(english, path) !== "string");
}

/**
 * A council's own wording on top of ours: overrides are keyed by dotted path and locale, and
 * replace an existing string only (unknown keys are refused when the council saves them).
 */
export function withOverrides(messages: TMessages, locale: TLocale, overrides: TOverrides): TMessages {
  const entries = Object.entries(overrides).filter(([path, byLocale]) => typeof byLocale[locale] === "string" && typeof getPath(messages, path) === "string");
  if (!entries.length) return messages;
  const copy = structuredClone(messages) as unknown as Record<string, unknown>;
  for (const [path, byLocale] of entries) {
    const parts = path.split(".");
    const last = parts.pop()!;
    const parent = (parts.length ? getPath(copy, parts.join(".")) : copy) as Record<string, unknown>;
    parent[last] = byLocale[locale];
  }
  return copy as unknown as TMessages;
}

const flatCache = new WeakMap<object, Record<string, string>>();
/** Every error's words keyed as the schemas produce them ("dateOfBirth.required"), for pages that pass a table on. */
export function errorWords(messages: { errors: object }): Record<string, string> {
  let flat = flatCache.get(messages.errors);
  if (!flat) {
    flat = {};
    const walk = (node: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(node)) {
        if (typeof v === "string") flat![`${prefix}${k}`] = v;
        else if (v && typeof v === "object" && !Array.isArray(v)) walk(v as Record<string, unknown>, `${prefix}${k}.`);
      }
    };
    walk(messages.errors as Record<string, unknown>, "");
    flatCache.set(messages.errors, flat);
  }
  return flat;
}
