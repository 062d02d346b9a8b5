import "server-only";
import { notFound } from "next/navigation";
import { requireCouncilPermission } from "@/lib/auth/access";
import { withTenant } from "@/lib/db/tenant-scope";
import type { TPotRules } from "@/lib/funds/write";
import { spendFigures, type TBalances, type TBurn, type TSpendFigures } from "@/lib/funds/projection";
import { balancesOf, burnOf, fundBalances, potBalances, potHistory, type TBalanceRow, type THistoryFilter } from "@/lib/ledger/read-model";

export type { THistoryFilter, THistoryRow } from "@/lib/ledger/read-model";

// Read models for the budget screens, on top of the ledger's (lib/ledger/read-model.ts).
// Everything runs inside withTenant, so row-level security limits it to the council in scope
// whatever ids are asked for.

export type TFundSummary = {
  id: string;
  name: string;
  funder: string;
  status: string;
  periodStart: Date;
  periodEnd: Date;
  allocationPence: bigint;
  adminCapBasisPoints: number | null;
  /** false: not public funds, so it may pay people with no recourse to public funds (docs/eligibility.md). */
  publicFunds: boolean;
  unallocatedPence: bigint;
  allocatedToPotsPence: bigint;
  availablePence: bigint;
  committedPence: bigint;
  spentPence: bigint;
  figures: TSpendFigures;
};

function summarise(
  fund: { id: string; name: string; funder: string; status: string; periodStart: Date; periodEnd: Date; allocationPence: bigint; adminCapBasisPoints: number | null; publicFunds: boolean },
  rows: TBalanceRow[],
  burn: TBurn | undefined,
  now: Date,
): TFundSummary {
  const totals = fundBalances(rows, fund.id);
  return {
    ...fund,
    unallocatedPence: totals.unallocated,
    allocatedToPotsPence: totals.available + totals.committed + totals.spent,
    availablePence: totals.available,
    committedPence: totals.committed,
    spentPence: totals.spent,
    figures: spendFigures({ totalPence: fund.allocationPence, usedPence: totals.committed + totals.spent, burn: burn ?? { last7: 0n, last30: 0n }, periodEnd: fund.periodEnd, today: now }),
  };
}

/** Every fund of the council with its figures, newest period first. */
export async function listFunds(tenantId: string, now = new Date()): Promise<TFundSummary[]> {
  return withTenant(tenantId, async (tx) => {
    const funds = await tx.fund.findMany({ orderBy: [{ status: "asc" }, { periodEnd: "desc" }, { name: "asc" }] });
    const ids = funds.map((f) => f.id);
    const [rows, burn] = [await balancesOf(tx, ids), await burnOf(tx, ids, "fund", now)];
    return funds.map((f) => summarise(f, rows, burn.get(f.id), now));
  });
}

export type TPotSummary = TPotRules & {
  id: string;
  active: boolean;
  ownerOrganisation: string | null;
  balances: TBalances;
  figures: TSpendFigures;
};

/** One fund with its pots and their figures; null if the council has no such fund. */
export async function getFund(tenantId: string, fundId: string, now = new Date()): Promise<(TFundSummary & { pots: TPotSummary[] }) | null> {
  return withTenant(tenantId, async (tx) => {
    const fund = await tx.fund.findUnique({ where: { id: fundId }, include: { pots: { orderBy: { name: "asc" }, include: { ownerOrganisation: { select: { name: true } } } } } });
    if (!fund) return null;
    const rows = await balancesOf(tx, [fund.id]);
    const fundBurn = await burnOf(tx, [fund.id], "fund", now);
    const potBurn = await burnOf(tx, [fund.id], "pot", now);
    const { pots, ...rest } = fund;
    return {
      ...summarise(rest, rows, fundBurn.get(fund.id), now),
      pots: pots.map((p) => {
        const balances = potBalances(rows, p.id);
        const used = balances.committed + balances.spent;
        return {
          id: p.id,
          name: p.name,
          active: p.active,
          ownerOrganisation: p.ownerOrganisation?.name ?? null,
          ownerOrganisationId: p.ownerOrganisationId,
          maxSingleAwardPence: p.maxSingleAwardPence,
          eligibleNeeds: p.eligibleNeeds,
          eligibleHouseholdTypes: p.eligibleHouseholdTypes,
          accessRoutes: p.accessRoutes,
          maxAwardsPerHousehold: p.maxAwardsPerHousehold,
          repeatWindowDays: p.repeatWindowDays,
          housingPayment: p.housingPayment,
          balances,
          figures: spendFigures({ totalPence: balances.available + used, usedPence: used, burn: potBurn.get(p.id) ?? { last7: 0n, last30: 0n }, periodEnd: fund.periodEnd, today: now }),
        };
      }),
    };
  });
}

/** A pot's transactions, newest first, as filtered; `limit` null for all of them (CSV export). */
export async function getPotHistory(tenantId: string, potId: string, filter: THistoryFilter, limit: number | null, offset = 0) {
  return withTenant(tenantId, (tx) => potHistory(tx, potId, filter, limit, offset));
}

/**
 * For fund pages: the signed-in person's access (with the permission checked) and the fund in
 * their council, or the not-found page — a malformed or another council's id looks the same.
 */
export async function requireFund(slug: string, fundId: string, permission: "funds:read" | "funds:manage") {
  const access = await requireCouncilPermission(slug, permission);
  const fund = /^[0-9a-f-]{36}$/.test(fundId) ? await getFund(access.council.id, fundId) : null;
  if (!fund) notFound();
  return { access, fund };
}
