import "server-only";
import { createHash } from "node:crypto";
import { sql as q } from "kysely";
import { withTenant, withTenantSql } from "@/lib/db/tenant-scope";
import { prismaSql } from "@/lib/db/sql";
import { errorText, format } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { ipOf, json, readJsonBody } from "@/lib/partner-api/http";
import type { TApiCaller } from "@/lib/partner-api/keys";
import { fail, pointerOf, type TFieldError } from "@/lib/partner-api/problem";
import { recordReferral } from "@/lib/referrals/referral";
import { ZIdempotencyKey, ZListQuery, type RESIDENT_STATUSES } from "@/lib/partner-api/schemas";

// The partner API's referral resources: create (idempotent), read one, list. A caller sees only
// its own organisation's referrals in the council of its key (the organisation is a condition of
// every query; the council is row-level security).

type TReferralOut = { id: string; reference: string; status: (typeof RESIDENT_STATUSES)[number]; fastTrack: boolean; submittedAt: string; lastChangedAt: string };

/** One field error for an issue of the referral's schemas or rules: a message key (worded as in the portal), or Zod's own words. */
function fieldError(issue: { path: PropertyKey[]; message: string }, council: { name: string }): TFieldError {
  const key = issue.message;
  const detail = format(errorText(messagesFor("en"), key), { council: council.name });
  return { pointer: pointerOf(issue.path), detail, code: /^[A-Za-z]+(\.[A-Za-z]+)+$/.test(key) ? key : "invalid" };
}

/**
 * POST /api/v1/{council}/referrals. Idempotency-Key is required. The key's record is claimed with
 * an INSERT in the referral's own transaction: a second request with the same key waits on the
 * unique index until the first commits, then replays its response (same body) or is refused
 * (another body); if the first rolled back (an invalid referral), the second goes ahead. So 20
 * concurrent requests with one key record one referral.
 */
export async function createReferral(caller: TApiCaller, request: Request): Promise<Response> {
  const header = request.headers.get("idempotency-key");
  if (header === null) fail("idempotency-key-missing", "Send an Idempotency-Key header (a new UUID for each referral) so a retry never records it twice.");
  if (!ZIdempotencyKey.safeParse(header).success) fail("invalid-parameter", "Idempotency-Key must be 1 to 200 printable ASCII characters.");
  const body = await readJsonBody(request);
  const requestHash = createHash("sha256").update(`POST referrals\n${body.text}`).digest("hex");
  const value = body.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("invalid-request", "The body must be a JSON object with `application` and `referrer`.");
  const unknown = Object.keys(value).filter((k) => k !== "application" && k !== "referrer");
  if (unknown.length) fail("validation-failed", undefined, unknown.map((k) => ({ pointer: pointerOf([k]), detail: `Unknown field "${k}".`, code: "unrecognized_keys" })));
  const { application, referrer } = value as { application?: unknown; referrer?: unknown };

  const outcome = await withTenant(caller.council.id, async (tx) => {
    const db = prismaSql(tx).db;
    const claimed = await db
      .insertInto("IdempotencyRecord")
      .values({ id: q<string>`gen_random_uuid()`, tenantId: caller.council.id, apiKeyId: caller.keyId, key: header, requestHash, responseStatus: 0, responseBody: q`'{}'::jsonb` })
      .onConflict((oc) => oc.columns(["tenantId", "apiKeyId", "key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!claimed) {
      const earlier = await db.selectFrom("IdempotencyRecord").select(["requestHash", "responseStatus", "responseBody"]).where("apiKeyId", "=", caller.keyId).where("key", "=", header).executeTakeFirstOrThrow();
      if (earlier.requestHash !== requestHash) fail("idempotency-conflict", "This Idempotency-Key was first used with a different body. Use a new key for a new referral.");
      return { replayed: true, status: earlier.responseStatus, body: earlier.responseBody as TReferralOut };
    }
    const result = await recordReferral(tx, caller.council, caller.actor, { application, referrer, channel: "REFERRAL_API", organisationId: caller.organisationId, draftId: null, ip: ipOf(request) });
    // Throwing rolls back the claim too: the same key may be used again with a corrected body.
    if (result.outcome === "invalid") fail("validation-failed", undefined, result.issues.map((i) => fieldError(i, caller.council)));
    const at = result.submittedAt.toISOString();
    const out: TReferralOut = { id: result.id, reference: result.reference, status: "RECEIVED", fastTrack: referrerFastTrack(referrer), submittedAt: at, lastChangedAt: at };
    await db.updateTable("IdempotencyRecord").set({ responseStatus: 201, responseBody: q`${JSON.stringify(out)}::jsonb` }).where("id", "=", claimed.id).execute();
    return { replayed: false, status: 201, body: out };
  });
  const location = `/api/v1/${caller.council.slug}/referrals/${outcome.body.id}`;
  return json(outcome.body, outcome.status, { Location: location, ...(outcome.replayed ? { "Idempotent-Replayed": "true" } : {}) });
}

function referrerFastTrack(referrer: unknown): boolean {
  return typeof referrer === "object" && referrer !== null && (referrer as { fastTrack?: unknown }).fastTrack === true;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function referralRows(caller: TApiCaller) {
  return (sql: Parameters<Parameters<typeof withTenantSql>[1]>[0]) =>
    sql.db
      .selectFrom("Case as c")
      .innerJoin("Application as a", (j) => j.onRef("a.tenantId", "=", "c.tenantId").onRef("a.id", "=", "c.applicationId"))
      .select([
        "a.id",
        "a.reference",
        "a.residentStatus as status",
        q<boolean>`'fast-track-referral' = any(c."priorityReasons")`.as("fastTrack"),
        "a.submittedAt",
        "a.updatedAt",
        "c.receivedAt",
        "c.id as caseId",
      ])
      .where("c.tenantId", "=", caller.council.id)
      .where("c.organisationId", "=", caller.organisationId);
}

type TRow = { id: string; reference: string; status: string; fastTrack: boolean; submittedAt: Date; updatedAt: Date };
const out = (r: TRow): TReferralOut => ({
  id: r.id,
  reference: r.reference,
  status: r.status as TReferralOut["status"],
  fastTrack: r.fastTrack,
  submittedAt: new Date(r.submittedAt).toISOString(),
  lastChangedAt: new Date(r.updatedAt).toISOString(),
});

/** GET /api/v1/{council}/referrals/{id or reference}: one of the caller's organisation's referrals (404 otherwise). */
export async function readReferral(caller: TApiCaller, idOrReference: string): Promise<Response> {
  if (idOrReference.length > 100) fail("not-found", "No referral of your organisation has this id or reference.");
  const row = await withTenantSql(caller.council.id, (sql) =>
    referralRows(caller)(sql)
      .where(UUID.test(idOrReference) ? "a.id" : "a.reference", "=", UUID.test(idOrReference) ? idOrReference.toLowerCase() : idOrReference.toUpperCase())
      .executeTakeFirst(),
  );
  if (!row) fail("not-found", "No referral of your organisation has this id or reference.");
  return json(out(row));
}

/** GET /api/v1/{council}/referrals: the caller's organisation's referrals, newest first, a page at a time. */
export async function listReferrals(caller: TApiCaller, url: URL): Promise<Response> {
  const parsed = ZListQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) fail("invalid-parameter", parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "));
  const { limit, cursor, status } = parsed.data;
  let after: { at: string; id: string } | null = null;
  if (cursor) {
    const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
    if (!at || !id || !UUID.test(id) || Number.isNaN(Date.parse(at))) fail("invalid-parameter", "cursor: not a cursor this API gave.");
    after = { at, id };
  }
  const rows = await withTenantSql(caller.council.id, (sql) => {
    let query = referralRows(caller)(sql);
    if (status) query = query.where("a.residentStatus", "=", status);
    if (after) query = query.where((eb) => eb(eb.refTuple("c.receivedAt", "c.id"), "<", eb.tuple(q<Date>`${after.at}::timestamp`, q<string>`${after.id}::uuid`)));
    return query.orderBy("c.receivedAt", "desc").orderBy("c.id", "desc").limit(limit + 1).execute();
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? Buffer.from(`${new Date(last.receivedAt).toISOString()}|${last.caseId}`).toString("base64url") : null;
  return json({ referrals: page.map(out), nextCursor });
}
