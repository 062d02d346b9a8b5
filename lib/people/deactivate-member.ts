import "server-only";
import { staffActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TCouncilAccess } from "@/lib/auth/access";
import { revokeAllSessions } from "@/lib/auth/session";
import { withTenant } from "@/lib/db/tenant-scope";

export type TDeactivateResult = { outcome: "deactivated"; sessionsEnded: number } | { outcome: "not-found" } | { outcome: "self" };

/**
 * Removes a person from this council and ends every session they have, so they are out on their
 * next request. Their account stays (other councils may still employ them; history keeps names).
 */
export async function deactivateMember(ctx: Pick<TCouncilAccess, "council" | "user" | "roles">, userId: string, ip: string | null = null): Promise<TDeactivateResult> {
  if (userId === ctx.user.userId) return { outcome: "self" };
  const result = await withTenant(ctx.council.id, async (tx) => {
    const memberships = await tx.membership.findMany({ where: { userId }, include: { user: { select: { email: true } } } });
    if (!memberships.length) return { outcome: "not-found" as const };
    await tx.membership.updateMany({ where: { userId }, data: { status: "DEACTIVATED" } });
    await tx.invitation.updateMany({ where: { email: memberships[0]!.user.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      tenantId: ctx.council.id,
      actor: staffActor(ctx),
      action: "people.deactivated",
      entityType: "User",
      entityId: userId,
      summary: `Deactivated ${memberships[0]!.user.email} and ended their sessions`,
      ip,
    });
    return { outcome: "found" as const };
  });
  if (result.outcome === "not-found") return result;
  return { outcome: "deactivated", sessionsEnded: await revokeAllSessions(userId) };
}
