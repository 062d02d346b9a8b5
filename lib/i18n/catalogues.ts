// The catalogues, read on the server from messages/<locale>/<namespace>.json (ADR 0019): a
// language is read the first time a request needs it and kept; nothing here reaches a browser
// (node:fs; tests/unit/client-bundle.test.ts checks no client component imports this module).
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_LOCALE, LOCALE_TABLE, type TLocale, type TLocaleInfo } from "@/lib/i18n/locales";
import { ENGLISH_ONLY_NAMESPACES, RESIDENT_NAMESPACES } from "@/lib/i18n/namespaces";
import type { TMessages, TResidentMessages, TStaffMessages } from "@/lib/i18n";

const DIR = path.join(process.cwd(), "messages");
const read = (locale: string, ns: string): unknown => JSON.parse(fs.readFileSync(path.join(DIR, locale, `${ns}.json`), "utf8"));

/** Whether every resident namespace of a language exists (a language is offered only then). */
export function hasCatalogue(locale: TLocale): boolean {
  return RESIDENT_NAMESPACES.every((ns) => fs.existsSync(path.join(DIR, locale, `${ns}.json`)));
}

let available: readonly TLocaleInfo[] | undefined;
/** The languages residents may pick: registered in the locale table and with catalogues. */
export function availableLocales(): readonly TLocaleInfo[] {
  return (available ??= LOCALE_TABLE.filter((l) => hasCatalogue(l.code)));
}

/** A registered language without catalogues yet falls back to English. */
export function servedLocale(locale: TLocale): TLocale {
  return availableLocales().some((l) => l.code === locale) ? locale : DEFAULT_LOCALE;
}

const resident = new Map<TLocale, TResidentMessages>();
/** One language's resident namespaces, exactly as in its JSON files. */
export function residentMessages(locale: TLocale): TResidentMessages {
  let m = resident.get(locale);
  if (!m) {
    m = Object.fromEntries(RESIDENT_NAMESPACES.map((ns) => [ns, read(locale, ns)])) as TResidentMessages;
    resident.set(locale, m);
  }
  return m;
}

let staff: TStaffMessages | undefined;
/**
 * Staff words: English only (messages/en/staff.json). Its top-level keys are namespaces beside the
 * resident ones (`casework`, `funds`, `caseFile`, …; `errors` is merged with the resident errors),
 * read with getTranslations("<namespace>") on staff pages.
 */
export function staffMessages(): TStaffMessages {
  if (!staff) {
    const s = read("en", "staff") as TStaffMessages;
    const clash = Object.keys(s).filter((ns) => ns !== "errors" && (RESIDENT_NAMESPACES as readonly string[]).includes(ns));
    if (clash.length) throw new Error(`messages/en/staff.json: ${clash.join(", ")} is also a resident namespace`);
    staff = s;
  }
  return staff;
}

let partnerAdmin: TMessages["partnerAdmin"] | undefined;
/** Partner organisations' admin and lead pages: English only (messages/en/partnerAdmin.json; its `errors` join the form errors). */
export function partnerAdminMessages() {
  return (partnerAdmin ??= read("en", "partnerAdmin") as TMessages["partnerAdmin"]);
}

let referrer: Record<string, unknown> | undefined;
/** The referrer portal's words: English only (messages/en/referrals.json). */
export function referrerMessages(): Record<string, unknown> {
  return (referrer ??= read("en", "referrals") as Record<string, unknown>);
}

function deepMerge(base: Record<string, unknown>, top: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(top)) {
    const b = out[k];
    out[k] = b && v && typeof b === "object" && typeof v === "object" && !Array.isArray(v) ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

const full = new Map<TLocale, TMessages>();
/** A language's words with the staff words (English) alongside, as pages and templates read them. */
export function messagesFor(locale: TLocale): TMessages {
  const served = servedLocale(locale);
  let m = full.get(served);
  if (!m) {
    const r = residentMessages(served);
    const { errors, ...staffNamespaces } = staffMessages();
    const pa = partnerAdminMessages();
    const { errors: referralErrors, ...referrals } = referrerMessages();
    const english = Object.fromEntries(ENGLISH_ONLY_NAMESPACES.map((ns) => [ns, read("en", ns)]));
    m = {
      ...r,
      ...staffNamespaces,
      ...english,
      partnerAdmin: pa,
      referrals,
      errors: deepMerge(deepMerge(deepMerge(errors, pa.errors), referralErrors as Record<string, unknown>), r.errors),
    } as TMessages;
    full.set(served, m);
  }
  return m;
}
