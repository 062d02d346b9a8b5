// A local stand-in for the GOV.UK Notify API (there is no network here). It checks what the
// official client sends: the JWT (HS256, signed with the key's secret, iss = service id, fresh
// iat), the endpoint, and the body; and it can answer with an error instead of 201. It answers
// GET /v2/notifications/{id} with each notification's status (set by the test, "sending" until
// then), and it can hang: take requests and never answer them (a provider that has stopped).
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type TNotifyCall = { method: string; path: string; body: { template_id: string; email_address?: string; phone_number?: string; personalisation: Record<string, string>; reference?: string }; jwtOk: boolean; problem?: string };

export async function startNotifyStub(apiKey: string) {
  const serviceId = apiKey.slice(-73, -37);
  const secret = apiKey.slice(-36);
  const calls: TNotifyCall[] = [];
  let answer: { status: number; error?: string; message?: string } = { status: 201 };
  let statusAnswer: { status: number; error?: string; message?: string } = { status: 200 };
  let hanging = false;
  /** Notify's id → its status, for what the stand-in accepted. */
  const statuses = new Map<string, string>();
  const server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      const problem = checkJwt(req.headers.authorization ?? "", serviceId, secret);
      const call: TNotifyCall = { method: req.method ?? "", path: req.url ?? "", body: JSON.parse(data || "{}"), jwtOk: !problem, problem: problem ?? undefined };
      calls.push(call);
      if (hanging) return; // read, and never answered
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (problem) return send(403, { status_code: 403, errors: [{ error: "AuthError", message: problem }] });
      const byId = /^\/v2\/notifications\/([0-9a-f-]{36})$/.exec(call.path);
      if (req.method === "GET" && byId) {
        if (statusAnswer.status !== 200) return send(statusAnswer.status, { status_code: statusAnswer.status, errors: [{ error: statusAnswer.error ?? "Error", message: statusAnswer.message ?? "failed" }] });
        const status = statuses.get(byId[1]!);
        if (!status) return send(404, { status_code: 404, errors: [{ error: "NoResultFound", message: "No result found" }] });
        return send(200, { id: byId[1], status, type: "email" });
      }
      if (req.method !== "POST" || !["/v2/notifications/email", "/v2/notifications/sms"].includes(call.path)) return send(404, { status_code: 404, errors: [{ error: "NotFound", message: "No such endpoint" }] });
      if (answer.status !== 201) return send(answer.status, { status_code: answer.status, errors: [{ error: answer.error ?? "Error", message: answer.message ?? "failed" }] });
      const id = randomUUID();
      statuses.set(id, "sending");
      send(201, { id, reference: call.body.reference ?? null, content: { body: call.body.personalisation.body }, template: { id: call.body.template_id, version: 1 } });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    answerWith(next: { status: number; error?: string; message?: string }) {
      answer = next;
    },
    /** How status requests are answered (200: each notification's status). */
    answerStatusWith(next: { status: number; error?: string; message?: string }) {
      statusAnswer = next;
    },
    /** Sets what Notify says became of a notification it accepted (by Notify's id). */
    setStatus(id: string, status: string) {
      statuses.set(id, status);
    },
    /** Stops answering (requests are read and left hanging) or starts again. */
    hang(on: boolean) {
      hanging = on;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

function checkJwt(authorization: string, serviceId: string, secret: string): string | null {
  const token = /^Bearer (.+)$/.exec(authorization)?.[1];
  if (!token) return "Missing bearer token";
  const [h, p, sig] = token.split(".");
  if (!h || !p || !sig) return "Malformed token";
  const header = JSON.parse(Buffer.from(h, "base64url").toString());
  const payload = JSON.parse(Buffer.from(p, "base64url").toString());
  if (header.alg !== "HS256") return `Wrong algorithm ${header.alg}`;
  const expected = createHmac("sha256", secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "Invalid token: signature";
  if (payload.iss !== serviceId) return "Invalid token: iss";
  if (Math.abs(Date.now() / 1000 - payload.iat) > 30) return "Invalid token: iat";
  return null;
}
