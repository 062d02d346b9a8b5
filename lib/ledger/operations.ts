import "server-only";
import { withTenant } from "@/lib/db/tenant-scope";
import { postLedger, type TLedgerResult } from "@/lib/ledger/post";

// The ledger's operations, one database transaction each, for the rest of the app (award
// decisions, payments, the budget screens). The council comes from the caller's checked access,
// never from input. Retrying with the same idempotency key returns the first result.

export type TLedgerActor = { tenantId: string; actorUserId: string | null };
type TCommon = { fundId: string; amountPence: bigint; idempotencyKey: string; reason: string };
type TAwardMoney = TCommon & { potId: string; awardRef?: string | null; paymentRef?: string | null };

/** Fund → pot. */
export function allocate(actor: TLedgerActor, m: TCommon & { toPotId: string }): Promise<TLedgerResult> {
  return withTenant(actor.tenantId, (tx) => postLedger(tx, { ...m, kind: "ALLOCATE", actorUserId: actor.actorUserId }), actor.actorUserId ?? undefined);
}

/** Pot → pot in the same fund (toPotId null: back to the fund's unallocated money). */
export function move(actor: TLedgerActor, m: TCommon & { potId: string; toPotId: string | null }): Promise<TLedgerResult> {
  return withTenant(actor.tenantId, (tx) => postLedger(tx, { ...m, kind: "MOVE", actorUserId: actor.actorUserId }), actor.actorUserId ?? undefined);
}

/** Available → committed: an award approved. Refused outside the fund's period. */
export function commit(actor: TLedgerActor, m: TAwardMoney): Promise<TLedgerResult> {
  return withTenant(actor.tenantId, (tx) => postLedger(tx, { ...m, kind: "COMMIT", actorUserId: actor.actorUserId }), actor.actorUserId ?? undefined);
}

/** Committed → available: an award cancelled. */
export function release(actor: TLedgerActor, m: TAwardMoney): Promise<TLedgerResult> {
  return withTenant(actor.tenantId, (tx) => postLedger(tx, { ...m, kind: "RELEASE", actorUserId: actor.actorUserId }), actor.actorUserId ?? undefined);
}

/** Committed → spent: a payment made. */
export function disburse(actor: TLedgerActor, m: TAwardMoney): Promise<TLedgerResult> {
  return withTenant(actor.tenantId, (tx) => postLedger(tx, { ...m, kind: "DISBURSE", actorUserId: actor.actorUserId }), actor.actorUserId ?? undefined);
}

/** Spent → available: a payment failed or was refunded. */
export function reverse(actor: TLedgerActor, m: TAwardMoney): Promise<TLedgerResult> {
  return withTenant(actor.tenantId, (tx) => postLedger(tx, { ...m, kind: "REVERSE", actorUserId: actor.actorUserId }), actor.actorUserId ?? undefined);
}
