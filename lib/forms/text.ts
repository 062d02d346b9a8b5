// The one rule for control characters in text from people and URLs (docs/decisions/0022).
// PostgreSQL refuses a NUL byte in text (error 22021), and the other C0 controls are invisible
// on every screen and in every export. Typed text (form fields, API bodies) refuses them with an
// error the person can act on; tab, newline and carriage return are allowed in free text
// (textareas) only. A URL's query is not typed, so it is cleaned instead: stripped, not refused.
// Pure: no I/O, used by every schema in lib/*/schemas.ts, lib/*/forms.ts and the application steps.
import { z } from "zod";

/** Message key (messages/<locale>/errors.json, every language): "…must not contain hidden control characters". */
export const HIDDEN_CONTROL = "text.hiddenControl";

const ANY_CONTROL = /[\u0000-\u001F\u007F]/g;
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** True if a single-line answer holds any control character. */
export function hasControl(value: string): boolean {
  ANY_CONTROL.lastIndex = 0;
  return ANY_CONTROL.test(value);
}

/** True if free text (a textarea) holds a control character other than tab, newline or carriage return. */
export function hasControlInText(value: string): boolean {
  return CONTROL_BUT_LINE_BREAKS.test(value);
}

type TStringParams = Parameters<typeof z.string>[0];

/** A single-line text field (inputs, names, codes, emails): no control characters at all. */
export const zLine = (params?: TStringParams) => z.string(params).refine((v) => !hasControl(v), HIDDEN_CONTROL);

/** Free text (notes, reasons, explanations): tab, newline and carriage return allowed, no other control character. */
export const zText = (params?: TStringParams) => z.string(params).refine((v) => !hasControlInText(v), HIDDEN_CONTROL);

/** A URL query value with every control character removed (a URL is not typed: clean it, never refuse). */
export function stripControl(value: string): string {
  return value.replace(ANY_CONTROL, "");
}

type TSearchParams = Record<string, string | string[] | undefined>;

/**
 * A page's searchParams with control characters stripped from every value: the one way every
 * page (and route) reads its query, so `?q=%00` is a query like any other, not a 500.
 */
export async function readSearchParams<T extends TSearchParams>(searchParams: Promise<T> | T): Promise<T> {
  const raw = await searchParams;
  const clean: TSearchParams = {};
  for (const [key, value] of Object.entries(raw)) {
    clean[stripControl(key)] = value === undefined ? undefined : Array.isArray(value) ? value.map(stripControl) : stripControl(value);
  }
  return clean as T;
}
