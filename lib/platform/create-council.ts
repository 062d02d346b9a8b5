import "server-only";
import { personActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { withPlatform } from "@/lib/db/tenant-scope";
import { inviteMember } from "@/lib/people/invite-member";
import { findCouncilBySlug } from "@/lib/tenancy/queries";
import type { TCreateCouncil } from "@/lib/tenancy/schemas";

export type TCreateCouncilResult = { outcome: "created"; slug: string } | { outcome: "slug-taken" };

/** A platform operator adds a council and invites its first council admin. */
export async function createCouncil(operator: TSessionUser, input: TCreateCouncil, ip: string | null = null): Promise<TCreateCouncilResult> {
  if (await db().tenant.findUnique({ where: { slug: input.slug } })) return { outcome: "slug-taken" };
  const tenant = await withPlatform(operator.userId, async (tx) => {
    const created = await tx.tenant.create({
      data: {
        slug: input.slug,
        name: input.name,
        kind: input.kind,
        contactEmail: input.contactEmail,
        contactPhone: input.contactPhone,
        postcodeAreas: input.postcodeAreas,
        settings: { referencePrefix: input.slug.replace(/[^a-z]/g, "").slice(0, 3).toUpperCase().padEnd(3, "X") },
      },
    });
    await recordAudit(tx, {
      tenantId: null,
      actor: personActor(operator),
      action: "platform.council-created",
      entityType: "Tenant",
      entityId: created.id,
      summary: `Created council ${input.name} (${input.slug}) with first admin ${input.adminEmail}`,
      ip,
    });
    return created;
  });
  const council = await findCouncilBySlug(tenant.slug);
  await inviteMember({ council: council!, user: operator }, { name: input.adminName, email: input.adminEmail, role: "COUNCIL_ADMIN" }, ip);
  return { outcome: "created", slug: tenant.slug };
}
