import "server-only";
import net from "node:net";
import nodemailer from "nodemailer";
import { ProviderError, smtpCodeIsPermanent } from "@/lib/notifications/policy";
import type { TProvider } from "@/lib/notifications/providers/types";

/**
 * Email over SMTP (nodemailer, pooled connections). The Message-ID is the outbox id, so a
 * message can be traced end to end. SMTP cannot send text messages: those fail at once, naming why.
 */
export function smtpProvider(options: { url: string; from: string }): TProvider {
  const u = new URL(options.url);
  const host = u.hostname;
  const port = Number(u.port) || (u.protocol === "smtps:" ? 465 : 587);
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: u.protocol === "smtps:",
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    // Pooled: connections are reused, so a backlog is not one TCP and TLS handshake per message.
    pool: true,
    maxConnections: 8,
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
    // Our own TCP connection, with Nagle's algorithm off: nodemailer writes a message in several
    // chunks and then waits for the reply, so with Nagle on the last chunk waits for the server's
    // delayed ACK (40 ms on Linux) and one connection carries ~20 messages a second instead of
    // ~400 (measured: docs/decisions/0011). nodemailer still does TLS (smtps) on top of it.
    getSocket: (_options, callback) => {
      const socket = net.connect({ host, port, noDelay: true, timeout: 10_000 });
      const fail = (error: Error) => {
        socket.destroy();
        callback(error, null);
      };
      socket.once("timeout", () => fail(new Error(`SMTP connection to ${host}:${port} timed out`)));
      socket.once("error", fail);
      socket.once("connect", () => {
        // nodemailer takes over timeouts and errors from here (the no-op only bridges the hand-over).
        socket.removeAllListeners("timeout").removeListener("error", fail).on("error", () => {}).setTimeout(0);
        callback(null, { connection: socket });
      });
    },
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
