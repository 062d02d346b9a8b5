// A Bacs Standard 18 payment file (direct credits), as a council uploads to its bank's Bacs
// software (Bacstel-IP or a bureau). Pure: input → string; nothing is sent anywhere.
//
// Layout (one submission, one file, one originating account), each record fixed width:
//   VOL1, HDR1, HDR2, UHL1                 labels, 80 characters
//   one payment record per line            100 characters, transaction code 99 (direct credit)
//   one contra record                      100 characters, transaction code 17, the total, to the
//                                          originator's own account (it debits the council's account
//                                          for the credits above)
//   EOF1, EOF2, UTL1                       labels, 80 characters; UTL1 carries the totals and counts
// Records end with CR LF (also the last): Bacs software and bank upload tools read Standard 18 as
// Windows text, one record a line; a LF-only file is refused by several of them.
//
// Where the layout was checked (docs/payments.md "Bacs Standard 18"):
//  - HSBC, "Message Implementation Guide BACS Standard 18", August 2012 (sections VOL, HDR1, HDR2, UHL1,
//    standard records, contra record, EOF1, EOF2, UTL1), as mirrored at
//    https://idoc.pub/documents/hsbc-payment-pdf-for-bacs-wl1pjy1m19lj, and MYOB's description of the
//    file its HSBC plug-in writes from that guide ("Contra record: one record is added for the batch.
//    It includes the total of all payments."):
//    https://help.myob.com.au/advanced/Docs/Published/UserGuide/CA__CON_Settings_of_BACS_HSBC_Plug-In.html
//  - transaction code 17 "credit contra (debit record to balance credit records)", 99 "direct credit":
//    https://www.unifiedsoftware.co.uk/bacs-transaction-codes/
// The contra's own fields (narrative "CONTRA" as its reference, the originator's name as the account
// name) follow the usual practice in those guides; a council's bank may ask for something else there
// (e.g. no contra at all when its software adds one): that is one switch here, `contra: false`.
import { isWorkingDay, addWorkingDays, londonIsoDate, type TIsoDate } from "@/lib/calendar/working-days";
import { bacsText } from "@/lib/banking/bacs-text";

export { bacsText };

export type TStandard18Line = { sortCode: string; accountNumber: string; amountPence: bigint; payeeName: string; reference: string };
export type TStandard18Input = {
  /** The council's Bacs service user number (SUN), 6 digits. */
  serviceUserNumber: string;
  /** The name Bacs knows the council by; goes on every record (47–64). */
  serviceUserName: string;
  /** The council's account the payments are paid from. */
  originating: { sortCode: string; accountNumber: string; name: string };
  /** The Bacs processing day (day 2 of the 3-day cycle), YYYY-MM-DD: must be a working day. */
  processingDay: TIsoDate;
  /** The file's serial number (1–999999): VOL1 volume serial and HDR1 set identifier. */
  fileSerial: number;
  /** When the file was made (HDR1/EOF1 creation date, the London date). */
  creationDate: Date;
  lines: readonly TStandard18Line[];
  /** Write the contra record (default). */
  contra?: boolean;
};

export const CRLF = "\r\n";
export const LABEL_WIDTH = 80;
export const RECORD_WIDTH = 100;
/** The largest amount one record can carry: 11 digits of pence. */
export const MAX_RECORD_PENCE = 99_999_999_999n;

export class Standard18Error extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot write the Bacs file: ${problems.join("; ")}`);
  }
}

/** " YYDDD": a space, the year's last two digits and the day of the year (Bacs "Julian" date). */
export function bacsJulian(iso: TIsoDate): string {
  const day = new Date(`${iso}T12:00:00Z`);
  const start = Date.UTC(day.getUTCFullYear(), 0, 1, 12);
  const dayOfYear = Math.round((day.getTime() - start) / 86_400_000) + 1;
  return ` ${iso.slice(2, 4)}${String(dayOfYear).padStart(3, "0")}`;
}

/**
 * The Bacs processing day for a file made at `from`: the input day is the London date of `from` if it is
 * a working day (else the next one), and processing is the working day after it (Bacs's 3-day cycle:
 * input, processing, entry). Bank holidays in England and Wales come from lib/calendar.
 */
export function nextBacsProcessingDay(from: Date): TIsoDate {
  const today = londonIsoDate(from);
  const inputDay = isWorkingDay(today) ? today : addWorkingDays(today, 1);
  return addWorkingDays(inputDay, 1);
}

const digits = (v: string) => v.replace(/[\s-]/g, "");
const field = (text: string, width: number) => text.padEnd(width, " ").slice(0, width);
const number = (n: bigint | number, width: number) => {
  const s = n.toString();
  if (s.length > width || s.startsWith("-")) throw new Standard18Error([`${s} does not fit ${width} digits`]);
  return s.padStart(width, "0");
};

function record(parts: { sortCode: string; accountNumber: string; transactionCode: "99" | "17"; originating: { sortCode: string; accountNumber: string }; amountPence: bigint; serviceUserName: string; reference: string; name: string }): string {
  const r =
    parts.sortCode + // 1–6 destination sort code
    parts.accountNumber + // 7–14 destination account number
    "0" + // 15 destination account type
    parts.transactionCode + // 16–17 transaction code
    parts.originating.sortCode + // 18–23 originating sort code
    parts.originating.accountNumber + // 24–31 originating account number
    "    " + // 32–35 free format (RTI for payroll; not used)
    number(parts.amountPence, 11) + // 36–46 amount in pence
    field(bacsText(parts.serviceUserName), 18) + // 47–64 service user's name
    field(bacsText(parts.reference), 18) + // 65–82 service user's reference
    field(bacsText(parts.name), 18); // 83–100 destination account name
  return r;
}

function validate(input: TStandard18Input): string[] {
  const problems: string[] = [];
  if (!/^\d{6}$/.test(input.serviceUserNumber)) problems.push("the service user number must be 6 digits");
  if (!bacsText(input.serviceUserName)) problems.push("the service user name has no characters Bacs allows");
  if (!/^\d{6}$/.test(digits(input.originating.sortCode))) problems.push("the originating sort code must be 6 digits");
  if (!/^\d{8}$/.test(digits(input.originating.accountNumber))) problems.push("the originating account number must be 8 digits");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.processingDay) || !isWorkingDay(input.processingDay)) problems.push(`the processing day ${input.processingDay} is not a working day`);
  if (!Number.isInteger(input.fileSerial) || input.fileSerial < 1 || input.fileSerial > 999_999) problems.push("the file serial must be 1 to 999999");
  if (input.lines.length === 0) problems.push("there are no payments");
  input.lines.forEach((l, i) => {
    const n = `line ${i + 1}`;
    if (!/^\d{6}$/.test(digits(l.sortCode))) problems.push(`${n}: the sort code must be 6 digits`);
    if (!/^\d{8}$/.test(digits(l.accountNumber))) problems.push(`${n}: the account number must be 8 digits (standardise it first)`);
    if (l.amountPence <= 0n || l.amountPence > MAX_RECORD_PENCE) problems.push(`${n}: the amount must be 1p to £999,999,999.99`);
    if (!bacsText(l.payeeName)) problems.push(`${n}: the payee name has no characters Bacs allows`);
    if (!bacsText(l.reference)) problems.push(`${n}: the reference has no characters Bacs allows`);
  });
  return problems;
}

/** The file, every record followed by CR LF. Throws Standard18Error naming each problem (nothing half-written). */
export function writeStandard18(input: TStandard18Input): string {
  const problems = validate(input);
  if (problems.length) throw new Standard18Error(problems);
  const sun = input.serviceUserNumber;
  const serial = number(input.fileSerial, 6);
  const created = bacsJulian(londonIsoDate(input.creationDate));
  const originating = { sortCode: digits(input.originating.sortCode), accountNumber: digits(input.originating.accountNumber) };
  const credits = input.lines.reduce((sum, l) => sum + l.amountPence, 0n);
  const withContra = input.contra !== false;
  if (withContra && credits > MAX_RECORD_PENCE) throw new Standard18Error(["the total is more than one contra record can carry: split the batch"]);

  const vol1 = field("VOL1" + serial + " " + "".padEnd(20) + "".padEnd(6) + "".padEnd(4) + sun + "".padEnd(4) + "".padEnd(28) + "1", LABEL_WIDTH);
  // HDR1/EOF1: file identifier (5–21) "A" + SUN + "S" + 2 spaces + "1" + SUN; set identifier (22–27) the
  // serial; section (28–31) and sequence (32–35) 0001; generation (36–41) blank; creation (42–47) and
  // expiration (48–53) dates " YYDDD"; accessibility (54) blank; block count (55–60) 000000; system code
  // (61–73) and reserved (74–80) blank.
  const hdr = (label: "HDR1" | "EOF1") => field(label + "A" + sun + "S" + "  " + "1" + sun + serial + "0001" + "0001" + "".padEnd(6) + created + created + " " + "000000" + "".padEnd(13) + "".padEnd(7), LABEL_WIDTH);
  // HDR2/EOF2: record format F, block length 02000, record length 00100, reserved, buffer offset 00.
  const hdr2 = (label: "HDR2" | "EOF2") => field(label + "F" + "02000" + "00100" + "".padEnd(35) + "00" + "".padEnd(28), LABEL_WIDTH);
  // UHL1: processing day (5–10), receiving party (11–20) 999999 + 4 spaces, currency (21–22) 00,
  // country (23–28) 000000, work code (29–37) "1 DAILY  ", file number (38–40) 001, then blanks.
  const uhl1 = field("UHL1" + bacsJulian(input.processingDay) + "999999    " + "00" + "000000" + "1 DAILY  " + "001", LABEL_WIDTH);

  const payments = input.lines.map((l) =>
    record({ sortCode: digits(l.sortCode), accountNumber: digits(l.accountNumber), transactionCode: "99", originating, amountPence: l.amountPence, serviceUserName: input.serviceUserName, reference: l.reference, name: l.payeeName }),
  );
  const contra = withContra ? [record({ ...originating, transactionCode: "17", originating, amountPence: credits, serviceUserName: input.serviceUserName, reference: "CONTRA", name: input.originating.name || input.serviceUserName })] : [];
  // UTL1: debit total (5–17), credit total (18–30), debit count (31–37), credit count (38–44), then blanks.
  const debits = withContra ? credits : 0n;
  const utl1 = field("UTL1" + number(debits, 13) + number(credits, 13) + number(contra.length, 7) + number(payments.length, 7), LABEL_WIDTH);

  return [vol1, hdr("HDR1"), hdr2("HDR2"), uhl1, ...payments, ...contra, hdr("EOF1"), hdr2("EOF2"), utl1].map((r) => r + CRLF).join("");
}
