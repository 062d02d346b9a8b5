import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { withTenant } from "@/lib/db/tenant-scope";
import { permissionsFor, type Permission, type TRole } from "@/lib/auth/permissions";
import { getSessionUser, type TSessionUser } from "@/lib/auth/session";
import { assertSameOrigin, ForbiddenError } from "@/lib/security/request";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";

export type TCouncilAccess = {
  user: TSessionUser;
  council: TCouncil;
  roles: TRole[];
  organisationId: string | null;
  permissions: Set<Permission>;
};

/** The signed-in user's standing in the council the URL names (null when signed out). */
export const getCouncilAccess = cache(async (slug: string): Promise<TCouncilAccess | null | "no-council"> => {
  const council = await findCouncilBySlug(slug);
  if (!council) return "no-council";
  const user = await getSessionUser();
  if (!user) return null;
  const memberships = await withTenant(
    council.id,
    // A referrer's membership counts only while its partner organisation is active: deactivating
    // the organisation (or the member) takes their access away on their next request.
    (tx) =>
      tx.membership.findMany({
        where: { tenantId: council.id, userId: user.userId, status: "ACTIVE", OR: [{ role: { not: "REFERRER" } }, { organisation: { is: { active: true } } }] },
      }),
    user.userId,
  );
  const roles = memberships.map((m) => m.role as TRole);
  return {
    user,
    council,
    roles,
    organisationId: memberships.find((m) => m.role === "REFERRER")?.organisationId ?? null,
    permissions: permissionsFor(roles),
  };
});

/**
 * For pages: the council must exist (else 404), the user must be signed in (else the right
 * sign-in page) and hold the permission in this council (else 403).
 */
export async function requireCouncilPermission(slug: string, permission: Permission, signInPath = "/sign-in"): Promise<TCouncilAccess> {
  const access = await getCouncilAccess(slug);
  if (access === "no-council") notFound();
  if (!access) redirect(signInPath);
  if (!access.permissions.has(permission)) forbidden();
  return access;
}

export async function requirePlatformOperator(): Promise<TSessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!user.isPlatformOperator) forbidden();
  return user;
}

/**
 * The gate of a staff route handler (uploads and downloads are route handlers, not server
 * actions, so nothing checks this for them): for a form post, the origin as server actions check
 * it; then the council the URL names, a signed-in member of it and, when named, the permission.
 * The access, or the response to give instead. The domain code the route calls still checks the
 * permission itself (authorization inside every query).
 */
export async function staffRouteAccess(slug: string, { post, permission }: { post: boolean; permission?: Permission }): Promise<TCouncilAccess | Response> {
  if (post) {
    try {
      await assertSameOrigin();
    } catch (error) {
      if (error instanceof ForbiddenError) return new Response("Forbidden", { status: 403 });
      throw error;
    }
  }
  const access = await getCouncilAccess(slug);
  if (access === "no-council") return new Response("Not found", { status: 404 });
  if (!access) return new Response(null, { status: 303, headers: { Location: "/sign-in" } });
  if (permission && !access.permissions.has(permission)) return new Response("Forbidden", { status: 403 });
  return access;
}
