// What may be a webhook endpoint, and when a failed delivery is tried again. Pure.

/** Tries in all (the first and five retries), then the delivery is marked failed. */
export const MAX_WEBHOOK_ATTEMPTS = 6;

/** Seconds before try n+1 after try n failed: 30 s, 2 min, 10 min, 1 h, 6 h. */
export function retryDelaySeconds(attempts: number): number {
  return [30, 120, 600, 3600, 21600][Math.min(Math.max(attempts, 1), 5) - 1]!;
}

const PRIVATE_V4 = [/^10\./, /^127\./, /^169\.254\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^0\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];

/**
 * An endpoint must be https to a public host name or address. Plain http only to 127.0.0.1 or
 * localhost, and only outside production (tests and development run a local receiver).
 */
export function webhookUrlProblem(raw: string, production: boolean): "invalid" | "not-https" | "private-address" | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "invalid";
  }
  if (url.username || url.password || raw.length > 2000) return "invalid";
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const loopback = host === "127.0.0.1" || host === "localhost";
  if (url.protocol === "http:") return !production && loopback ? null : "not-https";
  if (url.protocol !== "https:") return "not-https";
  if (production && (loopback || host.endsWith(".localhost") || host.endsWith(".internal") || host.includes(":") || PRIVATE_V4.some((r) => r.test(host)))) return "private-address";
  return null;
}
