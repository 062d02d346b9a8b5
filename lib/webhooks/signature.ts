import { createHmac, timingSafeEqual } from "node:crypto";

// Webhook signatures (docs/api.md, "Verifying a webhook"): HMAC-SHA256 over `${timestamp}.${body}`
// with the endpoint's own secret, sent as `Money-Hub-Signature: t=<unix seconds>,v1=<hex>`. The
// timestamp is inside what is signed, so a receiver that refuses old timestamps refuses replays.
// Pure (node:crypto only): the tests and the documentation's receiver use the same functions.

export const SIGNATURE_HEADER = "Money-Hub-Signature";
/** How old a signed timestamp a receiver should accept (and what our tests use). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The header's value for one try: a new timestamp each try, over the same body. */
export function signatureHeader(secret: string, body: string, now: Date = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${signatureOf(secret, t, body)}`;
}

/** A receiver's check: the header parses, the timestamp is recent, and one v1 signature matches. */
export function verifySignature(secret: string, header: string | null, body: string, now: Date = new Date(), toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): boolean {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, t, body), "hex");
  return parts.some(([k, v]) => k === "v1" && v !== undefined && /^[0-9a-f]{64}$/.test(v) && timingSafeEqual(Buffer.from(v, "hex"), expected));
}
