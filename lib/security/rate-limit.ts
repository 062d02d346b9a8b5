import "server-only";
import { type ExpressionBuilder, sql as q } from "kysely";
import { db } from "@/lib/db/client";
import type { DB } from "@/lib/db/kysely";
import { prismaSql } from "@/lib/db/sql";

// Fixed-window counters in Postgres, so every app instance shares them.
// One statement: insert or increment, restarting the window when it has expired, returning the
// new count. Check and count are that one atomic step: there is deliberately no "peek" function,
// because checking first and counting later lets parallel requests all pass the check.

/** Global rows (no council): each statement its own transaction, on the app's Prisma client. */
const outsideTransaction = () => prismaSql(db()).db;

export type RateLimit = { limit: number; windowSeconds: number };

export async function hitRateLimit(key: string, { limit, windowSeconds }: RateLimit): Promise<{ allowed: boolean; count: number }> {
  const expired = (eb: ExpressionBuilder<DB, "RateLimitBucket">) => eb("RateLimitBucket.windowStart", "<", q<Date>`now() - make_interval(secs => ${windowSeconds}::int)`);
  const rows = await outsideTransaction()
    .insertInto("RateLimitBucket")
    .values({ key, windowStart: q<Date>`now()`, count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => ({
        count: eb.case().when(expired(eb)).then(1).else(eb("RateLimitBucket.count", "+", 1)).end(),
        windowStart: eb.case().when(expired(eb)).then(q<Date>`now()`).else(eb.ref("RateLimitBucket.windowStart")).end(),
      })),
    )
    .returning("count")
    .execute();
  const count = Number(rows[0]?.count ?? 0);
  return { allowed: count <= limit, count };
}

/**
 * Gives back one attempt counted by hitRateLimit, for callers that throttle failures only: count
 * first (so parallel attempts cannot all slip under the limit), then refund the ones that succeeded.
 */
export async function refundRateLimit(key: string): Promise<void> {
  await outsideTransaction()
    .updateTable("RateLimitBucket")
    .set((eb) => ({ count: eb.fn<number>("greatest", [eb("count", "-", 1), eb.lit(0)]) }))
    .where("key", "=", key)
    .execute();
}

export async function clearRateLimit(key: string): Promise<void> {
  await outsideTransaction().deleteFrom("RateLimitBucket").where("key", "=", key).execute();
}

export const SIGN_IN_PER_ACCOUNT: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_PER_IP: RateLimit = { limit: 50, windowSeconds: 15 * 60 };
export const MAGIC_LINK_PER_EMAIL: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
