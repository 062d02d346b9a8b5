// Set-up shared by the partner API's integration tests: councils, organisations, leads, keys,
// and requests to the real route handlers (app/api/v1/**), as a partner's system would send them.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { POST as postReferral, GET as listReferrals } from "@/app/api/v1/[council]/referrals/route";
import { GET as getReferral } from "@/app/api/v1/[council]/referrals/[referral]/route";
import { createApiKey, type TLeadAccess } from "@/lib/partner-api/manage";
import { EXAMPLE_REFERRAL } from "@/lib/partner-api/examples";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createMember, createOrganisation } from "@/prisma/factories";
import { testDb } from "./globals";

export type TPartner = { council: TCouncil; organisationId: string; lead: TLeadAccess; key: string };

export async function makeCouncil(slug: string, postcodeAreas = ["E8"]): Promise<TCouncil> {
  await createCouncil(testDb().owner, { slug, postcodeAreas, settings: { referencePrefix: slug.slice(0, 3).toUpperCase() } });
  return (await findCouncilBySlug(slug))!;
}

/** An organisation of the council with a lead (trained) and one API key. */
export async function makePartner(council: TCouncil): Promise<TPartner> {
  const org = await createOrganisation(testDb().owner, council.id);
  const user = await createMember(testDb().owner, council.id, "REFERRER", { organisationId: org.id, email: `lead-${randomUUID().slice(0, 8)}@nhs.example` });
  await testDb().owner.membership.updateMany({ where: { userId: user.id }, data: { organisationLead: true, trainingCompletedOn: new Date("2026-01-01"), trainingExpiresOn: new Date("2099-01-01") } });
  const lead: TLeadAccess = { council, user: { userId: user.id, email: user.email, name: user.name, isPlatformOperator: false, sessionId: "test" }, roles: ["REFERRER"], organisationId: org.id };
  const { key } = await createApiKey(lead, "Test system");
  return { council, organisationId: org.id, lead, key };
}

export function referralBody(over: { postcode?: string; fullName?: string } = {}) {
  const body = structuredClone(EXAMPLE_REFERRAL) as unknown as { application: { address: { postcode: string }; aboutYou: { fullName: string } } };
  if (over.postcode) body.application.address.postcode = over.postcode;
  if (over.fullName) body.application.aboutYou.fullName = over.fullName;
  return body;
}

type TInit = { key?: string | null; idempotencyKey?: string | null; body?: string; contentType?: string; headers?: Record<string, string> };

export function apiRequest(url: string, method: string, init: TInit = {}): Request {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.idempotencyKey) headers["idempotency-key"] = init.idempotencyKey;
  if (init.body !== undefined) headers["content-type"] = init.contentType ?? "application/json";
  return new Request(`http://127.0.0.1${url}`, { method, headers, body: init.body });
}

export function post(slug: string, init: TInit): Promise<Response> {
  return postReferral(apiRequest(`/api/v1/${slug}/referrals`, "POST", init), { params: Promise.resolve({ council: slug }) });
}

export function list(slug: string, key: string, query = ""): Promise<Response> {
  return listReferrals(apiRequest(`/api/v1/${slug}/referrals${query}`, "GET", { key }), { params: Promise.resolve({ council: slug }) });
}

export function getOne(slug: string, key: string | null, referral: string): Promise<Response> {
  return getReferral(apiRequest(`/api/v1/${slug}/referrals/${encodeURIComponent(referral)}`, "GET", { key }), { params: Promise.resolve({ council: slug, referral }) });
}

/** A local HTTP receiver for webhooks: answers each request with the next status in `answers` (then 200). */
export async function receiver(answers: number[] = []): Promise<{ url: string; received: { headers: http.IncomingHttpHeaders; body: string }[]; close: () => Promise<void> }> {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
