import "server-only";
import { randomBytes } from "node:crypto";
import { sql as q } from "kysely";
import { memberActor } from "@/lib/actor";
import type { TCouncilAccess } from "@/lib/auth/access";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { TSql } from "@/lib/db/sql";
import { encryptSecret } from "@/lib/security/crypto";
import { env } from "@/lib/env";
import { newApiKey } from "@/lib/partner-api/keys";
import { webhookUrlProblem } from "@/lib/webhooks/policy";
import { queueTestEvent } from "@/lib/webhooks/queue";

// The organisation lead's side of the partner API in the partner portal: API keys (made, named,
// shown once, revoked; last use shown) and webhook endpoints (added with a secret shown once,
// deactivated, sent a test event; their delivery log). Only an active lead of an active
// organisation, for that organisation; every change is audited.

export type TLeadAccess = Pick<TCouncilAccess, "council" | "user" | "roles" | "organisationId"> & { ip?: string | null };

/** True when the signed-in member leads their (active) organisation in this council. Inside the council's scope. */
async function leads(sql: TSql, access: TLeadAccess): Promise<boolean> {
  if (!access.organisationId || !access.roles.includes("REFERRER")) return false;
  const row = await sql.db
    .selectFrom("Membership as m")
    .innerJoin("Organisation as o", (j) => j.onRef("o.tenantId", "=", "m.tenantId").onRef("o.id", "=", "m.organisationId"))
    .select("m.id")
    .where("m.tenantId", "=", access.council.id)
    .where("m.userId", "=", access.user.userId)
    .where("m.role", "=", "REFERRER")
    .where("m.status", "=", "ACTIVE")
    .where("m.organisationLead", "=", true)
    .where("m.organisationId", "=", access.organisationId)
    .where("o.active", "=", true)
    .executeTakeFirst();
  return Boolean(row);
}

export class NotLeadError extends Error {
  constructor() {
    super("Only your organisation's lead can manage its API keys and webhooks.");
  }
}

/** Runs work as the organisation's lead, or throws NotLeadError. */
async function asLead<T>(access: TLeadAccess, work: (sql: TSql, organisationId: string) => Promise<T>): Promise<T> {
  return withTenantSql(
    access.council.id,
    async (sql) => {
      if (!(await leads(sql, access))) throw new NotLeadError();
      return work(sql, access.organisationId!);
    },
    access.user.userId,
  );
}

const actorOf = (access: TLeadAccess) => memberActor({ council: access.council, user: access.user, roles: access.roles, organisationId: access.organisationId });

export async function isOrganisationLead(access: TLeadAccess): Promise<boolean> {
  return withTenantSql(access.council.id, (sql) => leads(sql, access), access.user.userId);
}

export type TApiKeyRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export function listApiKeys(access: TLeadAccess): Promise<TApiKeyRow[]> {
  return asLead(access, (sql, organisationId) =>
    sql.db
      .selectFrom("ApiKey")
      .select(["id", "name", "prefix", "createdAt", "lastUsedAt", "revokedAt"])
      .where("tenantId", "=", access.council.id)
      .where("organisationId", "=", organisationId)
      .orderBy("revokedAt", (o) => o.desc().nullsFirst())
      .orderBy("createdAt", "desc")
      .execute(),
  );
}

/** A new key for the lead's organisation: the whole key is returned once and never stored. */
export function createApiKey(access: TLeadAccess, name: string): Promise<{ id: string; key: string; prefix: string }> {
  return asLead(access, async (sql, organisationId) => {
    const { key, prefix, hash } = newApiKey();
    const row = await sql.db
      .insertInto("ApiKey")
      .values({ id: q<string>`gen_random_uuid()`, tenantId: access.council.id, organisationId, name, prefix, secretHash: hash, createdByUserId: access.user.userId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAuditSql(sql, { tenantId: access.council.id, actor: actorOf(access), action: "api-key.created", entityType: "ApiKey", entityId: row.id, summary: `API key "${name}" (${prefix}) made`, metadata: { organisationId, prefix }, ip: access.ip ?? null });
    return { id: row.id, key, prefix };
  });
}

/** Revokes one of the organisation's keys at once: its next request is refused. False if no such live key. */
export function revokeApiKey(access: TLeadAccess, keyId: string): Promise<boolean> {
  return asLead(access, async (sql, organisationId) => {
    const row = await sql.db
      .updateTable("ApiKey")
      .set({ revokedAt: q<Date>`(now() at time zone 'UTC')`, revokedByUserId: access.user.userId })
      .where("id", "=", keyId)
      .where("tenantId", "=", access.council.id)
      .where("organisationId", "=", organisationId)
      .where("revokedAt", "is", null)
      .returning(["id", "name", "prefix"])
      .executeTakeFirst();
    if (row) await recordAuditSql(sql, { tenantId: access.council.id, actor: actorOf(access), action: "api-key.revoked", entityType: "ApiKey", entityId: row.id, summary: `API key "${row.name}" (${row.prefix}) revoked`, metadata: { organisationId }, ip: access.ip ?? null });
    return Boolean(row);
  });
}

export type TEndpointRow = { id: string; url: string; active: boolean; createdAt: Date };
export type TDeliveryRow = { id: string; endpointId: string; event: string; status: string; attempts: number; responseCode: number | null; lastError: string | null; createdAt: Date; nextAttemptAt: Date | null; deliveredAt: Date | null };

export function listWebhooks(access: TLeadAccess): Promise<{ endpoints: TEndpointRow[]; deliveries: TDeliveryRow[] }> {
  return asLead(access, async (sql, organisationId) => {
    const endpoints = await sql.db
      .selectFrom("WebhookEndpoint")
      .select(["id", "url", "active", "createdAt"])
      .where("tenantId", "=", access.council.id)
      .where("organisationId", "=", organisationId)
      .orderBy("active", "desc")
      .orderBy("createdAt", "desc")
      .execute();
    const deliveries = endpoints.length
      ? await sql.db
          .selectFrom("WebhookDelivery")
          .select(["id", "endpointId", "event", "status", "attempts", "responseCode", "lastError", "createdAt", "nextAttemptAt", "deliveredAt"])
          .where("tenantId", "=", access.council.id)
          .where("endpointId", "in", endpoints.map((e) => e.id))
          .orderBy("createdAt", "desc")
          .limit(50)
          .execute()
      : [];
    return { endpoints, deliveries };
  });
}

export type TAddEndpoint = { ok: true; id: string; secret: string } | { ok: false; problem: "invalid" | "not-https" | "private-address" };

/** A new endpoint: its signing secret is returned once (kept sealed, to sign each delivery). */
export function addWebhookEndpoint(access: TLeadAccess, url: string): Promise<TAddEndpoint> {
  const problem = webhookUrlProblem(url, env().NODE_ENV === "production");
  if (problem) return Promise.resolve({ ok: false, problem });
  return asLead(access, async (sql, organisationId) => {
    const secret = `whsec_${randomBytes(32).toString("base64url")}`;
    const row = await sql.db
      .insertInto("WebhookEndpoint")
      .values({ id: q<string>`gen_random_uuid()`, tenantId: access.council.id, organisationId, url, secretEnc: encryptSecret(secret), createdByUserId: access.user.userId, updatedAt: q<Date>`now()` })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAuditSql(sql, { tenantId: access.council.id, actor: actorOf(access), action: "webhook.added", entityType: "WebhookEndpoint", entityId: row.id, summary: `Webhook endpoint ${new URL(url).host} added`, metadata: { organisationId, url }, ip: access.ip ?? null });
    return { ok: true as const, id: row.id, secret };
  });
}

export function deactivateWebhookEndpoint(access: TLeadAccess, endpointId: string): Promise<boolean> {
  return asLead(access, async (sql, organisationId) => {
    const row = await sql.db
      .updateTable("WebhookEndpoint")
      .set({ active: false, updatedAt: q<Date>`now()` })
      .where("id", "=", endpointId)
      .where("tenantId", "=", access.council.id)
      .where("organisationId", "=", organisationId)
      .where("active", "=", true)
      .returning(["id", "url"])
      .executeTakeFirst();
    if (row) await recordAuditSql(sql, { tenantId: access.council.id, actor: actorOf(access), action: "webhook.deactivated", entityType: "WebhookEndpoint", entityId: row.id, summary: `Webhook endpoint ${new URL(row.url).host} turned off`, metadata: { organisationId }, ip: access.ip ?? null });
    return Boolean(row);
  });
}

/** The portal's "send a test event" button: one signed delivery through the queue, shown in the log. */
export function sendTestEvent(access: TLeadAccess, endpointId: string): Promise<string | null> {
  return asLead(access, (sql, organisationId) => queueTestEvent(sql, access.council.id, organisationId, endpointId));
}
