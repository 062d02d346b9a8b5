// The one way a line is added to a case's timeline, by whoever acts (lib/actor: the same "by
// whom" as the audit log). Below lib/cases and lib/awards, so the case's and the award's writers
// and the resident-view writer share it.
import { sql as q } from "kysely";
import { actorColumns, councilIdOf, type TActor } from "@/lib/actor";
import type { TSql } from "@/lib/db/sql";

/**
 * One line on the case's timeline (append-only). Stamped with clock_timestamp(), not now(): a
 * decision writes several events in one transaction, and now() would give them all the same time,
 * so the timeline (newest first) could show "award approved" before "decided". By any actor of
 * the council: its kind, person and reference (actorColumns, as the audit log records them).
 */
export async function recordCaseEvent(sql: TSql, actor: TActor, caseId: string, kind: string, data: Record<string, unknown>): Promise<void> {
  await sql.db
    .insertInto("CaseEvent")
    .values({
      id: q<string>`gen_random_uuid()`,
      tenantId: councilIdOf(actor),
      caseId,
      kind,
      ...actorColumns(actor),
      data: q`${JSON.stringify(data)}::jsonb`,
      createdAt: q<Date>`clock_timestamp()`,
    })
    .execute();
}

/** The data of the newest line of one kind on a case's timeline (what the resident was last told, why a direct award was refused); undefined when there is none. */
export async function latestCaseEventData(sql: TSql, caseId: string, kind: string): Promise<unknown> {
  const row = await sql.db
    .selectFrom("CaseEvent")
    .select("data")
    .where("caseId", "=", caseId)
    .where("kind", "=", kind)
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.data;
}
