// The partner API (/api/v1) through its real route handlers, as the app's RLS-bound role:
// keys (revoked, another council's, another organisation's), idempotency (replay, conflict, 20
// concurrent replays of one key → one referral), problem+json for bad input, the rate limit.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest as pipeline } from "@/lib/partner-api/http";
import { listApiKeys, revokeApiKey, createApiKey } from "@/lib/partner-api/manage";
import { hashApiKey } from "@/lib/partner-api/keys";
import { ZProblem, ZReferral, ZReferralList } from "@/lib/partner-api/schemas";
import { testDb } from "../support/globals";
import { apiRequest, getOne, list, makeCouncil, makePartner, post, referralBody, type TPartner } from "../support/partner-api";

let a1: TPartner, a2: TPartner, b1: TPartner;

beforeAll(async () => {
  const a = await makeCouncil("api-a", ["E8"]);
  const b = await makeCouncil("api-b", ["E8"]);
  a1 = await makePartner(a);
  a2 = await makePartner(a);
  b1 = await makePartner(b);
});

const body = (over?: Parameters<typeof referralBody>[0]) => JSON.stringify(referralBody(over));
async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return ZProblem.parse(await res.json());
}
const applications = (organisationId: string) => testDb().owner.case.count({ where: { organisationId } });

describe("keys", () => {
  it("are stored as a hash only, with a prefix to tell them apart, and shown once", async () => {
    const made = await createApiKey(a1.lead, "Records system");
    expect(made.key).toMatch(/^mhk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const row = await testDb().owner.apiKey.findUniqueOrThrow({ where: { id: made.id } });
    expect(JSON.stringify(row)).not.toContain(made.key.slice(17));
    expect(made.key.startsWith(row.prefix)).toBe(true);
    expect((await listApiKeys(a1.lead)).map((k) => k.name)).toContain("Records system");
    expect(await testDb().owner.auditEvent.count({ where: { action: "api-key.created", entityId: made.id } })).toBe(1);
  });

  it("are made and revoked only by the organisation's lead", async () => {
    const member = { ...a1.lead, user: { ...a1.lead.user, userId: randomUUID() } };
    await expect(createApiKey(member, "x")).rejects.toThrow(/lead/);
    await expect(createApiKey({ ...a1.lead, roles: ["OFFICER"] }, "x")).rejects.toThrow(/lead/);
    // A lead of organisation A2 cannot revoke A1's key.
    const made = await createApiKey(a1.lead, "Someone else's");
    expect(await revokeApiKey(a2.lead, made.id)).toBe(false);
    expect((await testDb().owner.apiKey.findUniqueOrThrow({ where: { id: made.id } })).revokedAt).toBeNull();
  });

  it("refuses a missing, malformed, revoked or another council's key with 401 problem+json, and records nothing", async () => {
    const before = await applications(a1.organisationId);
    const revoked = await createApiKey(a1.lead, "To revoke");
    expect(await revokeApiKey(a1.lead, revoked.id)).toBe(true);
    for (const key of [null, "nonsense", `mhk_000000000000_${"a".repeat(43)}`, revoked.key, b1.key]) {
      const res = await post("api-a", { key, idempotencyKey: randomUUID(), body: body() });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      const p = await problemOf(res);
      if (key === revoked.key) expect(p.detail).toMatch(/revoked/);
    }
    expect(await applications(a1.organisationId)).toBe(before);
  });

  it("refuses with 403 once the organisation is deactivated, and works again when it is back", async () => {
    await testDb().owner.organisation.update({ where: { id: a2.organisationId }, data: { active: false } });
    const res = await list("api-a", a2.key);
    expect(res.status).toBe(403);
    await problemOf(res);
    await testDb().owner.organisation.update({ where: { id: a2.organisationId }, data: { active: true } });
    expect((await list("api-a", a2.key)).status).toBe(200);
  });

  it("records the key's last use", async () => {
    const made = await createApiKey(a1.lead, "Last use");
    expect((await list("api-a", made.key)).status).toBe(200);
    expect((await testDb().owner.apiKey.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt).not.toBeNull();
  });
});

describe("POST referrals", () => {
  it("records a referral as the canonical application, channel REFERRAL_API, filed under the key's organisation", async () => {
    const res = await post("api-a", { key: a1.key, idempotencyKey: randomUUID(), body: body({ fullName: "Api Person" }) });
    expect(res.status).toBe(201);
    const referral = ZReferral.parse(await res.json());
    expect(res.headers.get("location")).toBe(`/api/v1/api-a/referrals/${referral.id}`);
    const row = await testDb().owner.case.findFirstOrThrow({ where: { applicationId: referral.id } });
    expect(row).toMatchObject({ channel: "REFERRAL_API", organisationId: a1.organisationId, fullName: "Api Person", reference: referral.reference });
    // The audit log says which key sent it: an API client, by the key's id (no person).
    const apiKey = await testDb().owner.apiKey.findFirstOrThrow({ where: { secretHash: hashApiKey(a1.key) } });
    const audit = await testDb().owner.auditEvent.findFirstOrThrow({ where: { tenantId: a1.council.id, action: "application.submitted", entityId: referral.id } });
    expect(audit).toMatchObject({ actorKind: "api-client", actorRef: apiKey.id, actorUserId: null });
    // Its own organisation reads it by id and by reference; nobody else does.
    expect(ZReferral.parse(await (await getOne("api-a", a1.key, referral.id)).json()).reference).toBe(referral.reference);
    expect((await getOne("api-a", a1.key, referral.reference.toLowerCase())).status).toBe(200);
    expect((await getOne("api-a", a2.key, referral.id)).status).toBe(404);
    expect((await getOne("api-a", a2.key, referral.reference)).status).toBe(404);
    expect((await getOne("api-b", b1.key, referral.id)).status).toBe(404);
    expect((await getOne("api-b", a1.key, referral.id)).status).toBe(401);
    const mine = ZReferralList.parse(await (await list("api-a", a1.key)).json());
    expect(mine.referrals.map((r) => r.id)).toContain(referral.id);
    const theirs = ZReferralList.parse(await (await list("api-a", a2.key)).json());
    expect(theirs.referrals.map((r) => r.id)).not.toContain(referral.id);
  });

  it("replays the first response for the same key and body, and refuses the same key with another body", async () => {
    const idem = randomUUID();
    const first = await post("api-a", { key: a1.key, idempotencyKey: idem, body: body() });
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    const before = await applications(a1.organisationId);
    const again = await post("api-a", { key: a1.key, idempotencyKey: idem, body: body() });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    const other = await post("api-a", { key: a1.key, idempotencyKey: idem, body: body({ fullName: "Someone Else" }) });
    expect(other.status).toBe(422);
    expect((await problemOf(other)).type).toMatch(/idempotency-conflict$/);
    expect(await applications(a1.organisationId)).toBe(before);
    // The same Idempotency-Key from another organisation's key is a different key: it records.
    expect((await post("api-a", { key: a2.key, idempotencyKey: idem, body: body() })).status).toBe(201);
  });

  it("records one referral for 20 concurrent requests with one Idempotency-Key, and all get its response", async () => {
    const idem = randomUUID();
    const before = await applications(a1.organisationId);
    const responses = await Promise.all(Array.from({ length: 20 }, () => post("api-a", { key: a1.key, idempotencyKey: idem, body: body({ fullName: "Twenty At Once" }) })));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await applications(a1.organisationId)).toBe(before + 1);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(19);
  });

  it("answers bad input with a specific problem+json and records nothing", async () => {
    const before = await applications(a1.organisationId);
    const cases: [Parameters<typeof post>[1], number, RegExp][] = [
      [{ key: a1.key, body: body() }, 400, /idempotency-key-missing$/],
      [{ key: a1.key, idempotencyKey: randomUUID(), body: "{not json" }, 400, /invalid-request$/],
      [{ key: a1.key, idempotencyKey: randomUUID(), body: "[1,2]" }, 400, /invalid-request$/],
      [{ key: a1.key, idempotencyKey: randomUUID(), body: "null" }, 400, /invalid-request$/],
      [{ key: a1.key, idempotencyKey: randomUUID(), body: body(), contentType: "text/plain" }, 415, /unsupported-media-type$/],
      [{ key: a1.key, idempotencyKey: randomUUID(), body: JSON.stringify({ junk: "x".repeat(300_000) }) }, 413, /too-large$/],
      [{ key: a1.key, idempotencyKey: randomUUID(), body: "{}" }, 422, /validation-failed$/],
      [{ key: a1.key, idempotencyKey: randomUUID(), body: JSON.stringify({ ...referralBody(), extra: 1 }) }, 422, /validation-failed$/],
      [{ key: a1.key, idempotencyKey: "has space", body: body() }, 400, /invalid-parameter$/],
    ];
    for (const [init, status, type] of cases) {
      const res = await post("api-a", init);
      expect(res.status, JSON.stringify(init).slice(0, 80)).toBe(status);
      expect((await problemOf(res)).type).toMatch(type);
    }
    expect(await applications(a1.organisationId)).toBe(before);
  });

  it("lists each invalid field with a JSON Pointer: wrong types, and a postcode outside the council", async () => {
    const wrong = referralBody() as unknown as { application: { household: { adults: unknown } }; referrer: { fastTrack: unknown } };
    wrong.application.household.adults = "two";
    wrong.referrer.fastTrack = "yes";
    const res = await post("api-a", { key: a1.key, idempotencyKey: randomUUID(), body: JSON.stringify(wrong) });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(p.errors?.map((e) => e.pointer)).toEqual(expect.arrayContaining(["/application/household/adults", "/referrer/fastTrack"]));
    const outside = await post("api-a", { key: a1.key, idempotencyKey: randomUUID(), body: body({ postcode: "SW1A 1AA" }) });
    expect(outside.status).toBe(422);
    const po = await problemOf(outside);
    expect(po.errors).toEqual([expect.objectContaining({ pointer: "/application/address/postcode", code: "referrals.outsideArea" })]);
    expect(po.errors![0]!.detail).not.toMatch(/^referrals\./);
  });

  it("a failed referral frees its Idempotency-Key: the corrected body with the same key records", async () => {
    const idem = randomUUID();
    expect((await post("api-a", { key: a1.key, idempotencyKey: idem, body: body({ postcode: "SW1A 1AA" }) })).status).toBe(422);
    expect((await post("api-a", { key: a1.key, idempotencyKey: idem, body: body() })).status).toBe(201);
  });

  it("refuses an unknown council with 404 problem+json", async () => {
    const res = await post("no-such-council", { key: a1.key, idempotencyKey: randomUUID(), body: body() });
    expect(res.status).toBe(404);
    await problemOf(res);
  });
});

describe("GET referrals", () => {
  it("pages newest first with a cursor, filters by status, and refuses bad parameters with 400", async () => {
    const fresh = await makePartner(a1.council);
    for (let i = 0; i < 3; i++) expect((await post("api-a", { key: fresh.key, idempotencyKey: randomUUID(), body: body() })).status).toBe(201);
    const first = ZReferralList.parse(await (await list("api-a", fresh.key, "?limit=2")).json());
    expect(first.referrals).toHaveLength(2);
    const second = ZReferralList.parse(await (await list("api-a", fresh.key, `?limit=2&cursor=${first.nextCursor}`)).json());
    expect(second.referrals).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.referrals, ...second.referrals].map((r) => r.id)).size).toBe(3);
    expect(ZReferralList.parse(await (await list("api-a", fresh.key, "?status=PAID")).json()).referrals).toHaveLength(0);
    for (const q of ["?limit=0", "?limit=abc", "?status=nope", "?cursor=zzz", "?other=1"]) {
      const res = await list("api-a", fresh.key, q);
      expect(res.status, q).toBe(400);
      await problemOf(res);
    }
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a key has used its requests, counted atomically", async () => {
    const fresh = await makePartner(a1.council);
    const rateLimit = { limit: 5, windowSeconds: 60 };
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => pipeline(apiRequest("/api/v1/api-a/referrals", "GET", { key: fresh.key }), "api-a", async () => new Response("ok"), { rateLimit })),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(7);
    expect(limited[0]!.headers.get("retry-after")).toBe("60");
    await problemOf(limited[0]!);
  });
});

afterAll(async () => {});
