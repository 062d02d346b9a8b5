import "server-only";
import { randomUUID } from "node:crypto";
import { sql as q } from "kysely";
import type { TSql } from "@/lib/db/sql";
import { enqueueSql, type TJob } from "@/lib/jobs/queue";

// Webhook events go into the delivery log (WebhookDelivery) with their job in the caller's
// transaction: an event exists exactly when the change that caused it committed. The body is
// fixed now (the same bytes on every try); lib/webhooks/deliver.ts signs and sends it.

export type TWebhookJobs = {
  /** One try at one delivery. */
  "webhooks:deliver": { deliveryId: string; tenantId: string };
};

export const REFERRAL_STATUS_CHANGED = "referral.status_changed";
export const TEST_EVENT = "test";

export function deliveryJob(d: { deliveryId: string; tenantId: string }, runAt?: Date): TJob<"webhooks:deliver", TWebhookJobs["webhooks:deliver"]> {
  // One live job per delivery: a retry replaces a waiting job rather than adding a second.
  return { task: "webhooks:deliver", payload: d, key: `webhook:${d.deliveryId}`, runAt, maxAttempts: 3 };
}

const NOW_UTC = q<Date>`(now() at time zone 'UTC')`;

export type TReferralChange = { tenantId: string; caseId: string; applicationId: string; reference: string; status: string; previousStatus: string };

/**
 * A referral's status (the resident's status words, Application.residentStatus) changed: one
 * delivery per active endpoint of the organisation that referred it. A case with no organisation
 * (a resident's own application) matches no endpoint: one indexed statement, nothing written.
 */
export async function queueReferralStatusChanged(sql: TSql, change: TReferralChange): Promise<number> {
  const body = JSON.stringify({
    id: randomUUID(),
    type: REFERRAL_STATUS_CHANGED,
    createdAt: new Date().toISOString(),
    data: { referral: { id: change.applicationId, reference: change.reference, status: change.status, previousStatus: change.previousStatus } },
  });
  const rows = await sql.db
    .insertInto("WebhookDelivery")
    .columns(["id", "tenantId", "endpointId", "event", "body", "nextAttemptAt"])
    .expression((eb) =>
      eb
        .selectFrom("WebhookEndpoint as e")
        .innerJoin("Case as c", (j) => j.onRef("c.tenantId", "=", "e.tenantId").onRef("c.organisationId", "=", "e.organisationId"))
        .select([q<string>`gen_random_uuid()`.as("id"), "e.tenantId", "e.id as endpointId", eb.val(REFERRAL_STATUS_CHANGED).as("event"), eb.val(body).as("body"), NOW_UTC.as("nextAttemptAt")])
        .where("c.id", "=", change.caseId)
        .where("c.tenantId", "=", change.tenantId)
        .where("e.active", "=", true),
    )
    .returning("id")
    .execute();
  for (const r of rows) await enqueueSql(sql, deliveryJob({ deliveryId: r.id, tenantId: change.tenantId }));
  return rows.length;
}

/** The portal's "send a test event": one delivery to one endpoint of the organisation. Null if no such active endpoint. */
export async function queueTestEvent(sql: TSql, tenantId: string, organisationId: string, endpointId: string): Promise<string | null> {
  const body = JSON.stringify({ id: randomUUID(), type: TEST_EVENT, createdAt: new Date().toISOString(), data: { message: "A test event from Money Hub." } });
  const row = await sql.db
    .insertInto("WebhookDelivery")
    .columns(["id", "tenantId", "endpointId", "event", "body", "nextAttemptAt"])
    .expression((eb) =>
      eb
        .selectFrom("WebhookEndpoint as e")
        .select([q<string>`gen_random_uuid()`.as("id"), "e.tenantId", "e.id as endpointId", eb.val(TEST_EVENT).as("event"), eb.val(body).as("body"), NOW_UTC.as("nextAttemptAt")])
        .where("e.id", "=", endpointId)
        .where("e.tenantId", "=", tenantId)
        .where("e.organisationId", "=", organisationId)
        .where("e.active", "=", true),
    )
    .returning("id")
    .executeTakeFirst();
  if (!row) return null;
  await enqueueSql(sql, deliveryJob({ deliveryId: row.id, tenantId }));
  return row.id;
}
