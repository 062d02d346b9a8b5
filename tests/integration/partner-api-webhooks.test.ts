// Webhooks against a local HTTP receiver: a referral's status change queues a signed delivery
// for its organisation's endpoints (and nobody else's); a receiver that fails is tried again
// with backoff and the log says so; the portal's test event; endpoints must be https.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffActor } from "@/lib/actor";
import { claimCase } from "@/lib/cases/claim-case";
import { addWebhookEndpoint, deactivateWebhookEndpoint, listWebhooks, sendTestEvent } from "@/lib/partner-api/manage";
import { ZWebhookEvent } from "@/lib/partner-api/schemas";
import { deliverWebhook } from "@/lib/webhooks/deliver";
import { webhookUrlProblem } from "@/lib/webhooks/policy";
import { SIGNATURE_HEADER, signatureHeader, verifySignature } from "@/lib/webhooks/signature";
import { runDueJobs } from "@/lib/worker";
import { createMember } from "@/prisma/factories";
import { testDb } from "../support/globals";
import { makeCouncil, makePartner, post, receiver, referralBody, type TPartner } from "../support/partner-api";

let a1: TPartner, a2: TPartner;
let hook: Awaited<ReturnType<typeof receiver>>;

beforeAll(async () => {
  const a = await makeCouncil("hooks-a", ["E8"]);
  a1 = await makePartner(a);
  a2 = await makePartner(a);
  hook = await receiver();
});
afterAll(async () => {
  await hook?.close();
});

async function referAndClaim(p: TPartner): Promise<{ id: string; reference: string }> {
  const res = await post("hooks-a", { key: p.key, idempotencyKey: randomUUID(), body: JSON.stringify(referralBody()) });
  expect(res.status).toBe(201);
  const referral = (await res.json()) as { id: string; reference: string };
  const c = await testDb().owner.case.findFirstOrThrow({ where: { applicationId: referral.id } });
  const officer = await createMember(testDb().owner, p.council.id, "OFFICER");
  expect((await claimCase(staffActor({ council: p.council, user: { userId: officer.id, email: officer.email }, roles: ["OFFICER"] }), c.id)).outcome).toBe("done");
  return referral;
}

const secretHeader = (h: Record<string, unknown>) => h[SIGNATURE_HEADER.toLowerCase()] as string;

describe("signatures", () => {
  it("verify over timestamp and body with the endpoint's secret, and refuse old timestamps, other bodies, other secrets", () => {
    const body = '{"a":1}';
    const now = new Date("2026-12-06T10:00:00Z");
    const header = signatureHeader("whsec_x", body, now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature("whsec_x", header, body, now)).toBe(true);
    expect(verifySignature("whsec_x", header, '{"a":2}', now)).toBe(false);
    expect(verifySignature("whsec_y", header, body, now)).toBe(false);
    expect(verifySignature("whsec_x", header, body, new Date(now.getTime() + 6 * 60_000))).toBe(false);
    expect(verifySignature("whsec_x", "t=abc,v1=zz", body, now)).toBe(false);
    expect(verifySignature("whsec_x", null, body, now)).toBe(false);
  });

  it("endpoints are https; plain http only to this machine and never in production", () => {
    expect(webhookUrlProblem("https://partner.example/hooks", true)).toBeNull();
    expect(webhookUrlProblem("http://partner.example/hooks", true)).toBe("not-https");
    expect(webhookUrlProblem("http://127.0.0.1:9000/hooks", true)).toBe("not-https");
    expect(webhookUrlProblem("http://127.0.0.1:9000/hooks", false)).toBeNull();
    expect(webhookUrlProblem("https://10.0.0.4/hooks", true)).toBe("private-address");
    expect(webhookUrlProblem("https://localhost/hooks", true)).toBe("private-address");
    expect(webhookUrlProblem("ftp://partner.example", false)).toBe("not-https");
    expect(webhookUrlProblem("not a url", false)).toBe("invalid");
    expect(webhookUrlProblem("https://user:pw@partner.example/", false)).toBe("invalid");
  });
});

describe("deliveries", () => {
  it("tells the organisation's endpoint, signed, when its referral's status changes; another organisation hears nothing", async () => {
    const added = await addWebhookEndpoint(a1.lead, hook.url);
    if (!added.ok) throw new Error(added.problem);
    const other = await receiver();
    const theirs = await addWebhookEndpoint(a2.lead, other.url);
    expect(theirs.ok).toBe(true);
    const referral = await referAndClaim(a1);
    await runDueJobs();
    const got = hook.received.filter((r) => r.body.includes(referral.id));
    expect(got).toHaveLength(1);
    expect(verifySignature(added.secret, secretHeader(got[0]!.headers), got[0]!.body)).toBe(true);
    const event = ZWebhookEvent.parse(JSON.parse(got[0]!.body));
    expect(event).toMatchObject({ type: "referral.status_changed", data: { referral: { id: referral.id, reference: referral.reference, status: "IN_REVIEW", previousStatus: "RECEIVED" } } });
    expect(other.received).toHaveLength(0);
    await other.close();
    const log = await listWebhooks(a1.lead);
    expect(log.deliveries.find((d) => d.endpointId === added.id)).toMatchObject({ status: "DELIVERED", attempts: 1, responseCode: 200 });
    // The other organisation's lead sees its own endpoint only.
    expect((await listWebhooks(a2.lead)).endpoints.map((e) => e.id)).not.toContain(added.id);
    await deactivateWebhookEndpoint(a1.lead, added.id);
  });

  it("tries again with backoff after a failure, logging each try, then delivers", async () => {
    const flaky = await receiver([500, 503]);
    const added = await addWebhookEndpoint(a1.lead, flaky.url);
    if (!added.ok) throw new Error(added.problem);
    const deliveryId = await sendTestEvent(a1.lead, added.id);
    expect(deliveryId).not.toBeNull();
    const job = { deliveryId: deliveryId!, tenantId: a1.council.id };
    expect(await deliverWebhook(job)).toBe("retry");
    let row = await testDb().owner.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId! } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, responseCode: 500, lastError: "HTTP 500" });
    expect(row.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(20_000);
    // Not due yet: a second worker (or the job run early) sends nothing.
    expect(await deliverWebhook(job)).toBe("skipped");
    const due = async () => testDb().owner.webhookDelivery.update({ where: { id: deliveryId! }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    await due();
    expect(await deliverWebhook(job)).toBe("retry");
    row = await testDb().owner.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId! } });
    expect(row.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(100_000);
    await due();
    expect(await deliverWebhook(job)).toBe("delivered");
    expect(await testDb().owner.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId! } })).toMatchObject({ status: "DELIVERED", attempts: 3, responseCode: 200, lastError: null });
    expect(flaky.received).toHaveLength(3);
    // Every try is signed afresh over the same body.
    for (const r of flaky.received) expect(verifySignature(added.secret, secretHeader(r.headers), r.body)).toBe(true);
    expect(ZWebhookEvent.parse(JSON.parse(flaky.received[0]!.body)).type).toBe("test");
    await flaky.close();
  });

  it("marks a delivery failed after its last try, and a refused connection counts as a failed try", async () => {
    const gone = await receiver();
    const added = await addWebhookEndpoint(a1.lead, gone.url);
    if (!added.ok) throw new Error(added.problem);
    await gone.close();
    const deliveryId = (await sendTestEvent(a1.lead, added.id))!;
    await testDb().owner.webhookDelivery.update({ where: { id: deliveryId }, data: { attempts: 5 } });
    expect(await deliverWebhook({ deliveryId, tenantId: a1.council.id })).toBe("failed");
    const row = await testDb().owner.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(row.status).toBe("FAILED");
    expect(row.attempts).toBe(6);
    expect(row.lastError).toBeTruthy();
  });

  it("only the lead manages endpoints; a test event goes only to one's own organisation's endpoint", async () => {
    const added = await addWebhookEndpoint(a1.lead, hook.url);
    if (!added.ok) throw new Error(added.problem);
    expect(await sendTestEvent(a2.lead, added.id)).toBeNull();
    const member = { ...a1.lead, user: { ...a1.lead.user, userId: randomUUID() } };
    await expect(sendTestEvent(member, added.id)).rejects.toThrow(/lead/);
    await expect(addWebhookEndpoint(member, hook.url)).rejects.toThrow(/lead/);
    expect(await addWebhookEndpoint(a1.lead, "http://partner.example/hooks")).toEqual({ ok: false, problem: "not-https" });
    const row = await testDb().owner.webhookEndpoint.findUniqueOrThrow({ where: { id: added.id } });
    expect(row.secretEnc).not.toContain(added.secret.slice(6));
  });
});
