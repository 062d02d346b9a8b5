// SQL with positional parameters ($1, $2 …) inside a transaction, from either of the app's two
// drivers: Prisma's interactive transaction (the screens) or a node-postgres client
// (withTenantSql, the hot paths). Code that must run in both, such as the ledger's one posting
// statement, is written once against TSql. No server-only: owner-run scripts use it too.
import type pg from "pg";
import type { Tx } from "@/lib/db/client";

export type TSql = {
  rows<R>(text: string, values: readonly unknown[]): Promise<R[]>;
  /**
   * The transaction's last statement and its COMMIT in one round trip, where the driver can
   * (node-postgres, withTenantSql): a lock the statement takes is then held for no client round
   * trip at all. Nothing may run on this connection afterwards.
   */
  rowsThenCommit?<R>(text: string, values: readonly unknown[]): Promise<R[]>;
};

export function prismaSql(tx: Pick<Tx, "$queryRawUnsafe">): TSql {
  return { rows: <R>(text: string, values: readonly unknown[]) => tx.$queryRawUnsafe<R[]>(text, ...values) };
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
  return {
    rows: async <R>(text: string, values: readonly unknown[]) => (await client.query(text, values as unknown[])).rows as R[],
    rowsThenCommit: async <R>(text: string, values: readonly unknown[]) => {
      const results = (await client.query(`${inlineParameters(text, values, (s) => client.escapeLiteral(s))};\ncommit`)) as unknown as pg.QueryResult[];
      onCommitted?.();
      return results[0]!.rows as R[];
    },
  };
}
