// Test-data factories, shared by the integration tests, the e2e set-up and the demo seed.
// They take a Prisma client connected as the database owner (set-up is not what we test).
import { createHmac, randomUUID } from "node:crypto";
import type { PrismaClient, Role, OrganisationType, CouncilKind } from "@/lib/generated/prisma/client";
import { encryptSecret } from "@/lib/security/crypto";
import { hashPassword } from "@/lib/security/password";
import { base32 } from "@/lib/security/totp";

export const DEMO_PASSWORD = "Demo-password-2026";

/** Stable per-email TOTP secret for demo and test users (so README and tests can produce codes). */
export function demoTotpSecret(email: string): string {
  return base32(createHmac("sha256", "money-hub-demo-totp").update(email.toLowerCase()).digest().subarray(0, 20));
}

export async function createCouncil(
  db: PrismaClient,
  over: Partial<{ slug: string; name: string; kind: CouncilKind; postcodeAreas: string[]; settings: object; contactEmail: string; contactPhone: string }> = {},
) {
  const slug = over.slug ?? `council-${randomUUID().slice(0, 8)}`;
  return db.tenant.create({
    data: {
      slug,
      name: over.name ?? `Council ${slug}`,
      kind: over.kind ?? "UNITARY",
      contactEmail: over.contactEmail ?? `moneyhub@${slug}.example`,
      contactPhone: over.contactPhone ?? "020 7946 0000",
      postcodeAreas: over.postcodeAreas ?? ["E8"],
      settings: over.settings ?? {},
    },
  });
}

export async function createOrganisation(db: PrismaClient, tenantId: string, over: Partial<{ name: string; type: OrganisationType; allowedEmailDomains: string[] }> = {}) {
  return db.organisation.create({
    data: {
      tenantId,
      name: over.name ?? `Partner ${randomUUID().slice(0, 6)}`,
      type: over.type ?? "HEALTH_VISITING",
      allowedEmailDomains: over.allowedEmailDomains ?? ["nhs.example"],
      trainingCompletedAt: new Date(),
    },
  });
}

export async function createUser(
  db: PrismaClient,
  over: Partial<{ email: string; name: string; password: string | null; mfa: boolean; isPlatformOperator: boolean }> = {},
) {
  const email = (over.email ?? `user-${randomUUID().slice(0, 8)}@council.example`).toLowerCase();
  const password = over.password === undefined ? DEMO_PASSWORD : over.password;
  const mfa = over.mfa ?? password !== null;
  return db.user.create({
    data: {
      email,
      name: over.name ?? email.split("@")[0]!.replace(/[._-]/g, " "),
      passwordHash: password ? await hashPassword(password) : null,
      totpSecretEnc: mfa ? encryptSecret(demoTotpSecret(email)) : null,
      mfaEnrolledAt: mfa ? new Date() : null,
      isPlatformOperator: over.isPlatformOperator ?? false,
    },
  });
}

export async function addMembership(db: PrismaClient, tenantId: string, userId: string, role: Role, organisationId?: string) {
  return db.membership.create({ data: { tenantId, userId, role, organisationId: organisationId ?? null } });
}

/** A user with one role in one council (and, for referrers, an organisation). */
export async function createMember(
  db: PrismaClient,
  tenantId: string,
  role: Role,
  over: Parameters<typeof createUser>[1] & { organisationId?: string } = {},
) {
  const user = await createUser(db, role === "REFERRER" ? { password: null, mfa: false, ...over } : over);
  await addMembership(db, tenantId, user.id, role, over.organisationId);
  return user;
}
