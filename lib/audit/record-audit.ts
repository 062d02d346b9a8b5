import "server-only";
import { actorEmail, actorUserId, type TActor } from "@/lib/actor";
import type { Tx } from "@/lib/db/client";
import type { TSql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";

export type TAuditEntry = {
  tenantId: string | null;
  /** By whom (lib/actor): the same actor the timeline records; null when nobody is known (a failed sign-in). */
  actor: TActor | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  summary: string;
  metadata?: Prisma.InputJsonValue;
  ip?: string | null;
};

/**
 * Appends one audit event in the caller's transaction, so the event and the change commit together.
 * createMany, not create: an INSERT … RETURNING must also pass the SELECT policy, and platform
 * events (tenantId null) are deliberately not readable outside platform scope.
 */
export async function recordAudit(tx: Tx, entry: TAuditEntry): Promise<void> {
  await tx.auditEvent.createMany({
    data: {
      tenantId: entry.tenantId,
      actorUserId: entry.actor && actorUserId(entry.actor),
      actorEmail: entry.actor && actorEmail(entry.actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      summary: entry.summary,
      metadata: entry.metadata ?? {},
      ip: entry.ip ?? null,
    },
  });
}

/** recordAudit on either driver's transaction (withTenantSql's node-postgres connection too). */
export async function recordAuditSql(sql: TSql, entry: TAuditEntry): Promise<void> {
  await sql.rows(
    `insert into "AuditEvent" (id, "tenantId", "actorUserId", "actorEmail", action, "entityType", "entityId", summary, metadata, ip, "createdAt")
     values (gen_random_uuid(), $1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8::jsonb, $9, now())`,
    [entry.tenantId, entry.actor && actorUserId(entry.actor), entry.actor && actorEmail(entry.actor), entry.action, entry.entityType, entry.entityId ?? null, entry.summary, JSON.stringify(entry.metadata ?? {}), entry.ip ?? null],
  );
}
