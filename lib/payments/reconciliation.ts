// Reconciliation (issue 19, docs/reconciliation.md): a bank's or voucher provider's report of what
// happened to the payments we sent (CSV: reference, amount, outcome, reason), imported in two
// steps. previewReconciliation reads the file, matches every line to our payment by its reference
// and checks it against the payment's lifecycle (lib/payments/lifecycle.ts), and stores the lines
// with a specific message each; nothing else changes. applyReconciliation, when a person
// confirms, moves each matched payment through the one writer (lib/payments/transition.ts):
// "paid" confirms it; "returned" and "rejected" end it and put its money back as committed to
// the award (RECOMMIT), with the bank's reason, so the case shows up for its officer ("Payment
// returned" in the queue) to pay again. A file is one import per council (its SHA-256): the same
// file again changes nothing and says so. Lines are applied in chunks, each its own transaction,
// under a lock on the import: a confirmation interrupted half way is finished by confirming
// again, and two people confirming at once apply each line once. "Paid" lines, nearly all of a
// bank's report, are applied set-based (applyPaidLines); returned and rejected ones one by one
// through the writer, which moves their money.
import "server-only";
import { createHash } from "node:crypto";
import { type RawBuilder, sql as q } from "kysely";
import { actorColumns, actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { updateResidentView } from "@/lib/cases/resident-view-writer";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { formatPence, parsePounds } from "@/lib/money";
import { BANK_METHODS, isVoucherMethod, nextPaymentState, PAYMENT_RULES, type TPaymentAction, type TPaymentMethod, type TPaymentState } from "@/lib/payments/lifecycle";
import { readPayment, transitionPayment } from "@/lib/payments/transition";
import { PAYMENT_METHOD_WORDS, PAYMENT_STATUS_WORDS } from "@/lib/payments/words";

export const RECONCILIATION_KINDS = ["bank", "provider"] as const;
export type TReconciliationKind = (typeof RECONCILIATION_KINDS)[number];
export const REPORT_COLUMNS = ["reference", "amount", "outcome", "reason"] as const;
export const REPORT_OUTCOMES = ["paid", "returned", "rejected"] as const;
export type TReportOutcome = (typeof REPORT_OUTCOMES)[number];
/** A report bigger than this is refused (a bank's daily report is far smaller; the bench's 50,000 fits). */
export const MAX_REPORT_LINES = 100_000;
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;

const ACTION_OF: Record<TReportOutcome, TPaymentAction> = { paid: "confirm-paid", returned: "return", rejected: "reject" };
const STATE_OF: Record<TReportOutcome, TPaymentState> = { paid: "PAID", returned: "RETURNED", rejected: "REJECTED" };

export type TLineResult = "match" | "no-change" | "exception" | "applied";
export type TReportLine = { lineNo: number; reference: string; amountPence: bigint | null; outcome: string; reason: string };
export type TPreviewLine = TReportLine & { paymentId: string | null; result: TLineResult; message: string };
export type TReportPayment = { id: string; reference: string; method: TPaymentMethod; status: TPaymentState; amountPence: bigint };

// ---------- Reading the file (pure) ----------

/** RFC 4180 CSV: quoted fields with "" for a quote, commas and line breaks inside quotes; CRLF or LF; a UTF-8 BOM ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Why a whole file is refused (the pages say it in words: REFUSALS). */
export type TRefusal = "kind" | "empty" | "too-large" | "not-text" | "header" | "no-lines" | "too-many" | "race";
export type TParsedReport = { ok: true; lines: TReportLine[]; problems: Map<number, string> } | { ok: false; code: TRefusal; problem: string };

/**
 * The report's lines, each with the problem that stops it being matched (unreadable amount,
 * unknown outcome, no reference, no reason for a return). The whole file is refused only when
 * its header is not the expected columns, or it has no lines, or too many. Pure.
 */
export function readReport(content: string): TParsedReport {
  const rows = parseCsv(content);
  const header = rows[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  const expected = REPORT_COLUMNS.join(", ");
  if (!rows.length || header.every((h) => h === "")) return { ok: false, code: "empty", problem: `The file is empty. A report has a header line (${expected}) and a line for each payment.` };
  if (header.length !== REPORT_COLUMNS.length || REPORT_COLUMNS.some((c, i) => header[i] !== c))
    return { ok: false, code: "header", problem: `The first line must be the columns ${expected} (in that order); this file's first line is "${rows[0]!.join(",").slice(0, 120)}".` };
  const lines: TReportLine[] = [];
  const problems = new Map<number, string>();
  rows.slice(1).forEach((cells, i) => {
    const lineNo = i + 2;
    if (cells.every((c) => c.trim() === "")) return;
    const [reference = "", amount = "", outcome = "", reason = ""] = cells.map((c) => c.trim());
    const amountPence = parsePounds(amount);
    const line: TReportLine = { lineNo, reference: reference.toUpperCase(), amountPence, outcome: outcome.toLowerCase(), reason };
    lines.push(line);
    if (cells.length !== REPORT_COLUMNS.length) problems.set(lineNo, `Line ${lineNo} has ${cells.length} columns; it needs ${REPORT_COLUMNS.length} (${expected}).`);
    else if (!reference) problems.set(lineNo, `Line ${lineNo} has no reference.`);
    else if (amountPence === null || amountPence <= 0n) problems.set(lineNo, `Line ${lineNo}: the amount "${amount}" is not a sum of money (write it like 125.00).`);
    else if (!(REPORT_OUTCOMES as readonly string[]).includes(line.outcome)) problems.set(lineNo, `Line ${lineNo}: the outcome "${outcome}" is not paid, returned or rejected.`);
    else if (line.outcome !== "paid" && !reason) problems.set(lineNo, `Line ${lineNo}: a ${line.outcome} payment needs the reason the bank or provider gave.`);
  });
  if (!lines.length) return { ok: false, code: "no-lines", problem: `The file has a header but no payments. Add a line for each payment (${expected}).` };
  if (lines.length > MAX_REPORT_LINES) return { ok: false, code: "too-many", problem: `The file has ${lines.length} lines; a report can have at most ${MAX_REPORT_LINES}. Split it into smaller files.` };
  return { ok: true, lines, problems };
}

/** What one line will do to its payment, with a message saying so in words. Pure. */
export function checkLine(line: TReportLine, kind: TReconciliationKind, payment: TReportPayment | undefined, problem: string | undefined, firstLineOfReference: number | undefined): Pick<TPreviewLine, "result" | "message"> {
  if (problem) return { result: "exception", message: problem };
  const ref = line.reference;
  if (firstLineOfReference !== undefined) return { result: "exception", message: `Duplicate of line ${firstLineOfReference}: payment ${ref} appears more than once in this file. Only the first is used.` };
  if (!payment) return { result: "exception", message: `No payment has the reference ${ref} in this council. Check the reference with the bank or provider.` };
  if (kind === "bank" && isVoucherMethod(payment.method)) return { result: "exception", message: `Payment ${ref} is a ${PAYMENT_METHOD_WORDS[payment.method].toLowerCase()}: it is reconciled from its provider's report, not the bank's.` };
  if (kind === "provider" && !isVoucherMethod(payment.method)) return { result: "exception", message: `Payment ${ref} is a ${PAYMENT_METHOD_WORDS[payment.method].toLowerCase()}: it is reconciled from the bank's report, not a provider's.` };
  if (line.amountPence !== payment.amountPence)
    return { result: "exception", message: `Payment ${ref} is for ${formatPence(payment.amountPence)} but this line says ${formatPence(line.amountPence!)}. Nothing will change until the amounts agree.` };
  const outcome = line.outcome as TReportOutcome;
  if (payment.status === STATE_OF[outcome]) return { result: "no-change", message: `Payment ${ref} is already ${PAYMENT_STATUS_WORDS[payment.status]}: nothing to change.` };
  const step = nextPaymentState(payment.status, payment.method, ACTION_OF[outcome]);
  if (!step.ok)
    return step.problem === "not-for-method"
      ? { result: "exception", message: `A ${PAYMENT_METHOD_WORDS[payment.method].toLowerCase()} cannot be marked ${outcome} (payment ${ref}).` }
      : { result: "exception", message: `Payment ${ref} is ${PAYMENT_STATUS_WORDS[payment.status]}: it cannot be marked ${outcome}${payment.status === "READY" || payment.status === "IN_BATCH" ? " (it has not been sent)" : ""}.` };
  const words = { paid: `Payment ${ref} (${formatPence(payment.amountPence)}) will be marked paid.`, returned: `Payment ${ref} (${formatPence(payment.amountPence)}) will be marked returned: ${line.reason}. Its money goes back to the award and the case goes back to its officer to pay again.`, rejected: `Payment ${ref} (${formatPence(payment.amountPence)}) will be marked rejected: ${line.reason}. Its money goes back to the award and the case goes back to its officer to pay again.` };
  return { result: "match", message: words[outcome] };
}

/** Every line checked: duplicates by reference (the first counts), payments by reference. Pure. */
export function checkReport(lines: readonly TReportLine[], problems: ReadonlyMap<number, string>, kind: TReconciliationKind, payments: ReadonlyMap<string, TReportPayment>): TPreviewLine[] {
  const first = new Map<string, number>();
  return lines.map((line) => {
    const problem = problems.get(line.lineNo);
    const earlier = problem || !line.reference ? undefined : first.get(line.reference);
    if (!problem && line.reference && earlier === undefined) first.set(line.reference, line.lineNo);
    const payment = payments.get(line.reference);
    return { ...line, paymentId: payment?.id ?? null, ...checkLine(line, kind, payment, problem, earlier) };
  });
}

// ---------- Preview ----------

export type TPreviewCounts = { match: number; noChange: number; exception: number };
export type TPreviewResult =
  | {
      outcome: "previewed";
      importId: string;
      fileName: string;
      kind: TReconciliationKind;
      /** This very file was imported before: its import, unchanged (and applied, if it was). */
      alreadyImported: { status: "PREVIEWED" | "APPLIED"; createdAt: Date; appliedAt: Date | null } | null;
      lines: TPreviewLine[];
      counts: TPreviewCounts;
    }
  | { outcome: "refused"; code: TRefusal; problem: string }
  | { outcome: "forbidden" };

/** A refused file's problem without its own words (for a page reached by a redirect: the URL carries only the code). */
export const REFUSALS: Readonly<Record<TRefusal, string>> = {
  kind: "Choose whose report this is: the bank's or a voucher provider's.",
  empty: "The file is empty. Choose the report the bank or provider sent.",
  "too-large": `The file is larger than ${MAX_REPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
  "not-text": "The file is not a CSV text file. Save the report as CSV (comma separated) and try again.",
  header: `The first line of the file must be the columns ${REPORT_COLUMNS.join(", ")} (in that order).`,
  "no-lines": `The file has a header but no payments. Add a line for each payment (${REPORT_COLUMNS.join(", ")}).`,
  "too-many": `A report can have at most ${MAX_REPORT_LINES} lines. Split it into smaller files.`,
  race: "Someone imported this same file a moment ago. Open it from the list of imports.",
};

export function countLines(lines: readonly Pick<TPreviewLine, "result">[]): TPreviewCounts {
  return { match: lines.filter((l) => l.result === "match").length, noChange: lines.filter((l) => l.result === "no-change").length, exception: lines.filter((l) => l.result === "exception").length };
}

function readLines(sql: TSql, importId: string): Promise<TPreviewLine[]> {
  return sql.db
    .selectFrom("ReconciliationLine")
    .select(["lineNo", "reference", "amountPence", "outcome", "reason", "paymentId", "result", "message"])
    .where("importId", "=", importId)
    .orderBy("lineNo")
    .execute() as Promise<TPreviewLine[]>;
}

/** Our payments with these references (in slices: a report may have 50,000 lines). */
async function paymentsByReference(sql: TSql, references: readonly string[]): Promise<Map<string, TReportPayment>> {
  const out = new Map<string, TReportPayment>();
  const unique = [...new Set(references.filter(Boolean))];
  for (let i = 0; i < unique.length; i += 5000) {
    const rows = await sql.db.selectFrom("Payment").select(["id", "reference", "method", "status", "amountPence"]).where("reference", "in", unique.slice(i, i + 5000)).execute();
    for (const r of rows) out.set(r.reference, r);
  }
  return out;
}

export const sha256Of = (content: Buffer) => createHash("sha256").update(content).digest("hex");

/**
 * Reads, matches and checks a report and keeps it as an import to confirm (see the file
 * comment). Nothing but the import changes. The same file again returns its first import.
 */
export async function previewReconciliation(actor: TActor, input: { fileName: string; content: Buffer; kind: TReconciliationKind }): Promise<TPreviewResult> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  if (!(RECONCILIATION_KINDS as readonly string[]).includes(input.kind)) return { outcome: "refused", code: "kind", problem: "Choose whose report this is: the bank's or a voucher provider's." };
  if (!input.content.length) return { outcome: "refused", code: "empty", problem: "The file is empty. Choose the report the bank or provider sent." };
  if (input.content.length > MAX_REPORT_BYTES) return { outcome: "refused", code: "too-large", problem: `The file is larger than ${MAX_REPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.` };
  const text = new TextDecoder("utf-8", { fatal: false }).decode(input.content);
  if (text.includes("\u0000") || text.includes("\uFFFD")) return { outcome: "refused", code: "not-text", problem: "The file is not a CSV text file. Save the report as CSV (comma separated) and try again." };
  const sha256 = sha256Of(input.content);
  const fileName = input.fileName.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "report.csv";
  const parsed = readReport(text);
  return withTenantSql(
    councilIdOf(actor),
    async (sql) => {
      const existing = await sql.db.selectFrom("ReconciliationImport").select(["id", "fileName", "kind", "status", "createdAt", "appliedAt"]).where("sha256", "=", sha256).executeTakeFirst();
      if (existing) {
        const lines = await readLines(sql, existing.id);
        return { outcome: "previewed", importId: existing.id, fileName: existing.fileName, kind: existing.kind as TReconciliationKind, alreadyImported: { status: existing.status, createdAt: existing.createdAt, appliedAt: existing.appliedAt }, lines, counts: countLines(lines) };
      }
      if (!parsed.ok) return { outcome: "refused", code: parsed.code, problem: parsed.problem };
      const payments = await paymentsByReference(sql, parsed.lines.map((l) => l.reference));
      const lines = checkReport(parsed.lines, parsed.problems, input.kind, payments);
      const tenantId = councilIdOf(actor);
      // A second person importing the same file at the same moment: one import wins, the other reads it.
      const made = await sql.db
        .insertInto("ReconciliationImport")
        .values({ id: q<string>`gen_random_uuid()`, tenantId, kind: input.kind, fileName, sha256, lineCount: lines.length, createdById: actorUserId(actor)! })
        .onConflict((oc) => oc.columns(["tenantId", "sha256"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!made) return { outcome: "refused", code: "race", problem: "Someone imported this same file a moment ago. Open it from the list of imports." };
      for (let i = 0; i < lines.length; i += 1000) {
        await sql.db
          .insertInto("ReconciliationLine")
          .values(
            lines.slice(i, i + 1000).map((l) => ({
              id: q<string>`gen_random_uuid()`,
              tenantId,
              importId: made.id,
              lineNo: l.lineNo,
              reference: l.reference.slice(0, 100),
              amountPence: l.amountPence,
              outcome: l.outcome.slice(0, 40),
              reason: l.reason.slice(0, 500),
              paymentId: l.paymentId,
              result: l.result,
              message: l.message,
            })),
          )
          .execute();
      }
      const counts = countLines(lines);
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "reconciliation.previewed",
        entityType: "ReconciliationImport",
        entityId: made.id,
        summary: `Imported ${input.kind} report ${fileName} to check: ${lines.length} lines, ${counts.match} to apply, ${counts.exception} exceptions`,
        metadata: { sha256, ...counts },
      });
      return { outcome: "previewed", importId: made.id, fileName, kind: input.kind, alreadyImported: null, lines, counts };
    },
    actorUserId(actor),
  );
}

// ---------- Apply ----------

export type TApplyResult =
  | { outcome: "applied"; confirmed: number; returned: number; rejected: number; exceptions: number }
  | { outcome: "already-applied"; appliedAt: Date }
  | { outcome: "not-found" }
  | { outcome: "forbidden" };

const CHUNK = 500;
const PAID_CHUNK = 5000;

/** The staff words of each state, for a message written in SQL. */
const statusWordsSql = (column: RawBuilder<string>) =>
  q<string>`case ${column} ${q.join(
    Object.entries(PAYMENT_STATUS_WORDS).map(([state, words]) => q`when ${state} then ${words}`),
    q` `,
  )} else 'gone' end`;

/**
 * Up to PAID_CHUNK of the import's "paid" lines in one statement: SENT → PAID (the lifecycle's
 * confirm-paid: bank transfers and supplier payments, no money moves), a "payment.paid" line on
 * each case's timeline as transitionPayment writes it, and each line marked applied, or an
 * exception when its payment moved since the preview. The resident's view is not touched: SENT
 * and PAID read the same to them (RESIDENT_PAID_STATES), so nothing they see or hear changes.
 * Returns how many lines it took.
 */
async function applyPaidLines(sql: TSql, actor: TActor, importId: string): Promise<number> {
  const rule = PAYMENT_RULES["confirm-paid"];
  const a = actorColumns(actor);
  const bank = q.join(BANK_METHODS.map((m) => q`${m}::"PaymentMethod"`));
  const { rows } = await q<{ taken: string }>`with lines as (
      select l.id as "lineId", l."paymentId" from "ReconciliationLine" l
      where l."importId" = ${importId}::uuid and l.result = 'match' and l.outcome = 'paid'
      order by l."lineNo" limit ${PAID_CHUNK}
    ), moved as (
      update "Payment" pm set status = ${rule.to}::"PaymentStatus", "updatedAt" = now(), "settledAt" = now()
      from lines where pm.id = lines."paymentId" and pm.status = ${rule.from[0]!}::"PaymentStatus" and pm.method in (${bank})
      returning pm.id, pm."tenantId", pm."caseId", pm.reference, pm.method::text as method, pm."amountPence", lines."lineId"
    ), events as (
      insert into "CaseEvent" (id, "tenantId", "caseId", kind, "actorKind", "actorUserId", "actorRef", data, "createdAt")
      select gen_random_uuid(), m."tenantId", m."caseId", 'payment.paid', ${a.actorKind}, ${a.actorUserId}::uuid, ${a.actorRef},
        jsonb_build_object('paymentId', m.id, 'reference', m.reference, 'method', m.method, 'amountPence', m."amountPence"::text, 'from', ${rule.from[0]!}::text, 'to', ${rule.to}::text),
        clock_timestamp()
      from moved m
      returning 1
    ), applied as (
      update "ReconciliationLine" rl set result = 'applied', message = 'Payment ' || m.reference || ' marked paid.'
      from moved m where rl.id = m."lineId"
      returning 1
    ), missed as (
      update "ReconciliationLine" rl
      set result = 'exception', message = 'Not applied: payment ' || coalesce(p.reference, '?') || ' changed after this file was checked (it is now ' || ${statusWordsSql(q<string>`p.status::text`)} || ').'
      from lines left join "Payment" p on p.id = lines."paymentId"
      where rl.id = lines."lineId" and lines."lineId" not in (select "lineId" from moved)
      returning 1
    )
    select ((select count(*) from applied) + (select count(*) from missed) + 0 * (select count(*) from events))::text as taken`.execute(sql.db);
  return Number(rows[0]?.taken ?? 0);
}

/**
 * The payments this step may move (its chunk of paid lines and of the others), locked in their
 * id order before any is moved, then their cases and the ledger (ADR 0043): two reports applied at
 * once that share payments wait for each other instead of deadlocking, whatever order their lines
 * are in (tests/integration/payment-races.test.ts).
 */
async function lockStepPayments(sql: TSql, importId: string): Promise<void> {
  const next = (paid: boolean, limit: number) =>
    q`select l."paymentId" from "ReconciliationLine" l
      where l."importId" = ${importId}::uuid and l.result = 'match' and l."paymentId" is not null and ${paid ? q`l.outcome = 'paid'` : q`l.outcome <> 'paid'`}
      order by l."lineNo" limit ${limit}`;
  await q`select pm.id from "Payment" pm
    where pm.id in ((${next(true, PAID_CHUNK)}) union all (${next(false, CHUNK)}))
    order by pm.id for update of pm`.execute(sql.db);
}

/**
 * Applies a previewed import's matched lines (see the file comment). A line whose payment moved
 * since the preview becomes an exception saying so; nothing else is changed by it.
 */
export async function applyReconciliation(actor: TActor, importId: string): Promise<TApplyResult> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  if (!/^[0-9a-f-]{36}$/i.test(importId)) return { outcome: "not-found" };
  const tenantId = councilIdOf(actor);
  for (;;) {
    const step = await withTenantSql(
      tenantId,
      async (sql): Promise<TApplyResult | "more"> => {
        const imp = await sql.db.selectFrom("ReconciliationImport").select(["id", "status", "appliedAt", "fileName", "kind"]).where("id", "=", importId).forUpdate().executeTakeFirst();
        if (!imp) return { outcome: "not-found" };
        if (imp.status === "APPLIED") return { outcome: "already-applied", appliedAt: imp.appliedAt! };
        await lockStepPayments(sql, importId);
        // Paid lines first, set-based (a bank's report is nearly all of them): see applyPaidLines.
        if ((await applyPaidLines(sql, actor, importId)) === PAID_CHUNK) return "more";
        const pending = await sql.db.selectFrom("ReconciliationLine").select(["id", "lineNo", "outcome", "reason", "paymentId"]).where("importId", "=", importId).where("result", "=", "match").orderBy("lineNo").limit(CHUNK).execute();
        const cases = new Set<string>();
        for (const line of pending) {
          const payment = line.paymentId ? await readPayment(sql, line.paymentId) : undefined;
          const outcome = line.outcome as TReportOutcome;
          const r = payment ? await transitionPayment(sql, actor, payment, ACTION_OF[outcome], { reason: line.reason || undefined, deferResidentView: true }) : null;
          if (r?.outcome === "forbidden") throw new Error("payments:manage was checked above");
          const done = r?.outcome === "done";
          if (done) cases.add(payment!.caseId);
          const message = done
            ? `Payment ${payment!.reference} marked ${outcome}${outcome === "paid" ? "" : `: ${line.reason}`}.`
            : `Not applied: payment ${payment?.reference ?? "?"} changed after this file was checked (it is now ${payment ? PAYMENT_STATUS_WORDS[r?.outcome === "not-allowed" ? r.status : payment.status] : "gone"}).`;
          await sql.db.updateTable("ReconciliationLine").set({ result: done ? "applied" : "exception", message }).where("id", "=", line.id).execute();
        }
        // Each case's resident view once, after all its payments in this chunk.
        for (const caseId of cases) await updateResidentView(sql, actor, caseId);
        if (pending.length === CHUNK) return "more";
        const totals = await sql.db
          .selectFrom("ReconciliationLine")
          .select((eb) => [
            eb.fn.countAll<string>().filterWhere("result", "=", "applied").filterWhere("outcome", "=", "paid").as("confirmed"),
            eb.fn.countAll<string>().filterWhere("result", "=", "applied").filterWhere("outcome", "=", "returned").as("returned"),
            eb.fn.countAll<string>().filterWhere("result", "=", "applied").filterWhere("outcome", "=", "rejected").as("rejected"),
            eb.fn.countAll<string>().filterWhere("result", "=", "exception").as("exceptions"),
          ])
          .where("importId", "=", importId)
          .executeTakeFirstOrThrow();
        const summary = { confirmed: Number(totals.confirmed), returned: Number(totals.returned), rejected: Number(totals.rejected), exceptions: Number(totals.exceptions) };
        await sql.db.updateTable("ReconciliationImport").set({ status: "APPLIED", appliedAt: q<Date>`now()`, appliedById: actorUserId(actor), summary }).where("id", "=", importId).execute();
        await recordAuditSql(sql, {
          tenantId,
          actor,
          action: "reconciliation.applied",
          entityType: "ReconciliationImport",
          entityId: importId,
          summary: `Applied ${imp.kind} report ${imp.fileName}: ${summary.confirmed} paid, ${summary.returned} returned, ${summary.rejected} rejected, ${summary.exceptions} exceptions`,
          metadata: summary,
        });
        return { outcome: "applied", ...summary };
      },
      actorUserId(actor),
    );
    if (step !== "more") return step;
  }
}

// ---------- Reading imports (the staff pages) ----------

export type TImportSummary = { id: string; kind: string; fileName: string; status: "PREVIEWED" | "APPLIED"; lineCount: number; createdAt: Date; createdByName: string | null; appliedAt: Date | null; appliedByName: string | null; match: number; noChange: number; applied: number; exception: number };

const importColumns = (sql: TSql) =>
  sql.db
    .selectFrom("ReconciliationImport as i")
    .leftJoin("User as cu", "cu.id", "i.createdById")
    .leftJoin("User as au", "au.id", "i.appliedById")
    .select((eb) => [
      "i.id",
      "i.kind",
      "i.fileName",
      "i.status",
      "i.lineCount",
      "i.createdAt",
      "cu.name as createdByName",
      "i.appliedAt",
      "au.name as appliedByName",
      ...(["match", "no-change", "applied", "exception"] as const).map((r) =>
        eb
          .selectFrom("ReconciliationLine as l")
          .select(q<number>`count(*)::int`.as("n"))
          .whereRef("l.importId", "=", "i.id")
          .where("l.result", "=", r)
          .$asScalar()
          .as(r === "no-change" ? "noChange" : r),
      ),
    ]);

/** The council's imports, newest first, with their lines counted by result. Null without payments:manage. */
export async function listReconciliations(actor: TActor, limit = 50): Promise<TImportSummary[] | null> {
  if (!can(actor, "payments:manage")) return null;
  return withTenantSql(councilIdOf(actor), async (sql) => (await importColumns(sql).orderBy("i.createdAt", "desc").orderBy("i.id", "desc").limit(limit).execute()) as TImportSummary[], actorUserId(actor));
}

/** One import and its lines. Null without payments:manage, or for another council's import. */
export async function readReconciliation(actor: TActor, importId: string): Promise<{ import: TImportSummary; lines: TPreviewLine[] } | null> {
  if (!can(actor, "payments:manage") || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(importId)) return null;
  return withTenantSql(
    councilIdOf(actor),
    async (sql) => {
      const imp = (await importColumns(sql).where("i.id", "=", importId).executeTakeFirst()) as TImportSummary | undefined;
      if (!imp) return null;
      return { import: imp, lines: await readLines(sql, importId) };
    },
    actorUserId(actor),
  );
}
