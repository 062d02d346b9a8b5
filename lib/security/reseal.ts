// Re-seals every sealed value (lib/security/sealed-columns.ts) under the current key
// (ENCRYPTION_KEY_ID), while the app keeps running: `npm run keys:reseal`.
//  - In batches, each read and each write its own short transaction (no long locks).
//  - Compare-and-set: a row is updated only if its sealed value is still the one read, so a value the
//    app wrote meanwhile (new bank details, a new TOTP secret) is never overwritten by an older one.
//    Rows that changed are looked at again in a later sweep (and left alone if already current).
//  - Council rows are read and written with the council set (row-level security applies to the owner
//    too: the tables FORCE it), global ones (User) without.
// A value that cannot be opened (its key is no longer configured) is counted and left as it is.
import type pg from "pg";
import { decryptSecret, encryptSecret, keyring } from "@/lib/security/crypto";
import { SEALED_COLUMNS, type TSealedColumn } from "@/lib/security/sealed-columns";

export type TResealCount = { table: string; column: string; resealed: number; changedMeanwhile: number; unreadable: number; sweeps: number };
type TClient = Pick<pg.ClientBase, "query">;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** The SQL expression of the sealed text in a column (a JSON path's text for JSON columns). */
function sealedExpr(c: TSealedColumn): string {
  return c.jsonPath ? `${ident(c.column)} #>> '{${c.jsonPath.join(",")}}'` : ident(c.column);
}
function setExpr(c: TSealedColumn): string {
  return c.jsonPath ? `${ident(c.column)} = jsonb_set(${ident(c.column)}, '{${c.jsonPath.join(",")}}', to_jsonb($1::text))` : `${ident(c.column)} = $1`;
}

async function inTransaction<T>(client: TClient, tenantId: string | null, fn: () => Promise<T>): Promise<T> {
  await client.query("begin");
  try {
    if (tenantId) await client.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
    const result = await fn();
    await client.query("commit");
    return result;
  } catch (e) {
    await client.query("rollback");
    throw e;
  }
}

export type TResealOptions = {
  batchSize?: number;
  /** Called between reading a batch and writing it (tests use it to write concurrently). */
  betweenReadAndWrite?: (column: TSealedColumn, ids: string[]) => Promise<void>;
  columns?: readonly TSealedColumn[];
};

async function resealColumn(client: TClient, c: TSealedColumn, tenantId: string | null, count: TResealCount, options: TResealOptions): Promise<void> {
  const prefix = `v2.${keyring().current}.`;
  const batchSize = options.batchSize ?? 500;
  const unreadable = new Set<string>();
  const expr = sealedExpr(c);
  const tenantFilter = tenantId ? `and "tenantId" = $4::uuid` : "";
  for (let sweep = 1; sweep <= 10; sweep += 1) {
    let after = "00000000-0000-0000-0000-000000000000";
    let changed = 0;
    let seen = 0;
    for (;;) {
      const rows = await inTransaction(client, tenantId, async () => {
        const params: unknown[] = [prefix, after, batchSize, ...(tenantId ? [tenantId] : [])];
        const r = await client.query<{ id: string; sealed: string }>(
          `select id::text as id, ${expr} as sealed from ${ident(c.table)}
           where ${expr} is not null and left(${expr}, length($1)) <> $1 and id > $2::uuid ${tenantFilter}
           order by id limit $3`,
          params,
        );
        return r.rows;
      });
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      const todo = rows.filter((r) => !unreadable.has(r.id));
      seen += todo.length;
      await options.betweenReadAndWrite?.(c, todo.map((r) => r.id));
      const fresh: { id: string; old: string; sealed: string }[] = [];
      for (const r of todo) {
        try {
          fresh.push({ id: r.id, old: r.sealed, sealed: encryptSecret(decryptSecret(r.sealed)) });
        } catch {
          unreadable.add(r.id);
        }
      }
      await inTransaction(client, tenantId, async () => {
        for (const f of fresh) {
          const r = await client.query(`update ${ident(c.table)} set ${setExpr(c)} where id = $2::uuid and ${expr} = $3 ${tenantId ? `and "tenantId" = $4::uuid` : ""}`, [f.sealed, f.id, f.old, ...(tenantId ? [tenantId] : [])]);
          if (r.rowCount === 1) count.resealed += 1;
          else changed += 1;
        }
      });
    }
    count.sweeps = Math.max(count.sweeps, sweep);
    count.changedMeanwhile += changed;
    // Done when a sweep found nothing it could re-seal that changed under it.
    if (changed === 0 || seen === 0) break;
  }
  count.unreadable += unreadable.size;
}

/** Re-seals every listed column in every council; returns the counts per column. `client`: the owner's connection. */
export async function resealAll(client: TClient, options: TResealOptions = {}): Promise<TResealCount[]> {
  const tenants = (await client.query<{ id: string }>(`select id::text as id from "Tenant" order by id`)).rows.map((r) => r.id);
  const counts: TResealCount[] = [];
  for (const c of options.columns ?? SEALED_COLUMNS) {
    const count: TResealCount = { table: c.table, column: c.jsonPath ? `${c.column}.${c.jsonPath.join(".")}` : c.column, resealed: 0, changedMeanwhile: 0, unreadable: 0, sweeps: 0 };
    for (const tenantId of c.scope === "tenant" ? tenants : [null]) await resealColumn(client, c, tenantId, count, options);
    counts.push(count);
  }
  return counts;
}

/** How many values of each column are NOT under the current key (after a reseal: only unreadable ones). */
export async function countNotCurrent(client: TClient): Promise<{ table: string; column: string; notCurrent: number }[]> {
  const prefix = `v2.${keyring().current}.`;
  const tenants = (await client.query<{ id: string }>(`select id::text as id from "Tenant"`)).rows.map((r) => r.id);
  const out: { table: string; column: string; notCurrent: number }[] = [];
  for (const c of SEALED_COLUMNS) {
    let n = 0;
    for (const tenantId of c.scope === "tenant" ? tenants : [null]) {
      n += await inTransaction(client, tenantId, async () => {
        const r = await client.query<{ n: number }>(`select count(*)::int as n from ${ident(c.table)} where ${sealedExpr(c)} is not null and left(${sealedExpr(c)}, length($1)) <> $1 ${tenantId ? `and "tenantId" = $2::uuid` : ""}`, [prefix, ...(tenantId ? [tenantId] : [])]);
        return r.rows[0]!.n;
      });
    }
    out.push({ table: c.table, column: c.jsonPath ? `${c.column}.${c.jsonPath.join(".")}` : c.column, notCurrent: n });
  }
  return out;
}
