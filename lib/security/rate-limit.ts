import "server-only";
import { db } from "@/lib/db/client";

// Fixed-window counters in Postgres, so every app instance shares them.
// One statement: insert or increment, restarting the window when it has expired, returning the
// new count. Check and count are that one atomic step: there is deliberately no "peek" function,
// because checking first and counting later lets parallel requests all pass the check.

export type RateLimit = { limit: number; windowSeconds: number };

export async function hitRateLimit(key: string, { limit, windowSeconds }: RateLimit): Promise<{ allowed: boolean; count: number }> {
  const rows = await db().$queryRaw<{ count: number }[]>`
    insert into "RateLimitBucket" (key, "windowStart", count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${windowSeconds}::int) then 1 else "RateLimitBucket".count + 1 end,
      "windowStart" = case when "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${windowSeconds}::int) then now() else "RateLimitBucket"."windowStart" end
    returning count`;
  const count = Number(rows[0]?.count ?? 0);
  return { allowed: count <= limit, count };
}

/**
 * Gives back one attempt counted by hitRateLimit, for callers that throttle failures only: count
 * first (so parallel attempts cannot all slip under the limit), then refund the ones that succeeded.
 */
export async function refundRateLimit(key: string): Promise<void> {
  await db().$executeRaw`update "RateLimitBucket" set count = greatest(count - 1, 0) where key = ${key}`;
}

export async function clearRateLimit(key: string): Promise<void> {
  await db().$executeRaw`delete from "RateLimitBucket" where key = ${key}`;
}

export const SIGN_IN_PER_ACCOUNT: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_PER_IP: RateLimit = { limit: 50, windowSeconds: 15 * 60 };
export const MAGIC_LINK_PER_EMAIL: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
