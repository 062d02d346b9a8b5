// The managers' dashboard (issue 20): what it shows, as data. One contract between the code that
// reads the figures (lib/reporting/dashboard.ts `loadDashboard`, served from summaries kept up to
// date as postings arrive) and the code that shows them (pages, charts, CSV/XLSX downloads, the
// shared read-only view with small numbers suppressed), which all work from `TReportTable`s made
// by lib/reporting/dashboard-tables.ts, so what is downloaded is what is on the screen.
// Money is in pence (bigint); days are UK dates "YYYY-MM-DD", both ends included.
import type { TProjection } from "@/lib/funds/projection";
import type { AdviceOutcomeKind, ApplicationChannel } from "@/lib/generated/prisma/enums";
import type { THouseholdGroup } from "@/lib/reporting/categories";
import type { TAccessRoute } from "@/lib/vocabulary";

/** What the dashboard is asked for: one fund or all of the council's funds, over a period. */
export type TDashboardFilter = {
  /** null: every fund of the council. */
  fundId: string | null;
  from: string;
  to: string;
};

/** A breakdown's dimensions, and the filters a breakdown page may add (each null: all). */
export const BREAKDOWN_DIMENSIONS = ["need", "household", "route", "partner", "pot"] as const;
export type TBreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
export type TBreakdownFilter = TDashboardFilter & {
  need: string | null;
  household: THouseholdGroup | null;
  route: TAccessRoute | null;
  /** An Organisation id (the referring partner), or "none" for cases no partner referred. */
  partner: string | null;
};

/** Money now (balances are today's, whatever the period), per fund and per pot. */
export type TMoneyLine = {
  fundId: string;
  fundName: string;
  /** null: the fund's own line (its pots added up, plus money not yet in a pot). */
  potId: string | null;
  potName: string | null;
  allocationPence: bigint;
  committedPence: bigint;
  paidPence: bigint;
  availablePence: bigint;
  burnPerDay7Pence: bigint;
  burnPerDay30Pence: bigint;
  periodEnd: string;
  projection: TProjection;
  /** A pot that runs out within 14 days; a fund that will underspend by more than 10 % of its allocation. */
  warning: "pot-runs-out-soon" | "fund-underspend" | null;
};

/** Submissions (applications and referrals) per week (weeks start on Monday) by channel. */
export type TWeeklyChannel = { weekStart: string; channel: ApplicationChannel; submissions: number };

/** Hours from submission to an event, over the cases that reached it in the period. */
export type TTiming = {
  cases: number;
  medianHours: number | null;
  p90Hours: number | null;
  /** Cases that reached it on or before their SLA due day. */
  withinSla: number;
};

/**
 * Along one dimension: awards paid in the period (their payment day is in it: the day of the
 * latest payment out, while it has not come back; ADR 0044) and money paid in the period, net of
 * money that came back (each movement on its own day).
 */
export type TBreakdownRow = {
  /** The need id, household group, access route, Organisation id ("none"), or pot id. */
  key: string;
  label: string;
  awards: number;
  paidPence: bigint;
};

export type TOnwardReferralRow = {
  partnerId: string;
  partnerName: string;
  referrals: number;
  /** Outcomes recorded in the period, by kind. */
  outcomes: Partial<Record<AdviceOutcomeKind, number>>;
  /** Annual value of recurring gains plus lump sums (lib/advice/income-gained.ts). */
  gainedPence: bigint;
};

export type TDashboard = {
  filter: TDashboardFilter;
  /** When the figures were read (summaries are up to date to this moment). */
  asOf: Date;
  money: TMoneyLine[];
  outputs: {
    weekly: TWeeklyChannel[];
    firstContact: TTiming;
    decision: TTiming;
    /** The council's SLA, in words for the page ("2 working days for urgent cases…"). */
    slaText: string;
    decided: number;
    approved: number;
    byNeed: TBreakdownRow[];
    byHousehold: TBreakdownRow[];
    byRoute: TBreakdownRow[];
    byPartner: TBreakdownRow[];
    /** Households (cases) with an award paid in the period, and those of them helped on two or more different days up to the period's end (from the same fund, or any when all funds are shown). */
    householdsHelped: number;
    householdsHelpedMoreThanOnce: number;
  };
  outcomes: {
    incomeGained: { outcomes: number; annualisedPence: bigint; lumpSumPence: bigint; totalPence: bigint };
    awardsPaidPence: bigint;
    /** What the manager entered for staff costs in this period (null: not entered). */
    staffCostPence: bigint | null;
    onwardReferrals: TOnwardReferralRow[];
  };
};

/** One table as shown, downloaded, charted and shared. Cells hold raw values; the column says how to show them. */
export type TReportColumn = { key: string; label: string; kind: "text" | "count" | "pence" | "percent" | "hours" | "date" };
export type TReportCell = string | number | bigint | null;
export type TReportTable = {
  id: string;
  title: string;
  columns: TReportColumn[];
  rows: Record<string, TReportCell>[];
  /** The totals row, when the table has one (it adds up its rows to the penny). */
  total: Record<string, TReportCell> | null;
  /** Columns that are the sum of other columns of the same row (e.g. a week's submissions over every channel): suppression (lib/reporting/suppression.ts) protects them too. */
  sums?: { key: string; of: string[] }[];
};
