// Pure parsing of the awkward UK formats residents type: postcodes, mobiles, money.
// Shared by the browser (instant feedback) and the server (the decision). Money is lib/money;
// dates are lib/forms/dates (staff forms use them too).
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

/**
 * Strips the bidirectional overrides a resident never means to type (they make text read
 * differently from how it is stored). Control characters are not stripped here: the schemas
 * refuse them with an error the resident can act on (lib/forms/text.ts, one rule for all forms).
 */
export function cleanText(input: string): string {
  return input.replace(/[\u202A-\u202E\u2066-\u2069]/g, "");
}
