import "server-only";
import { AUDIT_KINDS, type TAuditKind } from "@/lib/audit/policy";
import { withTenant } from "@/lib/db/tenant-scope";

export const AUDIT_PAGE_SIZE = 50;

/** One page of this council's audit trail, newest first, optionally one kind of event. */
export async function listAuditEvents(tenantId: string, page: number, kind?: TAuditKind) {
  const skip = Math.max(0, page - 1) * AUDIT_PAGE_SIZE;
  const where = { tenantId, ...(kind ? { OR: AUDIT_KINDS[kind].prefixes.map((p) => ({ action: { startsWith: p } })) } : {}) };
  return withTenant(tenantId, async (tx) => {
    const [rows, total] = await Promise.all([
      tx.auditEvent.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip,
        take: AUDIT_PAGE_SIZE,
        select: { id: true, createdAt: true, actorKind: true, actorEmail: true, actorRef: true, action: true, summary: true, metadata: true },
      }),
      tx.auditEvent.count({ where }),
    ]);
    return { rows, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
  });
}
