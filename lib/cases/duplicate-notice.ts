// What a resident hears when their case is closed as a duplicate: the truth, that we are dealing
// with their application <original> (never "we cannot help"), in their language, to their
// contact as corrected, through the outbox in the closing transaction (enqueueResidentMessage in
// lib/cases/resident-view-writer.ts, as every message about the case); the timeline records what
// was sent ("resident.told-duplicate"). Their status page reads the same fact from
// Case.duplicateOfCaseId (lib/cases/lookup-status.ts). docs/duplicates.md.
import type { TActor } from "@/lib/actor";
import { env } from "@/lib/env";
import type { TSql } from "@/lib/db/sql";
import { enqueueResidentMessage } from "@/lib/cases/resident-view-writer";
import { recordCaseEvent } from "@/lib/timeline/case-events";

export async function tellClosedDuplicate(sql: TSql, actor: TActor, caseId: string, originalReference: string): Promise<void> {
  const c = await sql.db
    .selectFrom("Case as c")
    .innerJoin("Application as a", "a.id", "c.applicationId")
    .innerJoin("Tenant as t", "t.id", "c.tenantId")
    .select(["c.tenantId", "c.reference", "a.data", "a.locale", "t.name", "t.slug", "t.contactPhone", "t.settings"])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  if (!c) return;
  const params = { council: c.name, reference: c.reference, original: originalReference, link: `${env().APP_URL ?? ""}/${c.slug}/status`, phone: c.contactPhone };
  const to = await enqueueResidentMessage(sql, caseId, c, "duplicate-closed", params);
  await recordCaseEvent(sql, actor, caseId, "resident.told-duplicate", { originalReference, channel: to?.channel ?? null, to: to?.to ?? null });
}
