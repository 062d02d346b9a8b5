import "server-only";
import { withTenant } from "@/lib/db/tenant-scope";

/** A council's outbox, newest first (casework shows failed messages on the case). */
export async function listOutboundMessages(councilId: string, filter: { status?: "QUEUED" | "SENT" | "DELIVERED" | "FAILED"; to?: string } = {}) {
  return withTenant(councilId, (tx) =>
    tx.outboundMessage.findMany({
      where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.to ? { to: filter.to } : {}) },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, template: true, channel: true, to: true, subject: true, status: true, attempts: true, failureReason: true, createdAt: true, sentAt: true },
    }),
  );
}
