// Test-data factories, shared by the integration tests, the e2e set-up and the demo seed.
// They take a Prisma client connected as the database owner (set-up is not what we test).
import { createHmac, randomUUID } from "node:crypto";
import type { PrismaClient, Role, OrganisationType, CouncilKind } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { openFund, openPot, type TFundInput, type TPotRules } from "@/lib/funds/write";
import { postLedger } from "@/lib/ledger/post";
import { encryptSecret } from "@/lib/security/crypto";
import { hashPassword } from "@/lib/security/password";
import { base32 } from "@/lib/security/totp";
import { parseSettingsToSave } from "@/lib/tenancy/save-settings";

export const DEMO_PASSWORD = "Demo-password-2026";

/** Stable per-email TOTP secret for demo and test users (so README and tests can produce codes). */
export function demoTotpSecret(email: string): string {
  return base32(createHmac("sha256", "money-hub-demo-totp").update(email.toLowerCase()).digest().subarray(0, 20));
}

export async function createCouncil(
  db: PrismaClient,
  over: Partial<{ slug: string; name: string; kind: CouncilKind; postcodeAreas: string[]; settings: object; contactEmail: string; contactPhone: string }> = {},
) {
  // Checked as any save of a council's settings is: an unknown wording override is refused.
  if (over.settings) parseSettingsToSave(over.settings);
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

/** Runs fn as the owner with a council in scope (the ledger function posts only inside one). */
export async function asOwnerInCouncil<T>(db: PrismaClient, tenantId: string, fn: (tx: Tx) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select set_config('app.tenant_id', ${tenantId}, true)`;
      return fn(tx);
    },
    { timeout: options.timeout ?? 20_000, maxWait: 15_000 },
  );
}

const DEFAULT_POT_RULES: TPotRules = {
  name: "Food and energy",
  ownerOrganisationId: null,
  maxSingleAwardPence: null,
  eligibleNeeds: [],
  eligibleHouseholdTypes: [],
  accessRoutes: [],
  maxAwardsPerHousehold: null,
  repeatWindowDays: null,
};

/** A fund paid in by its funder, with pots each allocated the given amount. */
export async function createFund(
  db: PrismaClient,
  tenantId: string,
  over: Partial<TFundInput> & { pots?: (Partial<TPotRules> & { allocatePence?: bigint })[]; at?: Date } = {},
) {
  const year = new Date().getUTCFullYear();
  const input: TFundInput = {
    name: over.name ?? `Fund ${randomUUID().slice(0, 8)}`,
    funder: over.funder ?? "Department for Work and Pensions",
    periodStart: over.periodStart ?? new Date(Date.UTC(year - 1, 0, 1)),
    periodEnd: over.periodEnd ?? new Date(Date.UTC(year + 1, 11, 31)),
    allocationPence: over.allocationPence ?? 10_000_000n,
    adminCapBasisPoints: over.adminCapBasisPoints ?? null,
  };
  return asOwnerInCouncil(db, tenantId, async (tx) => {
    const actor = { tenantId, actorUserId: null, at: over.at };
    const fund = await openFund(tx, actor, input, `seed:fund:${randomUUID()}`);
    const pots = [];
    for (const p of over.pots ?? []) {
      const { allocatePence, ...rules } = p;
      const pot = await openPot(tx, actor, fund.id, { ...DEFAULT_POT_RULES, ...rules });
      if (allocatePence) {
        await postLedger(tx, {
          kind: "ALLOCATE",
          fundId: fund.id,
          toPotId: pot.id,
          amountPence: allocatePence,
          idempotencyKey: `seed:allocate:${randomUUID()}`,
          reason: "Opening allocation",
          actorUserId: null,
          at: over.at,
        });
      }
      pots.push(pot);
    }
    return { fund, pots };
  });
}
