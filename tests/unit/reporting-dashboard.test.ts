// The dashboard's tables (lib/reporting/dashboard-tables.ts) add up to the penny, and the shared
// view's suppression (lib/reporting/suppression.ts) hides counts of 1–4, the money of their rows,
// and enough other cells that no sum gives a hidden value away: each test plays the attacker,
// solving every sum a table states for the hidden cells.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BREAKDOWN_TABLES, dashboardTables } from "@/lib/reporting/dashboard-tables";
import type { TDashboard, TReportCell, TReportTable } from "@/lib/reporting/dashboard-types";
import { feasible, HIDDEN, relationsOf, SMALL, suppressSmallNumbers, suppressTable } from "@/lib/reporting/suppression";
import { filterQuery, parseDashboardQuery } from "@/lib/reporting/dashboard-filter";
import { sheetName, tablesToCsv } from "@/lib/reporting/dashboard-files";

const row = (key: string, awards: number, paidPence: bigint) => ({ key, label: key, awards, paidPence });

export function sampleDashboard(): TDashboard {
  const projection = { kind: "underspend", pence: 500_000n } as const;
  return {
    filter: { fundId: null, from: "2026-09-01", to: "2026-11-30" },
    asOf: new Date("2026-12-06T12:00:00Z"),
    money: [
      { fundId: "f1", fundName: "Crisis fund", potId: null, potName: null, allocationPence: 10_000_000n, committedPence: 120_055n, paidPence: 3_400_001n, availablePence: 6_479_944n, burnPerDay7Pence: 12_345n, burnPerDay30Pence: 23_456n, periodEnd: "2027-03-31", projection, warning: "fund-underspend" },
      { fundId: "f1", fundName: "Crisis fund", potId: "p1", potName: "Food", allocationPence: 2_000_000n, committedPence: 20_055n, paidPence: 1_400_001n, availablePence: 579_944n, burnPerDay7Pence: 5_000n, burnPerDay30Pence: 6_000n, periodEnd: "2027-03-31", projection: { kind: "runs-out", date: new Date("2026-12-12T00:00:00Z"), daysFromNow: 6 }, warning: "pot-runs-out-soon" },
      { fundId: "f1", fundName: "Crisis fund", potId: "p2", potName: "Energy", allocationPence: 3_000_000n, committedPence: 100_000n, paidPence: 2_000_000n, availablePence: 900_000n, burnPerDay7Pence: 7_345n, burnPerDay30Pence: 17_456n, periodEnd: "2027-03-31", projection, warning: null },
    ],
    outputs: {
      weekly: [
        { weekStart: "2026-09-07", channel: "RESIDENT_ONLINE", submissions: 12 },
        { weekStart: "2026-09-07", channel: "REFERRAL_PORTAL", submissions: 3 },
        { weekStart: "2026-09-14", channel: "RESIDENT_ONLINE", submissions: 9 },
        { weekStart: "2026-09-14", channel: "OFFICER_PHONE", submissions: 6 },
      ],
      firstContact: { cases: 30, medianHours: 5.5, p90Hours: 30.2, withinSla: 27 },
      decision: { cases: 3, medianHours: 50, p90Hours: 90, withinSla: 2 },
      slaText: "2 working days for urgent cases, 10 working days for the others",
      decided: 28,
      approved: 21,
      byNeed: [row("food", 12, 240_001n), row("energy", 2, 31_999n), row("furniture", 7, 154_321n)],
      byHousehold: [row("children", 10, 200_000n), row("pensioner", 11, 226_321n)],
      byRoute: [row("APPLICATION", 21, 426_321n)],
      byPartner: [row("none", 17, 340_000n), row("org-1", 4, 86_321n)],
      householdsHelped: 19,
      householdsHelpedMoreThanOnce: 3,
    },
    outcomes: {
      incomeGained: { outcomes: 6, annualisedPence: 520_000n, lumpSumPence: 80_001n, totalPence: 600_001n },
      awardsPaidPence: 426_321n,
      staffCostPence: 300_000n,
      onwardReferrals: [
        { partnerId: "a1", partnerName: "Citizens Advice", referrals: 9, outcomes: { PENSION_CREDIT: 2, UNIVERSAL_CREDIT: 3 }, gainedPence: 500_001n },
        { partnerId: "a2", partnerName: "Warm Homes", referrals: 6, outcomes: { WARM_HOME_DISCOUNT: 1 }, gainedPence: 100_000n },
      ],
    },
  };
}

const big = (v: TReportCell | undefined) => (typeof v === "bigint" ? v : BigInt(Number(v ?? 0)));

describe("the dashboard's tables", () => {
  const tables = dashboardTables(sampleDashboard(), { funnel: { invited: 40, started: 22, submitted: 12, awarded: 3 } });
  const byId = (id: string) => tables.find((t) => t.id === id)!;

  it("every totals row and every row total adds up its cells to the penny", () => {
    for (const t of tables) {
      for (const rel of relationsOf(t)) {
        const cell = (r: { row: number; key: string }) => (r.row === -1 ? t.total![r.key] : t.rows[r.row]![r.key]);
        expect(rel.parts.reduce((s, p) => s + big(cell(p) ?? 0), 0n), `${t.id} ${rel.total.key}`).toBe(big(cell(rel.total)));
      }
    }
    expect(byId("funds").total!.paid).toBe(3_400_001n);
    expect(byId("pots").total!.paid).toBe(3_400_001n);
    expect(byId("weekly").rows.map((r) => r.total)).toEqual([15, 15]);
    expect(byId("by-need").total).toEqual({ label: "Total", awards: 21, paid: 426_321n });
    expect(byId("onward").total!.gained).toBe(600_001n);
  });

  it("the breakdowns keep their keys for links, say the warnings and the projection in words, and give income per £1", () => {
    expect(BREAKDOWN_TABLES.map((b) => b.id).every((id) => byId(id).rows.every((r) => typeof r.key === "string"))).toBe(true);
    expect(byId("pots").rows[0]).toMatchObject({ pot: "Food", warning: "Runs out within 14 days" });
    expect(String(byId("pots").rows[0]!.projection)).toMatch(/^Nearly empty: runs out around 12 December 2026/);
    expect(byId("funds").rows[0]!.warning).toBe("Will underspend by more than 10 %");
    // £6,000.01 of income for £3,000 of staff: £2.00 per £1; against £4,263.21 of awards: £1.40.
    expect(byId("value").rows.map((r) => r.perPound)).toEqual([140n, 200n]);
    expect(byId("approvals").rows[0]!.approvalRate).toBe(75);
    expect(byId("funnel").rows.map((r) => r.households)).toEqual([40, 22, 12, 3]);
  });

  it("without a staff cost the ratio is not made up", () => {
    const d = sampleDashboard();
    d.outcomes.staffCostPence = null;
    expect(dashboardTables(d, { funnel: null }).find((t) => t.id === "value")!.rows[1]!.perPound).toBeNull();
  });
});

/** The attacker: every sum the table states, solved for its hidden cells given what "<5" and "[c]" mean. */
function recoverable(original: TReportTable, shown: TReportTable): string[] {
  const leaks: string[] = [];
  for (const rel of relationsOf(original)) {
    const shownCell = (r: { row: number; key: string }) => (r.row === -1 ? shown.total![r.key] : shown.rows[r.row]![r.key]);
    const trueCell = (r: { row: number; key: string }) => (r.row === -1 ? original.total![r.key] : original.rows[r.row]![r.key]);
    const totalShown = shownCell(rel.total);
    if (totalShown === SMALL || totalShown === HIDDEN) continue;
    const hiddenParts = rel.parts.filter((p) => shownCell(p) === SMALL || shownCell(p) === HIDDEN);
    if (!hiddenParts.length) continue;
    const visible = rel.parts.filter((p) => !hiddenParts.includes(p)).map((p) => big(shownCell(p)));
    const INF = 1n << 62n;
    const bounds = hiddenParts.map((p) => (rel.kind === "pence" ? { lo: -INF, hi: INF } : shownCell(p) === SMALL ? { lo: 1n, hi: 4n } : { lo: 5n, hi: INF }));
    const range = feasible(big(totalShown), visible, bounds)!;
    range.forEach((r, i) => {
      if (r.lo === r.hi) leaks.push(`${original.id} ${hiddenParts[i]!.row}:${hiddenParts[i]!.key} = ${r.lo} (true ${String(trueCell(hiddenParts[i]!))})`);
    });
  }
  return leaks;
}

describe("small-number suppression", () => {
  const breakdown = (counts: number[], paid: bigint[]): TReportTable => ({
    id: "t",
    title: "t",
    columns: [
      { key: "label", label: "Label", kind: "text" },
      { key: "awards", label: "Awards", kind: "count" },
      { key: "paid", label: "Paid", kind: "pence" },
    ],
    rows: counts.map((n, i) => ({ label: `r${i}`, awards: n, paid: paid[i]! })),
    total: { label: "Total", awards: counts.reduce((s, n) => s + n, 0), paid: paid.reduce((s, n) => s + n, 0n) },
  });

  it("hides 1–4 as <5 and the money of that row, keeps 0 and 5 and up", () => {
    const out = suppressTable(breakdown([0, 3, 5, 9, 12], [0n, 7_500n, 10_000n, 20_000n, 30_001n]));
    expect(out.rows[0]).toMatchObject({ awards: 0, paid: 0n });
    expect(out.rows[1]).toMatchObject({ awards: SMALL, paid: HIDDEN });
    expect(out.rows[4]).toMatchObject({ awards: 12, paid: 30_001n });
  });

  it("a lone small count is not left to be worked out from the total: the next smallest row goes too", () => {
    const t = breakdown([3, 5, 9, 12], [7_500n, 10_000n, 20_000n, 30_001n]);
    const out = suppressTable(t);
    // Total 29 − (9 + 12) = 8 over two hidden cells: 3 + 5 or 4 + 4 or… never one answer.
    expect(out.rows[1]).toMatchObject({ awards: HIDDEN, paid: HIDDEN });
    expect(out.total).toMatchObject({ awards: 29, paid: 67_501n });
    expect(recoverable(t, out)).toEqual([]);
  });

  it("two small counts that could only be 1 and 1 (or 4 and 4) are protected too", () => {
    for (const [a, b] of [
      [1, 1],
      [4, 4],
    ] as const) {
      const t = breakdown([a, b, 20, 30], [100n, 200n, 3_000n, 4_000n]);
      const out = suppressTable(t);
      expect(recoverable(t, out), `${a}+${b}`).toEqual([]);
      expect([out.rows[2]!.awards, out.total!.awards]).toContain(HIDDEN);
    }
  });

  it("a table whose every other row is zero hides its total instead", () => {
    const t = breakdown([2, 0, 0], [500n, 0n, 0n]);
    const out = suppressTable(t);
    expect(out.total).toMatchObject({ awards: SMALL, paid: HIDDEN });
    expect(recoverable(t, out)).toEqual([]);
  });

  it("row totals (a week over its channels) cannot give away a channel's small count", () => {
    const t: TReportTable = {
      id: "weekly",
      title: "w",
      columns: [
        { key: "week", label: "Week", kind: "date" },
        { key: "a", label: "A", kind: "count" },
        { key: "b", label: "B", kind: "count" },
        { key: "c", label: "C", kind: "count" },
        { key: "total", label: "All", kind: "count" },
      ],
      rows: [
        { week: "2026-09-07", a: 2, b: 10, c: 7, total: 19 },
        { week: "2026-09-14", a: 8, b: 11, c: 6, total: 25 },
      ],
      total: { week: "Total", a: 10, b: 21, c: 13, total: 44 },
      sums: [{ key: "total", of: ["a", "b", "c"] }],
    };
    const out = suppressTable(t);
    expect(out.rows[0]!.a).toBe(SMALL);
    expect(recoverable(t, out)).toEqual([]);
  });

  it("no generated table lets any hidden value be worked out from a sum (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.bigInt({ min: 0n, max: 100_000n })), { minLength: 1, maxLength: 8 }), (rows) => {
        const t = breakdown(
          rows.map((r) => r[0]),
          rows.map((r) => r[1]),
        );
        const out = suppressTable(t);
        expect(recoverable(t, out)).toEqual([]);
        // Every count of 1–4 is hidden, in the rows and the total.
        for (const [i, r] of t.rows.entries()) if (Number(r.awards) >= 1 && Number(r.awards) <= 4) expect(out.rows[i]!.awards).toBe(SMALL);
      }),
      { numRuns: 500 },
    );
  });

  it("the whole dashboard, suppressed, leaks nothing and keeps no small count", () => {
    const tables = dashboardTables(sampleDashboard(), { funnel: { invited: 40, started: 22, submitted: 12, awarded: 3 } });
    const shown = suppressSmallNumbers(tables);
    tables.forEach((t, i) => expect(recoverable(t, shown[i]!)).toEqual([]));
    for (const [i, t] of tables.entries())
      for (const c of t.columns.filter((x) => x.kind === "count"))
        for (const [j, r] of t.rows.entries()) if (typeof r[c.key] === "number" && (r[c.key] as number) >= 1 && (r[c.key] as number) <= 4) expect(shown[i]!.rows[j]![c.key]).toBe(SMALL);
    // The decision timing over 3 cases: its hours go with the count.
    expect(shown.find((t) => t.id === "timings")!.rows[1]).toMatchObject({ cases: SMALL, median: HIDDEN, p90: HIDDEN });
  });
});

describe("the dashboard's filter", () => {
  const funds = [{ id: "11111111-1111-4111-8111-111111111111", name: "Crisis fund", periodStart: "2026-04-01", periodEnd: "2027-03-31" }];
  it("defaults to the last 90 days for all funds, and to a fund's period so far", () => {
    expect(parseDashboardQuery({}, funds, "2026-12-06")).toMatchObject({ filter: { fundId: null, from: "2026-09-08", to: "2026-12-06" }, problems: [] });
    expect(parseDashboardQuery({ fund: funds[0]!.id }, funds, "2026-12-06").filter).toEqual({ fundId: funds[0]!.id, from: "2026-04-01", to: "2026-12-06" });
    expect(parseDashboardQuery({ fund: funds[0]!.id }, funds, "2027-06-01").filter.to).toBe("2027-03-31");
  });
  it("says what is wrong with unreal, reversed or foreign input, and still shows the defaults", () => {
    const bad = parseDashboardQuery({ fund: "22222222-2222-4222-8222-222222222222", from: "2026-02-30", to: "yesterday" }, funds, "2026-12-06");
    expect(bad.problems.map((p) => p.field)).toEqual(["fund", "from", "to"]);
    expect(bad.values).toEqual({ fund: "22222222-2222-4222-8222-222222222222", from: "2026-02-30", to: "yesterday" });
    expect(bad.filter).toEqual({ fundId: null, from: "2026-09-08", to: "2026-12-06" });
    expect(parseDashboardQuery({ from: "2026-12-01", to: "2026-11-01" }, funds, "2026-12-06").problems).toEqual([{ field: "to", message: "The end date must be the same as or after the start date" }]);
    expect(parseDashboardQuery({ from: "1990-01-01", to: "2026-11-01" }, funds, "2026-12-06").problems).toHaveLength(1);
    expect(filterQuery({ fundId: null, from: "2026-09-01", to: "2026-09-30" }, { need: "food", route: null })).toBe("fund=all&from=2026-09-01&to=2026-09-30&need=food");
  });
});

describe("the dashboard's files", () => {
  it("the CSV holds every table and its totals, money in pounds, suppressed cells as shown", () => {
    const tables = suppressSmallNumbers(dashboardTables(sampleDashboard(), { funnel: null }));
    const csv = tablesToCsv(tables, "Dashboard");
    for (const t of tables) expect(csv).toContain(`"${t.title}"`);
    expect(csv).toContain('"Total","21","4263.21"');
    expect(csv).toContain('"<5"');
    expect(sheetName("Awards paid by need: a very long title indeed", new Set())).toBe("Awards paid by need  a very lon");
  });
});
