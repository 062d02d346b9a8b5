// A return's figures, read from the ledger only (through the summaries the database keeps of it as postings arrive; never from payment tables): spend is money
// disbursed (DISBURSE) less money that came back (RECOMMIT: a payment returned, rejected or
// expired; REVERSE: refunded to the pot) in the period, by UK date; administration is the ADMIN
// kind by cost line, less ADMIN_REVERSE (a cost reversed, on the day it was reversed). Each disbursement carries its award (awardRef), and the award the need,
// household and route it was decided with, so a later correction of the application changes
// nothing here. Runs inside the caller's transaction (council in scope: row-level security).
// No "server-only": owner-run scripts may compute returns too.
import { sql as q } from "kysely";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { householdsHelpedBy, NO_POT } from "@/lib/reporting/dashboard";
import { ADMIN_COST_LINES, ALL_CATEGORIES, HOUSEHOLD_GROUPS, type TAdminCostLine, type THouseholdGroup } from "@/lib/reporting/categories";

export type TTally = { spendPence: bigint; awards: number; households: number };
export type TUnmapped = { potId: string; potName: string; needCategory: string | null; spendPence: bigint };

export type TReturnFigures = {
  fund: { id: string; name: string; funder: string; allocationPence: bigint; adminCapBasisPoints: number | null };
  /** ISO dates, inclusive. */
  period: { start: string; end: string };
  /** Mapped spend per funder category (every category present, zero if none). */
  byCategory: Record<string, TTally>;
  /** Mapped spend per household group. */
  byHousehold: Record<THouseholdGroup, TTally>;
  /** Spend that no mapping covers, by pot and need: the return names each. */
  unmapped: TUnmapped[];
  /** Mapped spend, awards and households in total (what the categories add up to). */
  total: TTally;
  /** Administration and evaluation spend in the period, by cost line. */
  admin: Record<TAdminCostLine, bigint>;
  /** Administration recorded against the fund since it opened, and its cap (null: no cap). */
  adminToDatePence: bigint;
  adminCapPence: bigint | null;
};

export type TMappingRow = { potId: string; needCategory: string; category: string };

const zeroTally = (): TTally => ({ spendPence: 0n, awards: 0, households: 0 });

/** The category a pot's (and need's) spend counts under: the need's own mapping, else the pot's ("*"), else none. */
export function categoryFor(mappings: readonly TMappingRow[], potId: string, needCategory: string | null): string | null {
  const ofPot = mappings.filter((m) => m.potId === potId);
  return (needCategory !== null ? ofPot.find((m) => m.needCategory === needCategory) : undefined)?.category ?? ofPot.find((m) => m.needCategory === "*")?.category ?? null;
}

/** Money and awards of one pot × need × household group in the period (the money summary's sums). */
type TSpendRow = {
  potId: string;
  potName: string;
  /** null: spend with no award line. */
  needCategory: string | null;
  householdGroup: THouseholdGroup;
  net: bigint;
  /** Awards whose payment day is in the period. */
  awards: number;
};

/** Households per funder category, per household group (each household in one), and in total. */
type THouseholdCounts = { byCategory: Record<string, number>; byHousehold: Partial<Record<THouseholdGroup, number>>; total: number };

/** The figures of one fund for one period (ISO dates, inclusive). null: no such fund in this council. */
export async function computeFigures(tx: Tx, fundId: string, period: { start: string; end: string }): Promise<TReturnFigures | null> {
  const fund = await tx.fund.findUnique({ where: { id: fundId }, select: { id: true, name: true, funder: true, allocationPence: true, adminCapBasisPoints: true } });
  if (!fund) return null;
  const db = prismaSql(tx).db;
  const ukDay = q<string>`("t"."createdAt" at time zone 'UTC' at time zone 'Europe/London')::date`;
  const adminNet = q<bigint>`case when "t"."kind" = 'ADMIN' then "t"."amountPence" else -"t"."amountPence" end`;
  // Spend and awards from the money summary the database keeps as postings arrive (migrations
  // 20261206130100 and 20261206161000, docs/reporting-summaries.md): per UK day, pot, need and
  // household group as decided, net paid and the awards whose payment day it is. The same sums as
  // the ledger's rows, without scanning them: a few hundred rows for any period.
  const potNames = new Map((await tx.pot.findMany({ where: { fundId }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const spendRows = await q<{ potId: string; needCategory: string; householdGroup: THouseholdGroup; net: string; awards: number }>`
    select "potId"::text as "potId", "needCategory", "householdGroup", sum("disbursedPence" - "recommittedPence" - "reversedPence")::text as net, sum("awardsPaid")::int as awards
    from "ReportLedgerDay" where "fundId" = ${fundId}::uuid and "day" between ${period.start}::date and ${period.end}::date and "potId" <> ${NO_POT}::uuid
    group by 1, 2, 3`.execute(db);
  const rows: TSpendRow[] = spendRows.rows.map((r) => ({
    potId: r.potId,
    potName: potNames.get(r.potId) ?? r.potId,
    needCategory: r.needCategory === "" ? null : r.needCategory,
    householdGroup: r.householdGroup,
    net: BigInt(r.net),
    awards: r.awards,
  }));
  // Households: the cases of the awards paid in the period (payment day in it), per funder
  // category under the council's mapping (the need's own mapping, else the pot's "*"), and each in
  // one household group, that of its first award paid in the period (then the lowest award id):
  // per-day counters kept as postings arrive and rebuilt when the mapping changes (ADR 0044).
  const households: THouseholdCounts = { byCategory: {}, byHousehold: {}, total: 0 };
  for (const r of await householdsHelpedBy(tx, { fundId, categories: true }, { from: period.start, to: period.end })) {
    if (r.category === "*") {
      const group = r.householdGroup as THouseholdGroup;
      households.byHousehold[group] = (households.byHousehold[group] ?? 0) + r.helped;
      households.total += r.helped;
    } else households.byCategory[r.category] = (households.byCategory[r.category] ?? 0) + r.helped;
  }
  const adminRows = await db
    .selectFrom("LedgerTransaction as t")
    .select(["t.costLine", q<bigint>`sum(${adminNet})::bigint`.as("pence")])
    .select(q<bigint>`coalesce(sum(${adminNet}) filter (where ${ukDay} between ${period.start}::date and ${period.end}::date), 0)::bigint`.as("periodPence"))
    .where("t.fundId", "=", fundId)
    // Net administration: a reversal (ADMIN_REVERSE, the reversed cost's line) counts against it on its own day.
    .where("t.kind", "in", ["ADMIN", "ADMIN_REVERSE"])
    .groupBy("t.costLine")
    .execute();
  const mappings = await tx.funderMapping.findMany({ where: { fundId }, select: { potId: true, needCategory: true, category: true } });
  return tally(fund, period, rows, households, adminRows.map((r) => ({ costLine: r.costLine ?? "", toDate: BigInt(r.pence), inPeriod: BigInt(r.periodPence) })), mappings);
}

/** Pure: the rows added up. Spend and awards by household group go by each award's own group; households by the group counted for them (THouseholdCounts). */
export function tally(
  fund: TReturnFigures["fund"],
  period: { start: string; end: string },
  rows: readonly TSpendRow[],
  households: THouseholdCounts,
  adminRows: readonly { costLine: string; toDate: bigint; inPeriod: bigint }[],
  mappings: readonly TMappingRow[],
): TReturnFigures {
  const byCategory: Record<string, TTally> = Object.fromEntries(ALL_CATEGORIES.map((c) => [c.id, zeroTally()]));
  const byHousehold = Object.fromEntries(HOUSEHOLD_GROUPS.map((g) => [g.id, zeroTally()])) as Record<THouseholdGroup, TTally>;
  const total = zeroTally();
  const unmapped = new Map<string, TUnmapped>();
  for (const r of rows) {
    const category = categoryFor(mappings, r.potId, r.needCategory);
    if (!category || !byCategory[category]) {
      const key = `${r.potId}|${r.needCategory ?? ""}`;
      const u = unmapped.get(key) ?? { potId: r.potId, potName: r.potName, needCategory: r.needCategory, spendPence: 0n };
      u.spendPence += r.net;
      unmapped.set(key, u);
      continue;
    }
    const group = HOUSEHOLD_GROUPS.some((g) => g.id === r.householdGroup) ? r.householdGroup : "other";
    for (const t of [byCategory[category]!, byHousehold[group], total]) {
      t.spendPence += r.net;
      t.awards += r.awards;
    }
  }
  for (const [id, t] of Object.entries(byCategory)) t.households = households.byCategory[id] ?? 0;
  for (const g of HOUSEHOLD_GROUPS) byHousehold[g.id].households = households.byHousehold[g.id] ?? 0;
  total.households = households.total;
  const admin = Object.fromEntries(ADMIN_COST_LINES.map((l) => [l.id, 0n])) as Record<TAdminCostLine, bigint>;
  let adminToDatePence = 0n;
  for (const a of adminRows) {
    if (Object.hasOwn(admin, a.costLine)) admin[a.costLine as TAdminCostLine] += a.inPeriod;
    adminToDatePence += a.toDate;
  }
  return {
    fund,
    period,
    byCategory,
    byHousehold,
    unmapped: [...unmapped.values()].filter((u) => u.spendPence !== 0n).sort((a, b) => a.potName.localeCompare(b.potName) || (a.needCategory ?? "").localeCompare(b.needCategory ?? "")),
    total,
    admin,
    adminToDatePence,
    adminCapPence: fund.adminCapBasisPoints === null ? null : (fund.allocationPence * BigInt(fund.adminCapBasisPoints)) / 10000n,
  };
}

/** Figures as JSON (money as pence strings), for a signed return's snapshot. */
export function figuresToJson(f: TReturnFigures): unknown {
  return JSON.parse(JSON.stringify(f, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)));
}

/** The snapshot back as figures (every "123n" string a bigint again). */
export function figuresFromJson(json: unknown): TReturnFigures {
  return JSON.parse(JSON.stringify(json), (_k, v: unknown) => (typeof v === "string" && /^-?\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v)) as TReturnFigures;
}
