// What each kind of ledger transaction does to which balance: the one description in the app.
// post_ledger_transaction() enforces the same movements in the database, and
// tests/integration/ledger-kinds.test.ts posts every kind and checks that each account moved
// exactly as this table says (so the two cannot drift apart). Pure: no database, no server-only.
import type { LedgerAccountKind, LedgerTransactionKind } from "@/lib/generated/prisma/enums";

/** Which pot an account belongs to: none (the fund's own accounts), the movement's pot, or its destination pot. */
type TAccountRef = { account: LedgerAccountKind; pot: "none" | "pot" | "toPot" };

export type TLedgerKind = {
  /** Where the money comes from and goes to. MOVE with no destination pot goes back to the fund. */
  from: TAccountRef;
  to: TAccountRef;
  toWithoutToPot?: TAccountRef;
  /** +1: money taken into use (an award), −1: given back to use again, 0: neither (for burn rates). */
  use: 1 | -1 | 0;
};

export const LEDGER_KINDS = {
  FUND: { from: { account: "FUNDER", pot: "none" }, to: { account: "UNALLOCATED", pot: "none" }, use: 0 },
  RETURN: { from: { account: "UNALLOCATED", pot: "none" }, to: { account: "FUNDER", pot: "none" }, use: 0 },
  ALLOCATE: { from: { account: "UNALLOCATED", pot: "none" }, to: { account: "AVAILABLE", pot: "toPot" }, use: 0 },
  MOVE: { from: { account: "AVAILABLE", pot: "pot" }, to: { account: "AVAILABLE", pot: "toPot" }, toWithoutToPot: { account: "UNALLOCATED", pot: "none" }, use: 0 },
  COMMIT: { from: { account: "AVAILABLE", pot: "pot" }, to: { account: "COMMITTED", pot: "pot" }, use: 1 },
  RELEASE: { from: { account: "COMMITTED", pot: "pot" }, to: { account: "AVAILABLE", pot: "pot" }, use: -1 },
  DISBURSE: { from: { account: "COMMITTED", pot: "pot" }, to: { account: "SPENT", pot: "pot" }, use: 0 },
  REVERSE: { from: { account: "SPENT", pot: "pot" }, to: { account: "AVAILABLE", pot: "pot" }, use: -1 },
  RECOMMIT: { from: { account: "SPENT", pot: "pot" }, to: { account: "COMMITTED", pot: "pot" }, use: 0 },
  // Administration and evaluation spend: the fund's, not a pot's (within its admin cap).
  ADMIN: { from: { account: "UNALLOCATED", pot: "none" }, to: { account: "SPENT", pot: "none" }, use: 0 },
  // An administration cost recorded in error given back to the fund (naming the ADMIN it reverses).
  ADMIN_REVERSE: { from: { account: "SPENT", pot: "none" }, to: { account: "UNALLOCATED", pot: "none" }, use: 0 },
} as const satisfies Record<LedgerTransactionKind, TLedgerKind>;

/** In the order the screens list them. */
export const LEDGER_TRANSACTION_KINDS = Object.keys(LEDGER_KINDS) as LedgerTransactionKind[];

export function isLedgerTransactionKind(value: unknown): value is LedgerTransactionKind {
  return typeof value === "string" && Object.hasOwn(LEDGER_KINDS, value);
}

type TMovementShape = { kind: LedgerTransactionKind; potId: string | null; toPotId: string | null; amountPence: bigint };

function resolve(ref: TAccountRef, t: TMovementShape): { account: LedgerAccountKind; potId: string | null } {
  return { account: ref.account, potId: ref.pot === "none" ? null : ref.pot === "pot" ? t.potId : t.toPotId };
}

/** The two accounts a transaction moves money between (pot ids resolved). */
export function accountsMoved(t: TMovementShape): { from: { account: LedgerAccountKind; potId: string | null }; to: { account: LedgerAccountKind; potId: string | null } } {
  const kind: TLedgerKind = LEDGER_KINDS[t.kind];
  const to = !t.toPotId && kind.toWithoutToPot ? kind.toWithoutToPot : kind.to;
  return { from: resolve(kind.from, t), to: resolve(to, t) };
}

/** The change a transaction makes to one account's balance (0 if it does not touch it). */
export function effectOn(account: LedgerAccountKind, potId: string | null, t: TMovementShape): bigint {
  const { from, to } = accountsMoved(t);
  let effect = 0n;
  if (from.account === account && from.potId === potId) effect -= t.amountPence;
  if (to.account === account && to.potId === potId) effect += t.amountPence;
  return effect;
}

/** The effect on a pot's available money (e.g. −£50.00 for an award approved). */
export function availableEffect(potId: string, t: TMovementShape): bigint {
  return effectOn("AVAILABLE", potId, t);
}

/** The kinds that take money into use or give it back, for burn rates. */
export const KINDS_IN_USE = LEDGER_TRANSACTION_KINDS.filter((k) => LEDGER_KINDS[k].use !== 0);
