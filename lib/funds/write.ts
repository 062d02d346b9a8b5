// Opening and changing funds and pots. Each function works inside the caller's transaction
// (council in scope), so the app (withTenant) and owner-run scripts (seed) share one path.
import { sql as q } from "kysely";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import type { LedgerAccountKind } from "@/lib/generated/prisma/client";
import { postLedger } from "@/lib/ledger/post";

export type TFundInput = {
  name: string;
  funder: string;
  periodStart: Date;
  periodEnd: Date;
  allocationPence: bigint;
  adminCapBasisPoints: number | null;
  /** false: the fund's money is not public funds (it may pay people with no recourse to public funds). Absent: unchanged (new: true). */
  publicFunds?: boolean;
};

export type TPotRules = {
  name: string;
  ownerOrganisationId: string | null;
  maxSingleAwardPence: bigint | null;
  eligibleNeeds: string[];
  eligibleHouseholdTypes: string[];
  accessRoutes: string[];
  maxAwardsPerHousehold: number | null;
  repeatWindowDays: number | null;
  /** A Crisis and Resilience Fund Housing Payment pot (docs/eligibility.md). Absent: unchanged (new: false). */
  housingPayment?: boolean;
};

type TActor = { tenantId: string; actorUserId: string | null; at?: Date };

/**
 * New accounts start at zero. Written by hand (Kysely) because the app role may insert only these
 * columns (not the balance), and Prisma's createMany names every column it knows.
 */
async function openAccounts(tx: Tx, tenantId: string, fundId: string, potId: string | null, kinds: LedgerAccountKind[]) {
  await prismaSql(tx)
    .db.insertInto("LedgerAccount")
    .values(kinds.map((kind) => ({ id: q<string>`gen_random_uuid()`, tenantId, fundId, potId, kind })))
    .execute();
}

/** A new fund with its ledger accounts (its own: funder, unallocated, administration spent); the funder's allocation is paid in as its first transaction. */
export async function openFund(tx: Tx, actor: TActor, input: TFundInput, idempotencyKey: string) {
  const fund = await tx.fund.create({ data: { tenantId: actor.tenantId, ...input } });
  // SPENT with no pot: the fund's administration and evaluation spend (ledger kind ADMIN).
  await openAccounts(tx, actor.tenantId, fund.id, null, ["FUNDER", "UNALLOCATED", "SPENT"]);
  if (input.allocationPence > 0n) {
    await postLedger(tx, {
      kind: "FUND",
      fundId: fund.id,
      amountPence: input.allocationPence,
      idempotencyKey,
      reason: `Allocation from ${input.funder}`,
      actorUserId: actor.actorUserId,
      at: actor.at,
    });
  }
  return fund;
}

/**
 * Changes a fund's details. A change of allocation is money moving: the difference is paid in
 * (FUND) or returned to the funder (RETURN, only from money not yet in a pot).
 */
export async function changeFund(tx: Tx, actor: TActor, fundId: string, input: TFundInput, reason: string, idempotencyKey: string) {
  const before = await tx.fund.findUnique({ where: { id: fundId } });
  if (!before) return null;
  const difference = input.allocationPence - before.allocationPence;
  if (difference !== 0n) {
    await postLedger(tx, {
      kind: difference > 0n ? "FUND" : "RETURN",
      fundId,
      amountPence: difference > 0n ? difference : -difference,
      idempotencyKey,
      reason,
      actorUserId: actor.actorUserId,
      at: actor.at,
    });
  }
  const after = await tx.fund.update({ where: { id: fundId }, data: input });
  return { before, after };
}

/** A new pot in a fund, with its available, committed and spent accounts. */
export async function openPot(tx: Tx, actor: TActor, fundId: string, rules: TPotRules) {
  const pot = await tx.pot.create({ data: { tenantId: actor.tenantId, fundId, ...rules } });
  await openAccounts(tx, actor.tenantId, fundId, pot.id, ["AVAILABLE", "COMMITTED", "SPENT"]);
  return pot;
}
