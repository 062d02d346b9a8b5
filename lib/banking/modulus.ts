// UK modulus checking (Vocalink's "Validating account numbers", the algorithm Bacs publishes): is this
// sort code and account number a pair a bank could have issued? Pure: used by the resident's
// bank-details page in the browser (instant feedback) and on the server (the decision).
//
// The exception rules come from the npm package uk-modulus-check (2.0.11); the TABLE is ours
// (lib/banking/data/vocalink-tables.ts, refreshed with `npm run banking:modulus-table`), because the
// package's validateAccountDetails() cannot be given a table and has faults we avoid here:
//  - it refuses 6- and 10-digit account numbers (its length test is `<= 6 || >= 10`);
//  - its exception-7/10 rule writes zeros into the shared weight table in memory, so one such check
//    changes every later check in that sort-code range;
//  - its exception 3 looks at the wrong digit (a instead of c), and its exception 14 second try
//    puts a 7 where Vocalink moves the account number one place right behind a 0;
//  - with two checks for a sort code it accepts when either passes; Vocalink's rule is that both must
//    pass except for exceptions 2 & 9, 10 & 11, 12 & 13 (either may pass) and 14 (its own second try).
// docs/payments.md says which table version the package really loads (v8.50) and how to refresh ours.
import { applyAccountDetailExceptionRules, applyOverwriteExceptionRules, applyPostTotalExceptionRules, applyWeightValueExceptionRules } from "uk-modulus-check/dist/ExceptionRules";
import type { ModulusWeight } from "uk-modulus-check/dist/interfaces";
import type { CheckType } from "uk-modulus-check/dist/enums";
import { SCSUBTAB, VALACDOS, VOCALINK_TABLE_VERSION } from "@/lib/banking/data/vocalink-tables";

export { VOCALINK_TABLE_VERSION };

type TRow = { start: number; end: number; checkType: "MOD10" | "MOD11" | "DBLAL"; weights: readonly number[]; exception: number | null };

let table: { rows: TRow[]; substitutions: Map<string, string> } | undefined;
function tables() {
  if (table) return table;
  const rows = VALACDOS.split("\n").map((line): TRow => {
    const f = line.split(" ");
    return { start: Number(f[0]), end: Number(f[1]), checkType: f[2] as TRow["checkType"], weights: f.slice(3, 17).map(Number), exception: f[17] ? Number(f[17]) : null };
  });
  const substitutions = new Map(SCSUBTAB.split("\n").map((line) => line.split(" ") as [string, string]));
  table = { rows, substitutions };
  return table;
}

export type TBankAccountProblem = "sort-code-format" | "account-number-format" | "failed-modulus-check";
export type TBankAccountCheck = { ok: true; sortCode: string; accountNumber: string } | { ok: false; problem: TBankAccountProblem };

// Santander's 9-digit accounts (formerly Alliance & Leicester / Girobank / Abbey): the first digit of the
// account number replaces the last digit of the sort code (Vocalink's rule for 9-digit accounts).
// Ranges from Experian's Bank Wizard note http://www.experianidentityandfraud.com/KB/132053.
const SANTANDER_NINE_DIGIT = (sort: number) => (sort >= 133000 && sort <= 133999) || (sort >= 720000 && sort <= 726616) || sort === 892616 || sort === 980000;

/**
 * Account numbers that are not 8 digits, made into the 8 digits Bacs and the modulus check use:
 * 6 or 7 digits → zeros in front; 9 digits → Santander's rule above, any other bank's leading digit
 * dropped (Coventry Building Society tells customers to do exactly that); 10 digits → the
 * Co-operative Bank (sort codes 08-xx-xx) uses the first eight, NatWest and the rest the last eight.
 */
export function standardiseAccount(sortCode: string, accountNumber: string): { sortCode: string; accountNumber: string } {
  switch (accountNumber.length) {
    case 6:
    case 7:
      return { sortCode, accountNumber: accountNumber.padStart(8, "0") };
    case 9:
      return SANTANDER_NINE_DIGIT(Number(sortCode)) ? { sortCode: sortCode.slice(0, 5) + accountNumber[0], accountNumber: accountNumber.slice(1) } : { sortCode, accountNumber: accountNumber.slice(1) };
    case 10:
      return sortCode.startsWith("08") ? { sortCode, accountNumber: accountNumber.slice(0, 8) } : { sortCode, accountNumber: accountNumber.slice(2) };
    default:
      return { sortCode, accountNumber };
  }
}

/** One row's check, as Vocalink describes it, with the package's exception rules. */
function passes(row: TRow, sortCode: string, accountNumber: string): boolean {
  const { substitutions } = tables();
  // Exception 5: the sort code is replaced from OUR substitution table before the package sees it.
  const sort = row.exception === 5 ? (substitutions.get(sortCode) ?? sortCode) : sortCode;
  const details = applyAccountDetailExceptionRules(sort, accountNumber, row.exception === 5 ? null : row.exception);
  // A copy each time: the package's weight rules change the array they are given.
  const weight: ModulusWeight = { start: row.start, end: row.end, check_type: row.checkType as CheckType, exception: row.exception, weights: [...row.weights] };
  const weights = applyWeightValueExceptionRules(weight, details);
  // Exception 3: if c (the account's third digit) is 6 or 9, this check is not made. The package
  // tests a (the first digit) instead, so exception 3 is ours and never reaches its rule.
  if (row.exception === 3) {
    if (["6", "9"].includes(details[8]!)) return true;
    weight.exception = null;
  }
  const { modifiedAccountDetails, overwriteResult } = applyOverwriteExceptionRules(weight, details, sortCode);
  if (overwriteResult !== null) return overwriteResult;
  const check = (digits: string) => {
    const products = digits.split("").map((d, i) => Number(d) * weights[i]!);
    const total = row.checkType === "DBLAL" ? products.join("").split("").reduce((sum, d) => sum + Number(d), 0) : products.reduce((sum, p) => sum + p, 0);
    const { adjustedTotal, postTotalOverwriteResult } = applyPostTotalExceptionRules(row.exception, total, digits, weight.check_type);
    if (postTotalOverwriteResult !== null) return postTotalOverwriteResult;
    return adjustedTotal % (row.checkType === "MOD11" ? 11 : 10) === 0;
  };
  if (check(modifiedAccountDetails)) return true;
  // Exception 14: if the first check fails and the 8th digit of the account is 0, 1 or 9, drop it and try again.
  if (row.exception === 14 && ["0", "1", "9"].includes(details[13]!)) return check(`${details.slice(0, 6)}0${details.slice(6, 13)}`);
  return false;
}

const EITHER_MAY_PASS = new Set([2, 9, 10, 11, 12, 13]);

/** True when the (already standardised, 6 + 8 digit) pair passes Vocalink's checks for its sort code. */
export function passesModulusCheck(sortCode: string, accountNumber: string): boolean {
  const sort = Number(sortCode);
  const rows = tables().rows.filter((r) => sort >= r.start && sort <= r.end);
  // A sort code Vocalink does not list cannot be checked: Vocalink says to treat it as valid.
  if (rows.length === 0) return true;
  if (rows.some((r) => r.exception !== null && EITHER_MAY_PASS.has(r.exception))) return rows.some((r) => passes(r, sortCode, accountNumber));
  return rows.every((r) => passes(r, sortCode, accountNumber));
}

/**
 * The one check of a UK bank account typed by a person: spaces and dashes ignored; a 6-digit sort code;
 * a 6 to 10 digit account number, standardised to 8 digits (above); then Vocalink's modulus check.
 * On success the standardised sort code and account number are what to store and pay.
 */
export function checkUkBankAccount(input: { sortCode: string; accountNumber: string }): TBankAccountCheck {
  const sortCode = input.sortCode.replace(/[\s-]/g, "");
  const accountNumber = input.accountNumber.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(sortCode)) return { ok: false, problem: "sort-code-format" };
  if (!/^\d{6,10}$/.test(accountNumber)) return { ok: false, problem: "account-number-format" };
  const standard = standardiseAccount(sortCode, accountNumber);
  if (!passesModulusCheck(standard.sortCode, standard.accountNumber)) return { ok: false, problem: "failed-modulus-check" };
  return { ok: true, ...standard };
}
