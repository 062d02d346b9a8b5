// The one writer of what the resident reads and hears about their case. Runs after every change
// to a case (transitionCase) or to one of its award lines (transitionAward), in that change's
// transaction: works out the projection (lib/cases/resident-view.ts), writes
// Application.residentStatus when it changes, and puts the one message due in the outbox, to the
// answers as corrected (lib/cases/corrected-answers.ts), recording what was told on the case's
// timeline ("resident.told") so a message is never sent twice nor skipped. The case row is
// locked first, so two approvers settling two lines of one case see each other's work.
// Either driver (TSql). docs/decisions/0018.
import type { TActor } from "@/lib/actor";
import { env } from "@/lib/env";
import type { TSql } from "@/lib/db/sql";
import { enqueueMessageSql } from "@/lib/notifications/enqueue-message";
import { correctedContact } from "@/lib/cases/corrected-answers";
import type { TCaseState } from "@/lib/cases/lifecycle";
import { decisionParams } from "@/lib/cases/decision-words";
import { residentView, toldOf, type TTelling, type TViewLine } from "@/lib/cases/resident-view";
import { recordCaseEvent } from "@/lib/timeline/case-events";
import { tellReferrer } from "@/lib/cases/referrer-notice";
import type { TAwardState } from "@/lib/vocabulary";
import { ZTenantSettings } from "@/lib/tenancy/schemas";
import { queueReferralStatusChanged } from "@/lib/webhooks/queue";

type TCaseFacts = {
  tenantId: string;
  status: TCaseState;
  decision: string | null;
  reference: string;
  explanation: string | null;
  applicationId: string;
  residentStatus: string;
  data: unknown;
  locale: string;
  name: string;
  slug: string;
  contactPhone: string;
  settings: unknown;
};

/** See the file comment. */
export async function updateResidentView(sql: TSql, actor: TActor, caseId: string): Promise<void> {
  const [c] = await sql.rows<TCaseFacts>(
    `select c."tenantId", c.status, c.reference,
            (select e.id::text from "CaseEvent" e where e."caseId" = c.id and e.kind in ('status.approve', 'status.part-approve', 'status.decline')
             order by e."createdAt" desc, e.id desc limit 1) as decision, c."decisionExplanation" as explanation, c."applicationId",
            a."residentStatus", a.data, a.locale, t.name, t.slug, t."contactPhone", t.settings
     from "Case" c join "Application" a on a.id = c."applicationId" join "Tenant" t on t.id = c."tenantId" where c.id = $1::uuid for update of c`,
    [caseId],
  );
  if (!c) return;
  const lines = (
    await sql.rows<Omit<TViewLine, "amountPence"> & { amountPence: string }>(
      `select id, status, "amountPence"::text as "amountPence", "needCategory" from "Award" where "caseId" = $1::uuid order by "createdAt", id`,
      [caseId],
    )
  ).map((l) => ({ ...l, status: l.status as TAwardState, amountPence: BigInt(l.amountPence) }));
  const [last] = await sql.rows<{ data: unknown }>(
    `select data from "CaseEvent" where "caseId" = $1::uuid and kind = 'resident.told' order by "createdAt" desc, id desc limit 1`,
    [caseId],
  );
  const view = residentView({ status: c.status, decision: c.decision }, lines, toldOf(last?.data ?? null));
  if (view.status !== c.residentStatus) {
    await sql.rows(`update "Application" set "residentStatus" = $2::"ResidentStatus", "updatedAt" = now() where id = $1::uuid`, [c.applicationId, view.status]);
    // A referral's referrer hears that it was decided or needs information (issue 17).
    await tellReferrer(sql, actor, caseId, view.status);
    // A referral's organisation hears of it by webhook (lib/webhooks; nothing for a resident's own application).
    await queueReferralStatusChanged(sql, { tenantId: c.tenantId, caseId, applicationId: c.applicationId, reference: c.reference, status: view.status, previousStatus: c.residentStatus });
  }
  if (!view.tell || !view.told) return;
  const sent = await tell(sql, caseId, c, view.tell);
  await recordCaseEvent(sql, actor, caseId, "resident.told", { ...view.told, template: view.tell.template, channel: sent?.channel ?? null, to: sent?.to ?? null });
}

/** Puts the message in the outbox; nothing if the resident gave (or was corrected to) neither email nor mobile. */
async function tell(sql: TSql, caseId: string, c: TCaseFacts, telling: TTelling): Promise<{ channel: "EMAIL" | "SMS"; to: string } | null> {
  const amendments = await sql.rows<{ field: string; newValue: unknown }>(
    `select field, "newValue" from "CaseAmendment" where "caseId" = $1::uuid and field in ('aboutYou.email', 'aboutYou.mobile') order by "createdAt" desc, id desc`,
    [caseId],
  );
  const contact = correctedContact(c.data, amendments);
  if (!contact.email && !contact.mobile) return null;
  const params = { council: c.name, reference: c.reference, explanation: c.explanation ?? "", link: `${env().APP_URL}/${c.slug}/status`, phone: c.contactPhone, ...decisionParams(telling, c.locale, c.contactPhone) };
  const to = contact.email ? { channel: "EMAIL" as const, to: contact.email } : { channel: "SMS" as const, to: contact.mobile! };
  await enqueueMessageSql(sql, { council: { id: c.tenantId, settings: ZTenantSettings.parse(c.settings ?? {}) }, template: telling.template, ...to, locale: c.locale, params });
  return to;
}
