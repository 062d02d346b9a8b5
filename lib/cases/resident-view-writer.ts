// The one writer of what the resident reads and hears about their case. Runs after every change
// to a case (transitionCase) or to one of its award lines (transitionAward), in that change's
// transaction: works out the projection (lib/cases/resident-view.ts), writes
// Application.residentStatus when it changes, and puts the one message due in the outbox, to the
// answers as corrected (lib/cases/corrected-answers.ts), recording what was told on the case's
// timeline ("resident.told") so a message is never sent twice nor skipped. The case row is
// locked first, so two approvers settling two lines of one case see each other's work.
// Either driver (TSql). docs/decisions/0018.
import { sql as q } from "kysely";
import type { TActor } from "@/lib/actor";
import { env } from "@/lib/env";
import type { TSql } from "@/lib/db/sql";
import { enqueueMessageSql } from "@/lib/notifications/enqueue-message";
import type { TTemplateKey } from "@/lib/notifications/templates";
import { correctedContact } from "@/lib/cases/corrected-answers";
import { decisionParams } from "@/lib/cases/decision-words";
import { paymentTelling, residentView, toldOf, toldPaymentsOf, type TPaymentTelling, type TTelling, type TViewLine } from "@/lib/cases/resident-view";
import { awardLinesText } from "@/lib/cases/decision-words";
import { latestCaseEventData, recordCaseEvent } from "@/lib/timeline/case-events";
import { tellReferrer } from "@/lib/cases/referrer-notice";
import { ZTenantSettings } from "@/lib/tenancy/schemas";
import { queueReferralStatusChanged } from "@/lib/webhooks/queue";

/** The case, its application and its council, the case row locked (see the file comment). */
function readCaseFacts(sql: TSql, caseId: string) {
  return sql.db
    .selectFrom("Case as c")
    .innerJoin("Application as a", "a.id", "c.applicationId")
    .innerJoin("Tenant as t", "t.id", "c.tenantId")
    .select((eb) => [
      "c.tenantId",
      "c.status",
      "c.reference",
      eb
        .selectFrom("CaseEvent as e")
        .select("e.id")
        .whereRef("e.caseId", "=", "c.id")
        .where("e.kind", "in", ["status.approve", "status.part-approve", "status.decline"])
        .orderBy("e.createdAt", "desc")
        .orderBy("e.id", "desc")
        .limit(1)
        .as("decision"),
      "c.decisionExplanation as explanation",
      "c.applicationId",
      "a.residentStatus",
      "a.data",
      "a.locale",
      "t.name",
      "t.slug",
      "t.contactPhone",
      "t.settings",
    ])
    .where("c.id", "=", caseId)
    .forUpdate("c")
    .executeTakeFirst();
}

type TCaseFacts = NonNullable<Awaited<ReturnType<typeof readCaseFacts>>>;

/** See the file comment. */
export async function updateResidentView(sql: TSql, actor: TActor, caseId: string): Promise<void> {
  const c = await readCaseFacts(sql, caseId);
  if (!c) return;
  const lines = await caseLines(sql, caseId);
  const told = await latestCaseEventData(sql, caseId, "resident.told");
  const view = residentView({ status: c.status, decision: c.decision }, lines, toldOf(told ?? null));
  if (view.status !== c.residentStatus) {
    await sql.db.updateTable("Application").set({ residentStatus: view.status, updatedAt: q<Date>`now()` }).where("id", "=", c.applicationId).execute();
    // A referral's referrer hears that it was decided or needs information (issue 17); not again
    // when a payment is returned ("paid" back to "decided": the decision is unchanged).
    if (!(c.residentStatus === "PAID" && view.status === "DECIDED")) await tellReferrer(sql, actor, caseId, view.status);
    // A referral's organisation hears of it by webhook (lib/webhooks; nothing for a resident's own application).
    await queueReferralStatusChanged(sql, { tenantId: c.tenantId, caseId, applicationId: c.applicationId, reference: c.reference, status: view.status, previousStatus: c.residentStatus });
  }
  if (view.tell && view.told) {
    const sent = await tell(sql, caseId, c, view.tell);
    await recordCaseEvent(sql, actor, caseId, "resident.told", { ...view.told, template: view.tell.template, channel: sent?.channel ?? null, to: sent?.to ?? null });
  }
  // The payments (issue 19): gone out, or did not go through; each told once.
  if (!lines.some((l) => l.payment)) return;
  const due = paymentTelling(view, lines, toldPaymentsOf((await latestCaseEventData(sql, caseId, "resident.told-payment")) ?? null));
  if (!due) return;
  const sent = await tellPayment(sql, caseId, c, due.tell);
  await recordCaseEvent(sql, actor, caseId, "resident.told-payment", { ...due.told, template: due.tell.template, channel: sent?.channel ?? null, to: sent?.to ?? null });
}

/** The case's award lines, each with its latest payment (the Payment table, lib/payments). */
async function caseLines(sql: TSql, caseId: string): Promise<TViewLine[]> {
  const lines = await sql.db.selectFrom("Award").select(["id", "status", "amountPence", "needCategory"]).where("caseId", "=", caseId).orderBy("createdAt").orderBy("id").execute();
  const payments = await sql.db.selectFrom("Payment").select(["id", "awardId", "status"]).where("caseId", "=", caseId).orderBy("createdAt").orderBy("id").execute();
  const latest = new Map(payments.map((p) => [p.awardId, { id: p.id, status: p.status }]));
  return lines.map((l) => ({ ...l, payment: latest.get(l.id) ?? null }));
}

/** A payment message: the lines it speaks of, in the resident's language. */
function tellPayment(sql: TSql, caseId: string, c: TCaseFacts, telling: TPaymentTelling): Promise<{ channel: "EMAIL" | "SMS"; to: string } | null> {
  const params = { council: c.name, reference: c.reference, link: `${env().APP_URL}/${c.slug}/status`, phone: c.contactPhone, awards: awardLinesText(telling.lines, c.locale) };
  return enqueueResidentMessage(sql, caseId, c, telling.template, params);
}

/** Puts the message in the outbox; nothing if the resident gave (or was corrected to) neither email nor mobile. */
function tell(sql: TSql, caseId: string, c: TCaseFacts, telling: TTelling): Promise<{ channel: "EMAIL" | "SMS"; to: string } | null> {
  const params = { council: c.name, reference: c.reference, explanation: c.explanation ?? "", link: `${env().APP_URL}/${c.slug}/status`, phone: c.contactPhone, ...decisionParams(telling, c.locale, c.contactPhone) };
  return enqueueResidentMessage(sql, caseId, c, telling.template, params);
}

/**
 * The one way a message to the resident about their case goes in the outbox: in their language,
 * to their email, else their mobile, as corrected on the case (lib/cases/corrected-answers.ts).
 * Returns where it went, or null (nothing sent) when they gave neither. The caller records what
 * was told on the timeline.
 */
export async function enqueueResidentMessage(
  sql: TSql,
  caseId: string,
  c: { tenantId: string; data: TCaseFacts["data"]; locale: string; settings: TCaseFacts["settings"] },
  template: TTemplateKey,
  params: Record<string, string | number>,
): Promise<{ channel: "EMAIL" | "SMS"; to: string } | null> {
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
  if (!to) return null;
  await enqueueMessageSql(sql, { council: { id: c.tenantId, settings: ZTenantSettings.parse(c.settings ?? {}) }, template, ...to, locale: c.locale, params });
  return to;
}
