import "server-only";
import type { TIsoDate } from "@/lib/calendar/working-days";
import type { Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { isLocale } from "@/lib/i18n";
import { enqueueMessage } from "@/lib/notifications/enqueue-message";
import { replyByText } from "@/lib/applications/policy";
import type { TCouncil } from "@/lib/tenancy/queries";

/**
 * "We have your application": the reference and the date we will reply by (the case's SLA due
 * date) by email (or text if no email), put in the outbox
 * in the submission's own transaction, so it is sent exactly when the application exists.
 */
export async function notifyReceived(tx: Tx, council: TCouncil, sent: { reference: string; email: string | null; mobile: string | null; locale: string; replyByOn: TIsoDate }): Promise<void> {
  const locale = isLocale(sent.locale) ? sent.locale : "en";
  const date = replyByText(sent.replyByOn, locale);
  const params = { council: council.name, reference: sent.reference, date, link: `${env().APP_URL}/${council.slug}/status`, phone: council.contactPhone };
  if (sent.email) await enqueueMessage(tx, { council, template: "application-received", channel: "EMAIL", to: sent.email, locale: sent.locale, params });
  else if (sent.mobile) await enqueueMessage(tx, { council, template: "application-received", channel: "SMS", to: sent.mobile, locale: sent.locale, params });
}
