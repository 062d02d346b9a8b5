// Spend figures and the run-out projection for a fund or a pot, and the words the budget screens
// say about them (staff pages are in English). Pure: no I/O, unit-tested.
import { formatDate } from "@/lib/dates";
import { formatPence } from "@/lib/money";

// "Used" money is committed + spent: it rises when an award is approved and falls when one is
// cancelled or a payment is reversed. The burn rate is the net rise in used money per day.

export type TBalances = { available: bigint; committed: bigint; spent: bigint };
export type TBurn = { last7: bigint; last30: bigint };

export type TProjection =
  | { kind: "ended" }
  /** Nothing left: never given any money (a new pot), or all of it used. */
  | { kind: "empty"; neverFunded: boolean }
  /** Money, but nothing ever used from it. */
  | { kind: "no-spend-yet" }
  | { kind: "no-recent-spend" }
  | { kind: "runs-out"; date: Date; daysFromNow: number }
  | { kind: "underspend"; pence: bigint };

/** A run-out this close (days) is "nearly empty". */
export const NEARLY_EMPTY_DAYS = 14;

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
  return { totalPence, usedPence, remainingPence, percentUsed, daysLeft, burnPerDay7, burnPerDay30, projection: project({ remainingPence, usedPence, burnPerDay: burnPerDay30, daysLeft, today }) };
}

/** At the 30-day burn rate: the date the money runs out, or what is left at the period's end. */
export function project(input: { remainingPence: bigint; usedPence: bigint; burnPerDay: bigint; daysLeft: number; today: Date }): TProjection {
  const { remainingPence, usedPence, burnPerDay, daysLeft, today } = input;
  if (daysLeft === 0) return { kind: "ended" };
  if (remainingPence <= 0n) return { kind: "empty", neverFunded: usedPence <= 0n };
  if (usedPence <= 0n) return { kind: "no-spend-yet" };
  if (burnPerDay <= 0n) return { kind: "no-recent-spend" };
  const daysOfMoney = Number(remainingPence / burnPerDay);
  if (daysOfMoney < daysLeft) {
    return { kind: "runs-out", date: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + daysOfMoney * DAY), daysFromNow: daysOfMoney };
  }
  return { kind: "underspend", pence: remainingPence - burnPerDay * BigInt(daysLeft) };
}

const nearlyEmpty = (p: TProjection) => p.kind === "runs-out" && p.daysFromNow < NEARLY_EMPTY_DAYS;

/**
 * The projection in words, and how loudly to say it: "Nearly empty: runs out around 5 December
 * 2026 (today)", "Empty: all its money is used", "No spending yet", "Underspend of about …".
 */
export function projectionText(p: TProjection, periodEnd: Date): { text: string; tone: "red" | "yellow" | null } {
  switch (p.kind) {
    case "ended":
      return { text: `The period ended on ${formatDate(periodEnd)}`, tone: null };
    case "empty":
      return { text: p.neverFunded ? "Empty: no money allocated yet" : "Empty: all its money is used", tone: p.neverFunded ? null : "red" };
    case "no-spend-yet":
      return { text: "No spending yet", tone: null };
    case "no-recent-spend":
      return { text: "No spending in the last 30 days", tone: null };
    case "runs-out": {
      const days = p.daysFromNow === 0 ? "today" : p.daysFromNow === 1 ? "1 day" : `${p.daysFromNow} days`;
      const when = `runs out around ${formatDate(p.date)} (${days})`;
      return nearlyEmpty(p) ? { text: `Nearly empty: ${when}`, tone: "red" } : { text: `R${when.slice(1)}`, tone: "yellow" };
    }
    case "underspend":
      return { text: `Underspend of about ${formatPence(p.pence)} at ${formatDate(periodEnd)}`, tone: null };
  }
}

/** Whether a pot takes new awards, as its page says it: never "open" when it is empty or about to be. */
export function potStatusText(active: boolean, availablePence: bigint, projection: TProjection): string {
  if (!active) return "Closed to new awards";
  if (availablePence <= 0n) return "Empty: no money for new awards";
  if (nearlyEmpty(projection)) return `Nearly empty: ${formatPence(availablePence)} left for new awards`;
  return "Open for new awards";
}
