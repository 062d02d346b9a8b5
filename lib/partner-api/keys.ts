import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { sql as q } from "kysely";
import type { TApiClientActor } from "@/lib/actor";
import type { Permission } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { TCouncil } from "@/lib/tenancy/queries";
import { fail } from "@/lib/partner-api/problem";

// API keys: `mhk_<12 hex>_<43 base64url>` (256 random bits after the prefix). Only the SHA-256
// of the whole key is stored; the prefix is kept apart to tell keys apart in the portal. A key
// belongs to one council and one organisation: it is looked up inside the council the URL names
// (row-level security), so a key used on another council's URL is simply unknown there.

export const API_KEY_PATTERN = /^mhk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;
/** What an API key may do: submit referrals and read its own organisation's. */
export const API_KEY_GRANTS: readonly Permission[] = ["referrals:submit", "referrals:read-own"];

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `mhk_${randomBytes(6).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/** Who calls: the key as an API-client actor, with its organisation (lib/actor has no organisation for API clients). */
export type TApiCaller = { actor: TApiClientActor; council: TCouncil; organisationId: string; keyId: string };

/**
 * The caller of one request, from `Authorization: Bearer <key>`. Refuses (problem+json) a missing
 * or malformed header, a key unknown in this council (another council's key included), a revoked
 * key (401) and a deactivated organisation (403). Records the key's last use, at most once a minute.
 */
export async function authenticateApiKey(council: TCouncil, authorization: string | null): Promise<TApiCaller> {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? "");
  const challenge = { "WWW-Authenticate": 'Bearer realm="money-hub"' };
  if (!match) fail("unauthorized", "Send your API key as: Authorization: Bearer <key>.", undefined, challenge);
  const key = match[1]!;
  if (!API_KEY_PATTERN.test(key)) fail("unauthorized", "This is not a Money Hub API key.", undefined, challenge);
  const found = await withTenantSql(council.id, async (sql) => {
    const row = await sql.db
      .selectFrom("ApiKey as k")
      .innerJoin("Organisation as o", (j) => j.onRef("o.tenantId", "=", "k.tenantId").onRef("o.id", "=", "k.organisationId"))
      .select(["k.id", "k.name", "k.organisationId", "k.revokedAt", "o.active", q<boolean>`k."lastUsedAt" is null or k."lastUsedAt" < (now() at time zone 'UTC') - interval '1 minute'`.as("stale")])
      .where("k.secretHash", "=", hashApiKey(key))
      .executeTakeFirst();
    if (row && !row.revokedAt && row.active && row.stale)
      await sql.db.updateTable("ApiKey").set({ lastUsedAt: q<Date>`(now() at time zone 'UTC')` }).where("id", "=", row.id).execute();
    return row;
  });
  if (!found) fail("unauthorized", `This key is not a key for ${council.name}.`, undefined, challenge);
  if (found.revokedAt) fail("unauthorized", "This key has been revoked.", undefined, challenge);
  if (!found.active) fail("forbidden", "Your organisation is no longer a partner of this council.");
  return {
    actor: { kind: "api-client", council: { id: council.id }, client: { id: found.id, name: found.name }, grants: API_KEY_GRANTS },
    council,
    organisationId: found.organisationId,
    keyId: found.id,
  };
}
