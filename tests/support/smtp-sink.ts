// A real SMTP server (smtp-server) for tests and the bench: records what it accepted. A message
// counts as received only if the 250 reply goes to a connection that is still open, as in SMTP
// itself: a client that died before the reply never handed the message over.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type TReceived = { to: string[]; messageId: string; subject: string; text: string; headers: string; at: number };

export async function startSmtpSink(options: { delayMs?: () => number; rejectRecipient?: (to: string) => string | null } = {}) {
  const received: TReceived[] = [];
  const closed = new Set<string>();
  // While holding, finished messages wait for their 250 (as a slow server would) until released.
  const control = { holding: false, held: [] as { session: string; finish: () => void }[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    disableReverseLookup: true,
    maxClients: 200,
    // On close, drop clients still connected (a pooled idle connection would otherwise hold it 30 s).
    closeTimeout: 200,
    onClose(session) {
      closed.add(session.id);
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.rejectRecipient?.(address.address);
      if (refusal) return callback(Object.assign(new Error(refusal), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const finish = () => {
          if (closed.has(session.id)) return callback(new Error("client gone"));
          received.push({ ...parseMessage(Buffer.concat(chunks).toString("utf8")), to: session.envelope.rcptTo.map((r) => r.address), at: Date.now() });
          callback();
        };
        const delay = options.delayMs?.() ?? 0;
        const go = () => (control.holding ? control.held.push({ session: session.id, finish }) : finish());
        if (delay > 0) setTimeout(go, delay);
        else go();
      });
    },
  });
  // A client that vanishes mid-message (the kill test's SIGKILLed worker, whose socket may end in
  // a reset) is an error smtp-server raises on the server: expected here, and nothing was received.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const hold = () => {
    control.holding = true;
  };
  const release = () => {
    control.holding = false;
    for (const { finish } of control.held.splice(0)) finish();
  };
  return { port, url: `smtp://127.0.0.1:${port}`, received, hold, release, heldCount: () => control.held.length,
    /** Held messages whose client has not been seen to disconnect yet. */
    heldOpen: () => control.held.filter((h) => !closed.has(h.session)).length, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Just enough MIME for what nodemailer sends: headers, encoded-word subject, quoted-printable or base64 text. */
function parseMessage(raw: string): Omit<TReceived, "to" | "at"> {
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const bodyRaw = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headers)?.[1]?.trim() ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "quoted-printable" ? decodeQp(bodyRaw) : encoding === "base64" ? Buffer.from(bodyRaw.replace(/\s+/g, ""), "base64").toString("utf8") : bodyRaw;
  const subject = header("Subject").replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_w, kind: string, data: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQp(data.replace(/_/g, " ")),
  );
  return { messageId: header("Message-ID"), subject, text: text.replace(/\r\n/g, "\n").replace(/\n$/, ""), headers };
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const flat = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < flat.length; i++) {
    if (flat[i] === "=" && /^[0-9A-F]{2}$/i.test(flat.slice(i + 1, i + 3))) {
      bytes.push(parseInt(flat.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(flat[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}
