import "server-only";
import nodemailer from "nodemailer";
import { db } from "@/lib/db/client";
import { devMailboxEnabled, env } from "@/lib/env";

export type TEmail = { to: string; subject: string; text: string };

let transport: nodemailer.Transporter | undefined;

/**
 * Sends one email now. Sign-in emails cannot wait for a queue; everything else will go through
 * the notifications outbox. In development and the demo, mail lands in the dev mailbox (/dev/mailbox).
 */
export async function sendEmail(email: TEmail): Promise<void> {
  if (devMailboxEnabled()) {
    await db().devMailboxMessage.create({ data: { to: email.to.toLowerCase(), subject: email.subject, text: email.text } });
    return;
  }
  const e = env();
  if (e.EMAIL_TRANSPORT === "smtp" && e.SMTP_URL) {
    transport ??= nodemailer.createTransport(e.SMTP_URL);
    await transport.sendMail({ from: "Money Hub <no-reply@moneyhub.invalid>", to: email.to, subject: email.subject, text: email.text });
    return;
  }
  throw new Error("No email transport configured");
}
