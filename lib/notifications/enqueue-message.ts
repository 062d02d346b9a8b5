import "server-only";
import { randomUUID } from "node:crypto";
import { sql as q } from "kysely";
import type { Tx } from "@/lib/db/client";
import { prismaSql, type TSql } from "@/lib/db/sql";
import { enqueueSql } from "@/lib/jobs/queue";
import { PRIORITY } from "@/lib/notifications/policy";
import { renderTemplate, type TTemplateKey } from "@/lib/notifications/templates";
import type { TWordingOverrides } from "@/lib/i18n";

export type TMessageRequest = {
  /** The council the message is from; null for the platform's own messages. */
  council: { id: string; settings: { wordingOverrides?: TWordingOverrides; notifyTemplateIds?: Record<string, string> } } | null;
  template: TTemplateKey;
  channel: "EMAIL" | "SMS";
  to: string;
  locale: string;
  params: Record<string, string | number>;
  /** Someone is waiting for it (a sign-in link): ahead of any backlog. */
  interactive?: boolean;
};

/**
 * The one way a message leaves the system: an outbox row plus its delivery job, written in the
 * caller's transaction, so the message exists if and only if the event that caused it committed.
 * The words are fixed now (the council's wording, in the resident's language or English).
 */
export function enqueueMessage(tx: Tx, request: TMessageRequest): Promise<{ id: string }> {
  return enqueueMessageSql(prismaSql(tx), request);
}

/**
 * enqueueMessage on either driver's transaction (TSql): the Prisma one above, or withTenantSql's
 * connection (a decision on a case). No RETURNING: a platform message may be written where it
 * cannot be read back (row-level security).
 */
export async function enqueueMessageSql(sql: TSql, request: TMessageRequest): Promise<{ id: string }> {
  const settings = request.council?.settings;
  const rendered = renderTemplate(request.template, request.locale, request.params, settings?.wordingOverrides ?? {});
  if (rendered.fellBackFrom) console.warn(`[notifications] template ${request.template} is missing in "${rendered.fellBackFrom}": sent in English`);
  const id = randomUUID();
  const priority = request.interactive ? PRIORITY.interactive : PRIORITY.normal;
  const tenantId = request.council?.id ?? null;
  const personalisation = Object.fromEntries(Object.entries(request.params).map(([k, v]) => [k, String(v)]));
  await sql.db
    .insertInto("OutboundMessage")
    .values({
      id,
      tenantId,
      template: request.template,
      channel: request.channel,
      to: request.to,
      locale: rendered.locale,
      subject: request.channel === "EMAIL" ? rendered.subject : null,
      body: rendered.body,
      personalisation: q`${JSON.stringify(personalisation)}::jsonb`,
      providerTemplateId: settings?.notifyTemplateIds?.[request.template] ?? null,
      priority,
    })
    .execute();
  await enqueueSql(sql, deliveryJob({ id, tenantId, priority }));
  return { id };
}

/** The job that delivers one message: keyed by the outbox id, so there is never more than one waiting. */
export function deliveryJob(message: { id: string; tenantId: string | null; priority: number }, runAt?: Date) {
  return {
    task: "notifications:deliver" as const,
    payload: { messageId: message.id, tenantId: message.tenantId },
    key: `outbox:${message.id}`,
    priority: message.priority,
    runAt,
  };
}
