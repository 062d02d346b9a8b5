import "server-only";
import { env } from "@/lib/env";
import { format, isLocale, messagesFor, withOverrides } from "@/lib/i18n";
import { sendEmail } from "@/lib/mail/send-email";
import { sendSms } from "@/lib/mail/send-sms";
import { replyByText } from "@/lib/applications/policy";
import type { TCouncil } from "@/lib/tenancy/queries";

/**
 * "We have your application": the reference by email (or text if no email). Sent after the
 * application is committed and best-effort: a mail failure must never lose or repeat an
 * application. (It moves to the notifications outbox when that exists.)
 */
export async function notifyReceived(council: TCouncil, sent: { reference: string; email: string | null; mobile: string | null; locale: string; submittedAt: Date }): Promise<void> {
  const locale = isLocale(sent.locale) ? sent.locale : "en";
  const m = withOverrides(messagesFor(locale), locale, council.settings.wordingOverrides);
  const date = replyByText(sent.submittedAt, locale);
  const params = { council: council.name, reference: sent.reference, date, link: `${env().APP_URL}/${council.slug}/status`, phone: council.contactPhone };
  const text = format(m.sentMessage.body, params);
  try {
    if (sent.email) await sendEmail({ to: sent.email, subject: format(m.sentMessage.subject, params), text });
    else if (sent.mobile) await sendSms({ to: sent.mobile, text });
  } catch (e) {
    console.error(`Could not send the confirmation for ${sent.reference}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
