import "server-only";
import { staffActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TCouncilAccess } from "@/lib/auth/access";
import { isStaffRole, type TRole } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant-scope";

export type TChangeRolesResult = { outcome: "changed" } | { outcome: "not-found" } | { outcome: "own-admin-role" };

/** Sets a person's staff roles in this council. Takes effect on their next request. */
export async function changeMemberRoles(ctx: Pick<TCouncilAccess, "council" | "user" | "roles">, userId: string, roles: TRole[], ip: string | null = null): Promise<TChangeRolesResult> {
  if (userId === ctx.user.userId && !roles.includes("COUNCIL_ADMIN")) return { outcome: "own-admin-role" };
  return withTenant(ctx.council.id, async (tx) => {
    const memberships = await tx.membership.findMany({ where: { userId }, include: { user: { select: { email: true } } } });
    if (!memberships.length) return { outcome: "not-found" as const };
    const before = memberships.filter((m) => m.status === "ACTIVE").map((m) => m.role);
    for (const m of memberships) {
      if (!isStaffRole(m.role)) continue;
      const status = roles.includes(m.role as TRole) ? "ACTIVE" : "DEACTIVATED";
      if (m.status !== status) await tx.membership.update({ where: { id: m.id }, data: { status } });
    }
    for (const role of roles) {
      if (!memberships.some((m) => m.role === role)) await tx.membership.create({ data: { tenantId: ctx.council.id, userId, role } });
    }
    await recordAudit(tx, {
      tenantId: ctx.council.id,
      actor: staffActor(ctx),
      action: "people.roles-changed",
      entityType: "User",
      entityId: userId,
      summary: `Changed roles of ${memberships[0]!.user.email} from ${before.join(", ") || "none"} to ${roles.join(", ")}`,
      metadata: { before, after: roles },
      ip,
    });
    return { outcome: "changed" as const };
  });
}
