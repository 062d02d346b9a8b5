import "server-only";
import { env } from "@/lib/env";
import { devMailboxProvider } from "@/lib/notifications/providers/dev-mailbox";
import { notifyProvider } from "@/lib/notifications/providers/notify";
import { smtpProvider } from "@/lib/notifications/providers/smtp";
import type { TProvider } from "@/lib/notifications/providers/types";

let current: TProvider | undefined;

/** The provider chosen by NOTIFICATIONS_PROVIDER (lib/env.ts has already refused a bad setting). */
export function provider(): TProvider {
  if (current) return current;
  const e = env();
  switch (e.NOTIFICATIONS_PROVIDER) {
    case "dev-mailbox":
      current = devMailboxProvider();
      break;
    case "smtp":
      current = smtpProvider({ url: e.SMTP_URL!, from: e.MAIL_FROM });
      break;
    case "notify":
      current = notifyProvider({
        apiKey: e.NOTIFY_API_KEY!,
        baseUrl: e.NOTIFY_BASE_URL,
        emailTemplateId: e.NOTIFY_EMAIL_TEMPLATE_ID!,
        smsTemplateId: e.NOTIFY_SMS_TEMPLATE_ID!,
        ratePerMinute: e.NOTIFY_RATE_PER_MINUTE,
        timeoutMs: e.NOTIFY_TIMEOUT_MS,
      });
      break;
  }
  return current;
}

/** Tests switch providers between cases. */
export function resetProviderForTests(): void {
  current?.close?.();
  current = undefined;
}
