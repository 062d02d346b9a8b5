// SQL with positional parameters ($1, $2 …) inside a transaction, from either of the app's two
// drivers: Prisma's interactive transaction (the screens) or a node-postgres client
// (withTenantSql, the hot paths). Code that must run in both, such as the ledger's one posting
// statement, is written once against TSql. No server-only: owner-run scripts use it too.
import type pg from "pg";
import type { Tx } from "@/lib/db/client";

export type TSql = { rows<R>(text: string, values: readonly unknown[]): Promise<R[]> };

export function prismaSql(tx: Pick<Tx, "$queryRawUnsafe">): TSql {
  return { rows: <R>(text: string, values: readonly unknown[]) => tx.$queryRawUnsafe<R[]>(text, ...values) };
}

export function pgSql(client: Pick<pg.ClientBase, "query">): TSql {
  return { rows: async <R>(text: string, values: readonly unknown[]) => (await client.query(text, values as unknown[])).rows as R[] };
}
