// Small-number suppression for the shared read-only view (docs/reporting-dashboard.md, ADR 0041).
// Pure: no I/O, unit-tested with differencing attacks.
//  1. Primary: a count of 1 to 4 becomes "<5" (0 is shown: "none" reveals nobody).
//  2. A row with a suppressed count has its money (and hours and percentages) hidden too: "[c]".
//  3. Secondary: wherever cells are tied by a sum (a column and the totals row; a row's total and
//     the columns it adds up, TReportTable.sums), the hidden cells of that sum must not be
//     recoverable from the rest: each hidden cell must still have more than one possible value
//     given the visible ones, knowing that "<5" means 1–4 and a secondarily hidden count is 5 or
//     more. Where one would be pinned, the smallest other non-zero cell of the sum is hidden
//     too ("[c]"), or else the sum's total; repeated until nothing changes.
import type { TReportCell, TReportTable } from "@/lib/reporting/dashboard-types";

export const SMALL = "<5";
export const HIDDEN = "[c]";
const MIN_SHOWN = 5n;

type TCellRef = { row: number; key: string };
/** A sum: total = Σ parts (rows index -1 is the totals row). */
export type TRelation = { kind: "count" | "pence"; total: TCellRef; parts: TCellRef[] };

/** Every sum a table states: its columns against its totals row, and its rows' own total columns. */
export function relationsOf(table: TReportTable): TRelation[] {
  const out: TRelation[] = [];
  const kindOf = (key: string) => table.columns.find((c) => c.key === key)?.kind;
  if (table.total) {
    for (const c of table.columns) {
      if ((c.kind === "count" || c.kind === "pence") && typeof table.total[c.key] !== "undefined" && table.total[c.key] !== null && typeof table.total[c.key] !== "string") {
        out.push({ kind: c.kind, total: { row: -1, key: c.key }, parts: table.rows.map((_, row) => ({ row, key: c.key })) });
      }
    }
  }
  for (const s of table.sums ?? []) {
    const kind = kindOf(s.key);
    if (kind !== "count" && kind !== "pence") continue;
    const rows = table.total ? [-1, ...table.rows.map((_, i) => i)] : table.rows.map((_, i) => i);
    for (const row of rows) out.push({ kind, total: { row, key: s.key }, parts: s.of.map((key) => ({ row, key })) });
  }
  return out;
}

const INF = 1n << 62n;
const numeric = (v: TReportCell): bigint | null => (typeof v === "number" ? BigInt(Math.round(v)) : typeof v === "bigint" ? v : null);

/**
 * What an attacker can work out from one sum: for each hidden part, the least and most it can be
 * given the total and the visible parts (null when the total itself is hidden: nothing to learn).
 * `bounds` says what a hidden cell is known to lie within ("<5": 1–4).
 */
export function feasible(total: bigint | null, visible: bigint[], hidden: { lo: bigint; hi: bigint }[]): { lo: bigint; hi: bigint }[] | null {
  if (total === null) return null;
  const rest = total - visible.reduce((s, v) => s + v, 0n);
  const max = (a: bigint, b: bigint) => (a > b ? a : b);
  const min = (a: bigint, b: bigint) => (a < b ? a : b);
  return hidden.map((h, i) => {
    const others = hidden.filter((_, j) => j !== i);
    // Unbounded (money, or a hidden count of 5 or more) on the other side leaves this side unbounded too.
    const othersHi = others.some((o) => o.hi >= INF) ? null : others.reduce((s, o) => s + o.hi, 0n);
    const othersLo = others.some((o) => o.lo <= -INF) ? null : others.reduce((s, o) => s + o.lo, 0n);
    return { lo: othersHi === null ? h.lo : max(h.lo, rest - othersHi), hi: othersLo === null ? h.hi : min(h.hi, rest - othersLo) };
  });
}

export function suppressTable(table: TReportTable): TReportTable {
  const cellOf = (r: TCellRef): TReportCell => (r.row === -1 ? (table.total?.[r.key] ?? null) : (table.rows[r.row]?.[r.key] ?? null));
  const id = (r: TCellRef) => `${r.row}:${r.key}`;
  const hidden = new Map<string, "small" | "hidden">();
  const allRows = table.total ? [-1, ...table.rows.map((_, i) => i)] : table.rows.map((_, i) => i);
  const rowOf = (row: number) => (row === -1 ? table.total! : table.rows[row]!);

  // 1. Primary.
  for (const row of allRows) {
    for (const c of table.columns) {
      const v = numeric(rowOf(row)[c.key] ?? null);
      if (c.kind === "count" && v !== null && v > 0n && v < MIN_SHOWN) hidden.set(id({ row, key: c.key }), "small");
    }
  }
  // 2. A row's money with a suppressed count.
  for (const row of allRows) {
    if (!table.columns.some((c) => c.kind === "count" && hidden.get(id({ row, key: c.key })) === "small")) continue;
    for (const c of table.columns) if ((c.kind === "pence" || c.kind === "hours" || c.kind === "percent") && cellOf({ row, key: c.key }) !== null) hidden.set(id({ row, key: c.key }), "hidden");
  }
  // 3. Secondary, until no sum gives a hidden cell away.
  const relations = relationsOf(table);
  const bounds = (r: TCellRef, kind: "count" | "pence") => {
    if (kind === "pence") return { lo: -INF, hi: INF };
    return hidden.get(id(r)) === "small" ? { lo: 1n, hi: 4n } : { lo: MIN_SHOWN, hi: INF };
  };
  for (let round = 0; round < 1000; round++) {
    let changed = false;
    for (const rel of relations) {
      if (hidden.has(id(rel.total))) continue;
      const hiddenParts = rel.parts.filter((p) => hidden.has(id(p)));
      if (!hiddenParts.length) continue;
      const visible = rel.parts.filter((p) => !hidden.has(id(p))).map((p) => numeric(cellOf(p)) ?? 0n);
      const range = feasible(numeric(cellOf(rel.total)), visible, hiddenParts.map((p) => bounds(p, rel.kind)));
      if (!range || range.every((r) => r.hi > r.lo)) continue;
      const candidates = rel.parts
        .filter((p) => !hidden.has(id(p)) && (numeric(cellOf(p)) ?? 0n) !== 0n)
        .sort((a, b) => {
          const x = numeric(cellOf(a))!,
            y = numeric(cellOf(b))!;
          const ax = x < 0n ? -x : x,
            ay = y < 0n ? -y : y;
          return ax === ay ? 0 : ax < ay ? -1 : 1;
        });
      hidden.set(id(candidates[0] ?? rel.total), "hidden");
      changed = true;
    }
    if (!changed) break;
  }
  const show = (row: number, r: Record<string, TReportCell>) =>
    Object.fromEntries(Object.entries(r).map(([key, v]) => [key, hidden.has(id({ row, key })) ? (hidden.get(id({ row, key })) === "small" ? SMALL : HIDDEN) : v]));
  return { ...table, rows: table.rows.map((r, i) => show(i, r)), total: table.total ? show(-1, table.total) : null };
}

/** The tables as the public may see them. */
export function suppressSmallNumbers(tables: readonly TReportTable[]): TReportTable[] {
  return tables.map(suppressTable);
}
