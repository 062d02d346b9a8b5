// Pure parsing of the awkward UK formats residents type: postcodes, mobiles, money, dates.
// Shared by the browser (instant feedback) and the server (the decision). Money is lib/money.
import { formatPence, parsePounds } from "@/lib/money";

const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/** "e81dy" → "E8 1DY"; null when it is not a full UK postcode. */
export function normalisePostcode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]+/g, "");
  const m = POSTCODE.exec(compact);
  return m ? `${m[1]} ${m[2]}` : null;
}

/**
 * Whether a postcode is in a council's area. Areas are outward codes ("E8", "CB1") matched
 * exactly, or a postcode area of letters only ("PE") matching every district in it.
 * "CB1" must not match "CB10 1AA".
 */
export function postcodeInAreas(postcode: string, areas: readonly string[]): boolean {
  const normal = normalisePostcode(postcode);
  if (!normal) return false;
  const outward = normal.split(" ")[0]!;
  const letters = outward.replace(/[0-9].*$/, "");
  return areas.some((raw) => {
    const area = raw.trim().toUpperCase();
    return /^[A-Z]{1,2}$/.test(area) ? letters === area : outward === area;
  });
}

/** UK mobile numbers in any common spelling → "+447700900982"; null otherwise. */
export function normaliseUkMobile(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, "");
  const m = /^(?:\+44|0044|44|0)(7\d{9})$/.exec(compact);
  return m ? `+44${m[1]}` : null;
}

/** "+447700900982" → "07700 900 982" for display. */
export function displayUkMobile(normal: string): string {
  const national = normal.replace(/^\+44/, "0");
  return `${national.slice(0, 5)} ${national.slice(5, 8)} ${national.slice(8)}`;
}

/** "£1,200.50" → 120050 pence; null when it is not an amount of money (or over £999,999,999.99). */
export function parsePoundsToPence(input: string): number | null {
  const pence = parsePounds(input);
  return pence === null || pence >= 100_000_000_000n ? null : Number(pence);
}

export { formatPence };

export type TDateParts = { day: string; month: string; year: string };
export type TDateProblem = "required" | "missingDay" | "missingMonth" | "missingYear" | "yearDigits" | "real";

/** GOV.UK date input: three boxes → "YYYY-MM-DD", or which problem to report first. */
export function parseDateParts({ day, month, year }: TDateParts): { ok: true; iso: string } | { ok: false; problem: TDateProblem } {
  const d = day.trim();
  const m = month.trim();
  const y = year.trim();
  if (!d && !m && !y) return { ok: false, problem: "required" };
  if (!d) return { ok: false, problem: "missingDay" };
  if (!m) return { ok: false, problem: "missingMonth" };
  if (!y) return { ok: false, problem: "missingYear" };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d+$/.test(y)) return { ok: false, problem: "real" };
  if (y.length !== 4) return { ok: false, problem: "yearDigits" };
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return { ok: false, problem: "real" };
  return { ok: true, iso: date.toISOString().slice(0, 10) };
}

/** Whole years between an ISO date and today (UTC), for the minimum age rule. */
export function ageOn(isoDate: string, today: Date): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  return age;
}

/** Strips characters a resident never means to type (NUL breaks PostgreSQL text) but keeps new lines. */
export function cleanText(input: string): string {
  return input.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, "");
}
