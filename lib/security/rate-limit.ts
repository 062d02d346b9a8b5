import "server-only";
import { db } from "@/lib/db/client";

// Fixed-window counters in Postgres, so every app instance shares them.
// One statement: insert or increment, restarting the window when it has expired.

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

/** Whether the key is already over its limit, without counting a new attempt. */
export async function isRateLimited(key: string, { limit, windowSeconds }: RateLimit): Promise<boolean> {
  const rows = await db().$queryRaw<{ count: number }[]>`
    select count from "RateLimitBucket"
    where key = ${key} and "windowStart" >= now() - make_interval(secs => ${windowSeconds}::int)`;
  return Number(rows[0]?.count ?? 0) >= limit;
}

export async function clearRateLimit(key: string): Promise<void> {
  await db().$executeRaw`delete from "RateLimitBucket" where key = ${key}`;
}

export const SIGN_IN_PER_ACCOUNT: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_PER_IP: RateLimit = { limit: 50, windowSeconds: 15 * 60 };
export const MAGIC_LINK_PER_EMAIL: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
