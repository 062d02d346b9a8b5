// A reader of Bacs Standard 18 files for tests: parses a file the way a bank's Bacs software would
// (fixed positions, 1-based as the layouts print them) and checks its structure, every count and
// every total. Independent of lib/banking/bacs-standard18.ts on purpose: it reads the layout, not
// our writer's code.

export type TStd18Record = {
  destinationSortCode: string;
  destinationAccount: string;
  accountType: string;
  transactionCode: string;
  originatingSortCode: string;
  originatingAccount: string;
  freeFormat: string;
  amountPence: bigint;
  serviceUserName: string;
  reference: string;
  destinationName: string;
};

export type TStd18File = {
  serviceUserNumber: string;
  volumeSerial: string;
  creationDate: string;
  processingDay: string;
  credits: TStd18Record[];
  contras: TStd18Record[];
  trailer: { debitTotal: bigint; creditTotal: bigint; debitCount: number; creditCount: number };
};

/** Characters at positions from–to (1-based, inclusive), as the published layouts number them. */
export const at = (line: string, from: number, to: number) => line.slice(from - 1, to);

const ALLOWED = /^[A-Z0-9.&/\- ]*$/;

function parseRecord(line: string, n: number): TStd18Record {
  if (line.length !== 100) throw new Error(`record ${n} is ${line.length} characters, not 100`);
  const r: TStd18Record = {
    destinationSortCode: at(line, 1, 6),
    destinationAccount: at(line, 7, 14),
    accountType: at(line, 15, 15),
    transactionCode: at(line, 16, 17),
    originatingSortCode: at(line, 18, 23),
    originatingAccount: at(line, 24, 31),
    freeFormat: at(line, 32, 35),
    amountPence: BigInt(at(line, 36, 46)),
    serviceUserName: at(line, 47, 64),
    reference: at(line, 65, 82),
    destinationName: at(line, 83, 100),
  };
  if (!/^\d{6}$/.test(r.destinationSortCode) || !/^\d{8}$/.test(r.destinationAccount)) throw new Error(`record ${n}: destination is not 6 + 8 digits`);
  if (!/^\d{6}$/.test(r.originatingSortCode) || !/^\d{8}$/.test(r.originatingAccount)) throw new Error(`record ${n}: originator is not 6 + 8 digits`);
  if (!/^\d{11}$/.test(at(line, 36, 46))) throw new Error(`record ${n}: amount is not 11 digits`);
  for (const [name, v] of [["service user name", r.serviceUserName], ["reference", r.reference], ["name", r.destinationName]] as const) {
    if (!ALLOWED.test(v)) throw new Error(`record ${n}: ${name} "${v}" has characters Bacs does not allow`);
  }
  return r;
}

/** Julian " YYDDD" → YYYY-MM-DD (20YY). */
export function fromJulian(text: string): string {
  if (!/^ \d{5}$/.test(text)) throw new Error(`"${text}" is not a " YYDDD" date`);
  const year = 2000 + Number(text.slice(1, 3));
  const d = new Date(Date.UTC(year, 0, 1));
  d.setUTCDate(Number(text.slice(3)));
  return d.toISOString().slice(0, 10);
}

export function readStandard18(file: string): TStd18File {
  if (!file.endsWith("\r\n")) throw new Error("the file does not end with CR LF");
  const lines = file.slice(0, -2).split("\r\n");
  if (lines.some((l) => l.includes("\n") || l.includes("\r"))) throw new Error("a bare CR or LF inside the file");
  const labels = ["VOL1", "HDR1", "HDR2", "UHL1"];
  labels.forEach((label, i) => {
    if (at(lines[i] ?? "", 1, 4) !== label) throw new Error(`line ${i + 1} should be ${label}`);
  });
  const tail = lines.slice(-3);
  ["EOF1", "EOF2", "UTL1"].forEach((label, i) => {
    if (at(tail[i] ?? "", 1, 4) !== label) throw new Error(`the file should end with EOF1, EOF2, UTL1`);
  });
  for (const l of [...lines.slice(0, 4), ...tail]) if (l.length !== 80) throw new Error(`label ${at(l, 1, 4)} is ${l.length} characters, not 80`);
  const [vol1, hdr1, hdr2, uhl1] = lines as [string, string, string, string];
  const [eof1, eof2, utl1] = tail as [string, string, string];
  if (eof1.slice(4) !== hdr1.slice(4)) throw new Error("EOF1 does not repeat HDR1");
  if (eof2.slice(4) !== hdr2.slice(4)) throw new Error("EOF2 does not repeat HDR2");
  const sun = at(vol1, 42, 47);
  if (at(hdr1, 5, 21) !== `A${sun}S  1${sun}`) throw new Error("HDR1's file identifier does not carry the service user number");
  if (at(hdr1, 22, 27) !== at(vol1, 5, 10)) throw new Error("HDR1's set identifier is not VOL1's serial");
  if (at(hdr2, 5, 15) !== "F0200000100") throw new Error("HDR2 is not fixed 100-character records");

  const records = lines.slice(4, -3).map((l, i) => parseRecord(l, i + 1));
  const credits = records.filter((r) => r.transactionCode === "99");
  const contras = records.filter((r) => r.transactionCode === "17");
  if (credits.length + contras.length !== records.length) throw new Error("a record with a transaction code other than 99 or 17");
  const trailer = { debitTotal: BigInt(at(utl1, 5, 17)), creditTotal: BigInt(at(utl1, 18, 30)), debitCount: Number(at(utl1, 31, 37)), creditCount: Number(at(utl1, 38, 44)) };
  const sum = (rs: TStd18Record[]) => rs.reduce((s, r) => s + r.amountPence, 0n);
  if (trailer.creditTotal !== sum(credits)) throw new Error(`UTL1 credit total ${trailer.creditTotal} ≠ the credits' ${sum(credits)}`);
  if (trailer.debitTotal !== sum(contras)) throw new Error(`UTL1 debit total ${trailer.debitTotal} ≠ the contras' ${sum(contras)}`);
  if (trailer.creditCount !== credits.length) throw new Error(`UTL1 credit count ${trailer.creditCount} ≠ ${credits.length} credit records`);
  if (trailer.debitCount !== contras.length) throw new Error(`UTL1 debit count ${trailer.debitCount} ≠ ${contras.length} contra records`);
  if (contras.length && sum(contras) !== sum(credits)) throw new Error("the contra does not balance the credits");
  for (const c of contras) {
    if (c.destinationSortCode !== c.originatingSortCode || c.destinationAccount !== c.originatingAccount) throw new Error("a contra not to the originator's own account");
  }
  for (const r of records) {
    if (r.originatingSortCode !== records[0]!.originatingSortCode || r.originatingAccount !== records[0]!.originatingAccount) throw new Error("records from more than one originating account");
  }
  return { serviceUserNumber: sun, volumeSerial: at(vol1, 5, 10), creationDate: fromJulian(at(hdr1, 42, 47)), processingDay: fromJulian(at(uhl1, 5, 10)), credits, contras, trailer };
}
