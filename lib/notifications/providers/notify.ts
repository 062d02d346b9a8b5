import "server-only";
import { NotifyClient } from "notifications-node-client";
import { httpStatusIsPermanent, ProviderError } from "@/lib/notifications/policy";
import type { TProvider } from "@/lib/notifications/providers/types";

/**
 * GOV.UK Notify through its official client. Templates are Notify's: the council's own template
 * id for the message if it set one, else the default per channel, which shows ((subject)) and
 * ((body)). Notify allows 3,000 messages a minute per service, so sends are paced to
 * NOTIFY_RATE_PER_MINUTE (they wait for a slot, never dropped); a 429 is retried like a 5xx,
 * other 4xx answers fail the message at once.
 */
export function notifyProvider(options: { apiKey: string; baseUrl: string; emailTemplateId: string; smsTemplateId: string; ratePerMinute: number }): TProvider {
  const client = new NotifyClient(options.baseUrl, options.apiKey);
  const pace = pacer(options.ratePerMinute);
  return {
    name: "notify",
    async send(message) {
      const templateId = message.providerTemplateId ?? (message.channel === "EMAIL" ? options.emailTemplateId : options.smsTemplateId);
      const personalisation = { ...message.personalisation, subject: message.subject ?? "", body: message.body };
      await pace();
      try {
        const response =
          message.channel === "EMAIL"
            ? await client.sendEmail(templateId, message.to, { personalisation, reference: message.id })
            : await client.sendSms(templateId, message.to, { personalisation, reference: message.id });
        return { providerRef: (response.data as { id?: string }).id ?? null };
      } catch (e) {
        const err = e as { response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } }; message?: string };
        const status = err.response?.status;
        const detail = err.response?.data?.errors?.map((x) => `${x.error ?? ""}: ${x.message ?? ""}`).join("; ") || err.message || String(e);
        throw new ProviderError(`Notify ${status ?? "error"}: ${detail}`, status !== undefined && httpStatusIsPermanent(status), status);
      }
    },
  };
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
