// The ledger's read model: balances per account, money taken into use over time (burn), and a
// pot's transaction history. Runs inside the caller's transaction (council in scope: row-level
// security limits it to that council whatever ids are asked for). What a kind does to which
// balance comes from lib/ledger/kinds.ts, nowhere else.
import { type ExpressionBuilder, sql as q } from "kysely";
import type { Tx } from "@/lib/db/client";
import type { DB } from "@/lib/db/kysely";
import { prismaSql } from "@/lib/db/sql";
import type { LedgerAccountKind, LedgerTransactionKind } from "@/lib/generated/prisma/enums";
import { availableEffect, KINDS_IN_USE, LEDGER_KINDS } from "@/lib/ledger/kinds";

export type TBalanceRow = { fundId: string; potId: string | null; kind: LedgerAccountKind; balance: bigint };
export type TPotBalances = { available: bigint; committed: bigint; spent: bigint };
export type TFundBalances = TPotBalances & { unallocated: bigint };
/** Net money taken into use (commits less releases and reversals) in the last 7 and 30 days. */
export type TBurnRow = { last7: bigint; last30: bigint };

/** Every account balance of some funds. */
export async function balancesOf(tx: Tx, fundIds: string[]): Promise<TBalanceRow[]> {
  if (!fundIds.length) return [];
  return prismaSql(tx).db.selectFrom("LedgerAccount").select(["fundId", "potId", "kind", "balancePence as balance"]).where("fundId", "in", fundIds).execute();
}

export function potBalances(rows: TBalanceRow[], potId: string): TPotBalances {
  const b = { available: 0n, committed: 0n, spent: 0n };
  for (const r of rows) {
    if (r.potId !== potId) continue;
    if (r.kind === "AVAILABLE") b.available = r.balance;
    if (r.kind === "COMMITTED") b.committed = r.balance;
    if (r.kind === "SPENT") b.spent = r.balance;
  }
  return b;
}

/** A fund's money not yet in a pot, and its pots' balances added up. */
export function fundBalances(rows: TBalanceRow[], fundId: string): TFundBalances {
  const b = { unallocated: 0n, available: 0n, committed: 0n, spent: 0n };
  for (const r of rows) {
    if (r.fundId !== fundId) continue;
    if (r.kind === "UNALLOCATED") b.unallocated = r.balance;
    if (r.kind === "AVAILABLE") b.available += r.balance;
    if (r.kind === "COMMITTED") b.committed += r.balance;
    if (r.kind === "SPENT") b.spent += r.balance;
  }
  return b;
}

/** Burn over the last 7 and 30 days, per fund or per pot (keyed by its id). */
export async function burnOf(tx: Tx, fundIds: string[], per: "fund" | "pot", now: Date): Promise<Map<string, TBurnRow>> {
  if (!fundIds.length) return new Map();
  const since30 = new Date(now.getTime() - 30 * 86_400_000);
  const since7 = new Date(now.getTime() - 7 * 86_400_000);
  const taken = KINDS_IN_USE.filter((k) => LEDGER_KINDS[k].use === 1);
  // Money taken into use counts up, money given back (releases, reversals) down.
  const signed = (eb: ExpressionBuilder<DB, "LedgerTransaction">) => eb.case().when("kind", "in", taken).then(eb.ref("amountPence")).else(eb.neg(eb.ref("amountPence"))).end();
  const rows = await prismaSql(tx)
    .db.selectFrom("LedgerTransaction")
    .select((eb) => [
      (per === "fund" ? q<string>`${eb.ref("fundId")}::text` : q<string>`${eb.ref("potId")}::text`).as("key"),
      q<bigint>`coalesce(sum(${eb.case().when("createdAt", ">=", since7).then(signed(eb)).end()}), 0)::bigint`.as("last7"),
      q<bigint>`coalesce(sum(${signed(eb)}), 0)::bigint`.as("last30"),
    ])
    .where("fundId", "in", fundIds)
    .where("kind", "in", KINDS_IN_USE)
    .where("createdAt", ">=", since30)
    .where("createdAt", "<=", now)
    .groupBy("key")
    .execute();
  return new Map(rows.map((r) => [r.key, { last7: r.last7, last30: r.last30 }]));
}

export type THistoryFilter = { kind?: LedgerTransactionKind; from?: Date; to?: Date };

export type THistoryRow = {
  id: string;
  createdAt: Date;
  kind: LedgerTransactionKind;
  amountPence: bigint;
  /** The effect on this pot's available money (e.g. −£50.00 for an award approved). */
  availableEffectPence: bigint;
  fromPot: string | null;
  toPot: string | null;
  reason: string;
  awardRef: string | null;
  paymentRef: string | null;
  actorEmail: string | null;
  idempotencyKey: string;
};

function historyWhere(potId: string, filter: THistoryFilter) {
  return {
    OR: [{ potId }, { toPotId: potId }],
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}

/** A pot's transactions, newest first, as filtered; `limit` null for all of them (CSV export). Null if no such pot. */
export async function potHistory(tx: Tx, potId: string, filter: THistoryFilter, limit: number | null, offset = 0) {
  const pot = await tx.pot.findUnique({ where: { id: potId }, select: { id: true, name: true, fundId: true, fund: { select: { name: true } } } });
  if (!pot) return null;
  const where = historyWhere(potId, filter);
  const total = await tx.ledgerTransaction.count({ where });
  const rows = await tx.ledgerTransaction.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(limit === null ? {} : { take: limit, skip: offset }),
    include: { pot: { select: { name: true } }, toPot: { select: { name: true } } },
  });
  const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((x): x is string => !!x))];
  const actors = actorIds.length ? await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } }) : [];
  const emailOf = new Map(actors.map((a) => [a.id, a.email]));
  const history: THistoryRow[] = rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    kind: r.kind,
    amountPence: r.amountPence,
    availableEffectPence: availableEffect(potId, r),
    fromPot: r.kind === "ALLOCATE" ? null : (r.pot?.name ?? null),
    toPot: r.toPot?.name ?? (r.kind === "MOVE" ? "Fund (unallocated)" : null),
    reason: r.reason,
    awardRef: r.awardRef,
    paymentRef: r.paymentRef,
    actorEmail: r.actorUserId ? (emailOf.get(r.actorUserId) ?? null) : null,
    idempotencyKey: r.idempotencyKey,
  }));
  return { pot, total, rows: history };
}
