import "server-only";
import { withTenant } from "@/lib/db/tenant-scope";

export const AUDIT_PAGE_SIZE = 50;

/** One page of this council's audit trail, newest first (keyset pagination on createdAt, id). */
export async function listAuditEvents(tenantId: string, page: number) {
  const skip = Math.max(0, page - 1) * AUDIT_PAGE_SIZE;
  return withTenant(tenantId, async (tx) => {
    const [rows, total] = await Promise.all([
      tx.auditEvent.findMany({
        where: { tenantId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip,
        take: AUDIT_PAGE_SIZE,
        select: { id: true, createdAt: true, actorEmail: true, action: true, summary: true },
      }),
      tx.auditEvent.count({ where: { tenantId } }),
    ]);
    return { rows, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
  });
}
