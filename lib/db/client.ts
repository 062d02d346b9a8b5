import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One client per process (Next's dev server reloads modules, so keep it on globalThis).
const globalForDb = globalThis as unknown as { moneyHubDb?: PrismaClient; moneyHubDbUrl?: string };

function createClient(url: string, max: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}

/** The app's Prisma client, connected as the non-owner role. Use it through withTenant(). */
export function db(): PrismaClient {
  const url = env().APP_DATABASE_URL;
  if (!globalForDb.moneyHubDb || globalForDb.moneyHubDbUrl !== url) {
    globalForDb.moneyHubDb = createClient(url, env().DATABASE_POOL_SIZE);
    globalForDb.moneyHubDbUrl = url;
  }
  return globalForDb.moneyHubDb;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
