// The managers' dashboard's figures, read straight from the base tables (ledger, awards, cases,
// advice). A plain version so the pages could be built at once: the summaries branch
// (h20-summaries) serves the same two functions from summary tables, and its file replaces this
// one at merge. Runs inside the caller's transaction with the council in scope (row-level
// security keeps every read to that council). Money from the ledger as figures.ts reads it:
// DISBURSE less RECOMMIT and REVERSE, by UK day. staffCostPence is null here: the page fills it
// in from lib/reporting/staff-costs.ts.
import { sql as q } from "kysely";
import type { TDashboard, TBreakdownDimension, TBreakdownFilter, TBreakdownRow, TDashboardFilter, TMoneyLine, TTiming, TWeeklyChannel, TOnwardReferralRow } from "@/lib/reporting/dashboard-types";
import { incomeGained, type TGainRow } from "@/lib/advice/income-gained";
import { loadCaseworkSettings } from "@/lib/cases/settings";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { NEARLY_EMPTY_DAYS, spendFigures } from "@/lib/funds/projection";
import type { AdviceOutcomeKind, ApplicationChannel } from "@/lib/generated/prisma/enums";
import { balancesOf, burnOf, fundBalances, potBalances } from "@/lib/ledger/read-model";
import { HOUSEHOLD_GROUPS, householdGroupOf } from "@/lib/reporting/categories";
import vocabulary from "@/messages/en/vocabulary.json";

type TAwardRow = {
  awardId: string;
  caseId: string;
  needCategory: string;
  householdTypes: string[];
  accessRoute: string | null;
  organisationId: string | null;
  organisationName: string | null;
  potId: string;
  potName: string;
  net: bigint;
};

const londonDay = (col: string) => q.raw(`(${col} at time zone 'UTC' at time zone 'Europe/London')::date`);

/** The period's money per award (net of money that came back), with what the award was decided with. */
async function awardRows(tx: Tx, filter: TDashboardFilter): Promise<TAwardRow[]> {
  const r = await q<Omit<TAwardRow, "net"> & { net: string }>`
    select a.id as "awardId", a."caseId", a."needCategory", a."householdTypes", a."accessRoute",
      c."organisationId", o.name as "organisationName", t."potId", p.name as "potName",
      sum(case when t.kind = 'DISBURSE' then t."amountPence" else -t."amountPence" end)::text as net
    from "LedgerTransaction" t
    join "Pot" p on p."tenantId" = t."tenantId" and p.id = t."potId"
    join "Award" a on a."tenantId" = t."tenantId" and a.id::text = t."awardRef"
    join "Case" c on c."tenantId" = a."tenantId" and c.id = a."caseId"
    left join "Organisation" o on o."tenantId" = c."tenantId" and o.id = c."organisationId"
    where t.kind in ('DISBURSE', 'RECOMMIT', 'REVERSE')
      and ${londonDay(`t."createdAt"`)} between ${filter.from}::date and ${filter.to}::date
      and (${filter.fundId}::uuid is null or t."fundId" = ${filter.fundId}::uuid)
    group by a.id, a."caseId", a."needCategory", a."householdTypes", a."accessRoute", c."organisationId", o.name, t."potId", p.name`.execute(prismaSql(tx).db);
  return r.rows.map((x) => ({ ...x, net: BigInt(x.net) }));
}

const NEED_LABELS: Record<string, string> = vocabulary.needs;
const ROUTE_LABELS: Record<string, string> = vocabulary.accessRoutes;

function keyOf(row: TAwardRow, dimension: TBreakdownDimension): { key: string; label: string } {
  switch (dimension) {
    case "need":
      return { key: row.needCategory, label: NEED_LABELS[row.needCategory] ?? row.needCategory };
    case "household": {
      const g = householdGroupOf(row.householdTypes);
      return { key: g, label: HOUSEHOLD_GROUPS.find((h) => h.id === g)!.label };
    }
    case "route": {
      const route = row.accessRoute ?? "APPLICATION";
      return { key: route, label: ROUTE_LABELS[route] ?? route };
    }
    case "partner":
      return row.organisationId ? { key: row.organisationId, label: row.organisationName ?? "Partner" } : { key: "none", label: "No referring partner" };
    case "pot":
      return { key: row.potId, label: row.potName };
  }
}

function matches(row: TAwardRow, f: Partial<TBreakdownFilter>): boolean {
  if (f.need && row.needCategory !== f.need) return false;
  if (f.household && householdGroupOf(row.householdTypes) !== f.household) return false;
  if (f.route && (row.accessRoute ?? "APPLICATION") !== f.route) return false;
  if (f.partner && (row.organisationId ?? "none") !== f.partner) return false;
  return true;
}

/** Rows grouped along one dimension, largest paid first; an award and its household count where money went out (net above zero). */
function group(rows: readonly TAwardRow[], dimension: TBreakdownDimension): TBreakdownRow[] {
  const out = new Map<string, TBreakdownRow & { awardIds: Set<string>; caseIds: Set<string> }>();
  for (const r of rows) {
    const { key, label } = keyOf(r, dimension);
    const g = out.get(key) ?? { key, label, awards: 0, households: 0, paidPence: 0n, awardIds: new Set(), caseIds: new Set() };
    g.paidPence += r.net;
    if (r.net > 0n) {
      g.awardIds.add(r.awardId);
      g.caseIds.add(r.caseId);
    }
    out.set(key, g);
  }
  return [...out.values()]
    .map(({ awardIds, caseIds, ...g }) => ({ ...g, awards: awardIds.size, households: caseIds.size }))
    .filter((g) => g.paidPence !== 0n || g.awards > 0)
    .sort((a, b) => (a.paidPence === b.paidPence ? a.label.localeCompare(b.label) : a.paidPence > b.paidPence ? -1 : 1));
}

export async function loadBreakdown(tx: Tx, filter: TBreakdownFilter, dimension: TBreakdownDimension): Promise<TBreakdownRow[]> {
  return group((await awardRows(tx, filter)).filter((r) => matches(r, filter)), dimension);
}

const casesOfFund = (fundId: string | null) =>
  q`(${fundId}::uuid is null or exists (select 1 from "Award" w join "Pot" wp on wp."tenantId" = w."tenantId" and wp.id = w."potId" where w."tenantId" = c."tenantId" and w."caseId" = c.id and wp."fundId" = ${fundId}::uuid))`;

async function timing(tx: Tx, filter: TDashboardFilter, event: "first-contact" | "decision"): Promise<TTiming> {
  // First contact: the first timeline line a member of staff wrote on the case (claimed, a note, a message…).
  const source =
    event === "decision"
      ? q`select c."receivedAt", c."slaDueOn", c."decidedAt" as at from "Case" c where c."decidedAt" is not null and ${casesOfFund(filter.fundId)}`
      : q`select c."receivedAt", c."slaDueOn", min(e."createdAt") as at from "Case" c
          join "CaseEvent" e on e."tenantId" = c."tenantId" and e."caseId" = c.id and e."actorKind" in ('staff', 'person')
          where ${casesOfFund(filter.fundId)} group by c.id, c."receivedAt", c."slaDueOn"`;
  const r = await q<{ cases: number; median: number | null; p90: number | null; within: number }>`
    select count(*)::int as cases,
      percentile_cont(0.5) within group (order by extract(epoch from x.at - x."receivedAt") / 3600)::float8 as median,
      percentile_cont(0.9) within group (order by extract(epoch from x.at - x."receivedAt") / 3600)::float8 as p90,
      (count(*) filter (where ${londonDay("x.at")} <= x."slaDueOn"))::int as within
    from (${source}) x
    where ${londonDay("x.at")} between ${filter.from}::date and ${filter.to}::date`.execute(prismaSql(tx).db);
  const row = r.rows[0]!;
  const round = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
  return { cases: row.cases, medianHours: round(row.median), p90Hours: round(row.p90), withinSla: row.within };
}

async function moneyLines(tx: Tx, filter: TDashboardFilter, now: Date): Promise<TMoneyLine[]> {
  const funds = await tx.fund.findMany({
    where: filter.fundId ? { id: filter.fundId } : {},
    orderBy: [{ periodEnd: "desc" }, { name: "asc" }],
    include: { pots: { orderBy: { name: "asc" } } },
  });
  const ids = funds.map((f) => f.id);
  const [rows, fundBurn, potBurn] = [await balancesOf(tx, ids), await burnOf(tx, ids, "fund", now), await burnOf(tx, ids, "pot", now)];
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const lines: TMoneyLine[] = [];
  for (const f of funds) {
    const t = fundBalances(rows, f.id);
    const used = t.committed + t.spent;
    const fig = spendFigures({ totalPence: f.allocationPence, usedPence: used, burn: fundBurn.get(f.id) ?? { last7: 0n, last30: 0n }, periodEnd: f.periodEnd, today: now });
    const underspend = fig.projection.kind === "underspend" && fig.projection.pence * 10n > f.allocationPence;
    lines.push({
      fundId: f.id,
      fundName: f.name,
      potId: null,
      potName: null,
      allocationPence: f.allocationPence,
      committedPence: t.committed,
      paidPence: t.spent,
      availablePence: t.available + t.unallocated,
      burnPerDay7Pence: fig.burnPerDay7,
      burnPerDay30Pence: fig.burnPerDay30,
      periodEnd: iso(f.periodEnd),
      projection: fig.projection,
      warning: underspend ? "fund-underspend" : null,
    });
    for (const p of f.pots) {
      const b = potBalances(rows, p.id);
      const potUsed = b.committed + b.spent;
      const pf = spendFigures({ totalPence: b.available + potUsed, usedPence: potUsed, burn: potBurn.get(p.id) ?? { last7: 0n, last30: 0n }, periodEnd: f.periodEnd, today: now });
      const soon = pf.projection.kind === "runs-out" && pf.projection.daysFromNow < NEARLY_EMPTY_DAYS;
      lines.push({
        fundId: f.id,
        fundName: f.name,
        potId: p.id,
        potName: p.name,
        allocationPence: b.available + potUsed,
        committedPence: b.committed,
        paidPence: b.spent,
        availablePence: b.available,
        burnPerDay7Pence: pf.burnPerDay7,
        burnPerDay30Pence: pf.burnPerDay30,
        periodEnd: iso(f.periodEnd),
        projection: pf.projection,
        warning: soon ? "pot-runs-out-soon" : null,
      });
    }
  }
  return lines;
}

/** Households helped in the period (by address, else the case), and those of them with awards on more than one case up to the period's end. */
async function householdsHelped(tx: Tx, caseIds: readonly string[], to: string): Promise<{ helped: number; moreThanOnce: number }> {
  if (!caseIds.length) return { helped: 0, moreThanOnce: 0 };
  const r = await q<{ helped: number; more: number }>`
    with helped as (
      select distinct coalesce(ap."addressKey", c.id::text) as hk
      from "Case" c join "Application" ap on ap."tenantId" = c."tenantId" and ap.id = c."applicationId"
      where c.id = any(${[...caseIds]}::uuid[])
    ), ever as (
      select coalesce(ap."addressKey", c.id::text) as hk, count(distinct c.id) as n
      from "Case" c join "Application" ap on ap."tenantId" = c."tenantId" and ap.id = c."applicationId"
      where exists (select 1 from "Award" w where w."tenantId" = c."tenantId" and w."caseId" = c.id and w.status = 'APPROVED'
        and ${londonDay(`w."approvedAt"`)} <= ${to}::date)
      group by 1
    )
    select (select count(*) from helped)::int as helped,
      (select count(*) from helped h join ever e on e.hk = h.hk where e.n > 1)::int as more`.execute(prismaSql(tx).db);
  return { helped: r.rows[0]!.helped, moreThanOnce: r.rows[0]!.more };
}

async function onward(tx: Tx, filter: TDashboardFilter) {
  const db = prismaSql(tx).db;
  const gains: TGainRow[] = (
    await q<Omit<TGainRow, "valuePence" | "lumpSumPence"> & { valuePence: string; lumpSumPence: string }>`
      select o."tenantId", r."partnerId", p.name as "partnerName", o.kind, o."valuePence"::text as "valuePence", o."valuePeriod",
        o."lumpSumPence"::text as "lumpSumPence", to_char(o."confirmedOn", 'YYYY-MM-DD') as "confirmedOn"
      from "AdviceOutcome" o
      join "AdviceReferral" r on r."tenantId" = o."tenantId" and r.id = o."referralId"
      join "AdvicePartner" p on p."tenantId" = r."tenantId" and p.id = r."partnerId"
      where o."confirmedOn" between ${filter.from}::date and ${filter.to}::date`.execute(db)
  ).rows.map((g) => ({ ...g, valuePence: BigInt(g.valuePence), lumpSumPence: BigInt(g.lumpSumPence) }));
  const gained = incomeGained(gains, { from: filter.from, to: filter.to });
  const referrals = await q<{ partnerId: string; partnerName: string; n: number }>`
    select p.id as "partnerId", p.name as "partnerName", count(r.id)::int as n
    from "AdvicePartner" p left join "AdviceReferral" r on r."tenantId" = p."tenantId" and r."partnerId" = p.id
      and ${londonDay(`r."createdAt"`)} between ${filter.from}::date and ${filter.to}::date
    group by p.id, p.name order by p.name`.execute(db);
  const rows: TOnwardReferralRow[] = referrals.rows.map((p) => {
    const outcomes: Partial<Record<AdviceOutcomeKind, number>> = {};
    for (const g of gains.filter((x) => x.partnerId === p.partnerId)) outcomes[g.kind] = (outcomes[g.kind] ?? 0) + 1;
    return { partnerId: p.partnerId, partnerName: p.partnerName, referrals: p.n, outcomes, gainedPence: gained.byPartner.find((b) => b.partnerId === p.partnerId)?.totalPence ?? 0n };
  });
  return {
    incomeGained: { outcomes: gained.outcomes, annualisedPence: gained.annualisedPence, lumpSumPence: gained.lumpSumPence, totalPence: gained.totalPence },
    onwardReferrals: rows.filter((r) => r.referrals > 0 || r.gainedPence !== 0n || Object.keys(r.outcomes).length > 0),
  };
}

export async function loadDashboard(tx: Tx, filter: TDashboardFilter, now: Date): Promise<TDashboard> {
  const db = prismaSql(tx).db;
  const weekly = await q<{ weekStart: string; channel: ApplicationChannel; submissions: number }>`
    select to_char(date_trunc('week', ${londonDay(`c."receivedAt"`)}), 'YYYY-MM-DD') as "weekStart", c.channel, count(*)::int as submissions
    from "Case" c
    where ${londonDay(`c."receivedAt"`)} between ${filter.from}::date and ${filter.to}::date and ${casesOfFund(filter.fundId)}
    group by 1, 2 order by 1, 2`.execute(db);
  const decisions = await q<{ decided: number; approved: number }>`
    select count(*)::int as decided, (count(*) filter (where c.status in ('APPROVED', 'PART_APPROVED')))::int as approved
    from "Case" c
    where c."decidedAt" is not null and ${londonDay(`c."decidedAt"`)} between ${filter.from}::date and ${filter.to}::date and ${casesOfFund(filter.fundId)}`.execute(db);
  const tenant = await q<{ id: string }>`select app_current_tenant() as id`.execute(db);
  const sla = (await loadCaseworkSettings(prismaSql(tx), tenant.rows[0]!.id)).sla;
  const rows = await awardRows(tx, filter);
  const helped = await householdsHelped(tx, [...new Set(rows.filter((r) => r.net > 0n).map((r) => r.caseId))], filter.to);
  const advice = await onward(tx, filter);
  return {
    filter,
    asOf: now,
    money: await moneyLines(tx, filter, now),
    outputs: {
      weekly: weekly.rows satisfies TWeeklyChannel[],
      firstContact: await timing(tx, filter, "first-contact"),
      decision: await timing(tx, filter, "decision"),
      slaText: `${sla.urgentWorkingDays} working days for urgent cases, ${sla.standardWorkingDays} working days for the others`,
      decided: decisions.rows[0]!.decided,
      approved: decisions.rows[0]!.approved,
      byNeed: group(rows, "need"),
      byHousehold: group(rows, "household"),
      byRoute: group(rows, "route"),
      byPartner: group(rows, "partner"),
      householdsHelped: helped.helped,
      householdsHelpedMoreThanOnce: helped.moreThanOnce,
    },
    outcomes: {
      incomeGained: advice.incomeGained,
      awardsPaidPence: rows.reduce((s, r) => s + r.net, 0n),
      staffCostPence: null,
      onwardReferrals: advice.onwardReferrals,
    },
  };
}
