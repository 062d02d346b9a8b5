import "server-only";
import { memberActor, personActor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { withTenant, withUser } from "@/lib/db/tenant-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { isStaffRole } from "@/lib/auth/permissions";
import { emailDomainAllowed } from "@/lib/auth/policy";
import { env, isProduction } from "@/lib/env";
import { enqueueMessage } from "@/lib/notifications/enqueue-message";
import { decryptSecret, hashToken, newToken } from "@/lib/security/crypto";
import { verifyPassword } from "@/lib/security/password";
import { MAGIC_LINK_PER_EMAIL, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_IP, clearRateLimit, hitRateLimit, refundRateLimit } from "@/lib/security/rate-limit";
import { verifyTotp } from "@/lib/security/totp";
import type { TCouncil } from "@/lib/tenancy/queries";

const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;
const MFA_MAX_ATTEMPTS = 5;
const MAGIC_LINK_TTL_MS = 15 * 60 * 1000;

type TSignedInUser = { id: string; email: string; name: string };

/** An active user who holds at least one active staff membership, or is a platform operator. */
export async function findActiveStaffByEmail(email: string) {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.deactivatedAt) return null;
  if (user.isPlatformOperator) return user;
  const memberships = await withUser(user.id, (tx) => tx.membership.findMany({ where: { userId: user.id, status: "ACTIVE" } }));
  return memberships.some((m) => isStaffRole(m.role)) ? user : null;
}

export function mfaBypassed(): boolean {
  return !isProduction() && env().MFA_DEMO_BYPASS;
}

export type TPasswordStepResult =
  | { outcome: "invalid" }
  | { outcome: "throttled" }
  | { outcome: "mfa-required"; challengeId: string }
  | { outcome: "signed-in"; user: TSignedInUser };

const accountKey = (email: string) => `sign-in:account:${email}`;
const ipKey = (ip: string) => `sign-in:ip:${ip}`;

/**
 * Counts one sign-in attempt against the account and the client IP, atomically (check and count
 * are one database statement, so parallel attempts cannot all pass), before anything is checked.
 * Wrong passwords and wrong second-factor codes share the account's budget: 5 in 15 minutes.
 */
async function countAttempt(email: string, ip: string | null): Promise<boolean> {
  const account = await hitRateLimit(accountKey(email), SIGN_IN_PER_ACCOUNT);
  const perIp = ip ? await hitRateLimit(ipKey(ip), SIGN_IN_PER_IP) : { allowed: true };
  return account.allowed && perIp.allowed;
}

/** A right answer gives its attempt back (the account's budget is for wrong answers only). */
async function refundAttempt(email: string, ip: string | null): Promise<void> {
  await refundRateLimit(accountKey(email));
  if (ip) await refundRateLimit(ipKey(ip));
}

/**
 * Step one of staff sign-in. The answer never says whether the email or the password was wrong.
 * Failures count against the account and the client IP; too many and we stop checking.
 */
export async function verifyPasswordStep(input: { email: string; password: string; ip: string | null }): Promise<TPasswordStepResult> {
  const email = input.email.trim().toLowerCase();
  if (!(await countAttempt(email, input.ip))) {
    await auditSignIn(null, email, "auth.sign-in.throttled", input.ip);
    return { outcome: "throttled" };
  }

  const staff = await findActiveStaffByEmail(email);
  const passwordOk = await verifyPassword(staff?.passwordHash, input.password);
  if (!staff || !passwordOk) {
    await auditSignIn(staff?.id ?? null, email, "auth.sign-in.failed", input.ip);
    return { outcome: "invalid" };
  }

  if (mfaBypassed()) {
    await clearRateLimit(accountKey(email));
    await auditSignIn(staff.id, email, "auth.sign-in.succeeded", input.ip, { mfa: "bypassed (demo, not production)" });
    return { outcome: "signed-in", user: staff };
  }
  // Staff without a second factor cannot sign in; they finish set-up from their invitation.
  if (!staff.totpSecretEnc || !staff.mfaEnrolledAt) {
    await auditSignIn(staff.id, email, "auth.sign-in.failed", input.ip, { reason: "mfa-not-enrolled" });
    return { outcome: "invalid" };
  }
  // The account is not cleared yet: only the second factor finishes sign-in.
  await refundAttempt(email, input.ip);
  const challenge = await db().mfaChallenge.create({
    data: { userId: staff.id, expiresAt: new Date(Date.now() + MFA_CHALLENGE_TTL_MS) },
  });
  return { outcome: "mfa-required", challengeId: challenge.id };
}

export type TMfaStepResult = { outcome: "invalid-code" } | { outcome: "throttled" } | { outcome: "expired" } | { outcome: "signed-in"; user: TSignedInUser };

/**
 * Step two: the 6-digit code from the authenticator app, against a live, unused challenge.
 * Wrong codes count towards the account's lock across challenges (a fresh password does not
 * buy fresh guesses), and a code is accepted once only: never one from a time-step already used.
 */
export async function verifyMfaStep(input: { challengeId: string; code: string; ip: string | null }): Promise<TMfaStepResult> {
  if (!/^[0-9a-f-]{36}$/.test(input.challengeId)) return { outcome: "expired" };
  // Count the attempt on the challenge first, atomically, so parallel guesses cannot exceed its limit.
  const claimed = await db().mfaChallenge.updateMany({
    where: { id: input.challengeId, consumedAt: null, expiresAt: { gt: new Date() }, attempts: { lt: MFA_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return { outcome: "expired" };
  const challenge = await db().mfaChallenge.findUniqueOrThrow({ where: { id: input.challengeId }, include: { user: true } });
  const user = challenge.user;
  if (user.deactivatedAt || !user.totpSecretEnc) return { outcome: "expired" };
  if (!(await countAttempt(user.email, input.ip))) {
    await db().mfaChallenge.updateMany({ where: { id: challenge.id }, data: { consumedAt: new Date() } });
    await auditSignIn(user.id, user.email, "auth.sign-in.throttled", input.ip, { step: "mfa" });
    return { outcome: "throttled" };
  }
  const step = verifyTotp(decryptSecret(user.totpSecretEnc), input.code, user.lastTotpStep);
  // Record the step atomically: of two requests with the same code, only one moves it forward.
  const fresh =
    step !== null &&
    (await db().user.updateMany({ where: { id: user.id, OR: [{ lastTotpStep: null }, { lastTotpStep: { lt: step } }] }, data: { lastTotpStep: step } })).count === 1;
  if (!fresh) {
    await auditSignIn(user.id, user.email, "auth.mfa.failed", input.ip, step === null ? {} : { reason: "code-reused" });
    return { outcome: "invalid-code" };
  }
  const consumed = await db().mfaChallenge.updateMany({ where: { id: challenge.id, consumedAt: null }, data: { consumedAt: new Date() } });
  if (consumed.count === 0) return { outcome: "expired" };
  await clearRateLimit(accountKey(user.email));
  await auditSignIn(user.id, user.email, "auth.sign-in.succeeded", input.ip, { mfa: "totp" });
  return { outcome: "signed-in", user };
}

async function auditSignIn(userId: string | null, email: string, action: string, ip: string | null, metadata: Record<string, string> = {}) {
  await withUser(userId, (tx) =>
    recordAudit(tx, {
      tenantId: null,
      actor: userId ? personActor({ userId, email }) : null,
      action,
      entityType: "User",
      entityId: userId,
      summary: `${action.replace("auth.", "").replaceAll(".", " ")} for ${email}`,
      metadata,
      ip,
    }),
  );
}

// ---------- Referrer magic links ----------

export type TMagicLinkRequestResult = { outcome: "domain-not-allowed" } | { outcome: "throttled" } | { outcome: "sent-if-known" };

/**
 * A referrer asks for a sign-in link for one council. Addresses outside every partner
 * organisation's allowed domains are refused outright (that reveals nothing about accounts);
 * for allowed domains the answer is the same whether or not the person has an account.
 */
export async function requestMagicLink(council: TCouncil, rawEmail: string): Promise<TMagicLinkRequestResult> {
  const email = rawEmail.trim().toLowerCase();
  const organisations = await withTenant(council.id, (tx) =>
    tx.organisation.findMany({ where: { active: true }, select: { allowedEmailDomains: true } }),
  );
  if (!organisations.some((o) => emailDomainAllowed(email, o.allowedEmailDomains))) return { outcome: "domain-not-allowed" };
  if (!(await hitRateLimit(`magic-link:${council.id}:${email}`, MAGIC_LINK_PER_EMAIL)).allowed) return { outcome: "throttled" };

  const referrer = await findActiveReferrer(council.id, email);
  if (!referrer) return { outcome: "sent-if-known" };
  const { token, hash } = newToken();
  const link = `${env().APP_URL}/${council.slug}/partner/sign-in/link?token=${encodeURIComponent(token)}`;
  await withTenant(council.id, async (tx) => {
    await tx.magicLinkToken.create({ data: { tenantId: council.id, email, tokenHash: hash, expiresAt: new Date(Date.now() + MAGIC_LINK_TTL_MS) } });
    // Interactive: someone is waiting for it, so it goes ahead of any backlog (docs/decisions/0011).
    const params = { name: referrer.user.name, council: council.name, link };
    await enqueueMessage(tx, { council, template: "sign-in-link", channel: "EMAIL", to: email, locale: "en", params, interactive: true });
  });
  return { outcome: "sent-if-known" };
}

async function findActiveReferrer(tenantId: string, email: string) {
  const user = await db().user.findUnique({ where: { email } });
  if (!user || user.deactivatedAt) return null;
  const membership = await withTenant(
    tenantId,
    (tx) =>
      tx.membership.findFirst({
        where: { tenantId, userId: user.id, role: "REFERRER", status: "ACTIVE", organisation: { active: true } },
        include: { organisation: true },
      }),
    user.id,
  );
  if (!membership?.organisation || !emailDomainAllowed(email, membership.organisation.allowedEmailDomains)) return null;
  return { user, membership };
}

export type TMagicLinkResult = { outcome: "invalid" } | { outcome: "expired" } | { outcome: "used" } | { outcome: "signed-in"; user: TSignedInUser };

/** Spends a magic link: valid once, within its time, for someone still allowed in. */
export async function consumeMagicLink(council: TCouncil, token: string): Promise<TMagicLinkResult> {
  if (!token || token.length > 200) return { outcome: "invalid" };
  const hash = hashToken(token);
  const result = await withTenant(council.id, async (tx) => {
    const row = await tx.magicLinkToken.findUnique({ where: { tokenHash: hash } });
    if (!row) return { outcome: "invalid" as const };
    if (row.usedAt) return { outcome: "used" as const };
    if (row.expiresAt <= new Date()) return { outcome: "expired" as const };
    const spent = await tx.magicLinkToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (spent.count === 0) return { outcome: "used" as const };
    return { outcome: "ok" as const, email: row.email };
  });
  if (result.outcome !== "ok") return result;
  const referrer = await findActiveReferrer(council.id, result.email);
  if (!referrer) return { outcome: "invalid" };
  await withTenant(council.id, (tx) =>
    recordAudit(tx, {
      tenantId: council.id,
      actor: memberActor({ council, user: { userId: referrer.user.id, email: referrer.user.email }, roles: ["REFERRER"], organisationId: referrer.membership.organisationId }),
      action: "auth.magic-link.signed-in",
      entityType: "User",
      entityId: referrer.user.id,
      summary: `${referrer.user.email} signed in with a magic link`,
    }),
  );
  return { outcome: "signed-in", user: referrer.user };
}
