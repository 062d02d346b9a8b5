import "server-only";
import axios from "axios";
import { NotifyClient } from "notifications-node-client";
import { httpStatusIsPermanent, ProviderError } from "@/lib/notifications/policy";
import type { TDeliveryReceipt, TProvider } from "@/lib/notifications/providers/types";

/**
 * GOV.UK Notify through its official client. Templates are Notify's: the council's own template
 * id for the message if it set one, else the default per channel, which shows ((subject)) and
 * ((body)). Notify allows 3,000 requests a minute per service, so every call (sends and status
 * checks) is paced to NOTIFY_RATE_PER_MINUTE (they wait for a slot, never dropped); a 429 is
 * retried like a 5xx, other 4xx answers fail the message at once. A call without an answer
 * within NOTIFY_TIMEOUT_MS is abandoned and retried: a hung API must not hold a worker.
 */
export function notifyProvider(options: { apiKey: string; baseUrl: string; emailTemplateId: string; smsTemplateId: string; ratePerMinute: number; timeoutMs: number }): TProvider {
  const client = new NotifyClient(options.baseUrl, options.apiKey);
  // The client's own axios has no timeout. `timeout` covers a silent connection; the signal is a
  // deadline for the whole call (a server that trickles its answer).
  const http = axios.create({ timeout: options.timeoutMs });
  http.interceptors.request.use((config) => ({ ...config, signal: AbortSignal.timeout(options.timeoutMs) }));
  client.setClient(http);
  const pace = pacer(options.ratePerMinute);
  const call = async <T>(what: () => Promise<T>): Promise<T> => {
    await pace();
    try {
      return await what();
    } catch (e) {
      throw notifyError(e, options.timeoutMs);
    }
  };
  return {
    name: "notify",
    async send(message) {
      const templateId = message.providerTemplateId ?? (message.channel === "EMAIL" ? options.emailTemplateId : options.smsTemplateId);
      const personalisation = { ...message.personalisation, subject: message.subject ?? "", body: message.body };
      const response = await call<{ data: { id?: string } }>(() =>
        message.channel === "EMAIL"
          ? client.sendEmail(templateId, message.to, { personalisation, reference: message.id })
          : client.sendSms(templateId, message.to, { personalisation, reference: message.id }),
      );
      return { providerRef: response.data.id ?? null };
    },
    async receipt(providerRef) {
      const response = await call(() => client.getNotificationById(providerRef));
      return notifyReceipt(String((response.data as { status?: string }).status ?? ""));
    },
  };
}

/** An error from the client as a ProviderError: 4xx final (bar 408/429); 5xx, timeouts and lost connections retried. */
function notifyError(e: unknown, timeoutMs: number): ProviderError {
  const err = e as { code?: string; response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } }; message?: string };
  if (!err.response && (err.code === "ECONNABORTED" || err.code === "ETIMEDOUT" || err.code === "ERR_CANCELED")) {
    return new ProviderError(`Notify timeout: no answer within ${timeoutMs} ms`, false);
  }
  const status = err.response?.status;
  const detail = err.response?.data?.errors?.map((x) => `${x.error ?? ""}: ${x.message ?? ""}`).join("; ") || err.message || String(e);
  return new ProviderError(`Notify ${status ?? "error"}: ${detail}`, status !== undefined && httpStatusIsPermanent(status), status);
}

const FAILURES: Record<string, string> = {
  "permanent-failure": "the email address or phone number is wrong or no longer in use",
  "temporary-failure": "the inbox was full or the phone was off for too long",
  "technical-failure": "a technical failure at Notify; the message was not sent",
  "validation-failed": "Notify could not send it (validation failed)",
};

/**
 * What a Notify status means for the outbox (docs.notifications.service.gov.uk, "Status"):
 * delivered; one of the failures (final, with the reason); "sent" (international text: Notify
 * cannot know more, final); anything else (created, sending, pending) is still on its way.
 */
export function notifyReceipt(status: string): TDeliveryReceipt {
  if (status === "delivered" || status === "received") return { state: "delivered" };
  if (FAILURES[status]) return { state: "failed", reason: `Notify ${status}: ${FAILURES[status]}` };
  if (status === "sent") return { state: "final" };
  return { state: "pending", status };
}

/** Spaces calls evenly so no more than `perMinute` start in any minute (a queue of slots, not a drop). */
export function pacer(perMinute: number, now: () => number = Date.now): () => Promise<void> {
  const gapMs = 60_000 / perMinute;
  let nextSlot = 0;
  return async () => {
    const t = now();
    const slot = Math.max(t, nextSlot);
    nextSlot = slot + gapMs;
    if (slot > t) await new Promise((r) => setTimeout(r, slot - t));
  };
}
