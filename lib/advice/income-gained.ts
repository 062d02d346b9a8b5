// Extra income residents gained through onward referrals to advice partners: the figure behind
// reporting's "£ of extra income per £1" (issue 20). A recurring gain counts for one year
// (weekly × 52, or the yearly value); a backdated lump sum counts once. An outcome belongs to the
// period that holds the day it was confirmed (both ends included). The arithmetic is pure
// (`incomeGained`); `loadIncomeGained` reads one council's outcomes for it.
import "server-only";
import { sql as q } from "kysely";
import { councilIdOf, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { annualisedPence } from "@/lib/advice/annualised";
import type { AdviceOutcomeKind, AdviceValuePeriod } from "@/lib/generated/prisma/enums";

export { annualisedPence, WEEKS_IN_A_YEAR } from "@/lib/advice/annualised";

export type TGainRow = {
  tenantId: string;
  partnerId: string;
  partnerName: string;
  kind: AdviceOutcomeKind;
  valuePence: bigint;
  valuePeriod: AdviceValuePeriod;
  lumpSumPence: bigint;
  /** "YYYY-MM-DD" */
  confirmedOn: string;
};

/** A period of days, both ends included ("YYYY-MM-DD"). */
export type TPeriod = { from: string; to: string };

export type TGainTotals = { outcomes: number; annualisedPence: bigint; lumpSumPence: bigint; totalPence: bigint };
export type TIncomeGained = TGainTotals & {
  period: TPeriod;
  byKind: (TGainTotals & { kind: AdviceOutcomeKind })[];
  byPartner: (TGainTotals & { partnerId: string; partnerName: string })[];
  byCouncil: (TGainTotals & { tenantId: string })[];
};

/** One outcome's gain: its value for a year plus its backdated lump sum. */
export function outcomeGainPence(o: Pick<TGainRow, "valuePence" | "valuePeriod" | "lumpSumPence">): bigint {
  return annualisedPence(o.valuePence, o.valuePeriod) + o.lumpSumPence;
}

export function inPeriod(day: string, period: TPeriod): boolean {
  return day >= period.from && day <= period.to;
}

const empty = (): TGainTotals => ({ outcomes: 0, annualisedPence: 0n, lumpSumPence: 0n, totalPence: 0n });

function add(t: TGainTotals, o: TGainRow): void {
  const annual = annualisedPence(o.valuePence, o.valuePeriod);
  t.outcomes += 1;
  t.annualisedPence += annual;
  t.lumpSumPence += o.lumpSumPence;
  t.totalPence += annual + o.lumpSumPence;
}

const byTotal = (a: TGainTotals, b: TGainTotals) => (a.totalPence === b.totalPence ? 0 : a.totalPence > b.totalPence ? -1 : 1);

/** Extra income over a period: in all, by outcome kind, by partner and by council (largest first). */
export function incomeGained(rows: readonly TGainRow[], period: TPeriod): TIncomeGained {
  const total = empty();
  const kinds = new Map<AdviceOutcomeKind, TGainTotals & { kind: AdviceOutcomeKind }>();
  const partners = new Map<string, TGainTotals & { partnerId: string; partnerName: string }>();
  const councils = new Map<string, TGainTotals & { tenantId: string }>();
  for (const o of rows) {
    if (!inPeriod(o.confirmedOn, period)) continue;
    add(total, o);
    const k = kinds.get(o.kind) ?? { kind: o.kind, ...empty() };
    add(k, o);
    kinds.set(o.kind, k);
    const p = partners.get(o.partnerId) ?? { partnerId: o.partnerId, partnerName: o.partnerName, ...empty() };
    add(p, o);
    partners.set(o.partnerId, p);
    const c = councils.get(o.tenantId) ?? { tenantId: o.tenantId, ...empty() };
    add(c, o);
    councils.set(o.tenantId, c);
  }
  return { period, ...total, byKind: [...kinds.values()].sort(byTotal), byPartner: [...partners.values()].sort(byTotal), byCouncil: [...councils.values()].sort(byTotal) };
}

/** The twelve months to today: the default period shown on the advice partners page. */
export function lastTwelveMonths(today: string): TPeriod {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  // The same day a year before (29 February → 28 February), then the day after it.
  const yearBefore = Math.min(d, new Date(Date.UTC(y - 1, m, 0)).getUTCDate());
  const from = new Date(Date.UTC(y - 1, m - 1, yearBefore + 1));
  return { from: from.toISOString().slice(0, 10), to: today };
}

/** One council's outcomes confirmed in the period, as incomeGained reads them. */
export async function loadGainRows(actor: TActor, period: TPeriod): Promise<TGainRow[] | null> {
  if (!can(actor, "advice:manage") && !can(actor, "reports:read")) return null;
  return withTenantSql(councilIdOf(actor), (sql) =>
    sql.db
      .selectFrom("AdviceOutcome as o")
      .innerJoin("AdviceReferral as r", (j) => j.onRef("r.tenantId", "=", "o.tenantId").onRef("r.id", "=", "o.referralId"))
      .innerJoin("AdvicePartner as p", (j) => j.onRef("p.tenantId", "=", "r.tenantId").onRef("p.id", "=", "r.partnerId"))
      .select(["o.tenantId", "r.partnerId", "p.name as partnerName", "o.kind", "o.valuePence", "o.valuePeriod", "o.lumpSumPence", q<string>`to_char(o."confirmedOn", 'YYYY-MM-DD')`.as("confirmedOn")])
      .where("o.confirmedOn", ">=", q<Date>`${period.from}::date`)
      .where("o.confirmedOn", "<=", q<Date>`${period.to}::date`)
      .execute(),
  );
}

/** One council's extra income over a period (reporting and the advice partners page). */
export async function loadIncomeGained(actor: TActor, period: TPeriod): Promise<TIncomeGained | null> {
  const rows = await loadGainRows(actor, period);
  return rows && incomeGained(rows, period);
}
