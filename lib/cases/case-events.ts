// Who acts on a case, and the one way a line is added to its timeline. Its own module so the
// case's and the award's writers and the resident-view writer share it without an import cycle.
import type { TSql } from "@/lib/db/sql";

export type TCaseActor = {
  council: { id: string };
  user: { userId: string; email: string };
  roles: readonly string[];
};

/**
 * One line on the case's timeline (append-only). Stamped with clock_timestamp(), not now(): a
 * decision writes several events in one transaction, and now() would give them all the same time,
 * so the timeline (newest first) could show "award approved" before "decided".
 */
export async function recordCaseEvent(sql: TSql, actor: TCaseActor, caseId: string, kind: string, data: Record<string, unknown>): Promise<void> {
  await sql.rows(`insert into "CaseEvent" (id, "tenantId", "caseId", kind, "actorUserId", data, "createdAt") values (gen_random_uuid(), $1::uuid, $2::uuid, $3, $4::uuid, $5::jsonb, clock_timestamp())`, [
    actor.council.id,
    caseId,
    kind,
    actor.user.userId,
    JSON.stringify(data),
  ]);
}
