import "server-only";
import { db } from "@/lib/db/client";
import type { TProvider } from "@/lib/notifications/providers/types";

/**
 * Development and the demo: messages land in the DevMailboxMessage table, read at /dev/mailbox.
 * Text messages are addressed to "sms:<number>" so they can be read like an email.
 */
export function devMailboxProvider(): TProvider {
  return {
    name: "dev-mailbox",
    async send(message) {
      const to = message.channel === "SMS" ? `sms:${message.to}` : message.to.toLowerCase();
      const row = await db().devMailboxMessage.create({ data: { to, subject: message.channel === "SMS" ? "Text message" : (message.subject ?? ""), text: message.body }, select: { id: true } });
      return { providerRef: row.id };
    },
  };
}
