import "server-only";
import { db, pool, type Tx } from "@/lib/db/client";
import { pgSql, type TSql } from "@/lib/db/sql";

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * withTenant for hot paths (award approval, payments): the same scope, on a node-postgres
 * connection instead of a Prisma interactive transaction, which costs about half the time at
 * concurrency (docs/bench-ledger.md, docs/decisions/0009). BEGIN and the scope go in one round
 * trip. Post to the ledger last with postLedger(sql, m, { last: true }): the posting and COMMIT
 * then go in one round trip, so the pot's row lock is held for no client round trip.
 */
export async function withTenantSql<T>(tenantId: string, fn: (sql: TSql) => Promise<T>, userId?: string | null): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error("withTenantSql: malformed council id");
  return withScopeSql({ tenantId, userId }, fn);
}

/** withTenantSql for any scope: a council, or the platform's own rows (a platform message's delivery). */
export async function withScopeSql<T>(scope: Scope, fn: (sql: TSql) => Promise<T>): Promise<T> {
  // Literals in a simple query (one round trip, no parameters): only ever well-formed ids.
  if ((scope.tenantId && !UUID.test(scope.tenantId)) || (scope.userId && !UUID.test(scope.userId))) throw new Error("withTenantSql: malformed council or user id");
  const client = await pool().connect();
  let broken = false;
  let committed = false;
  try {
    await client.query(
      `begin; select set_config('app.tenant_id', '${scope.tenantId ?? ""}', true), set_config('app.user_id', '${scope.userId ?? ""}', true), set_config('app.platform', '${scope.platform ? "on" : ""}', true)`,
    );
    const result = await fn(pgSql(client, () => (committed = true)));
    if (!committed) await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    // A connection that could not even roll back is not given to the next request.
    client.release(broken);
  }
}

/** Background jobs on platform-level rows (no council, no user), e.g. delivering a platform message. */
export function withPlatformJob<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return runScoped({ platform: true }, fn);
}
