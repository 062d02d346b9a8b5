// The voucher provider's files, as pure functions (docs/vouchers.md): our bulk order (one row per
// voucher, a payment above the provider's per-voucher cap split into several, each within it),
// and the two files a provider gives back: its response with the codes, and its redemption
// report. No public format exists for any provider (FACTS.md: PayPoint, Post Office), so these
// are ours, described in docs/vouchers.md, behind lib/payments/voucher-files.ts and
// voucher-imports.ts, which a live integration can replace. Pure: no database.
import { penceToPoundsText } from "@/lib/money";
import type { TPaymentMethod } from "@/lib/payments/lifecycle";

export type TVoucherProviderKind = "CASH" | "SUPERMARKET" | "ENERGY";
export const VOUCHER_PROVIDER_KINDS: readonly TVoucherProviderKind[] = ["CASH", "SUPERMARKET", "ENERGY"];

/** Which kind of provider pays a voucher method. */
export const PROVIDER_KIND_OF_METHOD: Readonly<Partial<Record<TPaymentMethod, TVoucherProviderKind>>> = {
  CASH_VOUCHER: "CASH",
  SUPERMARKET_VOUCHER: "SUPERMARKET",
  ENERGY_TOPUP: "ENERGY",
};

/**
 * A payment's vouchers: as many full vouchers of the cap as fit, then the rest (£250 at a £100
 * cap: £100, £100, £50). Each is within the cap and they add up to the payment exactly.
 */
export function splitIntoVouchers(amountPence: bigint, capPence: bigint): bigint[] {
  if (amountPence <= 0n) throw new Error("splitIntoVouchers: a payment of nothing has no vouchers");
  if (capPence <= 0n) throw new Error("splitIntoVouchers: the cap must be above nothing");
  const full = amountPence / capPence;
  const rest = amountPence % capPence;
  return [...Array.from({ length: Number(full) }, () => capPence), ...(rest > 0n ? [rest] : [])];
}

/** The reference of a payment's nth voucher (1-based) on every provider file. */
export function voucherReference(paymentReference: string, seq: number): string {
  return `${paymentReference}/${seq}`;
}

/** "CASE-1/2" → { paymentReference: "CASE-1", seq: 2 }; anything else → null. */
export function parseVoucherReference(reference: string): { paymentReference: string; seq: number } | null {
  const m = /^(.+)\/([1-9]\d{0,2})$/.exec(reference.trim());
  return m ? { paymentReference: m[1]!, seq: Number(m[2]) } : null;
}

// ---- Writing -------------------------------------------------------------------------------

/**
 * A cell safe for spreadsheets (finance staff open these files): quoted, and text that a
 * spreadsheet would read as a formula gets a leading apostrophe. A plain number (a mobile as
 * "+447700900123" included) is left alone.
 */
export function csvCell(value: string): string {
  const isNumber = /^[+-]?\d+(\.\d+)?$/.test(value);
  const safe = !isNumber && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function csvLines(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export const ORDER_HEADER = ["Recipient name", "Mobile", "Email", "Amount", "Reference"] as const;

export type TOrderPayment = {
  reference: string;
  amountPence: bigint;
  recipientName: string;
  mobile: string | null;
  email: string | null;
};

export type TOrderRow = { reference: string; amountPence: bigint; recipientName: string; mobile: string; email: string };

/** The bulk order's rows: one per voucher, in the payments' order. */
export function orderRows(payments: readonly TOrderPayment[], capPence: bigint): TOrderRow[] {
  return payments.flatMap((p) =>
    splitIntoVouchers(p.amountPence, capPence).map((amountPence, i) => ({
      reference: voucherReference(p.reference, i + 1),
      amountPence,
      recipientName: p.recipientName,
      mobile: p.mobile ?? "",
      email: p.email ?? "",
    })),
  );
}

/** The bulk order CSV (header, then one row per voucher; amounts in pounds with pence). */
export function orderCsv(rows: readonly TOrderRow[]): string {
  return csvLines([[...ORDER_HEADER], ...rows.map((r) => [r.recipientName, r.mobile, r.email, penceToPoundsText(r.amountPence), r.reference])]);
}

// ---- Reading -------------------------------------------------------------------------------

/** RFC 4180 CSV: quoted cells with "" for a quote, CRLF or LF, a byte-order mark ignored. Blank lines are dropped. */
export function parseCsv(text: string): { lineNo: number; cells: string[] }[] {
  const src = text.replace(/^\uFEFF/, "");
  const out: { lineNo: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== "") out.push({ lineNo: rowStart, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRow();
      line++;
      rowStart = line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length) endRow();
  return out;
}

/** A cell as the provider meant it: trimmed, our spreadsheet apostrophe taken off. */
function clean(cell: string | undefined): string {
  const t = (cell ?? "").trim();
  return /^'[=+\-@]/.test(t) ? t.slice(1) : t;
}

/** "100", "100.5", "£100.50", "1,000.00" → pence; anything else → null. */
export function parseAmount(text: string): bigint | null {
  const t = text.replace(/[£,\s]/g, "");
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? "0").padEnd(2, "0"));
}

/** "2027-03-31" or "31/03/2027" → "2027-03-31"; a date that does not exist → null. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let iso: string | null = null;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) iso = `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  if (!iso) return null;
  const d = new Date(`${iso}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

export const CODES_HEADER = ["Reference", "Amount", "Code", "Expiry date"] as const;
export const REDEMPTIONS_HEADER = ["Reference", "Status", "Date"] as const;
export type TVoucherImportKind = "codes" | "redemptions";
export const HEADER_OF: Readonly<Record<TVoucherImportKind, readonly string[]>> = { codes: CODES_HEADER, redemptions: REDEMPTIONS_HEADER };

const normal = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

export type TCodesLine = { lineNo: number; reference: string; amountText: string; amountPence: bigint | null; code: string; expiryText: string; expiresOn: string | null };
export type TRedemptionLine = { lineNo: number; reference: string; statusText: string; status: "REDEEMED" | "EXPIRED" | null; dateText: string; date: string | null };

export type TParsedFile<L> = { ok: true; lines: L[] } | { ok: false; problem: "empty" | "wrong-header"; expected: readonly string[]; found: string[] };

function checkHeader(rows: { cells: string[] }[], expected: readonly string[]): { ok: false; problem: "empty" | "wrong-header"; expected: readonly string[]; found: string[] } | null {
  if (!rows.length) return { ok: false, problem: "empty", expected, found: [] };
  const found = rows[0]!.cells.map((c) => c.trim());
  const same = found.length === expected.length && found.every((c, i) => normal(c) === normal(expected[i]!));
  return same ? null : { ok: false, problem: "wrong-header", expected, found };
}

/** The provider's response: reference, amount, code, expiry date per voucher. */
export function parseCodesFile(text: string): TParsedFile<TCodesLine> {
  const rows = parseCsv(text);
  const bad = checkHeader(rows, CODES_HEADER);
  if (bad) return bad;
  return {
    ok: true,
    lines: rows.slice(1).map(({ lineNo, cells }) => {
      const amountText = clean(cells[1]);
      const expiryText = clean(cells[3]);
      return { lineNo, reference: clean(cells[0]), amountText, amountPence: parseAmount(amountText), code: clean(cells[2]), expiryText, expiresOn: parseDate(expiryText) };
    }),
  };
}

/** The provider's redemption report: reference, status (redeemed / expired), date. */
export function parseRedemptionsFile(text: string): TParsedFile<TRedemptionLine> {
  const rows = parseCsv(text);
  const bad = checkHeader(rows, REDEMPTIONS_HEADER);
  if (bad) return bad;
  return {
    ok: true,
    lines: rows.slice(1).map(({ lineNo, cells }) => {
      const statusText = clean(cells[1]);
      const s = normal(statusText);
      const dateText = clean(cells[2]);
      return { lineNo, reference: clean(cells[0]), statusText, status: s === "redeemed" ? "REDEEMED" : s === "expired" ? "EXPIRED" : null, dateText, date: parseDate(dateText) };
    }),
  };
}

/** Our own bulk order read back (what was ordered: reference → amount), for checking a response against it. */
export function parseOrderCsv(text: string): Map<string, bigint> {
  const rows = parseCsv(text).slice(1);
  return new Map(rows.map(({ cells }) => [clean(cells[4]), parseAmount(clean(cells[3])) ?? -1n]));
}

/** A voucher code as a provider sends it: letters, digits, spaces and dashes, 4 to 64 characters. */
export function isPlausibleCode(code: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9 -]{2,62}[A-Za-z0-9]$/.test(code);
}
