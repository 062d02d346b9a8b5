import "server-only";
import { type Compilable, sql as q } from "kysely";
import { db } from "@/lib/db/client";
import { withScopeSql } from "@/lib/db/tenant-scope";
import type { TSql } from "@/lib/db/sql";
import { enqueueSql } from "@/lib/jobs/queue";
import { receiptJob } from "@/lib/notifications/check-receipt";
import { deliveryJob } from "@/lib/notifications/enqueue-message";
import { afterFailure } from "@/lib/notifications/policy";
import { provider } from "@/lib/notifications/providers";

type TRow = {
  id: string;
  tenantId: string | null;
  channel: "EMAIL" | "SMS";
  to: string;
  subject: string | null;
  body: string;
  personalisation: Record<string, string>;
  providerTemplateId: string | null;
  priority: number;
  status: string;
  attempts: number;
  due: boolean;
};

/**
 * One try at handing a message to the provider. The outbox row is locked for the whole try and
 * its outcome is written in the same transaction, so two workers (or a job added twice) never
 * send it twice: the second finds it locked or already sent and does nothing. A worker killed
 * mid-try rolls back, leaving the message queued for the sweep (lib/notifications/sweep-outbox.ts).
 *
 * The hot path of every message, so node-postgres rather than a Prisma transaction, and three
 * round trips: BEGIN with the scope, the locking read, and the outcome with its COMMIT (four
 * with GOV.UK Notify: its delivery-receipt check is added to the queue in the same transaction).
 */
export async function deliverMessage(job: { messageId: string; tenantId: string | null }): Promise<"sent" | "failed" | "retry" | "skipped"> {
  return withScopeSql(job.tenantId ? { tenantId: job.tenantId } : { platform: true }, async (sql) => {
    const found = await sql.db
      .selectFrom("OutboundMessage")
      .select([
        "id",
        "tenantId",
        "channel",
        "to",
        "subject",
        "body",
        "personalisation",
        "providerTemplateId",
        "priority",
        "status",
        "attempts",
        (eb) => q<boolean>`${eb.ref("nextAttemptAt")} <= (now() at time zone 'UTC') + interval '1 second'`.as("due"),
      ])
      .where("id", "=", job.messageId)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    // personalisation is jsonb: enqueueMessageSql writes it as an object of strings, nothing else does.
    const row: TRow | undefined = found && { ...found, personalisation: found.personalisation as Record<string, string> };
    // Locked by another worker's try, already done, or scheduled for a later try.
    if (!row || row.status !== "QUEUED" || !row.due) return "skipped";
    const attempts = row.attempts + 1;
    const p = provider();
    try {
      const { providerRef } = await p.send(row);
      // A provider that reports delivery is asked later, through the queue (check-receipt.ts).
      if (p.receipt && providerRef) await enqueueSql(sql, receiptJob(row, 1));
      await last(sql, sql.db.updateTable("OutboundMessage").set({ status: "SENT", attempts, provider: p.name, providerRef, sentAt: NOW_UTC, failureReason: null }).where("id", "=", row.id));
      return "sent";
    } catch (error) {
      const next = afterFailure(error, attempts, new Date());
      if (next.status === "FAILED") {
        await last(sql, sql.db.updateTable("OutboundMessage").set({ status: "FAILED", attempts, provider: p.name, failedAt: NOW_UTC, failureReason: next.reason }).where("id", "=", row.id));
        console.warn(`[notifications] message ${row.id} failed: ${next.reason}`);
        return "failed";
      }
      await sql.db
        .updateTable("OutboundMessage")
        .set({ attempts, provider: p.name, nextAttemptAt: q<Date>`(${next.retryAt.toISOString()}::timestamptz at time zone 'UTC')`, failureReason: next.reason })
        .where("id", "=", row.id)
        .execute();
      await enqueueSql(sql, deliveryJob(row, next.retryAt));
      console.warn(`[notifications] message ${row.id} try ${attempts} failed (${next.reason}); next try at ${next.retryAt.toISOString()}`);
      return "retry";
    }
  });
}

/** The outcome and COMMIT in one round trip where the driver allows (node-postgres): the row's lock is held for no extra round trip. */
async function last(sql: TSql, statement: Compilable<unknown> & { execute(): Promise<unknown> }): Promise<void> {
  if (sql.rowsThenCommit) await sql.rowsThenCommit(statement.compile());
  else await statement.execute();
}

/** The wall-clock time now, as the UTC timestamp the outbox's columns hold. */
const NOW_UTC = q<Date>`(clock_timestamp() at time zone 'UTC')`;

/** All councils' ids, for work that visits every council's rows in turn (row-level security stays on). */
export async function allTenantIds(): Promise<string[]> {
  return (await db().tenant.findMany({ select: { id: true } })).map((t) => t.id);
}
