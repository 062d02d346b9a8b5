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
      // One query after another: Prisma would run a multi-relation include's queries at once on
      // the transaction's one connection (node-postgres deprecates that).
      const found = await tx.case.findUnique({
        where: { id: caseId },
        include: {
          assignedTo: { select: { id: true, name: true } },
          application: { select: { id: true, reference: true, channel: true, data: true, submittedAt: true, residentStatus: true, locale: true } },
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
      const where = { caseId: found.id };
      const amendments = await tx.caseAmendment.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
      const awards = await tx.award.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { pot: { select: { name: true } } } });
      const events = await tx.caseEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
      return { ...found, amendments, awards, events };
    },
    actor.user.userId,
  );
}
