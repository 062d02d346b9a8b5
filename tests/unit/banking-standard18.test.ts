import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bacsJulian, bacsText, nextBacsProcessingDay, Standard18Error, writeStandard18, type TStandard18Input } from "@/lib/banking/bacs-standard18";
import { BANK_CSV_HEADER, csvField, writeBankCsv } from "@/lib/banking/bank-csv";
import { maskAccount, maskSortCode } from "@/lib/banking/mask";
import { at, readStandard18 } from "../support/standard18-reader";

// Field positions are the published Standard 18 layout (1-based, inclusive), as in HSBC's "Message
// Implementation Guide BACS Standard 18" (August 2012) and issue 19: docs/payments.md lists them.

const INPUT: TStandard18Input = {
  serviceUserNumber: "123456",
  serviceUserName: "Hackwell Council",
  originating: { sortCode: "20-00-00", accountNumber: "55555555", name: "Hackwell Crisis Fund" },
  processingDay: "2026-12-08",
  fileSerial: 42,
  creationDate: new Date("2026-12-07T10:00:00Z"),
  lines: [
    { sortCode: "08-99-99", accountNumber: "66374958", amountPence: 12550n, payeeName: "Ayşe Yılmaz", reference: "HKW-2026-000123" },
    { sortCode: "107999", accountNumber: "88837491", amountPence: 4000n, payeeName: "Liam O'Connor-Smith, Jr.", reference: "HKW-2026-000124/1" },
  ],
};

const file = writeStandard18(INPUT);
const lines = file.split("\r\n").slice(0, -1);

describe("Bacs Standard 18 file (lib/banking/bacs-standard18.ts)", () => {
  it("is the golden file byte for byte (tests/unit/fixtures/bacs/hackwell-two-payments.std18)", () => {
    expect(file).toBe(fs.readFileSync(path.join(import.meta.dirname, "fixtures/bacs/hackwell-two-payments.std18"), "latin1"));
  });

  it("has labels of 80 and records of 100 characters, each ended by CR LF, in the published order", () => {
    expect(file.endsWith("\r\n")).toBe(true);
    expect(file.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    expect(lines.map((l) => l.length)).toEqual([80, 80, 80, 80, 100, 100, 100, 80, 80, 80]);
    expect(lines.map((l) => (l.length === 80 ? at(l, 1, 4) : `${at(l, 16, 17)}`))).toEqual(["VOL1", "HDR1", "HDR2", "UHL1", "99", "99", "17", "EOF1", "EOF2", "UTL1"]);
  });

  it("VOL1: serial 5–10, service user number 42–47, label standard 80", () => {
    const v = lines[0]!;
    expect(at(v, 1, 4)).toBe("VOL1");
    expect(at(v, 5, 10)).toBe("000042");
    expect(at(v, 11, 41)).toBe(" ".repeat(31));
    expect(at(v, 42, 47)).toBe("123456");
    expect(at(v, 48, 79)).toBe(" ".repeat(32));
    expect(at(v, 80, 80)).toBe("1");
  });

  it("HDR1 (and EOF1, the same after the label): file id, set id, section, sequence, creation and expiry dates, block count", () => {
    for (const [h, label] of [[lines[1]!, "HDR1"], [lines[7]!, "EOF1"]] as const) {
      expect(at(h, 1, 4)).toBe(label);
      expect(at(h, 5, 21)).toBe("A123456S  1123456");
      expect(at(h, 22, 27)).toBe("000042");
      expect(at(h, 28, 31)).toBe("0001");
      expect(at(h, 32, 35)).toBe("0001");
      expect(at(h, 36, 41)).toBe("      ");
      expect(at(h, 42, 47)).toBe(" 26341"); // 7 December 2026 is day 341
      expect(at(h, 48, 53)).toBe(" 26341");
      expect(at(h, 54, 54)).toBe(" ");
      expect(at(h, 55, 60)).toBe("000000");
      expect(at(h, 61, 80)).toBe(" ".repeat(20));
    }
  });

  it("HDR2 (and EOF2): fixed records of 100 in blocks of 2000, buffer offset 00", () => {
    for (const [h, label] of [[lines[2]!, "HDR2"], [lines[8]!, "EOF2"]] as const) {
      expect(at(h, 1, 4)).toBe(label);
      expect(at(h, 5, 5)).toBe("F");
      expect(at(h, 6, 10)).toBe("02000");
      expect(at(h, 11, 15)).toBe("00100");
      expect(at(h, 16, 50)).toBe(" ".repeat(35));
      expect(at(h, 51, 52)).toBe("00");
      expect(at(h, 53, 80)).toBe(" ".repeat(28));
    }
  });

  it("UHL1: the processing day as Julian ' YYDDD', receiving party, currency, country, work code, file number", () => {
    const u = lines[3]!;
    expect(at(u, 1, 4)).toBe("UHL1");
    expect(at(u, 5, 10)).toBe(" 26342");
    expect(at(u, 11, 20)).toBe("999999    ");
    expect(at(u, 21, 22)).toBe("00");
    expect(at(u, 23, 28)).toBe("000000");
    expect(at(u, 29, 37)).toBe("1 DAILY  ");
    expect(at(u, 38, 40)).toBe("001");
    expect(at(u, 41, 80)).toBe(" ".repeat(40));
  });

  it("a payment record: every field at its position", () => {
    const r = lines[4]!;
    expect(at(r, 1, 6)).toBe("089999"); // destination sort code
    expect(at(r, 7, 14)).toBe("66374958"); // destination account
    expect(at(r, 15, 15)).toBe("0"); // account type
    expect(at(r, 16, 17)).toBe("99"); // transaction code: direct credit
    expect(at(r, 18, 23)).toBe("200000"); // originating sort code
    expect(at(r, 24, 31)).toBe("55555555"); // originating account
    expect(at(r, 32, 35)).toBe("    "); // free format / RTI
    expect(at(r, 36, 46)).toBe("00000012550"); // £125.50 in pence, 11 digits
    expect(at(r, 47, 64)).toBe("HACKWELL COUNCIL  "); // service user name
    expect(at(r, 65, 82)).toBe("HKW-2026-000123   "); // reference
    expect(at(r, 83, 100)).toBe("AYSE YILMAZ       "); // payee: accents stripped, upper case
    // Names and references are cut to 18 characters and lose what Bacs does not allow.
    expect(at(lines[5]!, 65, 82)).toBe("HKW-2026-000124/1 ");
    expect(at(lines[5]!, 83, 100)).toBe("LIAM OCONNOR-SMITH");
  });

  it("the contra: transaction code 17, the total, to and from the originator's own account", () => {
    const c = lines[6]!;
    expect(at(c, 1, 6)).toBe("200000");
    expect(at(c, 7, 14)).toBe("55555555");
    expect(at(c, 15, 15)).toBe("0");
    expect(at(c, 16, 17)).toBe("17");
    expect(at(c, 18, 23)).toBe("200000");
    expect(at(c, 24, 31)).toBe("55555555");
    expect(at(c, 36, 46)).toBe("00000016550"); // 12550 + 4000
    expect(at(c, 47, 64)).toBe("HACKWELL COUNCIL  ");
    expect(at(c, 65, 82)).toBe("CONTRA            ");
    expect(at(c, 83, 100)).toBe("HACKWELL CRISIS FU");
  });

  it("UTL1: debit and credit totals (13 digits) and counts (7 digits)", () => {
    const t = lines[9]!;
    expect(at(t, 1, 4)).toBe("UTL1");
    expect(at(t, 5, 17)).toBe("0000000016550"); // debits: the contra
    expect(at(t, 18, 30)).toBe("0000000016550"); // credits: the payments
    expect(at(t, 31, 37)).toBe("0000001");
    expect(at(t, 38, 44)).toBe("0000002");
    expect(at(t, 45, 80)).toBe(" ".repeat(36));
  });

  it("reads back (tests/support/standard18-reader.ts): every count and total adds up", () => {
    const read = readStandard18(file);
    expect(read).toMatchObject({ serviceUserNumber: "123456", volumeSerial: "000042", creationDate: "2026-12-07", processingDay: "2026-12-08" });
    expect(read.credits.map((c) => [c.destinationSortCode, c.destinationAccount, c.amountPence])).toEqual([
      ["089999", "66374958", 12550n],
      ["107999", "88837491", 4000n],
    ]);
    expect(read.trailer).toEqual({ debitTotal: 16550n, creditTotal: 16550n, debitCount: 1, creditCount: 2 });
  });

  it("reads back a large file to the penny: 5,000 lines of odd amounts", () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ sortCode: "089999", accountNumber: "66374958", amountPence: BigInt(1 + ((i * 7919) % 250_000)), payeeName: `Person ${i}`, reference: `REF-${String(i).padStart(6, "0")}` }));
    const read = readStandard18(writeStandard18({ ...INPUT, lines: many }));
    const total = many.reduce((s, l) => s + l.amountPence, 0n);
    expect(read.trailer).toEqual({ debitTotal: total, creditTotal: total, debitCount: 1, creditCount: 5000 });
    expect(read.contras[0]!.amountPence).toBe(total);
  });

  it("without a contra (a bank whose software adds its own): no debit, the credits still total", () => {
    const read = readStandard18(writeStandard18({ ...INPUT, contra: false }));
    expect(read.contras).toEqual([]);
    expect(read.trailer).toEqual({ debitTotal: 0n, creditTotal: 16550n, debitCount: 0, creditCount: 2 });
  });

  it("the reader notices a file that does not add up", () => {
    const broken = file.replace("00000004000HACKWELL", "00000004001HACKWELL");
    expect(() => readStandard18(broken)).toThrow(/credit total/);
    expect(() => readStandard18(file.replaceAll("\r\n", "\n"))).toThrow(/CR LF/);
  });

  it("refuses what a bank would refuse, naming every problem, and writes nothing", () => {
    const bad = () =>
      writeStandard18({
        ...INPUT,
        serviceUserNumber: "12345",
        processingDay: "2026-12-25",
        lines: [
          { sortCode: "0899", accountNumber: "66374958", amountPence: 100n, payeeName: "A", reference: "R1" },
          { sortCode: "089999", accountNumber: "663749", amountPence: 0n, payeeName: "אברהם", reference: "R2" },
        ],
      });
    expect(bad).toThrow(Standard18Error);
    try {
      bad();
    } catch (e) {
      expect((e as Standard18Error).problems).toEqual([
        "the service user number must be 6 digits",
        "the processing day 2026-12-25 is not a working day",
        "line 1: the sort code must be 6 digits",
        "line 2: the account number must be 8 digits (standardise it first)",
        "line 2: the amount must be 1p to £999,999,999.99",
        "line 2: the payee name has no characters Bacs allows",
      ]);
    }
    expect(() => writeStandard18({ ...INPUT, lines: [] })).toThrow(/no payments/);
  });
});

describe("Bacs characters, dates and processing days", () => {
  it("reduces text to A–Z 0–9 . & / - and space, upper case, 18 characters", () => {
    expect(bacsText("Ayşe Yılmaz")).toBe("AYSE YILMAZ");
    expect(bacsText("Łukasz Wójcik-Żak")).toBe("LUKASZ WOJCIK-ZAK");
    expect(bacsText("José María Núñez")).toBe("JOSE MARIA NUNEZ");
    expect(bacsText("Françoise d'Aubigné")).toBe("FRANCOISE DAUBIGNE");
    expect(bacsText("Strauß & Søn")).toBe("STRAUSS & SON");
    expect(bacsText("A\tB  \n C")).toBe("A B C");
    expect(bacsText('Smith "Jr" (ref #12)!')).toBe("SMITH JR REF 12");
    expect(bacsText("Abcdefghijklmnopqrstuvwxyz")).toBe("ABCDEFGHIJKLMNOPQR");
    expect(bacsText("ABCDEFGHIJKLMNOPQ RST")).toBe("ABCDEFGHIJKLMNOPQ"); // no trailing space once cut
    expect(bacsText("রহিম")).toBe("");
    expect(bacsText("x".repeat(40), 10)).toBe("XXXXXXXXXX");
  });

  it("writes Julian dates ' YYDDD'", () => {
    expect(bacsJulian("2026-01-01")).toBe(" 26001");
    expect(bacsJulian("2026-12-31")).toBe(" 26365");
    expect(bacsJulian("2028-12-31")).toBe(" 28366");
    expect(bacsJulian("2028-03-01")).toBe(" 28061");
  });

  it("picks the processing day: the working day after the input day, over weekends and bank holidays", () => {
    expect(nextBacsProcessingDay(new Date("2026-12-07T09:00:00Z"))).toBe("2026-12-08"); // Monday → Tuesday
    expect(nextBacsProcessingDay(new Date("2026-12-04T09:00:00Z"))).toBe("2026-12-07"); // Friday → Monday
    expect(nextBacsProcessingDay(new Date("2026-12-05T09:00:00Z"))).toBe("2026-12-08"); // Saturday: input Monday
    expect(nextBacsProcessingDay(new Date("2026-12-24T09:00:00Z"))).toBe("2026-12-29"); // Christmas, Boxing Day (Monday 28th)
    // 23:30 on Thursday 25 March 2027 in London: input that day; Good Friday (26th) and Easter Monday (29th) are not working days.
    expect(nextBacsProcessingDay(new Date("2027-03-25T23:30:00Z"))).toBe("2027-03-30");
    // 23:30 UTC on Wednesday 31 March 2027 is already Thursday 1 April in London (BST): input Thursday, processing Friday.
    expect(nextBacsProcessingDay(new Date("2027-03-31T23:30:00Z"))).toBe("2027-04-02");
  });
});

describe("bank CSV (lib/banking/bank-csv.ts)", () => {
  it("has the header, pounds to 2 places, Bacs characters and CR LF rows", () => {
    const csv = writeBankCsv(INPUT.lines);
    expect(csv).toBe(`${BANK_CSV_HEADER.join(",")}\r\n089999,66374958,AYSE YILMAZ,125.50,HKW-2026-000123\r\n107999,88837491,LIAM OCONNOR-SMITH,40.00,HKW-2026-000124/1\r\n`);
    expect(fs.readFileSync(path.join(import.meta.dirname, "fixtures/bacs/hackwell-two-payments.csv"), "latin1")).toBe(csv);
  });

  it("escapes fields, and never starts one with a formula character", () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line\r\nbreak")).toBe('"line\r\nbreak"');
    expect(csvField("plain")).toBe("plain");
    const csv = writeBankCsv([{ sortCode: "089999", accountNumber: "66374958", amountPence: 1n, payeeName: "=cmd|' /C calc'!A0", reference: "-2+3" }]);
    expect(csv.split("\r\n")[1]).toBe("089999,66374958,CMD /C CALCA0,0.01,2&3");
  });
});

describe("masking (lib/banking/mask.ts)", () => {
  it("shows the last 4 digits of an account and the last 2 of a sort code", () => {
    expect(maskAccount("12345678")).toBe("••••5678");
    expect(maskAccount("1234-5678")).toBe("••••5678");
    expect(maskAccount("123456")).toBe("••••3456");
    expect(maskAccount("1234")).toBe("••••");
    expect(maskAccount("")).toBe("••••");
    expect(maskSortCode("30-94-30")).toBe("••-••-30");
    expect(maskSortCode("309430")).toBe("••-••-30");
    expect(maskSortCode("30")).toBe("••-••-••");
  });
});
