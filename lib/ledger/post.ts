// No "server-only" marker: owner-run scripts (seed, bench) post through this too.
import type { Tx } from "@/lib/db/client";
import type { LedgerTransactionKind } from "@/lib/generated/prisma/client";

// Every movement of money goes through the database function post_ledger_transaction()
// (migration 20261123203906_funds_and_ledger): it checks the council, the pots, the fund's
// period and the balance under a row lock, writes one balanced transaction and updates the
// balances, all inside the caller's database transaction. The app role cannot write ledger
// rows any other way.

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
  /** Owner-run scripts only (seeding history); the app role is refused. */
  at?: Date;
};

export type TLedgerResult = { transactionId: string; replayed: boolean };

export type TLedgerRefusal =
  | "insufficient"
  | "outside-period"
  | "not-found"
  | "same-pot"
  | "pot-required"
  | "amount"
  | "reason"
  | "key"
  | "key-reused";

/** A movement the ledger refused, with the database's own words (e.g. "insufficient funds in Food"). */
export class LedgerRefused extends Error {
  constructor(
    readonly refusal: TLedgerRefusal,
    message: string,
  ) {
    super(message);
    this.name = "LedgerRefused";
  }
}

/** Posts one movement inside the caller's transaction (which must have the council in scope). */
export async function postLedger(tx: Tx, m: TLedgerMovement): Promise<TLedgerResult> {
  try {
    const rows = await tx.$queryRaw<{ transaction_id: string; replayed: boolean }[]>`
      select transaction_id, replayed from post_ledger_transaction(
        ${m.kind}::"LedgerTransactionKind", ${m.fundId}::uuid, ${m.potId ?? null}::uuid, ${m.toPotId ?? null}::uuid,
        ${m.amountPence}::bigint, ${m.idempotencyKey}, ${m.reason}, ${m.actorUserId}::uuid,
        ${m.awardRef ?? null}, ${m.paymentRef ?? null}, ${m.at ?? null}::timestamp)`;
    const row = rows[0]!;
    return { transactionId: row.transaction_id, replayed: row.replayed };
  } catch (error) {
    throw asLedgerRefusal(error) ?? error;
  }
}

/**
 * Posts one movement as a transaction of its own, in one statement: the council (and actor) are
 * put in scope by set_config inside the same statement, so no client round trip happens while the
 * pot's row lock is held (docs/bench-ledger.md). The function's arguments depend on set_config's
 * result, so the council is in scope whatever plan PostgreSQL picks.
 */
export async function postLedgerAlone(client: Pick<Tx, "$queryRaw">, scope: { tenantId: string; userId: string | null }, m: Omit<TLedgerMovement, "at">): Promise<TLedgerResult> {
  try {
    const rows = await client.$queryRaw<{ transaction_id: string; replayed: boolean }[]>`
      select r.transaction_id, r.replayed
      from (select set_config('app.tenant_id', ${scope.tenantId}, true) as tenant, set_config('app.user_id', ${scope.userId ?? ""}, true),
        set_config('app.platform', '', true) offset 0) s
      cross join lateral post_ledger_transaction(
        ${m.kind}::"LedgerTransactionKind", case when s.tenant is not null then ${m.fundId}::uuid end, ${m.potId ?? null}::uuid, ${m.toPotId ?? null}::uuid,
        ${m.amountPence}::bigint, ${m.idempotencyKey}, ${m.reason}, ${m.actorUserId}::uuid,
        ${m.awardRef ?? null}, ${m.paymentRef ?? null}, null) r`;
    const row = rows[0]!;
    return { transactionId: row.transaction_id, replayed: row.replayed };
  } catch (error) {
    throw asLedgerRefusal(error) ?? error;
  }
}

/** The refusal inside a driver error, if it is one of the ledger function's own. */
export function asLedgerRefusal(error: unknown): LedgerRefused | null {
  const text = errorText(error);
  const hint = /ledger:([a-z-]+)/.exec(text)?.[1];
  const message = /(?:ERROR:\s*|Message: `?|message: ?"?)([^`"\n]*?(?:insufficient funds in [^`"\n]*|cannot be committed on [^`"\n]*|does not exist in this [a-z]+|different pot to move the money to|Choose a pot|must be more than £0\.00|Enter a reason|already used for a different transaction))/.exec(text)?.[1];
  if (!hint && !message) return null;
  const refusal = (hint ?? guessRefusal(message ?? "")) as TLedgerRefusal;
  return new LedgerRefused(refusal, (message ?? text).trim());
}

function guessRefusal(message: string): TLedgerRefusal {
  if (message.includes("insufficient funds")) return "insufficient";
  if (message.includes("cannot be committed")) return "outside-period";
  if (message.includes("does not exist")) return "not-found";
  if (message.includes("different pot")) return "same-pot";
  if (message.includes("different transaction")) return "key-reused";
  if (message.includes("reason")) return "reason";
  return "amount";
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.message];
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) parts.push(cause.message);
  const meta = (error as { meta?: unknown }).meta;
  if (meta) parts.push(JSON.stringify(meta));
  return parts.join("\n");
}
