import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { TCaseActor } from "@/lib/cases/transition";
import { withTenant } from "@/lib/db/tenant-scope";

/**
 * Everything the case page shows: the case, the application as submitted (read-only; bank
 * details stay sealed), its amendments, its award lines and its timeline (newest first). Reading
 * it is recorded in the audit log (who viewed which case, when). Another council's id, or a
 * role without cases:read, reads as nothing.
 */
export async function readCaseFile(actor: TCaseActor, caseId: string, ip: string | null = null) {
  if (!can(actor.roles, "cases:read") || !/^[0-9a-f-]{36}$/i.test(caseId)) return null;
  return withTenant(
    actor.council.id,
    async (tx) => {
      const found = await tx.case.findUnique({
        where: { id: caseId },
        include: {
          assignedTo: { select: { id: true, name: true } },
          application: { select: { id: true, reference: true, channel: true, data: true, submittedAt: true, residentStatus: true, locale: true } },
          amendments: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
          awards: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { pot: { select: { name: true } } } },
          events: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
        },
      });
      if (!found) return null;
      await recordAudit(tx, {
        tenantId: actor.council.id,
        actor: { userId: actor.user.userId, email: actor.user.email },
        action: "case.viewed",
        entityType: "Case",
        entityId: found.id,
        summary: `Viewed case ${found.reference}`,
        ip,
      });
      return found;
    },
    actor.user.userId,
  );
}
