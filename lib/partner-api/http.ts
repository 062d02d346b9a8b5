import "server-only";
import { env } from "@/lib/env";
import { hitRateLimit, type RateLimit } from "@/lib/security/rate-limit";
import { findCouncilBySlug } from "@/lib/tenancy/queries";
import { authenticateApiKey, type TApiCaller } from "@/lib/partner-api/keys";
import { fail, problem, ProblemError, problemResponse } from "@/lib/partner-api/problem";

// Every /api/v1 request goes through apiRequest: the council from the path, the caller from its
// key, the key's rate limit (one atomic count in Postgres, lib/security/rate-limit.ts), then the
// route's work. Any problem becomes problem+json; anything unexpected is logged and answered
// with a 500 problem (a test posts every kind of input and expects never to see one).

/** Per key: 1,200 requests a minute (20 a second), counted in one atomic step. */
export const API_RATE_LIMIT: RateLimit = { limit: 1200, windowSeconds: 60 };
/** A referral is a few kilobytes; 256 kB is plenty (the site's own limit, 1 MB, is checked first in proxy.ts). */
export const MAX_BODY_BYTES = 256 * 1024;

export type TApiOptions = { rateLimit?: RateLimit; maxBodyBytes?: number };

const SLUG = /^[a-z0-9-]{1,60}$/;

export async function apiRequest(request: Request, councilSlug: string, work: (caller: TApiCaller) => Promise<Response>, options: TApiOptions = {}): Promise<Response> {
  return answer(async () => {
    const council = SLUG.test(councilSlug) ? await findCouncilBySlug(councilSlug) : null;
    if (!council) fail("not-found", "No council uses this address.");
    const caller = await authenticateApiKey(council, request.headers.get("authorization"));
    const rate = options.rateLimit ?? API_RATE_LIMIT;
    const { allowed } = await hitRateLimit(`api-key:${caller.keyId}`, rate);
    if (!allowed) fail("rate-limited", `At most ${rate.limit} requests in ${rate.windowSeconds} seconds per key.`, undefined, { "Retry-After": String(rate.windowSeconds) });
    return work(caller);
  });
}

/** Runs work, turning a ProblemError (or anything unexpected) into problem+json. */
export async function answer(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProblemError) return problemResponse(error.problem, error.headers);
    console.error("[partner-api] unexpected error", error);
    return problemResponse(problem("internal"));
  }
}

/**
 * The body as JSON: application/json only (415), at most maxBytes however it is sent (413, also
 * for a chunked body with no Content-Length), valid UTF-8 and JSON (400).
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<{ value: unknown; text: string }> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") fail("unsupported-media-type", "Set Content-Type: application/json.");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) fail("too-large", `At most ${maxBytes} bytes.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        fail("invalid-request", "The body could not be read.");
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        fail("too-large", `At most ${maxBytes} bytes.`);
      }
      chunks.push(next.value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    fail("invalid-request", "The body is not UTF-8.");
  }
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch {
    fail("invalid-request", "The body is not valid JSON.");
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers } });
}

/** The client's IP for the audit log: the same rule as lib/security/request.ts clientIp (only behind a trusted proxy), from the request itself. */
export function ipOf(request: Request): string | null {
  if (!env().TRUST_PROXY) return null;
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}
