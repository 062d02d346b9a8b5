import "server-only";
import type { TCouncilAccess } from "@/lib/auth/access";
import { withTenant } from "@/lib/db/tenant-scope";

// Read models for the partner (referrer) pages. Inside withTenant, so row-level security keeps
// them to the council in the URL whatever organisation id a membership names.

export type TPartnerHome = { council: string; organisation: string | null; userName: string };

/** What the partner portal's home page shows the signed-in referrer. */
export async function getPartnerHome(access: Pick<TCouncilAccess, "council" | "user" | "organisationId">): Promise<TPartnerHome> {
  const organisation = access.organisationId
    ? await withTenant(access.council.id, (tx) => tx.organisation.findUnique({ where: { id: access.organisationId! }, select: { name: true } }))
    : null;
  return { council: access.council.name, organisation: organisation?.name ?? null, userName: access.user.name };
}
