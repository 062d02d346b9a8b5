import "server-only";
import { memberActor } from "@/lib/actor";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant-scope";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { encryptSecret, hashToken } from "@/lib/security/crypto";
import { hashPassword } from "@/lib/security/password";
import { verifyTotp } from "@/lib/security/totp";
import type { TCouncil } from "@/lib/tenancy/queries";

export type TAcceptResult =
  | { outcome: "accepted"; user: { id: string; email: string; name: string }; newAccount: boolean; role: Role }
  | { outcome: "invalid" }
  | { outcome: "wrong-code" }
  /** The address already has an account: its owner signs in with their own credentials first. */
  | { outcome: "sign-in-required" }
  /** Signed in, but as someone other than the person the invitation was sent to. */
  | { outcome: "wrong-account" };

type TSignedIn = { userId: string; email: string } | null;

/**
 * Who may accept an invitation, before anything is written. An invitation is bound to the email
 * it was sent to. For an address that already has an account (in this council, another, or the
 * platform operator's), holding the link is not enough: that person must be signed in, with their
 * own password and second factor (or single sign-on), and then it only adds the membership.
 */
export async function invitationAcceptance(email: string, signedIn: TSignedIn): Promise<"new-account" | "existing-account" | "sign-in-required" | "wrong-account" | "invalid"> {
  const existing = await db().user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } });
  if (!existing) return "new-account";
  if (existing.deactivatedAt) return "invalid";
  if (!signedIn) return "sign-in-required";
  return signedIn.userId === existing.id ? "existing-account" : "wrong-account";
}

/**
 * Accepting an invitation. A new staff account sets a password and enrols an authenticator app
 * in the same step (no staff account ever exists without a second factor); a new referrer just
 * joins, then signs in by email link. An existing account never has its credentials changed here.
 * Single use: the claim, the account and the membership are written in one transaction.
 */
export async function acceptInvitation(
  council: TCouncil,
  input: { token: string; password?: string; totpSecret?: string; code?: string; signedIn?: TSignedIn },
): Promise<TAcceptResult> {
  const tokenHash = hashToken(input.token);
  const invitation = await withTenant(council.id, (tx) => tx.invitation.findUnique({ where: { tokenHash } }));
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return { outcome: "invalid" };
  const isStaff = invitation.role !== "REFERRER";

  const who = await invitationAcceptance(invitation.email, input.signedIn ?? null);
  if (who === "invalid" || who === "sign-in-required" || who === "wrong-account") return { outcome: who };

  let newUser: Prisma.UserCreateInput | null = null;
  if (who === "new-account") {
    newUser = { id: randomUUID(), email: invitation.email, name: invitation.name };
    if (isStaff) {
      const step = input.totpSecret && input.code ? verifyTotp(input.totpSecret, input.code) : null;
      if (step === null || !input.password) return { outcome: "wrong-code" };
      Object.assign(newUser, {
        passwordHash: await hashPassword(input.password),
        totpSecretEnc: encryptSecret(input.totpSecret!),
        mfaEnrolledAt: new Date(),
        lastTotpStep: step,
      });
    }
  }
  const userId = newUser?.id ?? input.signedIn!.userId;

  try {
    const user = await withTenant(
      council.id,
      async (tx) => {
        const claim = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
        if (claim.count === 0) return null;
        // Created here, in the same transaction: if the address got an account meanwhile, the
        // unique email refuses this one and nothing is written (no credentials ever overwritten).
        const account = newUser ? await tx.user.create({ data: newUser }) : await tx.user.findUniqueOrThrow({ where: { id: userId } });
        if (account.email !== invitation.email) throw new Error("Invitation accepted for another address");
        await tx.membership.upsert({
          where: { tenantId_userId_role: { tenantId: council.id, userId: account.id, role: invitation.role } },
          create: { tenantId: council.id, userId: account.id, role: invitation.role, organisationId: invitation.organisationId },
          update: { status: "ACTIVE", organisationId: invitation.organisationId },
        });
        await recordAudit(tx, {
          tenantId: council.id,
          actor: memberActor({ council, user: { userId: account.id, email: account.email }, roles: [invitation.role], organisationId: invitation.organisationId }),
          action: "people.invitation-accepted",
          entityType: "Invitation",
          entityId: invitation.id,
          summary: `${account.email} accepted an invitation as ${invitation.role}${newUser ? "" : " (existing account, signed in)"}`,
        });
        return account;
      },
      userId,
    );
    if (!user) return { outcome: "invalid" };
    return { outcome: "accepted", user: { id: user.id, email: user.email, name: user.name }, newAccount: Boolean(newUser), role: invitation.role };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { outcome: "sign-in-required" };
    throw error;
  }
}
