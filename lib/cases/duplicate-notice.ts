// What a resident hears when their case is closed as a duplicate: the truth, that we are dealing
// with their application <original> (never "we cannot help"), in their language, to their
// contact as corrected (lib/cases/corrected-answers.ts), through the outbox in the closing
// transaction; the timeline records what was sent ("resident.told-duplicate"). Their status page
// reads the same fact from Case.duplicateOfCaseId (lib/cases/lookup-status.ts). docs/duplicates.md.
import type { TActor } from "@/lib/actor";
import { env } from "@/lib/env";
import type { TSql } from "@/lib/db/sql";
import { enqueueMessageSql } from "@/lib/notifications/enqueue-message";
import { correctedContact } from "@/lib/cases/corrected-answers";
import { recordCaseEvent } from "@/lib/timeline/case-events";
import { ZTenantSettings } from "@/lib/tenancy/schemas";

export async function tellClosedDuplicate(sql: TSql, actor: TActor, caseId: string, originalReference: string): Promise<void> {
  const c = await sql.db
    .selectFrom("Case as c")
    .innerJoin("Application as a", "a.id", "c.applicationId")
    .innerJoin("Tenant as t", "t.id", "c.tenantId")
    .select(["c.tenantId", "c.reference", "a.data", "a.locale", "t.name", "t.slug", "t.contactPhone", "t.settings"])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  if (!c) return;
  const amendments = await sql.db
    .selectFrom("CaseAmendment")
    .select(["field", "newValue"])
    .where("caseId", "=", caseId)
    .where("field", "in", ["aboutYou.email", "aboutYou.mobile"])
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .execute();
  const contact = correctedContact(c.data, amendments);
  const to = contact.email ? { channel: "EMAIL" as const, to: contact.email } : contact.mobile ? { channel: "SMS" as const, to: contact.mobile } : null;
  if (to) {
    const params = { council: c.name, reference: c.reference, original: originalReference, link: `${env().APP_URL ?? ""}/${c.slug}/status`, phone: c.contactPhone };
    await enqueueMessageSql(sql, { council: { id: c.tenantId, settings: ZTenantSettings.parse(c.settings ?? {}) }, template: "duplicate-closed", ...to, locale: c.locale, params });
  }
  await recordCaseEvent(sql, actor, caseId, "resident.told-duplicate", { originalReference, channel: to?.channel ?? null, to: to?.to ?? null });
}
