import "server-only";
import { db, type Tx } from "@/lib/db/client";

// Row-level security reads these settings (see the app_current_* functions in the first
// migration). set_config(..., true) scopes them to the transaction, so a pooled connection
// never carries one request's tenant into another's.

type Scope = { tenantId?: string | null; userId?: string | null; platform?: boolean };

async function runScoped<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`select set_config('app.tenant_id', ${scope.tenantId ?? ""}, true),
      set_config('app.user_id', ${scope.userId ?? ""}, true),
      set_config('app.platform', ${scope.platform ? "on" : ""}, true)`;
    return fn(tx);
    // Under a burst (a fund opening) requests queue for a pooled connection: wait for one
    // rather than fail after Prisma's default 2 s.
  }, { maxWait: 15_000, timeout: 20_000 });
}

/** Runs fn in one transaction in which only this council's rows are visible or writable. */
export function withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>, userId?: string): Promise<T> {
  return runScoped({ tenantId, userId }, fn);
}

/** No council: only global tables and the user's own memberships are visible. */
export function withUser<T>(userId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return runScoped({ userId }, fn);
}

/** A platform operator's work across councils (platform audit events become visible). */
export function withPlatform<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return runScoped({ userId, platform: true }, fn);
}

/** Background jobs on platform-level rows (no council, no user), e.g. delivering a platform message. */
export function withPlatformJob<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return runScoped({ platform: true }, fn);
}
