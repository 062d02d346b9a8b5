import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { withPlatformJob, withTenant } from "@/lib/db/tenant-scope";
import { enqueue } from "@/lib/jobs/queue";
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
  nextAttemptAt: Date;
};

const inScope = <T>(tenantId: string | null, fn: (tx: Tx) => Promise<T>) => (tenantId ? withTenant(tenantId, fn) : withPlatformJob(fn));

/**
 * One try at handing a message to the provider. The outbox row is locked for the whole try and
 * its outcome is written in the same transaction, so two workers (or a job added twice) never
 * send it twice: the second finds it locked or already sent and does nothing. A worker killed
 * mid-try rolls back, leaving the message queued for the sweep (lib/notifications/sweep-outbox.ts).
 */
export async function deliverMessage(job: { messageId: string; tenantId: string | null }): Promise<"sent" | "failed" | "retry" | "skipped"> {
  return inScope(job.tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<TRow[]>`
      select id, "tenantId", channel::text as channel, "to", subject, body, personalisation, "providerTemplateId", priority, status::text as status, attempts, "nextAttemptAt"
      from "OutboundMessage" where id = ${job.messageId}::uuid
      for update skip locked`;
    // Locked by another worker's try, already done, or scheduled for a later try.
    if (!row || row.status !== "QUEUED" || row.nextAttemptAt.getTime() > Date.now() + 1_000) return "skipped";
    const attempts = row.attempts + 1;
    const p = provider();
    try {
      const { providerRef } = await p.send(row);
      // Raw and without RETURNING: this is the hot path, and the commit right after it closes the window.
      await tx.$executeRaw`update "OutboundMessage" set status = 'SENT', attempts = ${attempts}, provider = ${p.name}, "providerRef" = ${providerRef}, "sentAt" = ${new Date()}, "failureReason" = null where id = ${row.id}::uuid`;
      return "sent";
    } catch (error) {
      const next = afterFailure(error, attempts, new Date());
      if (next.status === "FAILED") {
        await tx.outboundMessage.update({ where: { id: row.id }, data: { status: "FAILED", attempts, provider: p.name, failedAt: new Date(), failureReason: next.reason } });
        console.warn(`[notifications] message ${row.id} failed: ${next.reason}`);
        return "failed";
      }
      await tx.outboundMessage.update({ where: { id: row.id }, data: { attempts, provider: p.name, nextAttemptAt: next.retryAt, failureReason: next.reason } });
      await enqueue(tx, deliveryJob(row, next.retryAt));
      console.warn(`[notifications] message ${row.id} try ${attempts} failed (${next.reason}); next try at ${next.retryAt.toISOString()}`);
      return "retry";
    }
  });
}

/** All councils' ids, for work that visits every council's rows in turn (row-level security stays on). */
export async function allTenantIds(): Promise<string[]> {
  return (await db().tenant.findMany({ select: { id: true } })).map((t) => t.id);
}
