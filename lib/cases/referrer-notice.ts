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
  const [row] = await sql.rows<{ tenantId: string; reference: string; referrerUserId: string; email: string; slug: string; name: string; settings: unknown }>(
    `select c."tenantId", c.reference, c."referrerUserId", u.email, t.slug, t.name, t.settings
     from "Case" c join "User" u on u.id = c."referrerUserId" join "Tenant" t on t.id = c."tenantId"
     where c.id = $1::uuid and u."deactivatedAt" is null`,
    [caseId],
  );
  if (!row || row.referrerUserId === actorUserId(actor)) return;
  const params = { council: row.name, reference: row.reference, link: `${env().APP_URL}/${row.slug}/partner/referrals` };
  await enqueueMessageSql(sql, { council: { id: row.tenantId, settings: ZTenantSettings.parse(row.settings ?? {}) }, template, channel: "EMAIL", to: row.email, locale: "en", params });
  await recordCaseEvent(sql, actor, caseId, "referrer.told", { template, to: row.email });
}
