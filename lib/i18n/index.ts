// Locale handling shared by server and browser code (no server-only imports here).
import { en, type TMessages } from "@/lib/i18n/messages/en";
import { tr } from "@/lib/i18n/messages/tr";

export const LOCALES = ["en", "tr"] as const;
export type TLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: TLocale = "en";
export const LANG_COOKIE = "moneyhub.lang";

const CATALOGUE: Record<TLocale, TMessages> = { en, tr };

export function isLocale(value: unknown): value is TLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function messagesFor(locale: TLocale): TMessages {
  return CATALOGUE[locale];
}

export function dirFor(locale: TLocale): "ltr" | "rtl" {
  return CATALOGUE[locale].meta.dir === "rtl" ? "rtl" : "ltr";
}

/** Fills {name} placeholders. Unknown placeholders are left as they are, so a gap shows in review. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** The text for an error key from a schema; unknown keys (already words) pass through unchanged. */
export function errorText(messages: TMessages, key: string): string {
  return (messages.errors as Record<string, string>)[key] ?? key;
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

/**
 * A council's own wording on top of ours: overrides are keyed by dotted path and locale, and only
 * replace an existing string (so a typo in a council's settings cannot add junk or break a page).
 */
/** A council's own wording: message path → text per language (lib/tenancy keeps it in the council's settings). */
export type TWordingOverrides = Record<string, Partial<Record<TLocale, string>>>;

export function withOverrides(messages: TMessages, locale: TLocale, overrides: TWordingOverrides): TMessages {
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
