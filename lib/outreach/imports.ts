import "server-only";
// Uploading, checking and importing a council's list of households (docs/outreach.md). The file
// is kept as text on its import row until the background job has imported it: the upload reads
// only its header row and returns at once; the manager maps the columns; a background job
// (outreach:check) checks every row, with its progress on the row, and the manager sees every
// invalid row before anything is imported; a second job (outreach:import) imports
// the valid rows in chunks, each chunk one transaction (its households, their matches to earlier
// applications, and the progress the page shows). A household already held (natural key) is not
// written again, so importing the same people twice invites nobody twice.
import { createHash, randomUUID } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql as q, type RawBuilder } from "kysely";
import type { TStaffActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { duplicateReasons, type TDuplicateReason } from "@/lib/cases/same-person";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { enqueueSql } from "@/lib/jobs/queue";
import { checkFile, fileChecker, guessMapping, mappingProblems, MAX_FILE_BYTES, MAX_ROWS, parseCsv, parseProblemMessage, quickLook, type TCheckedFile, type THouseholdRow, type TMapping, type TOutreachField, type TRowProblem } from "@/lib/outreach/csv";

/** Rows written per transaction by the import job. */
export const IMPORT_CHUNK = 2_000;
/** Rows the check job checks between two progress updates. */
export const CHECK_SLICE = 5_000;
/** Problems listed on the preview page (all are counted). */
export const PREVIEW_PROBLEMS = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type TRefused = { outcome: "forbidden" } | { outcome: "not-found" };

/** Why an upload is refused, as a code (it travels in the page's address) and its words. */
export const UPLOAD_PROBLEMS = {
  empty: "The selected file is empty",
  "too-large": `The selected file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB`,
  "not-csv": "The selected file must be a CSV (save the spreadsheet as “CSV UTF-8”)",
  "not-utf8": "The selected file is not UTF-8 text: save the spreadsheet as “CSV UTF-8”",
  "no-rows": parseProblemMessage({ problem: "no-rows" }),
  "too-many-rows": parseProblemMessage({ problem: "too-many-rows" }),
  "unbalanced-quotes": parseProblemMessage({ problem: "unbalanced-quotes" }),
  "duplicate-headers": "Two columns have the same heading: rename one",
  "uploaded-before": "This file was uploaded before: nobody in it will be imported or invited twice. Open the earlier upload instead.",
} as const;
export type TUploadProblem = keyof typeof UPLOAD_PROBLEMS;
export const isUploadProblem = (code: string): code is TUploadProblem => Object.hasOwn(UPLOAD_PROBLEMS, code);

export type TUploadResult = { outcome: "uploaded"; importId: string } | { outcome: "problem"; code: TUploadProblem; message: string; earlierImportId?: string } | { outcome: "forbidden" };
const refuse = (code: TUploadProblem, earlierImportId?: string) => ({ outcome: "problem", code, message: UPLOAD_PROBLEMS[code], ...(earlierImportId ? { earlierImportId } : {}) }) as const;

/**
 * A manager's upload: kept as it came (nothing checked or imported yet), with the mapping we guess
 * from its header row. Only the header row is parsed here, and the lines and quote marks counted,
 * so a 100,000-row file returns at once; the check job reads every row (runCheck).
 */
export async function uploadOutreachFile(actor: TStaffActor, file: { name: string; bytes: Uint8Array }, ip: string | null = null): Promise<TUploadResult> {
  if (!can(actor, "outreach:manage")) return { outcome: "forbidden" };
  if (!file.bytes.byteLength) return refuse("empty");
  if (file.bytes.byteLength > MAX_FILE_BYTES) return refuse("too-large");
  if (!/\.csv$/i.test(file.name)) return refuse("not-csv");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
  } catch {
    return refuse("not-utf8");
  }
  if (text.includes("\u0000")) return refuse("not-csv");
  const parsed = parseCsv(text, MAX_ROWS, { headerOnly: true });
  if (!("headers" in parsed)) return refuse(parsed.problem === "empty" ? "empty" : parsed.problem);
  const look = quickLook(text);
  if (!look.quotesPaired) return refuse("unbalanced-quotes");
  if (!look.lines) return refuse("no-rows");
  if (look.lines > MAX_ROWS) return refuse("too-many-rows");
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const tenantId = actor.council.id;
  const fileName = file.name.replace(/[^\p{L}\p{N} ._()-]/gu, "_").slice(0, 120);
  return withTenantSql(
    tenantId,
    async (sql) => {
      const earlier = await sql.db.selectFrom("OutreachImport").select(["id", "createdAt"]).where("tenantId", "=", tenantId).where("sha256", "=", sha256).executeTakeFirst();
      if (earlier) return refuse("uploaded-before", earlier.id);
      const id = randomUUID();
      await sql.db
        .insertInto("OutreachImport")
        .values({
          id,
          tenantId,
          fileName,
          sha256,
          sizeBytes: file.bytes.byteLength,
          // Compressed: an eighth of the bytes to write, so the request returns at once.
          content: gzipSync(file.bytes, { level: 1 }),
          headers: q<string[]>`${parsed.headers}::text[]`,
          mapping: q`${JSON.stringify(guessMapping(parsed.headers))}::jsonb`,
          // Lines after the header until the check counts the rows exactly.
          totalRows: look.lines,
          uploadedById: actor.user.userId,
        })
        .execute();
      await recordAuditSql(sql, { tenantId, actor, action: "outreach.uploaded", entityType: "OutreachImport", entityId: id, summary: `Uploaded ${fileName} (${look.lines} rows)`, ip });
      return { outcome: "uploaded", importId: id } as const;
    },
    actor.user.userId,
  );
}

export type TImportSummary = {
  id: string;
  fileName: string;
  status: "UPLOADED" | "CHECKING" | "CHECKED" | "QUEUED" | "IMPORTING" | "IMPORTED" | "FAILED";
  headers: string[];
  mapping: TMapping;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  /** While CHECKING: rows checked so far (of totalRows). */
  checkedRows: number;
  importedRows: number;
  knownRows: number;
  matchedRows: number;
  failureReason: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const SUMMARY_COLUMNS = [
  "id",
  "fileName",
  "status",
  "headers",
  "mapping",
  "totalRows",
  "validRows",
  "invalidRows",
  "checkedRows",
  "importedRows",
  "knownRows",
  "matchedRows",
  "failureReason",
  "createdAt",
  "startedAt",
  "finishedAt",
] as const;

function toSummary(r: { mapping: unknown } & Omit<TImportSummary, "mapping">): TImportSummary {
  return { ...r, mapping: (r.mapping ?? {}) as TMapping };
}

export async function listImports(actor: TStaffActor): Promise<TImportSummary[] | null> {
  if (!can(actor, "outreach:manage")) return null;
  const rows = await withTenantSql(actor.council.id, (sql) => sql.db.selectFrom("OutreachImport").select(SUMMARY_COLUMNS).orderBy("createdAt", "desc").limit(50).execute(), actor.user.userId);
  return rows.map(toSummary);
}

/** What the last check found, as the page shows it. */
export type TPreview = { problems: TRowProblem[]; invalidRows: number; validRows: number; duplicatesInFile: number; sample: Omit<THouseholdRow, "keys">[] };

export type TImportPage = TImportSummary & {
  /** Before import: the file checked against the saved mapping (null until it is checked). */
  preview: TPreview | null;
  /** After import: households that match an earlier application (newest first, at most 200). */
  matches: { rowNumber: number; fullName: string; caseId: string; caseReference: string; reasons: TDuplicateReason[] }[];
  rowsPerSecond: number | null;
};

/** One import for its page: its progress, and before import the preview of every invalid row. */
export async function readImport(actor: TStaffActor, importId: string): Promise<TImportPage | TRefused> {
  if (!can(actor, "outreach:manage")) return { outcome: "forbidden" };
  if (!UUID.test(importId)) return { outcome: "not-found" };
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const row = await sql.db.selectFrom("OutreachImport").select([...SUMMARY_COLUMNS, "preview"]).where("id", "=", importId).executeTakeFirst();
      if (!row) return { outcome: "not-found" } as const;
      const { preview: stored, ...rest } = row;
      const summary = toSummary(rest);
      const preview = summary.status === "CHECKED" && stored && typeof stored === "object" && "problems" in stored ? (stored as TPreview) : null;
      const matches =
        summary.status === "IMPORTED" || summary.status === "IMPORTING"
          ? await sql.db
              .selectFrom("OutreachHousehold as h")
              .innerJoin("Case as c", "c.id", "h.matchedCaseId")
              .select(["h.rowNumber", "h.fullName", "c.id as caseId", "c.reference as caseReference", "h.matchReasons"])
              .where("h.importId", "=", importId)
              .where("h.matchedCaseId", "is not", null)
              .orderBy("h.rowNumber")
              .limit(200)
              .execute()
          : [];
      const seconds = summary.startedAt ? ((summary.finishedAt ?? new Date()).getTime() - summary.startedAt.getTime()) / 1000 : 0;
      const done = summary.importedRows + summary.knownRows;
      return {
        ...summary,
        preview,
        matches: matches.map((m) => ({ rowNumber: m.rowNumber, fullName: m.fullName, caseId: m.caseId, caseReference: m.caseReference, reasons: m.matchReasons as TDuplicateReason[] })),
        rowsPerSecond: seconds > 0 && done > 0 ? Math.round(done / seconds) : null,
      };
    },
    actor.user.userId,
  );
}

function previewOf(checked: TCheckedFile): TPreview {
  return {
    problems: checked.problems.slice(0, PREVIEW_PROBLEMS),
    invalidRows: checked.invalidRows,
    validRows: checked.valid.length,
    duplicatesInFile: checked.duplicatesInFile,
    // The match keys stay out of the page's data.
    sample: checked.valid.slice(0, 5).map((r) => ({ rowNumber: r.rowNumber, fullName: r.fullName, dateOfBirth: r.dateOfBirth, line1: r.line1, line2: r.line2, town: r.town, postcode: r.postcode, email: r.email, mobile: r.mobile, reason: r.reason, locale: r.locale, naturalKey: r.naturalKey })),
  };
}

/** The kept file as text: gzip-compressed since the upload compresses it, else (uploaded before) its UTF-8 bytes. */
function fileText(content: Uint8Array): string {
  const gzipped = content.length > 1 && content[0] === 0x1f && content[1] === 0x8b;
  return new TextDecoder("utf-8").decode(gzipped ? gunzipSync(content) : content);
}

function checkContent(content: Uint8Array, mapping: TMapping): TCheckedFile | null {
  const parsed = parseCsv(fileText(content));
  if (!("headers" in parsed)) return null;
  return checkFile(parsed, mapping, londonIsoDate(new Date()));
}

export type TMappingResult = { outcome: "checking" } | { outcome: "invalid"; problems: { field: TOutreachField; message: string }[] } | { outcome: "not-editable" } | TRefused;

/**
 * Saves the manager's mapping and queues the check of every row against it (job outreach:check,
 * runCheck; nothing is imported). Mapping again while a check runs starts it again: the running
 * job sees the mapping changed and stops.
 */
export async function saveMapping(actor: TStaffActor, importId: string, mapping: TMapping, ip: string | null = null): Promise<TMappingResult> {
  if (!can(actor, "outreach:manage")) return { outcome: "forbidden" };
  if (!UUID.test(importId)) return { outcome: "not-found" };
  const tenantId = actor.council.id;
  return withTenantSql(
    tenantId,
    async (sql) => {
      const row = await sql.db.selectFrom("OutreachImport").select(["status", "headers"]).where("id", "=", importId).forUpdate().executeTakeFirst();
      if (!row) return { outcome: "not-found" } as const;
      if (row.status !== "UPLOADED" && row.status !== "CHECKING" && row.status !== "CHECKED") return { outcome: "not-editable" } as const;
      const problems = mappingProblems(mapping, row.headers);
      if (problems.length) return { outcome: "invalid", problems } as const;
      await sql.db
        .updateTable("OutreachImport")
        .set({ mapping: q`${JSON.stringify(mapping)}::jsonb`, preview: q`'{}'::jsonb`, status: "CHECKING", checkedRows: 0, validRows: 0, invalidRows: 0, failureReason: null })
        .where("id", "=", importId)
        .execute();
      await enqueueSql(sql, checkJob(tenantId, importId));
      await recordAuditSql(sql, { tenantId, actor, action: "outreach.check-started", entityType: "OutreachImport", entityId: importId, summary: "Started checking the rows", ip });
      return { outcome: "checking" } as const;
    },
    actor.user.userId,
  );
}

export function checkJob(tenantId: string, importId: string) {
  return { task: "outreach:check" as const, payload: { tenantId, importId }, key: `outreach-check:${importId}`, maxAttempts: 3 };
}

/**
 * The background check (job "outreach:check"): every row of the file against the saved mapping,
 * CHECK_SLICE rows at a time, the rows checked so far written after each slice (its own short
 * transaction, so the page sees it), then the findings for the page (TPreview) and CHECKED. Nothing
 * is imported. If the manager maps again meanwhile (the mapping on the row changed), this check
 * stops: the new one replaces it. A file that cannot be read as CSV fails with the reason.
 */
export async function runCheck(tenantId: string, importId: string, opts: { slice?: number } = {}): Promise<void> {
  const slice = opts.slice ?? CHECK_SLICE;
  const row = await withTenantSql(tenantId, (sql) => sql.db.selectFrom("OutreachImport").select(["status", "content", "mapping"]).where("id", "=", importId).executeTakeFirst());
  if (!row || row.status !== "CHECKING") return;
  const mapping = (row.mapping ?? {}) as TMapping;
  const mappingJson = JSON.stringify(mapping);
  // Writes only while this check is still the current one (status CHECKING, the same mapping).
  type TCheckUpdate = { status?: "UPLOADED" | "FAILED"; failureReason?: string; finishedAt?: RawBuilder<Date>; totalRows?: number; checkedRows?: number };
  const update = (set: TCheckUpdate) =>
    withTenantSql(tenantId, async (sql) => {
      const done = await sql.db.updateTable("OutreachImport").set(set).where("id", "=", importId).where("status", "=", "CHECKING").where(q<boolean>`mapping = ${mappingJson}::jsonb`).executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    });
  try {
    const parsed = parseCsv(fileText(row.content));
    if (!("headers" in parsed)) {
      await update({ status: "FAILED", failureReason: parseProblemMessage(parsed), finishedAt: q<Date>`now()` });
      return;
    }
    if (!(await update({ totalRows: parsed.rows.length, checkedRows: 0 }))) return;
    const checker = fileChecker(parsed.headers, mapping, londonIsoDate(new Date()));
    for (let at = 0; at < parsed.rows.length; at += slice) {
      checker.check(parsed.rows, at, at + slice);
      const done = Math.min(at + slice, parsed.rows.length);
      if (done < parsed.rows.length && !(await update({ checkedRows: done }))) return;
    }
    const checked = checker.result();
    const stored = await withTenantSql(tenantId, async (sql) => {
      const done = await sql.db
        .updateTable("OutreachImport")
        .set({ preview: q`${JSON.stringify(previewOf(checked))}::jsonb`, status: "CHECKED", checkedRows: parsed.rows.length, validRows: checked.valid.length, invalidRows: checked.invalidRows })
        .where("id", "=", importId)
        .where("status", "=", "CHECKING")
        .where(q<boolean>`mapping = ${mappingJson}::jsonb`)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return false;
      await recordAuditSql(sql, { tenantId, actor: null, action: "outreach.checked", entityType: "OutreachImport", entityId: importId, summary: `Checked: ${checked.valid.length} valid, ${checked.invalidRows} invalid rows` });
      return true;
    });
    if (!stored) return;
  } catch (error) {
    // Back to mapping, with why, so the manager can check again (the same file cannot be uploaded again).
    await update({ status: "UPLOADED", failureReason: "The check stopped before the end: check the rows again" });
    throw error;
  }
}

export type TStartResult = { outcome: "queued" } | { outcome: "not-checked" } | { outcome: "nothing-valid" } | TRefused;

/** Queues the import of a checked file's valid rows (the job: runImport). */
export async function startImport(actor: TStaffActor, importId: string, ip: string | null = null): Promise<TStartResult> {
  if (!can(actor, "outreach:manage")) return { outcome: "forbidden" };
  if (!UUID.test(importId)) return { outcome: "not-found" };
  const tenantId = actor.council.id;
  return withTenantSql(
    tenantId,
    async (sql) => {
      const row = await sql.db.selectFrom("OutreachImport").select(["status", "validRows"]).where("id", "=", importId).forUpdate().executeTakeFirst();
      if (!row) return { outcome: "not-found" } as const;
      if (row.status !== "CHECKED") return { outcome: "not-checked" } as const;
      if (!row.validRows) return { outcome: "nothing-valid" } as const;
      await sql.db.updateTable("OutreachImport").set({ status: "QUEUED", queuedAt: q<Date>`now()` }).where("id", "=", importId).execute();
      await enqueueSql(sql, importJob(tenantId, importId));
      await recordAuditSql(sql, { tenantId, actor, action: "outreach.import-started", entityType: "OutreachImport", entityId: importId, summary: `Started importing ${row.validRows} households`, ip });
      return { outcome: "queued" } as const;
    },
    actor.user.userId,
  );
}

export function importJob(tenantId: string, importId: string) {
  return { task: "outreach:import" as const, payload: { tenantId, importId }, key: `outreach-import:${importId}`, maxAttempts: 3 };
}

/**
 * The background import (job "outreach:import"): the file's valid rows in chunks of IMPORT_CHUNK,
 * each chunk its own transaction: households inserted (a natural key the council already holds is
 * skipped), matched to earlier applications, progress counted. Safe to run again after a crash:
 * inserting is idempotent and the counts are recomputed at the end. The file's text is dropped
 * once imported (the households are the council's record now).
 */
export async function runImport(tenantId: string, importId: string, opts: { chunk?: number } = {}): Promise<void> {
  const chunkSize = opts.chunk ?? IMPORT_CHUNK;
  const started = await withTenantSql(tenantId, async (sql) => {
    const row = await sql.db.selectFrom("OutreachImport").select(["status", "content", "mapping"]).where("id", "=", importId).forUpdate().executeTakeFirst();
    if (!row || (row.status !== "QUEUED" && row.status !== "IMPORTING")) return null;
    await sql.db.updateTable("OutreachImport").set({ status: "IMPORTING", startedAt: q<Date>`now()`, importedRows: 0, knownRows: 0, matchedRows: 0 }).where("id", "=", importId).execute();
    return { content: row.content, mapping: (row.mapping ?? {}) as TMapping };
  });
  if (!started) return;
  const checked = checkContent(started.content, started.mapping);
  if (!checked) {
    await withTenantSql(tenantId, (sql) => sql.db.updateTable("OutreachImport").set({ status: "FAILED", failureReason: "The file could not be read again", finishedAt: q<Date>`now()` }).where("id", "=", importId).execute());
    return;
  }
  for (let at = 0; at < checked.valid.length; at += chunkSize) {
    const chunk = checked.valid.slice(at, at + chunkSize);
    await withTenantSql(tenantId, async (sql) => {
      const inserted = await insertHouseholds(sql, tenantId, importId, chunk);
      const matched = await matchHouseholds(sql, tenantId, inserted);
      await sql.db
        .updateTable("OutreachImport")
        .set((eb) => ({
          importedRows: eb("importedRows", "+", inserted.length),
          knownRows: eb("knownRows", "+", chunk.length - inserted.length),
          matchedRows: eb("matchedRows", "+", matched),
        }))
        .where("id", "=", importId)
        .execute();
    });
  }
  await withTenantSql(tenantId, async (sql) => {
    const counts = await sql.db
      .selectFrom("OutreachHousehold")
      .select((eb) => [eb.fn.countAll<string>().as("imported"), eb.fn.count<string>("matchedCaseId").as("matched")])
      .where("importId", "=", importId)
      .executeTakeFirstOrThrow();
    const imported = Number(counts.imported);
    await sql.db
      .updateTable("OutreachImport")
      .set({ status: "IMPORTED", finishedAt: q<Date>`now()`, content: Buffer.alloc(0), preview: q`'{}'::jsonb`, importedRows: imported, knownRows: checked.valid.length - imported, matchedRows: Number(counts.matched) })
      .where("id", "=", importId)
      .execute();
    await recordAuditSql(sql, { tenantId, actor: null, action: "outreach.imported", entityType: "OutreachImport", entityId: importId, summary: `Imported ${imported} new households (${checked.valid.length - imported} already held)` });
  });
}

type TInserted = { id: string } & THouseholdRow;

/** One multi-row INSERT; rows whose natural key the council already holds are skipped. */
async function insertHouseholds(sql: TSql, tenantId: string, importId: string, rows: THouseholdRow[]): Promise<TInserted[]> {
  if (!rows.length) return [];
  const ids = rows.map(() => randomUUID());
  const written = await sql.db
    .insertInto("OutreachHousehold")
    .values(
      rows.map((r, i) => ({
        id: ids[i]!,
        tenantId,
        importId,
        rowNumber: r.rowNumber,
        naturalKey: r.naturalKey,
        fullName: r.fullName,
        dateOfBirth: q<Date>`${r.dateOfBirth}::date`,
        line1: r.line1,
        line2: r.line2,
        town: r.town,
        postcode: r.postcode,
        email: r.email,
        mobile: r.mobile,
        reason: r.reason,
        locale: r.locale,
        nameKey: r.keys.nameKey,
        emailKey: r.keys.emailKey,
        phoneKey: r.keys.phoneKey,
        addressKey: r.keys.addressKey,
      })),
    )
    .onConflict((oc) => oc.columns(["tenantId", "naturalKey"]).doNothing())
    .returning("id")
    .execute();
  const kept = new Set(written.map((w) => w.id));
  return rows.flatMap((r, i) => (kept.has(ids[i]!) ? [{ ...r, id: ids[i]! }] : []));
}

/**
 * Matches new households to the council's earlier applications on the keys duplicate detection
 * uses (lib/intake/duplicates.ts: name + date of birth, email, phone, address; one index lookup
 * each), keeping the newest match and why (lib/cases/same-person.ts duplicateReasons).
 */
async function matchHouseholds(sql: TSql, tenantId: string, rows: TInserted[]): Promise<number> {
  if (!rows.length) return 0;
  const found = await q<{ householdId: string; caseId: string; nameKey: string | null; dateOfBirth: string; emailKey: string | null; phoneKey: string | null; addressKey: string | null }>`
    select h.id as "householdId", m."caseId", m."nameKey", m."dateOfBirth", m."emailKey", m."phoneKey", m."addressKey"
    from "OutreachHousehold" h
    cross join lateral (
      select c.id as "caseId", a."nameKey", to_char(a."dateOfBirth", 'YYYY-MM-DD') as "dateOfBirth", a."emailKey", a."phoneKey", a."addressKey"
      from "Application" a join "Case" c on c."applicationId" = a.id
      where a."tenantId" = ${tenantId}::uuid
        and ((a."nameKey" = h."nameKey" and a."dateOfBirth" = h."dateOfBirth") or a."emailKey" = h."emailKey" or a."phoneKey" = h."phoneKey" or a."addressKey" = h."addressKey")
      order by a."submittedAt" desc
      limit 1
    ) m
    where h."tenantId" = ${tenantId}::uuid and h.id = any(${rows.map((r) => r.id)}::uuid[])`.execute(sql.db);
  if (!found.rows.length) return 0;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const updates = found.rows.flatMap((m) => {
    const r = byId.get(m.householdId)!;
    const reasons = duplicateReasons({ ...r.keys }, { ...m, bankHash: null });
    return reasons.length ? [{ id: m.householdId, caseId: m.caseId, reasons: `{${reasons.join(",")}}` }] : [];
  });
  if (!updates.length) return 0;
  await q`update "OutreachHousehold" h set "matchedCaseId" = u."caseId", "matchReasons" = u.reasons::text[]
    from unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.caseId)}::uuid[], ${updates.map((u) => u.reasons)}::text[]) as u(id, "caseId", reasons)
    where h.id = u.id and h."tenantId" = ${tenantId}::uuid`.execute(sql.db);
  return updates.length;
}
