// Duplicate matching (issue 18): the one set of normalisers (lib/cases/same-person.ts) and the
// keyed bank-account hash (lib/security/crypto.ts). Pure.
import { beforeAll, describe, expect, it } from "vitest";
import { addressKey, duplicateReasons, matchKeysOf, normaliseEmail, normaliseName, normalisePhone, normalisePostcode } from "@/lib/cases/same-person";

let bankMatchHash: typeof import("@/lib/security/crypto").bankMatchHash;
beforeAll(async () => {
  process.env.APP_DATABASE_URL ??= "postgresql://u@h/db";
  process.env.AUTH_SECRET ??= "x".repeat(32);
  process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 3).toString("base64");
  ({ bankMatchHash } = await import("@/lib/security/crypto"));
});

const person = (over: Partial<Parameters<typeof matchKeysOf>[0]> = {}) =>
  matchKeysOf({ fullName: "Ayşe Yılmaz", dateOfBirth: "1988-03-07", email: "ayse@example.com", mobile: "07700 900982", postcode: "E8 1DY", line1: "Flat 2, 14 Mare Street", bankHash: null, ...over });

describe("names", () => {
  it("ignore case, accents, punctuation and spacing", () => {
    expect(normaliseName("  AYŞE  yilmaz ")).toBe("ayse yilmaz");
    expect(normaliseName("Ayşe Yılmaz")).toBe(normaliseName("AYSE YILMAZ"));
    expect(normaliseName("Siobhán O'Brien-Kelly")).toBe("siobhan o brien kelly");
    expect(normaliseName("Zoë   Łukasz")).toBe("zoe łukasz".normalize("NFKD").replace(/\p{M}/gu, ""));
    expect(normaliseName("José.García")).toBe("jose garcia");
  });
  it("match only with the same date of birth", () => {
    expect(duplicateReasons(person(), person({ fullName: "AYSE  YILMAZ", email: null, mobile: null, postcode: "N1 1AA", line1: "1 Other Road" }))).toEqual(["name-dob"]);
    expect(duplicateReasons(person(), person({ dateOfBirth: "1988-03-08", email: null, mobile: null, postcode: "N1 1AA", line1: "1 Other Road" }))).toEqual([]);
  });
});

describe("contact details", () => {
  it("phones: +44, 0044 and 0 are the same number, spaces and dashes ignored", () => {
    for (const p of ["+44 7700 900982", "0044 7700 900982", "07700-900-982", "(07700) 900982", "447700900982"]) expect(normalisePhone(p)).toBe("07700900982");
    expect(normalisePhone("12345")).toBeNull();
    expect(normalisePhone(null)).toBeNull();
  });
  it("emails: case and spaces ignored", () => {
    expect(normaliseEmail("  Ayse@Example.COM ")).toBe("ayse@example.com");
    expect(normaliseEmail(" ")).toBeNull();
  });
  it("match on email or phone alone", () => {
    const other = { fullName: "Someone Else", dateOfBirth: "1970-01-01", postcode: "N1 1AA", line1: "1 Other Road" };
    expect(duplicateReasons(person(), person({ ...other, email: "AYSE@example.com ", mobile: null }))).toEqual(["email"]);
    expect(duplicateReasons(person(), person({ ...other, email: null, mobile: "+447700900982" }))).toEqual(["phone"]);
  });
});

describe("addresses", () => {
  it("postcodes with any spacing or case are the same", () => {
    expect(normalisePostcode("e8 1dy")).toBe("E81DY");
    expect(normalisePostcode(" E81DY ")).toBe("E81DY");
    expect(addressKey("e8  1dy", "Flat 2, 14 Mare Street")).toBe(addressKey("E81DY", "flat 2 14 mare street"));
  });
  it("the same postcode with another first line is another address", () => {
    expect(addressKey("E8 1DY", "Flat 2, 14 Mare Street")).not.toBe(addressKey("E8 1DY", "Flat 3, 14 Mare Street"));
    const neighbour = person({ fullName: "Sam Other", dateOfBirth: "1990-01-01", email: null, mobile: null, line1: "Flat 3, 14 Mare Street" });
    expect(duplicateReasons(person(), neighbour)).toEqual([]);
    expect(duplicateReasons(person(), { ...neighbour, addressKey: person().addressKey })).toEqual(["address"]);
  });
});

describe("bank accounts", () => {
  it("the same account gives the same hash, however it is typed", () => {
    const a = bankMatchHash({ sortCode: "30-94-30", accountNumber: "00733445" });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(bankMatchHash({ sortCode: "309430", accountNumber: "00733445" })).toBe(a);
    expect(bankMatchHash({ sortCode: "30 94 30", accountNumber: "733445" })).toBe(a);
    expect(bankMatchHash({ sortCode: "30-94-31", accountNumber: "00733445" })).not.toBe(a);
    expect(bankMatchHash({ sortCode: "30-94-30", accountNumber: "00733446" })).not.toBe(a);
  });
  it("is keyed: another key gives another hash, and it is not a plain hash of the digits", async () => {
    const acct = { sortCode: "30-94-30", accountNumber: "00733445" };
    const one = bankMatchHash(acct, Buffer.from("k".repeat(32)));
    const two = bankMatchHash(acct, Buffer.from("j".repeat(32)));
    expect(one).not.toBe(two);
    expect(bankMatchHash(acct, Buffer.from("k".repeat(32)))).toBe(one);
    const { createHash } = await import("node:crypto");
    expect([one, two, bankMatchHash(acct)]).not.toContain(createHash("sha256").update("309430:00733445").digest("hex"));
  });
  it("matches on the hash alone", () => {
    const h = "a".repeat(64);
    expect(duplicateReasons(person({ bankHash: h }), person({ fullName: "X Y", dateOfBirth: "1970-01-01", email: null, mobile: null, line1: "9 Far Away", postcode: "N1 1AA", bankHash: h }))).toEqual(["bank"]);
  });
});

describe("all the reasons, strongest first", () => {
  it("says every key that matched", () => {
    const h = "b".repeat(64);
    expect(duplicateReasons(person({ bankHash: h }), person({ fullName: "AYSE YILMAZ", email: "Ayse@example.com", mobile: "+44 7700 900982", postcode: "e81dy", line1: "FLAT 2 14 MARE STREET", bankHash: h }))).toEqual(["name-dob", "bank", "email", "phone", "address"]);
  });
});
