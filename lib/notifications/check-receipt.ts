import "server-only";
import { sql as q } from "kysely";
import { withScopeSql } from "@/lib/db/tenant-scope";
import { enqueueSql } from "@/lib/jobs/queue";
import { MAX_RECEIPT_CHECKS, receiptCheckDelayMs } from "@/lib/notifications/policy";
import { provider } from "@/lib/notifications/providers";
import type { TDeliveryReceipt } from "@/lib/notifications/providers/types";

/** The wall-clock time now, as the UTC timestamp the outbox's columns hold. */
const NOW_UTC = q<Date>`(clock_timestamp() at time zone 'UTC')`;

type TSent = { id: string; tenantId: string | null; priority: number; status: string; provider: string | null; providerRef: string | null };

/** The job that asks for a message's delivery receipt the `check`-th time; one waiting per message. */
export function receiptJob(message: { id: string; tenantId: string | null }, check: number, now = Date.now()) {
  return {
    task: "notifications:receipt" as const,
    payload: { messageId: message.id, tenantId: message.tenantId, check },
    key: `outbox-receipt:${message.id}`,
    // Behind any delivery: a receipt is never urgent.
    priority: 10,
    runAt: new Date(now + receiptCheckDelayMs(check)),
  };
}

/**
 * Asks the provider what became of a SENT message: DELIVERED, or FAILED with the provider's
 * reason; still on its way → asked again later (policy.ts), until the last check. No row lock is
 * held while the provider answers; the outcome is written only over SENT, so a receipt can never
 * undo anything. Only providers that can tell (GOV.UK Notify) are asked; for SMTP and the dev
 * mailbox "sent" is as far as anyone can know.
 */
export async function checkReceipt(job: { messageId: string; tenantId: string | null; check: number }): Promise<"delivered" | "failed" | "pending" | "final" | "skipped"> {
  const scope = job.tenantId ? { tenantId: job.tenantId } : { platform: true };
  const row: TSent | undefined = await withScopeSql(scope, (sql) =>
    sql.db.selectFrom("OutboundMessage").select(["id", "tenantId", "priority", "status", "provider", "providerRef"]).where("id", "=", job.messageId).executeTakeFirst(),
  );
  const p = provider();
  if (!row || row.status !== "SENT" || !row.providerRef || row.provider !== p.name || !p.receipt) return "skipped";
  let receipt: TDeliveryReceipt;
  try {
    receipt = await p.receipt(row.providerRef);
  } catch (error) {
    // The question failed (a timeout, a 5xx, a 404): it counts as a check.
    receipt = { state: "pending", status: `not known (${error instanceof Error ? error.message : String(error)})` };
  }
  if (receipt.state === "final") return "final";
  if (receipt.state === "pending") {
    if (job.check >= MAX_RECEIPT_CHECKS) {
      console.warn(`[notifications] message ${row.id}: still ${receipt.status} after ${job.check} receipt checks; left as sent`);
      return "pending";
    }
    await withScopeSql(scope, (sql) => enqueueSql(sql, receiptJob(row, job.check + 1)));
    return "pending";
  }
  // Only over SENT: a receipt never undoes anything.
  await withScopeSql(scope, (sql) =>
    sql.db
      .updateTable("OutboundMessage")
      .set(receipt.state === "delivered" ? { status: "DELIVERED", deliveredAt: NOW_UTC } : { status: "FAILED", failedAt: NOW_UTC, failureReason: receipt.reason })
      .where("id", "=", row.id)
      .where("status", "=", "SENT")
      .execute(),
  );
  if (receipt.state === "failed") console.warn(`[notifications] message ${row.id} was not delivered: ${receipt.reason}`);
  return receipt.state;
}
