// A payment CSV for banks whose bulk-payment upload takes CSV instead of Standard 18. Pure.
// One header row, one row a payment: sort code, account number, account name, amount in pounds
// (2 decimal places), reference. RFC 4180: fields with a comma, quote or line break are quoted,
// quotes doubled; rows end with CR LF. Names and references are reduced to the characters Bacs
// allows (lib/banking/bacs-text.ts), so nothing the bank's Bacs run would refuse reaches it, and a
// leading - is dropped so a spreadsheet never reads a field as a formula.
import { bacsText } from "@/lib/banking/bacs-text";
import type { TStandard18Line } from "@/lib/banking/bacs-standard18";

export const BANK_CSV_HEADER = ["Sort code", "Account number", "Account name", "Amount", "Reference"] as const;

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** 123456n → "1234.56" (lib/money's penceToPoundsText, which this layer may not import; positive amounts only). */
function pounds(pence: bigint): string {
  return `${pence / 100n}.${(pence % 100n).toString().padStart(2, "0")}`;
}

const safeText = (text: string) => bacsText(text).replace(/^-+/, "").trim();

export function writeBankCsv(lines: readonly TStandard18Line[]): string {
  const rows = [
    BANK_CSV_HEADER as readonly string[],
    ...lines.map((l) => [l.sortCode.replace(/[\s-]/g, ""), l.accountNumber.replace(/[\s-]/g, ""), safeText(l.payeeName), pounds(l.amountPence), safeText(l.reference)]),
  ];
  return rows.map((r) => r.map(csvField).join(",") + "\r\n").join("");
}
