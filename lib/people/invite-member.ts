import "server-only";
import { personActor, staffActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TCouncilAccess } from "@/lib/auth/access";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import { emailDomainAllowed } from "@/lib/auth/policy";
import { withTenant } from "@/lib/db/tenant-scope";
import { env } from "@/lib/env";
import { enqueueMessage } from "@/lib/notifications/enqueue-message";
import { newToken } from "@/lib/security/crypto";

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export type TInviteResult = { outcome: "invited"; invitationId: string } | { outcome: "already-member" } | { outcome: "bad-organisation" } | { outcome: "domain-not-allowed"; allowedDomains: string[] };

/** Invites someone to this council by email. The link works once, for 7 days. */
export async function inviteMember(
  /** A council admin (with their roles), or the platform operator creating the council (no roles there). */
  ctx: Pick<TCouncilAccess, "council" | "user"> & { roles?: TCouncilAccess["roles"] },
  input: { name: string; email: string; role: TRole; organisationId?: string },
  ip: string | null = null,
): Promise<TInviteResult> {
  const { token, hash } = newToken();
  const result = await withTenant(ctx.council.id, async (tx): Promise<TInviteResult> => {
    const existing = await tx.membership.findFirst({ where: { role: input.role, status: "ACTIVE", user: { email: input.email } } });
    if (existing) return { outcome: "already-member" };
    if (input.role === "REFERRER") {
      const organisation = input.organisationId ? await tx.organisation.findUnique({ where: { id: input.organisationId } }) : null;
      if (!organisation || !organisation.active) return { outcome: "bad-organisation" };
      if (!emailDomainAllowed(input.email, organisation.allowedEmailDomains)) return { outcome: "domain-not-allowed", allowedDomains: organisation.allowedEmailDomains };
    }
    // A new invitation replaces any open one for the same person and role.
    await tx.invitation.updateMany({ where: { email: input.email, role: input.role, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const invitation = await tx.invitation.create({
      data: {
        tenantId: ctx.council.id,
        email: input.email,
        name: input.name,
        role: input.role,
        organisationId: input.role === "REFERRER" ? (input.organisationId ?? null) : null,
        tokenHash: hash,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        invitedById: ctx.user.userId,
      },
    });
    await recordAudit(tx, {
      tenantId: ctx.council.id,
      actor: ctx.roles ? staffActor({ ...ctx, roles: ctx.roles }) : personActor(ctx.user),
      action: "people.invited",
      entityType: "Invitation",
      entityId: invitation.id,
      summary: `Invited ${input.email} as ${ROLE_LABELS[input.role]}`,
      metadata: { role: input.role, email: input.email },
      ip,
    });
    // The invitation email is in the outbox in this same transaction: both exist, or neither.
    const link = `${env().APP_URL}/${ctx.council.slug}/invitations/${token}`;
    const params = { name: input.name, inviter: ctx.user.name, council: ctx.council.name, role: ROLE_LABELS[input.role], link };
    await enqueueMessage(tx, { council: ctx.council, template: "staff-invitation", channel: "EMAIL", to: input.email, locale: "en", params });
    return { outcome: "invited", invitationId: invitation.id };
  });
  return result;
}
