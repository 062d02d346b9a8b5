import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant-scope";
import { encryptSecret, hashToken } from "@/lib/security/crypto";
import { hashPassword } from "@/lib/security/password";
import { verifyTotp } from "@/lib/security/totp";
import type { TCouncil } from "@/lib/tenancy/queries";

export type TAcceptResult =
  | { outcome: "accepted"; user: { id: string; email: string; name: string } }
  | { outcome: "invalid" }
  | { outcome: "wrong-code" };

/**
 * Accepting an invitation: staff set a password and enrol an authenticator app in the same
 * step (no staff account ever exists without a second factor); referrers just join, and then
 * sign in by email link. Single use: the invitation is claimed before anything is written.
 */
export async function acceptInvitation(
  council: TCouncil,
  input: { token: string; password?: string; totpSecret?: string; code?: string },
): Promise<TAcceptResult> {
  const tokenHash = hashToken(input.token);
  const invitation = await withTenant(council.id, (tx) => tx.invitation.findUnique({ where: { tokenHash } }));
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return { outcome: "invalid" };
  const isStaff = invitation.role !== "REFERRER";
  if (isStaff && (!input.totpSecret || !input.code || !verifyTotp(input.totpSecret, input.code))) return { outcome: "wrong-code" };
  const passwordHash = isStaff && input.password ? await hashPassword(input.password) : undefined;

  const existing = await db().user.findUnique({ where: { email: invitation.email } });
  if (existing?.deactivatedAt) return { outcome: "invalid" };
  const user =
    existing ??
    (await db().user.create({ data: { email: invitation.email, name: invitation.name } }));
  if (isStaff) {
    await db().user.update({
      where: { id: user.id },
      data: { passwordHash, totpSecretEnc: encryptSecret(input.totpSecret!), mfaEnrolledAt: new Date() },
    });
  }

  const claimed = await withTenant(
    council.id,
    async (tx) => {
      const claim = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
      if (claim.count === 0) return false;
      await tx.membership.upsert({
        where: { tenantId_userId_role: { tenantId: council.id, userId: user.id, role: invitation.role } },
        create: { tenantId: council.id, userId: user.id, role: invitation.role, organisationId: invitation.organisationId },
        update: { status: "ACTIVE", organisationId: invitation.organisationId },
      });
      await recordAudit(tx, {
        tenantId: council.id,
        actor: { userId: user.id, email: user.email },
        action: "people.invitation-accepted",
        entityType: "Invitation",
        entityId: invitation.id,
        summary: `${user.email} accepted an invitation as ${invitation.role}`,
      });
      return true;
    },
    user.id,
  );
  if (!claimed) return { outcome: "invalid" };
  return { outcome: "accepted", user: { id: user.id, email: user.email, name: user.name } };
}
