// No "server-only" marker: owner-run scripts (seed, bench) post through this too.
import { sql as q, type RawBuilder } from "kysely";
import type { Tx } from "@/lib/db/client";
import { queryBuilder } from "@/lib/db/kysely";
import { prismaSql, type TSql } from "@/lib/db/sql";
import type { LedgerTransactionKind } from "@/lib/generated/prisma/enums";
import { ledgerRefusalOf } from "@/lib/ledger/refusals";

// The one way money moves (docs/decisions/0009): postLedger() inside the caller's database
// transaction, as its last statement, so the pot's row lock (taken inside the function) is held
// only until COMMIT. The transaction is either withTenantSql's (node-postgres: award approval,
// payments, anything hot) or withTenant's (Prisma: the budget screens, seeding); the statement
// is the same. post_ledger_transaction() checks the council, the pots, the fund's period and the
// balance under a row lock, writes one balanced transaction and updates the balances. The app
// role cannot write ledger rows any other way. A refusal is thrown as LedgerRefused (a code and
// facts, lib/ledger/refusals.ts); anything else is thrown as it came.

export type TLedgerMovement = {
  kind: LedgerTransactionKind;
  fundId: string;
  /** The pot the money leaves (or, for COMMIT/RELEASE/DISBURSE/REVERSE, moves within). */
  potId?: string | null;
  /** ALLOCATE and MOVE: the pot the money goes to (MOVE with none: back to the fund). */
  toPotId?: string | null;
  amountPence: bigint;
  /** Unique per council. Retrying with the same key returns the first result. */
  idempotencyKey: string;
  reason: string;
  actorUserId: string | null;
  awardRef?: string | null;
  paymentRef?: string | null;
  /** ADMIN only: the funder's cost line (lib/reporting/categories.ts ADMIN_COST_LINES). */
  costLine?: string | null;
  /** ADMIN_REVERSE only: the ADMIN transaction it reverses (once, never more than it recorded). */
  reversesId?: string | null;
  /** Owner-run scripts only (seeding history); the app role is refused. */
  at?: Date;
};

export type TLedgerResult = { transactionId: string; replayed: boolean };

/** The function's result (its OUT parameters: not a table, so typed here, once). */
type TPosted = { transaction_id: string; replayed: boolean };

/**
 * Posts one movement inside the caller's transaction (which must have the council in scope).
 * `last`: this is the transaction's last statement; on withTenantSql's connection it is sent
 * together with COMMIT (one round trip, the pot's lock held for none), elsewhere it is ignored.
 */
export async function postLedger(tx: Tx | TSql, m: TLedgerMovement, options: { last?: boolean } = {}): Promise<TLedgerResult> {
  const sql = "rows" in tx ? tx : prismaSql(tx);
  // Kysely writes the statement (parameters, not literals); on withTenantSql's connection the
  // last one goes with COMMIT in one round trip.
  const post = q<TPosted>`select transaction_id, replayed from post_ledger_transaction(
    ${m.kind}::"LedgerTransactionKind", ${m.fundId}::uuid, ${m.potId ?? null}::uuid, ${m.toPotId ?? null}::uuid, ${m.amountPence}::bigint,
    ${m.idempotencyKey}, ${m.reason}, ${m.actorUserId}::uuid, ${m.awardRef ?? null}, ${m.paymentRef ?? null},
    ${m.at ? m.at.toISOString() : null}::timestamptz at time zone 'UTC', ${m.costLine ?? null}::text, ${m.reversesId ?? null}::uuid)`;
  try {
    // Compiled without a connection (no Kysely instance made on the hot path), run on the caller's.
    const compiled = post.compile(queryBuilder);
    const rows = options.last && sql.rowsThenCommit ? await sql.rowsThenCommit(compiled) : (await sql.db.executeQuery(compiled)).rows;
    const row = rows[0]!;
    return { transactionId: row.transaction_id, replayed: row.replayed };
  } catch (error) {
    throw ledgerRefusalOf(error) ?? error;
  }
}

export { LedgerRefused } from "@/lib/ledger/refusals";

/** One movement in postLedgerSet's query: its columns, by these names. */
export type TLedgerMovementRow = {
  fundId: string;
  potId: string;
  amountPence: bigint;
  idempotencyKey: string;
  reason: string;
  awardRef: string | null;
  paymentRef: string | null;
};

/**
 * Posts many movements of one kind within their pots (DISBURSE, RECOMMIT, RELEASE, REVERSE), one
 * for each row of `movements`, in ONE call of post_ledger_transactions() (migration
 * 20261206094500_ledger_bulk_postings): the same transactions, postings, idempotency keys, checks
 * and refusal codes as that many postLedger calls, with each account's balance changed once by
 * the sum, so a payment batch of 50,000 disburses in seconds (docs/payments.md). A replayed key
 * posts nothing; a refusal throws LedgerRefused and the caller's transaction rolls back whole. The
 * pots' accounts stay locked until the caller commits: post last.
 */
export async function postLedgerSet(
  tx: Tx | TSql,
  kind: Extract<LedgerTransactionKind, "DISBURSE" | "RECOMMIT" | "RELEASE" | "REVERSE">,
  actorUserId: string | null,
  movements: RawBuilder<TLedgerMovementRow>,
): Promise<{ posted: number; replayed: number }> {
  const sql = "rows" in tx ? tx : prismaSql(tx);
  const post = q<{ posted: number; replayed: number }>`select t.posted, t.replayed
    from (select array_agg(m."fundId"::uuid) as f, array_agg(m."potId"::uuid) as p, array_agg(m."amountPence"::bigint) as a, array_agg(m."idempotencyKey"::text) as k,
        array_agg(m."reason"::text) as r, array_agg(m."awardRef"::text) as aw, array_agg(m."paymentRef"::text) as pr
      from (${movements}) m) x
    cross join lateral post_ledger_transactions(${kind}::"LedgerTransactionKind", coalesce(x.f, '{}'), coalesce(x.p, '{}'), coalesce(x.a, '{}'), coalesce(x.k, '{}'),
      coalesce(x.r, '{}'), ${actorUserId}::uuid, coalesce(x.aw, '{}'), coalesce(x.pr, '{}')) t`;
  try {
    const row = (await sql.db.executeQuery(post.compile(queryBuilder))).rows[0]!;
    return { posted: Number(row.posted), replayed: Number(row.replayed) };
  } catch (error) {
    throw ledgerRefusalOf(error) ?? error;
  }
}
