// The caller's transaction, from either of the app's two drivers: Prisma's interactive
// transaction (withTenant: the screens) or a node-postgres client (withTenantSql: the hot paths).
// Hand-written SQL goes through `db`, Kysely on that very connection with table types generated
// from the Prisma schema (lib/db/kysely.ts, docs/decisions/0020). Code that must run on both, such
// as the ledger's one posting statement, is written once against TSql. No server-only: owner-run
// scripts use it too.
import type { CompiledQuery } from "kysely";
import type pg from "pg";
import type { Tx } from "@/lib/db/client";
import { kyselyOnPg, kyselyOnPrisma, PG_TYPES, type TDb } from "@/lib/db/kysely";

export type TSql = {
  /** Kysely on this transaction's connection: `sql.db.selectFrom("Case")…`, row types checked against the schema. */
  readonly db: TDb;
  /**
   * SQL as a string with positional parameters ($1, $2 …): only for the modules not yet moved
   * onto `db` (docs/decisions/0020 lists them). Row types here are asserted, not checked.
   */
  rows<R>(text: string, values: readonly unknown[]): Promise<R[]>;
  /**
   * The transaction's last statement (a Kysely query, compiled) and its COMMIT in one round trip,
   * where the driver can (node-postgres, withTenantSql): a lock the statement takes is then held
   * for no client round trip at all (the ledger's posting, docs/decisions/0009). Nothing may run
   * on this connection afterwards.
   */
  rowsThenCommit?<R>(query: CompiledQuery<R>): Promise<R[]>;
};

export function prismaSql(tx: Pick<Tx, "$queryRawUnsafe">): TSql {
  let db: TDb | undefined;
  return {
    get db() {
      return (db ??= kyselyOnPrisma(tx));
    },
    rows: <R>(text: string, values: readonly unknown[]) => tx.$queryRawUnsafe<R[]>(text, ...values),
  };
}

/** `$1`… replaced by SQL literals, for a simple-protocol query (which alone may hold two statements). */
export function inlineParameters(text: string, values: readonly unknown[], escapeLiteral: (s: string) => string): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = values[Number(n) - 1];
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "bigint" || (typeof v === "number" && Number.isFinite(v))) return `'${String(v)}'`;
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "string") return escapeLiteral(v);
    throw new Error(`inlineParameters: cannot inline a ${typeof v}`);
  });
}

export function pgSql(client: Pick<pg.ClientBase, "query" | "escapeLiteral">, onCommitted?: () => void): TSql {
  let db: TDb | undefined;
  return {
    get db() {
      return (db ??= kyselyOnPg(client));
    },
    rows: async <R>(text: string, values: readonly unknown[]) => (await client.query(text, values as unknown[])).rows as R[],
    rowsThenCommit: async <R>(query: CompiledQuery<R>) => {
      const text = `${inlineParameters(query.sql, query.parameters, (s) => client.escapeLiteral(s))};\ncommit`;
      const results = (await client.query({ text, types: PG_TYPES })) as unknown as pg.QueryResult[];
      onCommitted?.();
      return results[0]!.rows as R[];
    },
  };
}
