import "server-only";
import { withPlatformJob, withTenant } from "@/lib/db/tenant-scope";
import type { Tx } from "@/lib/db/client";
import { enqueue } from "@/lib/jobs/queue";
import { allTenantIds } from "@/lib/notifications/deliver-message";
import { deliveryJob } from "@/lib/notifications/enqueue-message";

/**
 * Adds the delivery job again for messages still queued `olderThanMs` after their due time: a
 * job whose worker was killed stays locked in the queue for hours, but its message must not wait.
 * Safe to run any time: the job is keyed by the outbox id and delivery locks the row.
 * Runs when a worker starts (olderThanMs 0) and every minute (see lib/notifications/tasks.ts).
 */
export async function sweepOutbox(olderThanMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const sweep = async (tx: Tx) => {
    const stuck = await tx.outboundMessage.findMany({ where: { status: "QUEUED", nextAttemptAt: { lte: cutoff } }, select: { id: true, tenantId: true, priority: true }, take: 10_000 });
    for (const m of stuck) await enqueue(tx, deliveryJob(m));
    return stuck.length;
  };
  let total = await withPlatformJob(sweep);
  for (const tenantId of await allTenantIds()) total += await withTenant(tenantId, sweep);
  return total;
}
