import "server-only";
import { sql as q } from "kysely";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { enqueueSql } from "@/lib/jobs/queue";
import { decryptSecret } from "@/lib/security/crypto";
import { MAX_WEBHOOK_ATTEMPTS, retryDelaySeconds } from "@/lib/webhooks/policy";
import { deliveryJob } from "@/lib/webhooks/queue";
import { SIGNATURE_HEADER, signatureHeader } from "@/lib/webhooks/signature";

const NOW_UTC = q<Date>`(clock_timestamp() at time zone 'UTC')`;
/** A receiver has this long to answer; a slow one counts as a failed try. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export type TDeliveryOutcome = "delivered" | "retry" | "failed" | "skipped";

/**
 * One try at one delivery. The delivery row is locked for the try (two workers, or a job added
 * twice, never send it twice) and its outcome written in the same transaction: 2xx delivered;
 * anything else (another status, a timeout, a refused connection) is tried again after
 * 30 s, 2 min, 10 min, 1 h and 6 h, then marked failed. Each try is signed afresh (a new
 * timestamp over the same body). Redirects are not followed.
 */
export async function deliverWebhook(job: { deliveryId: string; tenantId: string }): Promise<TDeliveryOutcome> {
  return withTenantSql(job.tenantId, async (sql) => {
    const row = await sql.db
      .selectFrom("WebhookDelivery as d")
      .innerJoin("WebhookEndpoint as e", (j) => j.onRef("e.tenantId", "=", "d.tenantId").onRef("e.id", "=", "d.endpointId"))
      .select(["d.id", "d.event", "d.body", "d.status", "d.attempts", "e.url", "e.secretEnc", "e.active", q<boolean>`d."nextAttemptAt" is null or d."nextAttemptAt" <= (now() at time zone 'UTC') + interval '1 second'`.as("due")])
      .where("d.id", "=", job.deliveryId)
      .forUpdate("d")
      .skipLocked()
      .executeTakeFirst();
    if (!row || row.status !== "PENDING" || !row.due) return "skipped";
    const attempts = row.attempts + 1;
    if (!row.active) {
      await sql.db.updateTable("WebhookDelivery").set({ status: "FAILED", attempts: row.attempts, lastError: "endpoint deactivated", nextAttemptAt: null }).where("id", "=", row.id).execute();
      return "failed";
    }
    let code: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(row.url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        headers: { "Content-Type": "application/json", "User-Agent": "MoneyHub-Webhooks/1", [SIGNATURE_HEADER]: signatureHeader(decryptSecret(row.secretEnc), row.body), "Money-Hub-Event": row.event, "Money-Hub-Delivery": row.id },
        body: row.body,
      });
      code = response.status;
      await response.body?.cancel().catch(() => {});
      if (code < 200 || code >= 300) error = `HTTP ${code}`;
    } catch (e) {
      error = e instanceof Error ? (e.name === "TimeoutError" ? "timed out" : e.message).slice(0, 300) : "failed";
    }
    if (!error) {
      await sql.db.updateTable("WebhookDelivery").set({ status: "DELIVERED", attempts, responseCode: code, lastError: null, deliveredAt: NOW_UTC, nextAttemptAt: null }).where("id", "=", row.id).execute();
      return "delivered";
    }
    if (attempts >= MAX_WEBHOOK_ATTEMPTS) {
      await sql.db.updateTable("WebhookDelivery").set({ status: "FAILED", attempts, responseCode: code, lastError: error, nextAttemptAt: null }).where("id", "=", row.id).execute();
      return "failed";
    }
    const retryAt = new Date(Date.now() + retryDelaySeconds(attempts) * 1000);
    await sql.db
      .updateTable("WebhookDelivery")
      .set({ attempts, responseCode: code, lastError: error, nextAttemptAt: q<Date>`(${retryAt.toISOString()}::timestamptz at time zone 'UTC')` })
      .where("id", "=", row.id)
      .execute();
    await enqueueSql(sql, deliveryJob(job, retryAt));
    return "retry";
  });
}
