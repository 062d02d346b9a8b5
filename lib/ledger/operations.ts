import "server-only";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { postLedger, type TLedgerMovement, type TLedgerResult } from "@/lib/ledger/post";

// The ledger's operations as transactions of their own, for callers with nothing else to write
// in the same transaction. Each is withTenantSql + postLedger: the one posting path
// (docs/decisions/0009). Where a movement must commit together with other writes (an award's
// status, its outbox row), call postLedger inside that transaction instead, last. The council
// comes from the caller's checked access, never from input. Retrying with the same idempotency
// key returns the first result.

export type TLedgerActor = { tenantId: string; actorUserId: string | null };
type TCommon = { fundId: string; amountPence: bigint; idempotencyKey: string; reason: string };
type TAwardMoney = TCommon & { potId: string; awardRef?: string | null; paymentRef?: string | null };

function post(actor: TLedgerActor, m: Omit<TLedgerMovement, "actorUserId" | "at">): Promise<TLedgerResult> {
  return withTenantSql(actor.tenantId, (sql) => postLedger(sql, { ...m, actorUserId: actor.actorUserId }, { last: true }), actor.actorUserId);
}

/** Fund → pot. */
export function allocate(actor: TLedgerActor, m: TCommon & { toPotId: string }): Promise<TLedgerResult> {
  return post(actor, { ...m, kind: "ALLOCATE" });
}

/** Pot → pot in the same fund (toPotId null: back to the fund's unallocated money). */
export function move(actor: TLedgerActor, m: TCommon & { potId: string; toPotId: string | null }): Promise<TLedgerResult> {
  return post(actor, { ...m, kind: "MOVE" });
}

/** Available → committed: an award approved. Refused outside the fund's period. */
export function commit(actor: TLedgerActor, m: TAwardMoney): Promise<TLedgerResult> {
  return post(actor, { ...m, kind: "COMMIT" });
}

/** Committed → available: an award cancelled. */
export function release(actor: TLedgerActor, m: TAwardMoney): Promise<TLedgerResult> {
  return post(actor, { ...m, kind: "RELEASE" });
}

/** Committed → spent: a payment made. */
export function disburse(actor: TLedgerActor, m: TAwardMoney): Promise<TLedgerResult> {
  return post(actor, { ...m, kind: "DISBURSE" });
}

/** Spent → available: a payment failed or was refunded. */
export function reverse(actor: TLedgerActor, m: TAwardMoney): Promise<TLedgerResult> {
  return post(actor, { ...m, kind: "REVERSE" });
}
