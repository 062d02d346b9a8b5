// Spend figures and the run-out projection for a fund or a pot. Pure: no I/O, unit-tested.
// "Used" money is committed + spent: it rises when an award is approved and falls when one is
// cancelled or a payment is reversed. The burn rate is the net rise in used money per day.

export type TBalances = { available: bigint; committed: bigint; spent: bigint };
export type TBurn = { last7: bigint; last30: bigint };

export type TProjection =
  | { kind: "ended" }
  | { kind: "no-spend" }
  | { kind: "runs-out"; date: Date; daysFromNow: number }
  | { kind: "underspend"; pence: bigint };

export type TSpendFigures = {
  /** What the fund (or pot) has to spend in total. */
  totalPence: bigint;
  usedPence: bigint;
  remainingPence: bigint;
  /** Used as a share of the total, in whole percent (rounded down, so 100 means all used). */
  percentUsed: number;
  daysLeft: number;
  burnPerDay7: bigint;
  burnPerDay30: bigint;
  projection: TProjection;
};

const DAY = 86_400_000;

/** Whole days from today (UK date) to the period's last day, counting both; 0 once it has ended. */
export function daysLeftInPeriod(periodEnd: Date, today: Date): number {
  const end = Date.UTC(periodEnd.getUTCFullYear(), periodEnd.getUTCMonth(), periodEnd.getUTCDate());
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.max(0, Math.floor((end - now) / DAY) + 1);
}

export function spendFigures(input: { totalPence: bigint; usedPence: bigint; burn: TBurn; periodEnd: Date; today: Date }): TSpendFigures {
  const { totalPence, usedPence, burn, periodEnd, today } = input;
  const remainingPence = totalPence - usedPence;
  const daysLeft = daysLeftInPeriod(periodEnd, today);
  const burnPerDay7 = burn.last7 > 0n ? burn.last7 / 7n : 0n;
  const burnPerDay30 = burn.last30 > 0n ? burn.last30 / 30n : 0n;
  const percentUsed = totalPence > 0n ? Number((usedPence * 100n) / totalPence) : 0;
  return { totalPence, usedPence, remainingPence, percentUsed, daysLeft, burnPerDay7, burnPerDay30, projection: project(remainingPence, burnPerDay30, daysLeft, today) };
}

/** At the 30-day burn rate: the date the money runs out, or what is left at the period's end. */
export function project(remainingPence: bigint, burnPerDay: bigint, daysLeft: number, today: Date): TProjection {
  if (daysLeft === 0) return { kind: "ended" };
  if (burnPerDay <= 0n) return remainingPence > 0n ? { kind: "no-spend" } : { kind: "runs-out", date: today, daysFromNow: 0 };
  const daysOfMoney = Number(remainingPence / burnPerDay);
  if (daysOfMoney < daysLeft) {
    return { kind: "runs-out", date: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + daysOfMoney * DAY), daysFromNow: daysOfMoney };
  }
  return { kind: "underspend", pence: remainingPence - burnPerDay * BigInt(daysLeft) };
}
