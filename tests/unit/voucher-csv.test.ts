// The voucher provider's files as pure functions (lib/payments/voucher-csv.ts): the bulk order
// with a payment above the cap split into vouchers within it, and the two files read back.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderTemplate } from "@/lib/notifications/templates";
import {
  csvCell,
  orderCsv,
  orderRows,
  parseAmount,
  parseCodesFile,
  parseCsv,
  parseDate,
  parseOrderCsv,
  parseRedemptionsFile,
  parseVoucherReference,
  splitIntoVouchers,
  voucherReference,
} from "@/lib/payments/voucher-csv";

describe("splitting a payment into vouchers within the provider's cap", () => {
  it("fills whole vouchers of the cap, then one for the rest (PayPoint's £100 cash-out)", () => {
    expect(splitIntoVouchers(25_000n, 10_000n)).toEqual([10_000n, 10_000n, 5_000n]);
    expect(splitIntoVouchers(10_000n, 10_000n)).toEqual([10_000n]);
    expect(splitIntoVouchers(20_000n, 10_000n)).toEqual([10_000n, 10_000n]);
    expect(splitIntoVouchers(1n, 10_000n)).toEqual([1n]);
    expect(splitIntoVouchers(10_001n, 10_000n)).toEqual([10_000n, 1n]);
  });

  it("refuses a payment or cap of nothing", () => {
    expect(() => splitIntoVouchers(0n, 10_000n)).toThrow();
    expect(() => splitIntoVouchers(100n, 0n)).toThrow();
  });

  it("always adds up to the payment exactly, every voucher above nothing and within the cap", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1_000_000n }), fc.bigInt({ min: 1_000n, max: 100_000n }), (amount, cap) => {
        const vouchers = splitIntoVouchers(amount, cap);
        expect(vouchers.reduce((a, b) => a + b, 0n)).toBe(amount);
        for (const v of vouchers) expect(v > 0n && v <= cap).toBe(true);
        expect(vouchers.length).toBe(Number((amount + cap - 1n) / cap));
      }),
    );
  });
});

describe("the bulk order CSV", () => {
  const payments = [
    { reference: "HKN-ABC234-1", amountPence: 25_000n, recipientName: "Ada Lovelace", mobile: "+447700900123", email: null },
    { reference: "HKN-ABC234-2", amountPence: 4_000n, recipientName: '=HYPERLINK("x")', mobile: null, email: "sam@example.org" },
  ];

  it("has one row per voucher, referenced <payment>/<n>, with the amount in pounds", () => {
    const rows = orderRows(payments, 10_000n);
    expect(rows.map((r) => [r.reference, r.amountPence])).toEqual([
      ["HKN-ABC234-1/1", 10_000n],
      ["HKN-ABC234-1/2", 10_000n],
      ["HKN-ABC234-1/3", 5_000n],
      ["HKN-ABC234-2/1", 4_000n],
    ]);
    const csv = orderCsv(rows);
    expect(csv.split("\r\n")).toEqual([
      '"Recipient name","Mobile","Email","Amount","Reference"',
      '"Ada Lovelace","+447700900123","","100.00","HKN-ABC234-1/1"',
      '"Ada Lovelace","+447700900123","","100.00","HKN-ABC234-1/2"',
      '"Ada Lovelace","+447700900123","","50.00","HKN-ABC234-1/3"',
      `"'=HYPERLINK(""x"")","","sam@example.org","40.00","HKN-ABC234-2/1"`,
      "",
    ]);
    // Read back (the codes import checks a response against it): what was ordered, to the penny.
    expect(parseOrderCsv(csv)).toEqual(new Map([["HKN-ABC234-1/1", 10_000n], ["HKN-ABC234-1/2", 10_000n], ["HKN-ABC234-1/3", 5_000n], ["HKN-ABC234-2/1", 4_000n]]));
  });

  it("never lets a spreadsheet read a cell as a formula, and leaves numbers alone", () => {
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("-1+2")).toBe(`"'-1+2"`);
    expect(csvCell("-12.50")).toBe(`"-12.50"`);
    expect(csvCell("+447700900123")).toBe(`"+447700900123"`);
  });

  it("references go both ways", () => {
    expect(parseVoucherReference(voucherReference("HKN-ABC234-12", 3))).toEqual({ paymentReference: "HKN-ABC234-12", seq: 3 });
    expect(parseVoucherReference("HKN-ABC234-12")).toBeNull();
    expect(parseVoucherReference("HKN-ABC234-12/0")).toBeNull();
  });
});

describe("reading the provider's files", () => {
  it("parses quoted cells, CRLF or LF, a byte-order mark and blank lines, keeping line numbers", () => {
    expect(parseCsv('\uFEFFa,"b, c"\r\n\r\n"d ""e""",f\n')).toEqual([
      { lineNo: 1, cells: ["a", "b, c"] },
      { lineNo: 3, cells: ['d "e"', "f"] },
    ]);
  });

  it("reads a response with codes and expiry dates, and says what is wrong with a line's fields", () => {
    const r = parseCodesFile("Reference,Amount,Code,Expiry date\nHKN-1/1,100.00,PP-1234-5678,2027-03-31\nHKN-1/2,£50,ABCD,31/3/2027\nHKN-1/3,fifty,X,31/02/2027\n");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lines.map((l) => [l.lineNo, l.reference, l.amountPence, l.code, l.expiresOn])).toEqual([
      [2, "HKN-1/1", 10_000n, "PP-1234-5678", "2027-03-31"],
      [3, "HKN-1/2", 5_000n, "ABCD", "2027-03-31"],
      [4, "HKN-1/3", null, "X", null],
    ]);
  });

  it("refuses a file whose first line is not the expected header, and an empty file", () => {
    expect(parseCodesFile("Ref,Amount,Code\nHKN-1/1,1,2\n")).toMatchObject({ ok: false, problem: "wrong-header" });
    expect(parseRedemptionsFile("")).toMatchObject({ ok: false, problem: "empty" });
    expect(parseRedemptionsFile(" reference , STATUS ,date\nHKN-1/1,Redeemed,2027-01-02\nHKN-1/2,used,2027-01-02\n")).toMatchObject({
      ok: true,
      lines: [
        { reference: "HKN-1/1", status: "REDEEMED", date: "2027-01-02" },
        { reference: "HKN-1/2", status: null },
      ],
    });
  });

  it("reads amounts and dates strictly", () => {
    expect(parseAmount("1,000.5")).toBe(100_050n);
    expect(parseAmount("10.555")).toBeNull();
    expect(parseAmount("-5")).toBeNull();
    expect(parseDate("2027-02-29")).toBeNull();
    expect(parseDate("29/02/2028")).toBe("2028-02-29");
  });
});

describe("the code's message, in every language", () => {
  const params = { council: "Hackney Council", reference: "HKN-ABC234", amount: "£250.00", count: 3, codes: "A1B2C3D4 (£100.00)\nE5F6G7H8 (£100.00)\nJ9K8L7M6 (£50.00)", provider: "PayPoint", kind: "cash", date: "31 March 2027" };
  for (const locale of ["en", "tr", "pl", "es", "fr", "bn", "yi"]) {
    it(`says the amount, every code, where to use it and the expiry date (${locale})`, () => {
      for (const template of ["voucher-issued", "voucher-issued-text"] as const) {
        const r = renderTemplate(template, locale, params);
        expect(r.fellBackFrom).toBeNull();
        for (const part of ["£250.00", "A1B2C3D4", "E5F6G7H8", "J9K8L7M6", "PayPoint", "31 March 2027", "HKN-ABC234"]) expect(r.body).toContain(part);
      }
    });
  }
});
