// Tells the referrer who follows a referral (Case.referrerUserId, issue 17) that it was decided
// or that the officer needs more information: an email through the outbox, in the same
// transaction as the change, called by the resident-view writer when the resident's status
// changes (so it is sent once per change, never for a referrer's own direct award). The email
// names the reference only and links to the partner portal: no resident's details leave by email.
import { actorUserId, type TActor } from "@/lib/actor";
import { env } from "@/lib/env";
import type { TSql } from "@/lib/db/sql";
import { enqueueMessageSql } from "@/lib/notifications/enqueue-message";
import { recordCaseEvent } from "@/lib/timeline/case-events";
import { ZTenantSettings } from "@/lib/tenancy/schemas";

const TOLD_FOR = { DECIDED: "referral-decided", MORE_INFO_NEEDED: "referral-more-information" } as const;

export async function tellReferrer(sql: TSql, actor: TActor, caseId: string, residentStatus: string): Promise<void> {
  if (!(residentStatus in TOLD_FOR)) return;
  const template = TOLD_FOR[residentStatus as keyof typeof TOLD_FOR];
  const row = await sql.db
    .selectFrom("Case as c")
    .innerJoin("User as u", "u.id", "c.referrerUserId")
    .innerJoin("Tenant as t", "t.id", "c.tenantId")
    .select(["c.tenantId", "c.reference", "c.referrerUserId", "u.email", "t.slug", "t.name", "t.settings"])
    .where("c.id", "=", caseId)
    .where("u.deactivatedAt", "is", null)
    .executeTakeFirst();
  if (!row || row.referrerUserId === actorUserId(actor)) return;
  const params = { council: row.name, reference: row.reference, link: `${env().APP_URL}/${row.slug}/partner/referrals` };
  await enqueueMessageSql(sql, { council: { id: row.tenantId, settings: ZTenantSettings.parse(row.settings ?? {}) }, template, channel: "EMAIL", to: row.email, locale: "en", params });
  await recordCaseEvent(sql, actor, caseId, "referrer.told", { template, to: row.email });
}
