import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One pool and one client per process (Next's dev server reloads modules, so keep them on
// globalThis). Prisma's adapter runs on the same node-postgres pool that the ledger's hot path
// uses directly (withTenantSql, docs/decisions/0009), so DATABASE_POOL_SIZE bounds both together.
const globalForDb = globalThis as unknown as { moneyHubDb?: PrismaClient; moneyHubPool?: pg.Pool; moneyHubDbUrl?: string };

function connect(): void {
  const url = env().APP_DATABASE_URL;
  if (globalForDb.moneyHubDb && globalForDb.moneyHubDbUrl === url) return;
  const pool = new pg.Pool({ connectionString: url, max: env().DATABASE_POOL_SIZE });
  // $disconnect() ends the pool too (tests, scripts).
  globalForDb.moneyHubDb = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  globalForDb.moneyHubPool = pool;
  globalForDb.moneyHubDbUrl = url;
}

/** The app's Prisma client, connected as the non-owner role. Use it through withTenant(). */
export function db(): PrismaClient {
  connect();
  return globalForDb.moneyHubDb!;
}

/** The same connections for node-postgres. Use them through withTenantSql(). */
export function pool(): pg.Pool {
  connect();
  return globalForDb.moneyHubPool!;
}

/** Ends the pool and forgets the client (tests, scripts); the next db() or pool() connects afresh. */
export async function closeDb(): Promise<void> {
  const { moneyHubDb: client, moneyHubPool: pool } = globalForDb;
  globalForDb.moneyHubDb = undefined;
  globalForDb.moneyHubPool = undefined;
  globalForDb.moneyHubDbUrl = undefined;
  await client?.$disconnect();
  // Prisma ends the pool only if it ever connected.
  if (pool && !pool.ended) await pool.end();
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
