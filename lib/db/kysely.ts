// Kysely, the one typed way to write SQL by hand (docs/decisions/0020), on the transaction the
// caller already holds: withTenantSql's node-postgres client, or Prisma's interactive transaction
// (withTenant). No pool and no transaction of its own: the Kysely instance runs every statement on
// that one connection, inside that one transaction, with the council's scope (row-level security)
// the transaction set. Its table types are generated from the Prisma schema by prisma-kysely
// (prisma/schema/base.prisma → lib/generated/kysely), so a renamed column fails to compile.
// No server-only: owner-run scripts (seed, bench) post through TSql too.
import {
  type ColumnType,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from "kysely";
import pg from "pg";
import type { Tx } from "@/lib/db/client";
import type { DB as TGeneratedDB } from "@/lib/generated/kysely/db";

/** Written by the database from other columns (GENERATED ALWAYS … STORED): read, compared, never written. */
type TDatabaseGenerated<T> = ColumnType<T, never, never>;

/**
 * The schema's tables, plus the generated columns Prisma does not model (migration
 * 20261125040000_case_queue_indexes): the queue compares these with leakproof operators.
 */
export type DB = Omit<TGeneratedDB, "Case" | "OutboundMessage"> & {
  Case: TGeneratedDB["Case"] & {
    /** lower("fullName"), C collation. */
    nameKey: TDatabaseGenerated<string>;
    /** The last word of the lowered name. */
    surnameKey: TDatabaseGenerated<string | null>;
    /** "channel" as text. */
    channelKey: TDatabaseGenerated<string | null>;
  };
  OutboundMessage: TGeneratedDB["OutboundMessage"] & {
    /** personalisation->>'reference'. */
    reference: TDatabaseGenerated<string | null>;
  };
};

export type TDb = Kysely<DB>;

/** A driver whose only connection is one the caller holds, already inside its transaction. */
class CallersConnectionDriver implements Driver {
  constructor(private readonly connection: DatabaseConnection) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error("kysely: the transaction is the caller's (withTenantSql / withTenant); Kysely opens none");
  }
  async commitTransaction(): Promise<void> {
    throw new Error("kysely: the transaction is the caller's; it commits");
  }
  async rollbackTransaction(): Promise<void> {
    throw new Error("kysely: the transaction is the caller's; it rolls back");
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

function kyselyOn(connection: DatabaseConnection): TDb {
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new CallersConnectionDriver(connection),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
  return new Kysely<DB>({ dialect });
}

async function* noStreaming(): AsyncIterableIterator<never> {
  throw new Error("kysely: streaming is not supported on the caller's connection");
}

/**
 * Kysely with no connection at all: builds and compiles statements (a pure function of its
 * inputs, tested without a database); running one is the transaction's `sql.db.executeQuery()`.
 */
export const queryBuilder: TDb = kyselyOn({
  async executeQuery(): Promise<never> {
    throw new Error("kysely: queryBuilder only compiles; run the statement on the transaction's sql.db");
  },
  streamQuery: noStreaming,
});

const INT8 = 20;
/**
 * bigint columns (money in pence) as bigint, as Prisma reads them, so the generated types hold on
 * both drivers (node-postgres alone gives strings). Everything else as node-postgres parses it.
 */
export const PG_TYPES = {
  getTypeParser: (oid: number, format?: "text" | "binary") => (oid === INT8 && format !== "binary" ? (value: string) => BigInt(value) : pg.types.getTypeParser(oid, format)),
} as pg.CustomTypesConfig;

/** Kysely on withTenantSql's node-postgres client (inside its transaction). */
export function kyselyOnPg(client: Pick<pg.ClientBase, "query">): TDb {
  return kyselyOn({
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const result = await client.query({ text: query.sql, values: query.parameters as unknown[], types: PG_TYPES });
      const changed = result.command === "INSERT" || result.command === "UPDATE" || result.command === "DELETE" || result.command === "MERGE";
      return { rows: result.rows as R[], ...(changed && result.rowCount !== null ? { numAffectedRows: BigInt(result.rowCount) } : {}) };
    },
    streamQuery: noStreaming,
  });
}

/** Kysely on Prisma's interactive transaction (withTenant), through its raw queries. */
export function kyselyOnPrisma(tx: Pick<Tx, "$queryRawUnsafe">): TDb {
  return kyselyOn({
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      return { rows: await tx.$queryRawUnsafe<R[]>(query.sql, ...query.parameters) };
    },
    streamQuery: noStreaming,
  });
}
