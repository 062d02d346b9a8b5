import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { DEFAULT_LOCALE, isLocale, withOverrides, type TLocale, type TWordingOverrides } from "@/lib/i18n";
import { messagesFor, servedLocale } from "@/lib/i18n/catalogues";
import type { TMessages } from "@/lib/i18n";

// proxy.ts decides the page's language per request (the resident's choice on resident pages,
// English on staff pages) and passes it on as a request header, so the root layout can set
// <html lang dir> and every server component reads the same answer.
const merged = new Map<string, TMessages>();

export const LOCALE_HEADER = "x-moneyhub-locale";
export const RESIDENT_HEADER = "x-moneyhub-resident";
export const PATH_HEADER = "x-moneyhub-path";

export const getLocale = cache(async (): Promise<TLocale> => {
  const value = (await headers()).get(LOCALE_HEADER);
  // A registered language whose catalogues have not landed yet is served in English.
  return isLocale(value) ? servedLocale(value) : DEFAULT_LOCALE;
});

/** Our words in the resident's language, with the council's own wording on top. */
export async function getMessages(council?: { settings: { wordingOverrides?: TWordingOverrides } } | null): Promise<{ locale: TLocale; m: TMessages }> {
  const locale = await getLocale();
  const base = messagesFor(locale);
  const overrides = council?.settings.wordingOverrides ?? {};
  if (!Object.keys(overrides).length) return { locale, m: base };
  // Merging copies the catalogue: remember the result per council wording (it rarely changes).
  const key = `${locale}:${JSON.stringify(overrides)}`;
  let m = merged.get(key);
  if (!m) {
    if (merged.size > 200) merged.clear();
    m = withOverrides(base, locale, overrides);
    merged.set(key, m);
  }
  return { locale, m };
}

export async function residentPageInfo(): Promise<{ resident: boolean; path: string }> {
  const h = await headers();
  return { resident: h.get(RESIDENT_HEADER) === "1", path: h.get(PATH_HEADER) ?? "/" };
}
