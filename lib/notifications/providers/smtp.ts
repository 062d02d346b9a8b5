import "server-only";
import nodemailer from "nodemailer";
import { ProviderError, smtpCodeIsPermanent } from "@/lib/notifications/policy";
import type { TProvider } from "@/lib/notifications/providers/types";

/**
 * Email over SMTP (nodemailer, pooled connections). The Message-ID is the outbox id, so a
 * message can be traced end to end. SMTP cannot send text messages: those fail at once, naming why.
 */
export function smtpProvider(options: { url: string; from: string }): TProvider {
  const u = new URL(options.url);
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: Number(u.port) || (u.protocol === "smtps:" ? 465 : 587),
    secure: u.protocol === "smtps:",
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    // Pooled: connections are reused, so a backlog is not one TCP and TLS handshake per message.
    pool: true,
    maxConnections: 8,
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  });
  return {
    name: "smtp",
    async send(message) {
      if (message.channel !== "EMAIL") throw new ProviderError("The SMTP provider cannot send text messages (set NOTIFICATIONS_PROVIDER=notify)", true);
      try {
        const info = await transport.sendMail({ from: options.from, to: message.to, subject: message.subject ?? "", text: message.body, messageId: `<${message.id}@moneyhub.outbox>` });
        return { providerRef: info.messageId ?? null };
      } catch (e) {
        const err = e as { responseCode?: number; response?: string; message?: string };
        const permanent = smtpCodeIsPermanent(err.responseCode);
        throw new ProviderError(`SMTP ${err.responseCode ?? "error"}: ${err.response ?? err.message ?? String(e)}`, permanent, err.responseCode);
      }
    },
    close: () => transport.close(),
  };
}
