import "server-only";
import { notFound } from "next/navigation";
import { requireCouncilPermission } from "@/lib/auth/access";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant-scope";
import type { LedgerTransactionKind } from "@/lib/generated/prisma/client";
import type { TPotRules } from "@/lib/funds/write";
import { spendFigures, type TBalances, type TBurn, type TSpendFigures } from "@/lib/funds/projection";

// Read models for the budget screens. Everything runs inside withTenant, so row-level security
// limits it to the council in scope whatever ids are asked for.

type TBalanceRow = { fundId: string; potId: string | null; kind: string; balance: bigint };
type TBurnRow = { key: string; last7: bigint; last30: bigint };

async function balancesOf(tx: Tx, fundIds: string[]) {
  if (!fundIds.length) return [];
  return tx.$queryRaw<TBalanceRow[]>`select "fundId", "potId", kind::text, "balancePence" as balance
    from "LedgerAccount" where "fundId" = any(${fundIds}::uuid[])`;
}

/** Net money taken into use (commits less releases and reversals) over the last 7 and 30 days, per fund or per pot. */
async function burnOf(tx: Tx, fundIds: string[], per: "fund" | "pot", now: Date): Promise<Map<string, TBurn>> {
  if (!fundIds.length) return new Map();
  const since30 = new Date(now.getTime() - 30 * 86_400_000);
  const since7 = new Date(now.getTime() - 7 * 86_400_000);
  const rows = await tx.$queryRaw<TBurnRow[]>`
    select (case when ${per} = 'fund' then "fundId" else "potId" end)::text as key,
      coalesce(sum(case when "createdAt" >= ${since7} then (case kind when 'COMMIT' then "amountPence" else -"amountPence" end) end), 0)::bigint as last7,
      coalesce(sum(case kind when 'COMMIT' then "amountPence" else -"amountPence" end), 0)::bigint as last30
    from "LedgerTransaction"
    where "fundId" = any(${fundIds}::uuid[]) and kind in ('COMMIT', 'RELEASE', 'REVERSE') and "createdAt" >= ${since30} and "createdAt" <= ${now}
    group by 1`;
  return new Map(rows.map((r) => [r.key, { last7: r.last7, last30: r.last30 }]));
}

const ZERO: TBalances = { available: 0n, committed: 0n, spent: 0n };

function potBalances(rows: TBalanceRow[], potId: string): TBalances {
  const b = { ...ZERO };
  for (const r of rows) {
    if (r.potId !== potId) continue;
    if (r.kind === "AVAILABLE") b.available = r.balance;
    if (r.kind === "COMMITTED") b.committed = r.balance;
    if (r.kind === "SPENT") b.spent = r.balance;
  }
  return b;
}

export type TFundSummary = {
  id: string;
  name: string;
  funder: string;
  status: string;
  periodStart: Date;
  periodEnd: Date;
  allocationPence: bigint;
  adminCapBasisPoints: number | null;
  unallocatedPence: bigint;
  allocatedToPotsPence: bigint;
  availablePence: bigint;
  committedPence: bigint;
  spentPence: bigint;
  figures: TSpendFigures;
};

function summarise(
  fund: { id: string; name: string; funder: string; status: string; periodStart: Date; periodEnd: Date; allocationPence: bigint; adminCapBasisPoints: number | null },
  rows: TBalanceRow[],
  burn: TBurn | undefined,
  now: Date,
): TFundSummary {
  let unallocated = 0n;
  const totals = { ...ZERO };
  for (const r of rows) {
    if (r.fundId !== fund.id) continue;
    if (r.kind === "UNALLOCATED") unallocated = r.balance;
    if (r.kind === "AVAILABLE") totals.available += r.balance;
    if (r.kind === "COMMITTED") totals.committed += r.balance;
    if (r.kind === "SPENT") totals.spent += r.balance;
  }
  return {
    ...fund,
    unallocatedPence: unallocated,
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
          balances,
          figures: spendFigures({ totalPence: balances.available + used, usedPence: used, burn: potBurn.get(p.id) ?? { last7: 0n, last30: 0n }, periodEnd: fund.periodEnd, today: now }),
        };
      }),
    };
  });
}

export const TRANSACTION_KINDS: readonly LedgerTransactionKind[] = ["FUND", "RETURN", "ALLOCATE", "MOVE", "COMMIT", "RELEASE", "DISBURSE", "REVERSE"];

export const TRANSACTION_KIND_LABELS: Record<LedgerTransactionKind, string> = {
  FUND: "Paid in by funder",
  RETURN: "Returned to funder",
  ALLOCATE: "Allocated from fund",
  MOVE: "Moved between pots",
  COMMIT: "Award approved",
  RELEASE: "Award cancelled",
  DISBURSE: "Payment made",
  REVERSE: "Payment reversed",
};

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

function availableEffect(potId: string, t: { kind: LedgerTransactionKind; potId: string | null; toPotId: string | null; amountPence: bigint }): bigint {
  switch (t.kind) {
    case "ALLOCATE":
    case "RELEASE":
    case "REVERSE":
      return t.amountPence;
    case "COMMIT":
      return -t.amountPence;
    case "MOVE":
      return t.toPotId === potId ? t.amountPence : -t.amountPence;
    default:
      return 0n;
  }
}

/** A pot's transactions, newest first, as filtered; `limit` null for all of them (CSV export). */
export async function getPotHistory(tenantId: string, potId: string, filter: THistoryFilter, limit: number | null, offset = 0) {
  return withTenant(tenantId, async (tx) => {
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
  });
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
