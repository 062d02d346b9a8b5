// The one table of the languages Money Hub knows: the code the resident picks, the language's
// name in itself (the switcher shows it with its own lang), the Intl locale for dates, numbers
// and money, the text direction, and whether a fluent speaker has checked our words (a council
// wants to know before going live; see docs/decisions/0019-translations-next-intl.md).
// Pure data with no catalogue in it: safe in proxy.ts and in the browser.
//
// Registering a language here does not show it to residents: only languages whose catalogues
// exist (messages/<code>/*.json) are offered (lib/i18n/catalogues.ts decides).

export const LOCALE_TABLE = [
  { code: "en", name: "English", intl: "en-GB", dir: "ltr", reviewedByFluentSpeaker: true },
  { code: "tr", name: "Türkçe", intl: "tr-TR", dir: "ltr", reviewedByFluentSpeaker: false },
  { code: "pl", name: "Polski", intl: "pl-PL", dir: "ltr", reviewedByFluentSpeaker: false },
  { code: "es", name: "Español", intl: "es-ES", dir: "ltr", reviewedByFluentSpeaker: false },
  { code: "fr", name: "Français", intl: "fr-FR", dir: "ltr", reviewedByFluentSpeaker: false },
  // Bengali as spoken by Hackney's Bangladeshi community: Bangladesh's conventions for dates, with
  // Western digits (-u-nu-latn) in dates and amounts, as the translator chose (docs/translations/bn.md).
  { code: "bn", name: "বাংলা", intl: "bn-BD-u-nu-latn", dir: "ltr", reviewedByFluentSpeaker: false },
  { code: "yi", name: "ייִדיש", intl: "yi", dir: "rtl", reviewedByFluentSpeaker: false },
] as const satisfies readonly { code: string; name: string; intl: string; dir: "ltr" | "rtl"; reviewedByFluentSpeaker: boolean }[];

export type TLocale = (typeof LOCALE_TABLE)[number]["code"];
export type TLocaleInfo = (typeof LOCALE_TABLE)[number];

/** Every registered code, in the switcher's order. */
export const LOCALES: readonly TLocale[] = LOCALE_TABLE.map((l) => l.code);
export const DEFAULT_LOCALE: TLocale = "en";
export const LANG_COOKIE = "moneyhub.lang";

export function isLocale(value: unknown): value is TLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A language's row; any other code (an old record, a bad cookie) gets English's. */
export function localeInfo(locale: string): TLocaleInfo {
  return LOCALE_TABLE.find((l) => l.code === locale) ?? LOCALE_TABLE[0];
}

/** The Intl locale for dates, numbers and money ("tr-TR"); English is British English. */
export function intlLocale(locale: string): string {
  return localeInfo(locale).intl;
}

export function dirFor(locale: string): "ltr" | "rtl" {
  return localeInfo(locale).dir;
}
