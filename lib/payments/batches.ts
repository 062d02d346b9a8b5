// Payment batches (issue 19, docs/payments.md "Batches"): finance turns the payments ready to
// send into a batch of one method (all of them, or one fund's, or those approved on or before a
// day), checks it, and a SECOND person releases it: the money leaves (every payment SENT and
// disbursed, committed → spent) and the batch's file, built and stored when the batch was made,
// is what goes to the bank or provider. Set-based throughout (transitionBatchPayments,
// postLedgerSet): 50,000 payments make and release a batch in a few statements each. What the
// residents read is brought up to date by a job per released batch (lib/payments/tasks.ts).
// Every function checks payments:manage itself and runs in the council's scope (RLS).
import "server-only";
import { createHash } from "node:crypto";
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { nextBacsProcessingDay } from "@/lib/banking/bacs-standard18";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { enqueueSql } from "@/lib/jobs/queue";
import { bankBatchFiles, type TBankSettings } from "@/lib/payments/bank-files";
import type { TBatchFile, TBatchForFiles } from "@/lib/payments/batch-file";
import { BANK_METHODS, isVoucherMethod, type TPaymentMethod } from "@/lib/payments/lifecycle";
import { missingBankSettings, readBankSettings } from "@/lib/payments/settings";
import { residentViewsJob } from "@/lib/payments/jobs";
import { transitionBatchPayments } from "@/lib/payments/transition";
import { missingVoucherSettings, voucherBatchFiles } from "@/lib/payments/voucher-files";
import { payeeReadySql } from "@/lib/payments/bank-details";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TBatchSelection = {
  method: TPaymentMethod;
  voucherProviderId?: string | null;
  /** Only payments of awards from this fund's pots. */
  fundId?: string | null;
  /** Only payments of awards approved on or before this London day (YYYY-MM-DD). */
  approvedOnOrBefore?: string | null;
};

export type TCreateBatchResult =
  | { outcome: "created"; batchId: string; reference: string; count: number; totalPence: bigint }
  | { outcome: "nothing-to-pay" }
  | { outcome: "not-configured"; missing: string[] }
  | { outcome: "forbidden" };

export type TReleaseBatchResult =
  | { outcome: "released"; count: number; totalPence: bigint }
  | { outcome: "already-released" }
  | { outcome: "segregation-of-duties" }
  | { outcome: "not-found" }
  | { outcome: "cancelled" }
  | { outcome: "forbidden" };

export type TCancelBatchResult = { outcome: "cancelled"; count: number } | { outcome: "already-released" } | { outcome: "already-cancelled" } | { outcome: "not-found" } | { outcome: "forbidden" };

/**
 * Which READY payments of a method can be paid as they stand (the others are listed on the
 * payments page as needing details): a bank transfer needs the payee's bank details; a payment to
 * a supplier needs a checked supplier and the resident's account reference with them; none may
 * have a bank-details change waiting for a second person (lib/payments/bank-details.ts: the
 * database's trigger refuses them too, so one held payment never fails a whole batch).
 */
export function payableCondition(method: TPaymentMethod) {
  if (method === "BANK_TRANSFER") return q<boolean>`pm."bankDetailsEnc" is not null and ${payeeReadySql}`;
  return payeeReadySql;
}

/** The candidates' ids: READY payments of the selection that can be paid as they stand. */
function candidates(selection: TBatchSelection) {
  const day = selection.approvedOnOrBefore && /^\d{4}-\d{2}-\d{2}$/.test(selection.approvedOnOrBefore) ? selection.approvedOnOrBefore : null;
  return q<{ id: string }>`select pm.id from "Payment" pm
    join "Award" a on a.id = pm."awardId" join "Pot" p on p.id = a."potId"
    where pm.status = 'READY' and pm.method = ${selection.method}::"PaymentMethod" and ${payableCondition(selection.method)}
      ${selection.voucherProviderId ? q`and (pm."voucherProviderId" = ${selection.voucherProviderId}::uuid or pm."voucherProviderId" is null)` : q``}
      ${selection.fundId ? q`and p."fundId" = ${selection.fundId}::uuid` : q``}
      ${day ? q`and (coalesce(a."approvedAt", pm."createdAt") at time zone 'UTC' at time zone 'Europe/London')::date <= ${day}::date` : q``}`;
}

class NothingToPay extends Error {}

/**
 * The council's lock on making batches, held to the end of the transaction: one batch is made at
 * a time, and a bank-details change is asked for between batches, never while one is being made
 * (lib/payments/bank-changes.ts): a change that commits while a batch waits for its payment would
 * meet the database's guard and fail the whole batch (tests/integration/payment-races.test.ts).
 */
export async function lockBatchMaking(sql: TSql, tenantId: string): Promise<void> {
  await q`select pg_advisory_xact_lock(hashtextextended(${`payment-batch:${tenantId}`}, 0))`.execute(sql.db);
}

/** The files of a batch whose payments have joined it: a bank file, or the provider's order. */
async function filesFor(sql: TSql, batch: TBatchForFiles, bank: TBankSettings | null): Promise<TBatchFile[]> {
  if (isVoucherMethod(batch.method)) return voucherBatchFiles(sql, batch);
  return bankBatchFiles(sql, batch, bank!);
}

/**
 * Makes a batch of the READY payments the selection picks, and its file. One batch is made at a
 * time in a council (an advisory lock), and a payment joins only from READY (the conditional
 * update), so an award already in a batch cannot join another. A bank batch needs the council's
 * Bacs settings: without them, nothing is made and the missing settings are named.
 */
export async function createBatch(actor: TActor, selection: TBatchSelection): Promise<TCreateBatchResult> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  const tenantId = councilIdOf(actor);
  const userId = actorUserId(actor);
  if (!userId) return { outcome: "forbidden" };
  if (selection.fundId && !UUID.test(selection.fundId)) return { outcome: "nothing-to-pay" };
  if (selection.voucherProviderId && !UUID.test(selection.voucherProviderId)) return { outcome: "nothing-to-pay" };
  const bankMethod = BANK_METHODS.includes(selection.method);
  try {
    return await withTenantSql(
      tenantId,
      async (sql): Promise<TCreateBatchResult> => {
        await lockBatchMaking(sql, tenantId);
        let bank: TBankSettings | null = null;
        let fileSerial: number | null = null;
        let processingDay: string | null = null;
        if (bankMethod) {
          const settings = await readBankSettings(sql);
          const missing = missingBankSettings(settings);
          if (missing.length) return { outcome: "not-configured", missing };
          bank = settings as TBankSettings;
        } else {
          const missing = await missingVoucherSettings(sql, selection.method, selection.voucherProviderId ?? null);
          if (missing.length) return { outcome: "not-configured", missing };
        }
        const { n } = await sql.db.selectFrom("PaymentBatch").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
        const reference = `B-${String(Number(n) + 1).padStart(6, "0")}`;
        if (bankMethod) {
          const serial = await sql.db.updateTable("PaymentSettings").set((eb) => ({ lastFileSerial: eb("lastFileSerial", "+", 1) })).returning("lastFileSerial").executeTakeFirstOrThrow();
          fileSerial = ((serial.lastFileSerial - 1) % 999_999) + 1;
          processingDay = nextBacsProcessingDay(new Date());
        }
        // The batch first (its payments refer to it), with its count and total once they have joined.
        const batch = await sql.db
          .insertInto("PaymentBatch")
          .values({
            id: q<string>`gen_random_uuid()`,
            tenantId,
            reference,
            method: selection.method,
            voucherProviderId: selection.voucherProviderId ?? null,
            status: "CREATED",
            count: 1,
            totalPence: 1n,
            processingDay: processingDay ? q<Date>`${processingDay}::date` : null,
            fileSerial,
            selection: q`${JSON.stringify({ fundId: selection.fundId ?? null, approvedOnOrBefore: selection.approvedOnOrBefore ?? null, voucherProviderId: selection.voucherProviderId ?? null })}::jsonb`,
            createdById: userId,
          })
          .returning(["id", "createdAt"])
          .executeTakeFirstOrThrow();
        const joined = await transitionBatchPayments(sql, actor, batch.id, "add-to-batch", candidates(selection));
        if (joined.outcome !== "done") throw new Error("payments:manage checked above");
        if (joined.count === 0) throw new NothingToPay();
        await sql.db.updateTable("PaymentBatch").set({ count: joined.count, totalPence: joined.totalPence }).where("id", "=", batch.id).execute();
        const forFiles: TBatchForFiles = { id: batch.id, reference, method: selection.method, voucherProviderId: selection.voucherProviderId ?? null, processingDay, fileSerial, createdAt: batch.createdAt };
        for (const file of await filesFor(sql, forFiles, bank)) {
          await sql.db
            .insertInto("PaymentBatchFile")
            .values({
              id: q<string>`gen_random_uuid()`,
              tenantId,
              batchId: batch.id,
              kind: file.kind,
              fileName: file.fileName,
              mediaType: file.mediaType,
              content: file.content,
              sha256: createHash("sha256").update(file.content).digest("hex"),
            })
            .execute();
        }
        await recordAuditSql(sql, {
          tenantId,
          actor,
          action: "payment-batch.created",
          entityType: "PaymentBatch",
          entityId: batch.id,
          summary: `Made payment batch ${reference}: ${joined.count} payments, ${joined.totalPence} pence`,
          metadata: { reference, method: selection.method, count: joined.count, totalPence: joined.totalPence.toString(), fundId: selection.fundId ?? null, approvedOnOrBefore: selection.approvedOnOrBefore ?? null },
        });
        return { outcome: "created", batchId: batch.id, reference, count: joined.count, totalPence: joined.totalPence };
      },
      userId,
    );
  } catch (error) {
    // Nothing joined: the batch row (and its serial) roll back with the transaction.
    if (error instanceof NothingToPay) return { outcome: "nothing-to-pay" };
    throw error;
  }
}

/** The batch, locked for its change; undefined when not in this council. */
function lockBatch(sql: TSql, batchId: string) {
  return sql.db.selectFrom("PaymentBatch").select(["id", "tenantId", "reference", "status", "createdById", "count", "totalPence"]).where("id", "=", batchId).forUpdate().executeTakeFirst();
}

/**
 * Releases a batch: its payments are SENT and each disbursed (committed → spent, key
 * payment:<id>:disburse), by someone other than who made it (and the database's CHECK says the
 * same). Releasing twice disburses once: the batch row is locked and its state checked, and each
 * movement's key would refuse a second posting anyway. Residents' pages follow by a job.
 */
export async function releaseBatch(actor: TActor, batchId: string): Promise<TReleaseBatchResult> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  const userId = actorUserId(actor);
  if (!userId) return { outcome: "forbidden" };
  if (!UUID.test(batchId)) return { outcome: "not-found" };
  const tenantId = councilIdOf(actor);
  return withTenantSql(
    tenantId,
    async (sql): Promise<TReleaseBatchResult> => {
      const batch = await lockBatch(sql, batchId);
      if (!batch) return { outcome: "not-found" };
      if (batch.status === "RELEASED") return { outcome: "already-released" };
      if (batch.status === "CANCELLED") return { outcome: "cancelled" };
      if (batch.createdById === userId) {
        await recordAuditSql(sql, { tenantId, actor, action: "payment-batch.release-refused", entityType: "PaymentBatch", entityId: batch.id, summary: `Refused to release payment batch ${batch.reference}: whoever made a batch cannot release it` });
        return { outcome: "segregation-of-duties" };
      }
      const sent = await transitionBatchPayments(sql, actor, batch.id, "send");
      if (sent.outcome !== "done") return { outcome: "forbidden" };
      await sql.db.updateTable("PaymentBatch").set({ status: "RELEASED", releasedById: userId, releasedAt: q<Date>`now()` }).where("id", "=", batch.id).execute();
      await enqueueSql(sql, residentViewsJob({ tenantId, batchId: batch.id }));
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "payment-batch.released",
        entityType: "PaymentBatch",
        entityId: batch.id,
        summary: `Released payment batch ${batch.reference}: ${sent.count} payments sent, ${sent.totalPence} pence disbursed`,
        metadata: { reference: batch.reference, count: sent.count, totalPence: sent.totalPence.toString() },
      });
      return { outcome: "released", count: sent.count, totalPence: sent.totalPence };
    },
    userId,
  );
}

/**
 * Cancels a batch not yet released: its payments go back to READY (a new batch can take them) and
 * the batch stays, cancelled, with its file, as the record of what was not sent. Anyone with
 * payments:manage may cancel (nothing leaves the council by it).
 */
export async function cancelBatch(actor: TActor, batchId: string): Promise<TCancelBatchResult> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  if (!UUID.test(batchId)) return { outcome: "not-found" };
  const tenantId = councilIdOf(actor);
  return withTenantSql(
    tenantId,
    async (sql): Promise<TCancelBatchResult> => {
      const batch = await lockBatch(sql, batchId);
      if (!batch) return { outcome: "not-found" };
      if (batch.status === "RELEASED") return { outcome: "already-released" };
      if (batch.status === "CANCELLED") return { outcome: "already-cancelled" };
      const left = await transitionBatchPayments(sql, actor, batch.id, "remove-from-batch");
      if (left.outcome !== "done") return { outcome: "forbidden" };
      await sql.db.updateTable("PaymentBatch").set({ status: "CANCELLED" }).where("id", "=", batch.id).execute();
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "payment-batch.cancelled",
        entityType: "PaymentBatch",
        entityId: batch.id,
        summary: `Cancelled payment batch ${batch.reference}: ${left.count} payments back to ready`,
        metadata: { reference: batch.reference, count: left.count },
      });
      return { outcome: "cancelled", count: left.count };
    },
    actorUserId(actor),
  );
}
