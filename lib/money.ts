// Money is integer pence (bigint) everywhere: in the database, in code, in URLs. Pounds exist
// only at the edges, typed by a person or shown to one. Pure: no I/O, no dependencies (the
// resident pages load it in the browser), unit-tested.

const POUNDS = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** "£1,234.5" → 123450n. Returns null for anything that is not a plain amount of money. */
export function parsePounds(input: string): bigint | null {
  const m = POUNDS.exec(input.trim());
  if (!m) return null;
  const whole = m[1]!.replaceAll(",", "");
  if (whole.length > 12) return null;
  const pence = (m[2] ?? "").padEnd(2, "0");
  return BigInt(whole) * 100n + BigInt(pence);
}

const currency = new Map<string, Intl.NumberFormat>();

/** 123456n → "£1,234.56" ("-£12.00" below zero); another locale formats pounds its own way. Exact for any bigint. */
export function formatPence(pence: bigint | number, locale = "en-GB"): string {
  let format = currency.get(locale);
  // narrowSymbol: "£" in every language (Polish, Spanish and French Intl data would write "GBP" or "£GB").
  if (!format) currency.set(locale, (format = new Intl.NumberFormat(locale, { style: "currency", currency: "GBP", currencyDisplay: "narrowSymbol" })));
  // A decimal string keeps every digit (Intl formats strings exactly; a Number would round huge sums).
  return format.format(penceToPoundsText(BigInt(pence)) as unknown as number);
}

/** Pence as pounds for a form field or a CSV: 123456n → "1234.56". */
export function penceToPoundsText(pence: bigint): string {
  const abs = pence < 0n ? -pence : pence;
  return `${pence < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}
