// Reading a council's list of households (lib/outreach/csv.ts): CSV parsing, the guessed mapping,
// mapping problems, and every row check with its reason. Pure.
import { describe, expect, it } from "vitest";
import { checkFile, checkRow, guessMapping, mappingProblems, naturalKeyOf, parseCsv, parseDateOfBirth, parseLanguage } from "@/lib/outreach/csv";
import { prefilledAnswers } from "@/lib/outreach/invitations";
import { fontFor, fontRuns } from "@/lib/outreach/letters";

const TODAY = "2026-12-06";

describe("parseCsv", () => {
  it("reads quotes, doubled quotes, commas and new lines inside quotes, CRLF and a byte order mark", () => {
    const parsed = parseCsv('\ufeffName,Address\r\n"Smith, Jo","1 ""The"" Street\nFlat 2"\r\n\r\nAli,2 Road\n');
    expect(parsed).toEqual({ headers: ["Name", "Address"], rows: [["Smith, Jo", '1 "The" Street\nFlat 2'], ["Ali", "2 Road"]] });
  });

  it("says what is wrong with a file it cannot read", () => {
    expect(parseCsv("")).toEqual({ problem: "empty" });
    expect(parseCsv("Name,DOB\n")).toEqual({ problem: "no-rows" });
    expect(parseCsv('Name\n"never closed')).toEqual({ problem: "unbalanced-quotes" });
    expect(parseCsv("Name,name\nx,y")).toEqual({ problem: "duplicate-headers", detail: "name" });
    expect(parseCsv("Name\na\nb\nc", 2)).toEqual({ problem: "too-many-rows" });
  });
});

describe("mapping", () => {
  it("guesses each field from common headings, each heading used once", () => {
    expect(guessMapping(["Claimant Name", "D.O.B.", "Address Line 1", "Address 2", "Town", "Post Code", "E-mail", "Telephone", "Reason", "Preferred language"])).toEqual({
      fullName: "Claimant Name",
      dateOfBirth: "D.O.B.",
      line1: "Address Line 1",
      line2: "Address 2",
      town: "Town",
      postcode: "Post Code",
      email: "E-mail",
      mobile: "Telephone",
      reason: "Reason",
      language: "Preferred language",
    });
  });

  it("refuses a required field left out, an unknown heading and a heading used twice", () => {
    const headers = ["Name", "DOB", "Addr", "PC"];
    expect(mappingProblems({ fullName: "Name", dateOfBirth: "DOB", line1: "Addr", postcode: "PC" }, headers)).toEqual([]);
    expect(mappingProblems({ fullName: "Name", dateOfBirth: "DOB", line1: "Addr" }, headers).map((p) => p.field)).toEqual(["postcode"]);
    expect(mappingProblems({ fullName: "Name", dateOfBirth: "DOB", line1: "Addr", postcode: "Postcode" }, headers)[0]!.message).toContain('no column called "Postcode"');
    expect(mappingProblems({ fullName: "Name", dateOfBirth: "DOB", line1: "Addr", postcode: "PC", town: "Addr" }, headers)[0]).toMatchObject({ field: "town" });
  });
});

describe("rows", () => {
  const headers = ["Name", "DOB", "Line1", "Town", "Postcode", "Email", "Mobile", "Lang"];
  const mapping = { fullName: "Name", dateOfBirth: "DOB", line1: "Line1", town: "Town", postcode: "Postcode", email: "Email", mobile: "Mobile", language: "Lang" };
  const row = (over: Partial<Record<string, string>> = {}) => headers.map((h) => over[h] ?? { Name: "Ayşe  Yılmaz", DOB: "07/03/1988", Line1: "14 Mare St", Town: "London", Postcode: "e83ab", Email: "A@Example.com", Mobile: "07700 900982", Lang: "Türkçe" }[h]!);

  it("normalises a good row as the application would, with its natural key and match keys", () => {
    const r = checkRow(row(), 2, headers, mapping, TODAY);
    expect(r).toMatchObject({ ok: true, value: { fullName: "Ayşe Yılmaz", dateOfBirth: "1988-03-07", postcode: "E8 3AB", email: "a@example.com", mobile: "+447700900982", locale: "tr", naturalKey: "ayse yilmaz|1988-03-07|E83AB" } });
    if (r.ok) expect(r.value.keys).toMatchObject({ nameKey: "ayse yilmaz", emailKey: "a@example.com", phoneKey: "07700900982", addressKey: "E83AB|14 mare st" });
  });

  it("gives every problem of a row, field by field", () => {
    const r = checkRow(row({ Name: "", DOB: "31/02/1988", Postcode: "nowhere", Email: "not@", Mobile: "0123" }), 7, headers, mapping, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.rowNumber, p.field])).toEqual([[7, "fullName"], [7, "dateOfBirth"], [7, "postcode"], [7, "email"], [7, "mobile"]]);
    const future = checkRow(row({ DOB: "2030-01-01" }), 3, headers, mapping, TODAY);
    expect(!future.ok && future.problems[0]!.message).toContain("future");
    const short = checkRow(["Only", "two"], 4, headers, mapping, TODAY);
    expect(!short.ok && short.problems[0]!.message).toContain("2 columns but the header has 8");
  });

  it("writes in English when the language is not one we write in, without calling the row invalid", () => {
    const r = checkRow(row({ Lang: "Somali" }), 2, headers, mapping, TODAY);
    expect(r.ok && r.value.locale).toBe("en");
  });

  it("keeps one of two rows for the same household in one file, and says which", () => {
    const checked = checkFile({ headers, rows: [row(), row({ Name: "AYSE YILMAZ", Postcode: "E8 3AB" })] }, mapping, TODAY);
    expect(checked.valid).toHaveLength(1);
    expect(checked.problems).toEqual([{ rowNumber: 3, field: null, message: "The same household as row 2 (same name, date of birth and postcode)", value: "" }]);
  });

  it("reads dates and languages as councils write them", () => {
    expect(["1988-03-07", "7/3/1988", "07-03-1988", "07.03.1988"].map(parseDateOfBirth)).toEqual(Array(4).fill("1988-03-07"));
    expect(parseDateOfBirth("1988/13/01")).toBeNull();
    expect(["tr", "TR-tr", "Turkish", "türkçe", "yi", "Yiddish", "ייִדיש", "Bengali", "bangla", "pl_PL", "xx", ""].map(parseLanguage)).toEqual(["tr", "tr", "tr", "tr", "yi", "yi", "yi", "bn", "bn", "pl", null, null]);
    expect(naturalKeyOf({ fullName: "Jo  O'Brien", dateOfBirth: "1970-01-01", postcode: "e8 3ab" })).toBe("jo o brien|1970-01-01|E83AB");
  });
});

describe("pre-filling and letters", () => {
  it("pre-fills only answers the application's own pages accept, never consent", () => {
    const held = { fullName: "Kwame Mensah", dateOfBirth: "1979-05-04", email: "k@example.com", mobile: null, locale: "en", postcode: "E8 3AB", line1: "14 Mare Street", line2: null, town: "London" };
    expect(prefilledAnswers(held)).toEqual({
      "full-name": { fullName: "Kwame Mensah" },
      "date-of-birth": { "dateOfBirth-day": "4", "dateOfBirth-month": "5", "dateOfBirth-year": "1979" },
      contact: { email: "k@example.com", mobile: "" },
      language: { preferredLanguage: "en" },
      postcode: { postcode: "E8 3AB" },
      address: { address: "manual" },
      "address-manual": { line1: "14 Mare Street", line2: "", town: "London" },
    });
    // No town: the address pages are left for the resident; no contact: the contact page too.
    const partial = prefilledAnswers({ ...held, town: null, email: null });
    expect(Object.keys(partial)).toEqual(["full-name", "date-of-birth", "language", "postcode"]);
  });

  it("sets each script in the font that has it", () => {
    expect(["a", "ı", "ş", "ł", "ব", "א", "„"].map(fontFor)).toEqual(["latin", "latin", "latinExt", "latinExt", "bengali", "hebrew", "latin"]);
    expect(fontRuns("Dear Łukasz, שלום 12")).toEqual([
      { font: "latin", text: "Dear " },
      { font: "latinExt", text: "Ł" },
      { font: "latin", text: "ukasz, " },
      { font: "hebrew", text: "שלום " },
      { font: "latin", text: "12" },
    ]);
  });
});
