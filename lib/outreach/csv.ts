// Reading a council's list of households (CSV): the file's rows, how its columns map to our
// fields, and what is wrong with each row, before anything is imported. Pure: no database, no
// server-only imports, unit-tested (tests/unit/outreach-csv.test.ts). The normalisers are the
// application's own (lib/applications/formats.ts, lib/cases/same-person.ts), so a household from
// a list is matched and pre-filled exactly as if the resident had typed it.
import { z } from "zod";
import { normalisePostcode, normaliseUkMobile } from "@/lib/applications/formats";
import { matchKeysOf, normaliseName, normalisePostcode as compactPostcode, type TMatchKeys } from "@/lib/cases/same-person";
import { parseDateParts } from "@/lib/forms/dates";
import { LOCALE_TABLE, type TLocale } from "@/lib/i18n/locales";

/** The most rows one file may have (the import is chunked; the preview lists problems by row). */
export const MAX_ROWS = 200_000;
/** The largest file accepted (about 350 bytes a row for 100,000 rows, with room to spare). */
export const MAX_FILE_BYTES = 40 * 1024 * 1024;

/** Our fields, in the order the mapping form asks for them. */
export const OUTREACH_FIELDS = ["fullName", "dateOfBirth", "line1", "line2", "town", "postcode", "email", "mobile", "reason", "language"] as const;
export type TOutreachField = (typeof OUTREACH_FIELDS)[number];
export const REQUIRED_FIELDS: readonly TOutreachField[] = ["fullName", "dateOfBirth", "line1", "postcode"];

export const FIELD_LABELS: Record<TOutreachField, string> = {
  fullName: "Full name",
  dateOfBirth: "Date of birth",
  line1: "Address line 1",
  line2: "Address line 2",
  town: "Town or city",
  postcode: "Postcode",
  email: "Email address",
  mobile: "Mobile number",
  reason: "Reason (why the council is reaching out)",
  language: "Preferred language",
};

/** Header spellings recognised for each field (compared lower case, letters and digits only). */
const SYNONYMS: Record<TOutreachField, readonly string[]> = {
  fullName: ["name", "fullname", "residentname", "claimantname", "householdname", "leadname"],
  dateOfBirth: ["dateofbirth", "dob", "birthdate", "birthday"],
  line1: ["address", "addressline1", "address1", "line1", "street", "firstline", "addr1"],
  line2: ["addressline2", "address2", "line2", "addr2"],
  town: ["town", "city", "towncity", "addressline3", "address3", "locality"],
  postcode: ["postcode", "postalcode", "zip", "pcode", "postcodes"],
  email: ["email", "emailaddress", "mail"],
  mobile: ["mobile", "mobilenumber", "phone", "telephone", "phonenumber", "tel", "mobilephone"],
  reason: ["reason", "why", "reasonforcontact", "source", "note", "notes", "arrearsreason"],
  language: ["language", "preferredlanguage", "lang", "locale", "spokenlanguage"],
};

export type TMapping = Partial<Record<TOutreachField, string>>;

export type TParsedCsv = { headers: string[]; rows: string[][] } | { problem: "empty" | "no-rows" | "too-many-rows" | "unbalanced-quotes" | "duplicate-headers"; detail?: string };

/**
 * RFC 4180 CSV: commas, double quotes ("" inside quotes), CRLF or LF line ends, a byte order mark
 * at the start ignored. Blank lines are skipped. The first row is the header. `headerOnly`: stop
 * after the header row (the upload reads only that; the check job reads the rest), rows empty.
 */
export function parseCsv(text: string, maxRows: number = MAX_ROWS, options: { headerOnly?: boolean } = {}): TParsedCsv {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = "";
    if (!(record.length === 1 && record[0]!.trim() === "")) records.push(record);
    record = [];
  };
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
      if (options.headerOnly && records.length) break;
      if (records.length > maxRows + 1) return { problem: "too-many-rows" };
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) return { problem: "unbalanced-quotes" };
  if (field !== "" || record.length) endRecord();
  if (!records.length) return { problem: "empty" };
  const headers = records[0]!.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of headers) {
    if (h && seen.has(h.toLowerCase())) return { problem: "duplicate-headers", detail: h };
    seen.add(h.toLowerCase());
  }
  if (options.headerOnly) return { headers, rows: [] };
  const rows = records.slice(1);
  if (!rows.length) return { problem: "no-rows" };
  if (rows.length > maxRows) return { problem: "too-many-rows" };
  return { headers, rows };
}

const squash = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The mapping we suggest from the file's headers: each field to the first header that is one of its spellings. */
export function guessMapping(headers: readonly string[]): TMapping {
  const mapping: TMapping = {};
  const taken = new Set<string>();
  for (const f of OUTREACH_FIELDS) {
    const found = headers.find((h) => !taken.has(h) && SYNONYMS[f].includes(squash(h)));
    if (found) {
      mapping[f] = found;
      taken.add(found);
    }
  }
  return mapping;
}

/** What is wrong with a mapping itself (before any row is looked at): a required field unmapped, a header used twice or unknown. */
export function mappingProblems(mapping: TMapping, headers: readonly string[]): { field: TOutreachField; message: string }[] {
  const problems: { field: TOutreachField; message: string }[] = [];
  const used = new Map<string, TOutreachField>();
  for (const f of OUTREACH_FIELDS) {
    const h = mapping[f];
    if (!h) {
      if (REQUIRED_FIELDS.includes(f)) problems.push({ field: f, message: `Choose the column that holds the ${FIELD_LABELS[f].toLowerCase()}` });
      continue;
    }
    if (!headers.includes(h)) problems.push({ field: f, message: `The file has no column called "${h}"` });
    else if (used.has(h)) problems.push({ field: f, message: `The column "${h}" is already used for ${FIELD_LABELS[used.get(h)!].toLowerCase()}: choose another` });
    else used.set(h, f);
  }
  return problems;
}

/** The mapping form's values → a mapping ("" = not in the file). */
export const ZMappingForm = z.strictObject(Object.fromEntries(OUTREACH_FIELDS.map((f) => [f, z.string().max(200).default("")])) as Record<TOutreachField, z.ZodDefault<z.ZodString>>);
export function mappingFromForm(form: z.output<typeof ZMappingForm>): TMapping {
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== "")) as TMapping;
}

/** A valid row, normalised: what is stored and pre-filled. */
export type THouseholdRow = {
  rowNumber: number;
  fullName: string;
  dateOfBirth: string;
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  email: string | null;
  mobile: string | null;
  reason: string | null;
  locale: TLocale;
  naturalKey: string;
  keys: TMatchKeys;
};
export type TRowProblem = { rowNumber: number; field: TOutreachField | null; message: string; value: string };

/** "2026-04-01", "01/04/1980", "1/4/1980", "01-04-1980", "01.04.1980" → ISO; null when not a real date. */
export function parseDateOfBirth(input: string): string | null {
  const v = input.trim();
  let parts: { day: string; month: string; year: string } | null = null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) parts = { year: m[1]!, month: m[2]!, day: m[3]! };
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) parts = { day: m[1]!, month: m[2]!, year: m[3]! };
  if (!parts) return null;
  const parsed = parseDateParts(parts);
  return parsed.ok ? parsed.iso : null;
}

const ENGLISH_NAMES: Record<TLocale, string> = { en: "english", tr: "turkish", pl: "polish", es: "spanish", fr: "french", bn: "bengali", yi: "yiddish" };

/** A language as a council might write it: a code ("tr", "tr-TR"), its English name ("Turkish") or its own ("Türkçe"). */
export function parseLanguage(input: string): TLocale | null {
  const v = input.trim().toLocaleLowerCase();
  if (!v) return null;
  const code = /^([a-z]{2})(?:[-_][a-z]{2})?$/.exec(v)?.[1];
  const found = LOCALE_TABLE.find((l) => l.code === code || ENGLISH_NAMES[l.code] === v || l.name.toLocaleLowerCase() === v || (l.code === "bn" && v === "bangla"));
  return found ? found.code : null;
}

/** The household's key across files: the same person at the same postcode is one household. */
export function naturalKeyOf(row: { fullName: string; dateOfBirth: string; postcode: string }): string {
  return `${normaliseName(row.fullName)}|${row.dateOfBirth}|${compactPostcode(row.postcode)}`;
}

const EMAIL = z.email();
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** One row against a mapping: the household, or every problem with it (field by field). */
export function checkRow(row: readonly string[], rowNumber: number, headers: readonly string[], mapping: TMapping, today: string): { ok: true; value: THouseholdRow } | { ok: false; problems: TRowProblem[] } {
  const index = new Map(headers.map((h, i) => [h, i]));
  const get = (f: TOutreachField) => {
    const h = mapping[f];
    const i = h === undefined ? undefined : index.get(h);
    return i === undefined ? "" : (row[i] ?? "").trim();
  };
  const problems: TRowProblem[] = [];
  const problem = (field: TOutreachField | null, message: string, value = "") => problems.push({ rowNumber, field, message, value: value.slice(0, 80) });
  if (row.length !== headers.length) problem(null, `The row has ${row.length} ${row.length === 1 ? "column" : "columns"} but the header has ${headers.length}`);
  const text = (f: TOutreachField, max: number, required: boolean): string | null => {
    const v = get(f);
    if (!v) {
      if (required) problem(f, `${FIELD_LABELS[f]} is missing`);
      return null;
    }
    if (CONTROL.test(v)) problem(f, `${FIELD_LABELS[f]} has characters that cannot be printed`, v);
    else if (v.length > max) problem(f, `${FIELD_LABELS[f]} is longer than ${max} characters`, v);
    return v.replace(/\s+/g, " ");
  };
  const fullName = text("fullName", 200, true);
  const dobRaw = get("dateOfBirth");
  let dateOfBirth: string | null = null;
  if (!dobRaw) problem("dateOfBirth", "Date of birth is missing");
  else {
    dateOfBirth = parseDateOfBirth(dobRaw);
    if (!dateOfBirth) problem("dateOfBirth", "Date of birth is not a real date (write it as 31/01/1980 or 1980-01-31)", dobRaw);
    else if (dateOfBirth >= today) problem("dateOfBirth", "Date of birth is in the future", dobRaw);
    else if (dateOfBirth < "1900-01-01") problem("dateOfBirth", "Date of birth is before 1900", dobRaw);
  }
  const line1 = text("line1", 100, true);
  const line2 = text("line2", 100, false);
  const town = text("town", 60, false);
  const postcodeRaw = get("postcode");
  const postcode = postcodeRaw ? normalisePostcode(postcodeRaw) : null;
  if (!postcodeRaw) problem("postcode", "Postcode is missing");
  else if (!postcode) problem("postcode", "Postcode is not a full UK postcode", postcodeRaw);
  const emailRaw = get("email");
  const email = emailRaw ? emailRaw.toLowerCase() : null;
  if (email && (email.length > 254 || !EMAIL.safeParse(email).success)) problem("email", "Email address is not valid", emailRaw);
  const mobileRaw = get("mobile");
  const mobile = mobileRaw ? normaliseUkMobile(mobileRaw) : null;
  if (mobileRaw && !mobile) problem("mobile", "Mobile number is not a UK mobile number", mobileRaw);
  const reason = text("reason", 200, false);
  const languageRaw = get("language");
  // A language we do not write in is not an error: the household is written to in English.
  const locale = parseLanguage(languageRaw) ?? "en";
  if (problems.length || !fullName || !dateOfBirth || !line1 || !postcode) return { ok: false, problems };
  const value = { rowNumber, fullName, dateOfBirth, line1, line2, town, postcode, email, mobile, reason, locale };
  return {
    ok: true,
    value: { ...value, naturalKey: naturalKeyOf(value), keys: matchKeysOf({ fullName, dateOfBirth, email, mobile, postcode, line1, bankHash: null }) },
  };
}

export type TCheckedFile = { valid: THouseholdRow[]; invalidRows: number; problems: TRowProblem[]; duplicatesInFile: number };

/**
 * Every row of a file against a mapping. A household that appears twice in the same file is
 * kept once (the later row is a problem, naming the earlier). `today` is London's date (ISO).
 */
export function checkFile(parsed: { headers: string[]; rows: string[][] }, mapping: TMapping, today: string): TCheckedFile {
  const checker = fileChecker(parsed.headers, mapping, today);
  checker.check(parsed.rows, 0, parsed.rows.length);
  return checker.result();
}

/**
 * checkFile in slices, for the background check that reports its progress between them: `check`
 * the rows [from, to) of the file's rows in order, then `result()` (the same as checkFile's).
 */
export function fileChecker(headers: readonly string[], mapping: TMapping, today: string) {
  const found: TCheckedFile = { valid: [], invalidRows: 0, problems: [], duplicatesInFile: 0 };
  const firstRowOf = new Map<string, number>();
  return {
    check(rows: readonly (readonly string[])[], from: number, to: number): void {
      for (let i = from; i < Math.min(to, rows.length); i++) {
        // Row numbers as a spreadsheet shows them: the header is row 1.
        const rowNumber = i + 2;
        const checked = checkRow(rows[i]!, rowNumber, headers, mapping, today);
        if (!checked.ok) {
          found.invalidRows++;
          found.problems.push(...checked.problems);
          continue;
        }
        const earlier = firstRowOf.get(checked.value.naturalKey);
        if (earlier !== undefined) {
          found.invalidRows++;
          found.duplicatesInFile++;
          found.problems.push({ rowNumber, field: null, message: `The same household as row ${earlier} (same name, date of birth and postcode)`, value: "" });
          continue;
        }
        firstRowOf.set(checked.value.naturalKey, rowNumber);
        found.valid.push(checked.value);
      }
    },
    result: (): TCheckedFile => found,
  };
}

/**
 * What the upload can tell without reading every row (so it returns at once): the number of
 * non-blank lines after the header (the rows, unless a quoted value spans lines: the check job
 * counts exactly), and whether the quote marks pair up (an odd number never does).
 */
export function quickLook(text: string): { lines: number; quotesPaired: boolean } {
  let lines = 0;
  let quotes = 0;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (!blank) lines++;
      blank = true;
    } else if (c === 34) {
      quotes++;
      blank = false;
    } else if (c !== 32 && c !== 9 && c !== 0xfeff) blank = false;
  }
  if (!blank) lines++;
  return { lines: Math.max(0, lines - 1), quotesPaired: quotes % 2 === 0 };
}

/** The words for a file that cannot be read at all. */
export function parseProblemMessage(p: Exclude<TParsedCsv, { headers: string[] }>): string {
  switch (p.problem) {
    case "empty":
      return "The file is empty";
    case "no-rows":
      return "The file has a header row but no households";
    case "too-many-rows":
      return `The file has more than ${MAX_ROWS.toLocaleString("en-GB")} rows: split it into smaller files`;
    case "unbalanced-quotes":
      return "The file has a quote mark (\") that is never closed: check it was saved as CSV";
    case "duplicate-headers":
      return `Two columns have the same heading ("${p.detail ?? ""}"): rename one`;
  }
}
