import "server-only";
import { db } from "@/lib/db/client";
import { devMailboxEnabled } from "@/lib/env";

/**
 * Sends one text message. There is no SMS provider yet (GOV.UK Notify will come with the
 * notifications outbox): in development and the demo the message lands in the dev mailbox,
 * addressed to "sms:<number>", so it can be read like an email.
 */
export async function sendSms(sms: { to: string; text: string }): Promise<void> {
  if (devMailboxEnabled()) {
    await db().devMailboxMessage.create({ data: { to: `sms:${sms.to}`, subject: "Text message", text: sms.text } });
    return;
  }
  throw new Error("No SMS provider configured");
}
