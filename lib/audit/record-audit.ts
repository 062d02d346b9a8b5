import "server-only";
import { randomUUID } from "node:crypto";
import { sql as q } from "kysely";
import { actorColumns, actorEmail, type TActor } from "@/lib/actor";
import type { Tx } from "@/lib/db/client";
import { prismaSql, type TSql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";

export type TAuditEntry = {
  tenantId: string | null;
  /** By whom (lib/actor): kind, person and reference written as the timeline writes them (actorColumns); null when nobody is known (a failed sign-in). */
  actor: TActor | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  summary: string;
  metadata?: Prisma.InputJsonValue;
  ip?: string | null;
};

/**
 * Appends one audit event in the caller's Prisma transaction, so the event and the change commit
 * together: the same statement as recordAuditSql, on that transaction. No RETURNING: an INSERT …
 * RETURNING must also pass the SELECT policy, and platform events (tenantId null) are deliberately
 * not readable outside platform scope.
 */
export async function recordAudit(tx: Tx, entry: TAuditEntry): Promise<void> {
  await recordAuditSql(prismaSql(tx), entry);
}

/** The one writer of an audit event, on either driver's transaction (withTenantSql's node-postgres connection, or Prisma's through recordAudit). */
export async function recordAuditSql(sql: TSql, entry: TAuditEntry): Promise<void> {
  await sql.db
    .insertInto("AuditEvent")
    .values({
      id: randomUUID(),
      tenantId: entry.tenantId,
      ...actorColumns(entry.actor),
      actorEmail: entry.actor && actorEmail(entry.actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      summary: entry.summary,
      metadata: q`${JSON.stringify(entry.metadata ?? {})}::jsonb`,
      ip: entry.ip ?? null,
    })
    .execute();
}
