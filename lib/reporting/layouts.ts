// The two returns laid out as the funders' templates ask (tabs, rows, the templates' own checks),
// from the figures (lib/reporting/figures.ts) and what the council typed. Pure: the page, the
// XLSX, the CSV and the tests all read these sheets, so the screen and the files cannot differ.
// Every money cell has a key (e.g. "spend.crf-crisis") the tests tie to the ledger.
import { formatPence } from "@/lib/money";
import { ADMIN_COST_LINES, CRF_CATEGORIES, HOUSEHOLD_GROUPS, HSF_CATEGORIES, LAYOUT_NAMES, PLAN_LINES, type TReturnLayout } from "@/lib/reporting/categories";
import type { TReturnFigures } from "@/lib/reporting/figures";

export type TCell = string | { pence: bigint } | { count: number };
export type TRow = { key?: string; cells: TCell[]; heading?: boolean };
export type TCheck = { label: string; ok: boolean };
export type TSheet = { name: string; rows: TRow[]; checks: TCheck[] };

/** What the council types on a draft (FunderReturn.inputs). Money as pence strings. */
export type TReturnInputs = {
  councilCode?: string;
  contactEmail?: string;
  notes?: string;
  /** CRF delivery plan: anticipated spend per plan line (pence as a string). */
  plan?: Partial<Record<(typeof PLAN_LINES)[number]["id"], string>>;
};

export type TReturnMeta = {
  layout: TReturnLayout;
  councilName: string;
  version: number;
  inputs: TReturnInputs;
  /** Null until signed. */
  signed: { name: string; email: string; at: Date } | null;
};

const pence = (p: bigint): TCell => ({ pence: p });
const count = (n: number): TCell => ({ count: n });
const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);
const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

function governanceRows(f: TReturnFigures, m: TReturnMeta): TRow[] {
  return [
    { key: "gov.council", cells: ["Council", m.councilName] },
    { key: "gov.fund", cells: ["Fund", `${f.fund.name} (${LAYOUT_NAMES[m.layout]})`] },
    { key: "gov.period", cells: ["Reporting period", `${longDate(f.period.start)} to ${longDate(f.period.end)}`] },
    { key: "gov.version", cells: ["Version", String(m.version)] },
    { key: "gov.returned", cells: ["Date returned", m.signed ? m.signed.at.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }) : "Not signed off yet"] },
    { key: "gov.s151", cells: ["Section 151 officer", m.signed?.name ?? "Not signed off yet"] },
    { key: "gov.s151email", cells: ["Section 151 officer's email", m.signed?.email ?? "Not signed off yet"] },
    { key: "gov.contact", cells: ["Single point of contact email", m.inputs.contactEmail ?? ""] },
  ];
}

function governanceComplete(m: TReturnMeta): TCheck {
  return { label: "Governance complete: Section 151 sign-off and a single point of contact", ok: !!m.signed && !!m.inputs.contactEmail };
}

function mappedCheck(f: TReturnFigures): TCheck {
  const names = f.unmapped.map((u) => (u.needCategory ? `${u.potName} (${u.needCategory})` : u.potName));
  return { label: names.length ? `Every pot with spend maps to a category: not mapped: ${names.join(", ")}` : "Every pot with spend maps to a category", ok: names.length === 0 };
}

function unmappedRows(f: TReturnFigures): TRow[] {
  if (!f.unmapped.length) return [];
  return [
    { heading: true, cells: ["Spend not in any category (map these pots)", "Spend"] },
    ...f.unmapped.map((u) => ({ key: `unmapped.${u.potId}.${u.needCategory ?? "-"}`, cells: [u.needCategory ? `${u.potName}: ${u.needCategory}` : u.potName, pence(u.spendPence)] })),
  ];
}

function adminCapCheck(f: TReturnFigures): TCheck {
  return f.adminCapPence === null
    ? { label: "Administration within the fund's cap (no cap set)", ok: true }
    : { label: `Administration to date ${formatPence(f.adminToDatePence)} within the fund's cap of ${formatPence(f.adminCapPence)}`, ok: f.adminToDatePence <= f.adminCapPence };
}

function crf(f: TReturnFigures, m: TReturnMeta): TSheet[] {
  const strands = CRF_CATEGORIES.map((c) => ({ ...c, t: f.byCategory[c.id]! }));
  const strandSum = sum(strands.map((s) => s.t.spendPence));
  const adminLines = ADMIN_COST_LINES.filter((l) => l.layouts.includes("CRF" as never));
  const adminSum = sum(adminLines.map((l) => f.admin[l.id]));
  const adminAll = sum(ADMIN_COST_LINES.map((l) => f.admin[l.id]));
  const actual = (line: (typeof PLAN_LINES)[number]) => (line.admin ? adminAll : sum(line.categories.map((c) => f.byCategory[c]!.spendPence)));
  const planned = (line: (typeof PLAN_LINES)[number]) => BigInt(/^\d+$/.test(m.inputs.plan?.[line.id] ?? "") ? m.inputs.plan![line.id]! : "0");
  return [
    {
      name: "Governance",
      rows: [...governanceRows(f, m), { key: "gov.notes", cells: ["Notes", m.inputs.notes ?? ""] }],
      checks: [governanceComplete(m)],
    },
    {
      name: "Spend and awards",
      rows: [
        { heading: true, cells: ["Strand", "Spend", "Awards", "Households"] },
        ...strands.map((s) => ({ key: `spend.${s.id}`, cells: [s.label, pence(s.t.spendPence), count(s.t.awards), count(s.t.households)] })),
        { key: "spend.total", cells: ["Total", pence(f.total.spendPence), count(f.total.awards), count(f.total.households)] },
        { key: "housing.core", cells: ["Housing Payments contribution from the core fund", pence(f.byCategory["crf-housing-core"]!.spendPence)] },
        ...unmappedRows(f),
      ],
      checks: [mappedCheck(f), { label: "The strands add up to the total", ok: strandSum === f.total.spendPence }],
    },
    {
      name: "Administration",
      rows: [
        { heading: true, cells: ["Administration", "Spend"] },
        ...adminLines.map((l) => ({ key: `admin.${l.id}`, cells: [l.label, pence(f.admin[l.id])] })),
        { key: "admin.total", cells: ["Total administration (including evaluation)", pence(adminSum)] },
      ],
      checks: [adminCapCheck(f), { label: "No administration recorded on a line this return does not show", ok: adminSum === adminAll }],
    },
    {
      name: "Delivery plan",
      rows: [
        { heading: true, cells: ["Line", "Anticipated", "Actual", "Difference"] },
        ...PLAN_LINES.map((l) => ({ key: `plan.${l.id}`, cells: [l.label, pence(planned(l)), pence(actual(l)), pence(actual(l) - planned(l))] })),
        { key: "plan.total", cells: ["Total", pence(sum(PLAN_LINES.map(planned))), pence(sum(PLAN_LINES.map(actual))), pence(sum(PLAN_LINES.map(actual)) - sum(PLAN_LINES.map(planned)))] },
      ],
      checks: [{ label: "Every line of the delivery plan has its anticipated spend", ok: PLAN_LINES.every((l) => /^\d+$/.test(m.inputs.plan?.[l.id] ?? "")) }],
    },
  ];
}

function hsf(f: TReturnFigures, m: TReturnMeta): TSheet[] {
  const cats = HSF_CATEGORIES.map((c) => ({ ...c, t: f.byCategory[c.id]! }));
  const catSum = sum(cats.map((c) => c.t.spendPence));
  const groups = HOUSEHOLD_GROUPS.map((g) => ({ ...g, t: f.byHousehold[g.id] }));
  const admin = sum(ADMIN_COST_LINES.map((l) => f.admin[l.id]));
  return [
    { name: "1 Governance", rows: [...governanceRows(f, m), { key: "gov.notes", cells: ["Notes", m.inputs.notes ?? ""] }], checks: [governanceComplete(m)] },
    {
      name: "2 Spend",
      rows: [
        { heading: true, cells: ["Category", "Spend"] },
        ...cats.map((c) => ({ key: `spend.${c.id}`, cells: [c.label, pence(c.t.spendPence)] })),
        { key: "spend.total", cells: ["Total grants made", pence(f.total.spendPence)] },
        { key: "admin.total", cells: ["Administration", pence(admin)] },
        { key: "spend.all", cells: ["Total spend including administration", pence(f.total.spendPence + admin)] },
        { key: "fund.allocation", cells: ["Allocation", pence(f.fund.allocationPence)] },
        ...unmappedRows(f),
      ],
      checks: [
        { label: "The categories add up to the total", ok: catSum === f.total.spendPence },
        { label: "Spend is within the allocation", ok: f.total.spendPence + admin <= f.fund.allocationPence },
        mappedCheck(f),
        adminCapCheck(f),
      ],
    },
    {
      name: "3 Volumes",
      rows: [
        { heading: true, cells: ["Category", "Awards"] },
        ...cats.map((c) => ({ key: `volumes.${c.id}`, cells: [c.label, count(c.t.awards)] })),
        { key: "volumes.total", cells: ["Total awards", count(f.total.awards)] },
      ],
      checks: [{ label: "Every category with spend has awards, and every category with awards has spend", ok: cats.every((c) => c.t.spendPence > 0n === c.t.awards > 0) }],
    },
    {
      name: "4 Households helped",
      rows: [
        { heading: true, cells: ["Household", "Households", "Spend"] },
        ...groups.map((g) => ({ key: `households.${g.id}`, cells: [g.label, count(g.t.households), pence(g.t.spendPence)] })),
        { key: "households.total", cells: ["Total households helped", count(f.total.households), pence(f.total.spendPence)] },
      ],
      checks: [
        { label: "The household groups add up to the households helped", ok: groups.reduce((a, g) => a + g.t.households, 0) === f.total.households },
        { label: "Spend by household adds up to the total grants made", ok: sum(groups.map((g) => g.t.spendPence)) === f.total.spendPence },
      ],
    },
  ];
}

export function sheetsOf(f: TReturnFigures, m: TReturnMeta): TSheet[] {
  return m.layout === "CRF" ? crf(f, m) : hsf(f, m);
}

/** The file name the funder asks for: HSF7MI_<council code>_<MMYY>.xlsx (MMYY of the period's end); CRF: our own. */
export function returnFileName(m: TReturnMeta, periodEnd: string, ext: "xlsx" | "csv"): string {
  const code = (m.inputs.councilCode || m.councilName).replace(/[^A-Za-z0-9]+/g, "").toUpperCase() || "COUNCIL";
  const mmyy = `${periodEnd.slice(5, 7)}${periodEnd.slice(2, 4)}`;
  return m.layout === "HSF" ? `HSF7MI_${code}_${mmyy}.${ext}` : `CRF_MI_${code}_${mmyy}_v${m.version}.${ext}`;
}

/** A cell as text (the page and the CSV): money as plain pounds ("1234.56"), counts as digits. */
export function cellText(c: TCell, money: (p: bigint) => string): string {
  if (typeof c === "string") return c;
  return "pence" in c ? money(c.pence) : String(c.count);
}
