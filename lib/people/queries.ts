import "server-only";
import { db } from "@/lib/db/client";
import { withTenant, withUser } from "@/lib/db/tenant-scope";
import { isStaffRole } from "@/lib/auth/permissions";
import { hashToken } from "@/lib/security/crypto";

/** Councils where this user holds an active staff role. */
export async function listStaffCouncils(userId: string) {
  const memberships = await withUser(userId, (tx) =>
    tx.membership.findMany({ where: { userId, status: "ACTIVE" }, include: { tenant: { select: { slug: true, name: true, status: true } } } }),
  );
  const bySlug = new Map<string, { slug: string; name: string }>();
  for (const m of memberships) {
    if (isStaffRole(m.role) && m.tenant.status === "ACTIVE") bySlug.set(m.tenant.slug, { slug: m.tenant.slug, name: m.tenant.name });
  }
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export type TPersonRow = {
  userId: string;
  name: string;
  email: string;
  roles: string[];
  organisation: string | null;
  active: boolean;
  lastSignInAt: Date | null;
};

/** Everyone with a membership in this council, one row per person. */
export async function listCouncilPeople(tenantId: string): Promise<TPersonRow[]> {
  const memberships = await withTenant(tenantId, (tx) =>
    tx.membership.findMany({
      include: { user: { select: { id: true, name: true, email: true, deactivatedAt: true, lastSignInAt: true } }, organisation: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
  );
  const people = new Map<string, TPersonRow>();
  for (const m of memberships) {
    const row = people.get(m.userId) ?? {
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      roles: [],
      organisation: null,
      active: false,
      lastSignInAt: m.user.lastSignInAt,
    };
    if (m.status === "ACTIVE") {
      row.roles.push(m.role);
      row.active = !m.user.deactivatedAt;
    }
    if (m.organisation) row.organisation = m.organisation.name;
    people.set(m.userId, row);
  }
  return [...people.values()].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
}

export async function listPendingInvitations(tenantId: string) {
  return withTenant(tenantId, (tx) =>
    tx.invitation.findMany({
      where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      include: { organisation: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
    }),
  );
}

export async function listOrganisations(tenantId: string) {
  return withTenant(tenantId, (tx) => tx.organisation.findMany({ orderBy: { name: "asc" } }));
}

/** An invitation still open for use, found by its link's token within the council in the URL. */
export async function findOpenInvitation(tenantId: string, token: string) {
  if (!token || token.length > 200) return null;
  const invitation = await withTenant(tenantId, (tx) =>
    tx.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { organisation: { select: { name: true } } } }),
  );
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return null;
  return invitation;
}

export async function findUserByEmail(email: string) {
  return db().user.findUnique({ where: { email: email.toLowerCase() } });
}
