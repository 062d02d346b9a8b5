// What the payments pages read: payments ready to send by method, the batches, one batch with its
// lines and files, and a file's bytes for download (audited). Finance only (payments:manage,
// checked here), in the council's scope (RLS: another council's batch is simply not found).
import "server-only";
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { PAYMENT_METHODS, type TPaymentMethod, type TPaymentState } from "@/lib/payments/lifecycle";
import { payableCondition } from "@/lib/payments/batches";
import { missingBankSettings, readBankSettings } from "@/lib/payments/settings";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TReadyByMethod = { method: TPaymentMethod; count: number; totalPence: bigint; payableCount: number; payablePence: bigint; needDetails: number };
export type TReadyToPay = { methods: TReadyByMethod[]; funds: { id: string; name: string }[]; missingBankSettings: string[] };

/** READY payments per method (all methods, in the lifecycle's order), how many can go in a batch as they stand, the funds to choose from and what bank settings are missing. */
export async function readyToPay(actor: TActor): Promise<TReadyToPay | null> {
  if (!can(actor, "payments:manage")) return null;
  return withTenantSql(
    councilIdOf(actor),
    async (sql) => {
      // One connection: one query at a time.
      const rows: TReadyByMethod[] = [];
      for (const method of PAYMENT_METHODS) {
        rows.push(
          await (async () => {
          const r = await q<{ count: string; total: string | null; payable: string; payableTotal: string | null }>`select count(*)::text as count, sum(pm."amountPence")::text as total,
              count(*) filter (where ${payableCondition(method)})::text as payable, sum(pm."amountPence") filter (where ${payableCondition(method)})::text as "payableTotal"
            from "Payment" pm where pm.status = 'READY' and pm.method = ${method}::"PaymentMethod"`.execute(sql.db);
          const row = r.rows[0]!;
          const count = Number(row.count);
          const payableCount = Number(row.payable);
          return { method, count, totalPence: BigInt(row.total ?? 0), payableCount, payablePence: BigInt(row.payableTotal ?? 0), needDetails: count - payableCount };
          })(),
        );
      }
      const funds = await sql.db.selectFrom("Fund").select(["id", "name"]).orderBy("name").execute();
      return { methods: rows, funds, missingBankSettings: missingBankSettings(await readBankSettings(sql)) };
    },
    actorUserId(actor),
  );
}

export type TBatchRow = {
  id: string;
  reference: string;
  method: TPaymentMethod;
  status: "CREATED" | "RELEASED" | "CANCELLED";
  count: number;
  totalPence: bigint;
  processingDay: Date | null;
  createdAt: Date;
  createdById: string;
  createdBy: string;
  releasedAt: Date | null;
  releasedBy: string | null;
};

function batchRows(sql: Parameters<Parameters<typeof withTenantSql>[1]>[0]) {
  return sql.db
    .selectFrom("PaymentBatch as b")
    .leftJoin("User as c", "c.id", "b.createdById")
    .leftJoin("User as r", "r.id", "b.releasedById")
    .select(["b.id", "b.reference", "b.method", "b.status", "b.count", "b.totalPence", "b.processingDay", "b.createdAt", "b.createdById", "b.releasedAt", "c.name as createdBy", "r.name as releasedBy"]);
}

export const BATCHES_PER_PAGE = 25;

/** The batches, newest first, a page at a time. */
export async function listBatches(actor: TActor, page = 1): Promise<{ batches: TBatchRow[]; total: number } | null> {
  if (!can(actor, "payments:manage")) return null;
  return withTenantSql(
    councilIdOf(actor),
    async (sql) => {
      const batches = await batchRows(sql)
        .orderBy("b.createdAt", "desc")
        .orderBy("b.reference", "desc")
        .limit(BATCHES_PER_PAGE)
        .offset((Math.max(1, page) - 1) * BATCHES_PER_PAGE)
        .execute();
      const { n } = await sql.db.selectFrom("PaymentBatch").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      return { batches: batches.map((b) => ({ ...b, createdBy: b.createdBy ?? "someone", releasedBy: b.releasedBy })), total: Number(n) };
    },
    actorUserId(actor),
  );
}

export type TBatchLine = { id: string; reference: string; caseId: string; caseReference: string; amountPence: bigint; status: TPaymentState; bankLast4: string | null; fundName: string };
export type TBatchFileRow = { id: string; kind: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string };
export type TBatchPage = { batch: TBatchRow; lines: TBatchLine[]; files: TBatchFileRow[] };

export const LINES_PER_PAGE = 100;

/** One batch with a page of its lines (in reference order, as in its file) and its files; null when not found here. */
export async function readBatch(actor: TActor, batchId: string, page = 1): Promise<TBatchPage | null> {
  if (!can(actor, "payments:manage") || !UUID.test(batchId)) return null;
  return withTenantSql(
    councilIdOf(actor),
    async (sql) => {
      const batch = await batchRows(sql).where("b.id", "=", batchId).executeTakeFirst();
      if (!batch) return null;
      // A cancelled batch's payments have left it (back to READY): it keeps its count, total and file.
      const lines = await sql.db
        .selectFrom("Payment as pm")
        .innerJoin("Case as c", "c.id", "pm.caseId")
        .innerJoin("Award as a", "a.id", "pm.awardId")
        .innerJoin("Pot as p", "p.id", "a.potId")
        .innerJoin("Fund as f", "f.id", "p.fundId")
        .select(["pm.id", "pm.reference", "pm.caseId", "c.reference as caseReference", "pm.amountPence", "pm.status", "pm.bankLast4", "f.name as fundName"])
        .where("pm.batchId", "=", batchId)
        .orderBy("pm.reference")
        .limit(LINES_PER_PAGE)
        .offset((Math.max(1, page) - 1) * LINES_PER_PAGE)
        .execute();
      const files = await sql.db
        .selectFrom("PaymentBatchFile")
        .select(["id", "kind", "fileName", "mediaType", "sha256", q<number>`octet_length(content)`.as("sizeBytes")])
        .where("batchId", "=", batchId)
        .orderBy("kind")
        .execute();
      return { batch: { ...batch, createdBy: batch.createdBy ?? "someone" }, lines, files: files.map((f) => ({ ...f, sizeBytes: Number(f.sizeBytes) })) };
    },
    actorUserId(actor),
  );
}

export type TOpenedBatchFile = { ok: true; fileName: string; mediaType: string; bytes: Buffer } | { ok: false };

/** A batch file's stored bytes, exactly as built when the batch was made; every download is in the audit log. */
export async function openBatchFile(actor: TActor, batchId: string, fileId: string, ip: string | null): Promise<TOpenedBatchFile> {
  if (!can(actor, "payments:manage") || !UUID.test(batchId) || !UUID.test(fileId)) return { ok: false };
  const tenantId = councilIdOf(actor);
  return withTenantSql(
    tenantId,
    async (sql): Promise<TOpenedBatchFile> => {
      const file = await sql.db
        .selectFrom("PaymentBatchFile as f")
        .innerJoin("PaymentBatch as b", "b.id", "f.batchId")
        .select(["f.id", "f.fileName", "f.mediaType", "f.content", "f.sha256", "f.kind", "b.reference", "b.status"])
        .where("f.id", "=", fileId)
        .where("f.batchId", "=", batchId)
        .executeTakeFirst();
      if (!file) return { ok: false };
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "payment-batch.file-downloaded",
        entityType: "PaymentBatchFile",
        entityId: file.id,
        summary: `Downloaded ${file.fileName} of payment batch ${file.reference} (${file.status.toLowerCase()})`,
        metadata: { batchId, kind: file.kind, sha256: file.sha256, sizeBytes: file.content.byteLength },
        ip,
      });
      return { ok: true, fileName: file.fileName, mediaType: file.mediaType, bytes: Buffer.from(file.content) };
    },
    actorUserId(actor),
  );
}
