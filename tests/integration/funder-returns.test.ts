// The funder's management-information return (issue 20, docs/funder-returns.md) on real
// PostgreSQL through the app's role: every cell of both layouts (Crisis and Resilience Fund, and
// Household Support Fund HSF7) ties to the ledger to the penny over generated movements that
// include a RECOMMIT, a REVERSE and movements just outside the period by UK date; sign-off
// freezes the figures and a new version takes later movements; a pot with spend and no mapping
// is named; administration spend stops at the fund's cap; another council sees nothing.
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { withTenant } from "@/lib/db/tenant-scope";
import { postLedger } from "@/lib/ledger/post";
import { ledgerRefusalText } from "@/lib/ledger/refusals";
import { messagesFor } from "@/lib/i18n/catalogues";
import { penceToPoundsText } from "@/lib/money";
import { ADMIN_COST_LINES, CRF_CATEGORIES, HOUSEHOLD_GROUPS, HSF_CATEGORIES, householdGroupOf, PLAN_LINES } from "@/lib/reporting/categories";
import { computeFigures } from "@/lib/reporting/figures";
import { cellText, type TSheet } from "@/lib/reporting/layouts";
import {
  adminCostsOf,
  changeReturnInputs,
  draftReturn,
  exportReturn,
  listReturns,
  readMapping,
  readReturn,
  recordAdminCost,
  saveMapping,
  signReturn,
} from "@/lib/reporting/returns";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { asOwnerInCouncil, createCouncil, createFund } from "@/prisma/factories";
import { prng } from "@/prisma/prng";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

const owner = () => testDb().owner;
let council: TCouncil, other: TCouncil;
let manager: TMemberActor, officer: TMemberActor, otherManager: TMemberActor;

const PERIOD = { start: "2026-07-01", end: "2026-09-30" };
/** A UK date and time as UTC (BST, UTC+1, all summer). */
const ukSummer = (iso: string, hh = 12, mm = 0) => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)), hh - 1, mm));

/** day: the index of its moment in generate's days (they are in order). */
type TMovement = { kind: "DISBURSE" | "RECOMMIT" | "REVERSE"; potId: string; need: string; awardId: string; caseId: string; types: string[]; amount: bigint; inPeriod: boolean; day: number };

const HOUSEHOLDS: string[][] = [["families-with-children"], ["single-adults", "pension-age"], ["single-adults", "disability"], ["single-adults"], ["families-with-children", "pregnancy", "disability"], ["single-adults", "pension-age", "disability"]];
const NEEDS = ["food", "energy", "essentials", "furniture", "rent-arrears"];

/** Generated awards and their money over a fund's pots: commits, payments (some just outside the period), a payment returned and paid again, a refund. */
async function generate(fundId: string, pots: { id: string }[], seed: number, caseIds: string[]): Promise<TMovement[]> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const movements: TMovement[] = [];
  const proposer = manager.user.userId;
  // Days: before the period, inside it, and after it; the boundaries by UK date.
  const days: { at: Date; inPeriod: boolean }[] = [
    { at: ukSummer("2026-06-30", 23, 30), inPeriod: false },
    { at: ukSummer("2026-07-01", 0, 30), inPeriod: true },
    { at: ukSummer("2026-08-14"), inPeriod: true },
    { at: ukSummer("2026-09-30", 23, 59), inPeriod: true },
    { at: ukSummer("2026-10-01", 0, 15), inPeriod: false },
  ];
  for (let i = 0; i < 40; i++) {
    const caseIndex = i % caseIds.length;
    const caseId = caseIds[caseIndex]!;
    const types = HOUSEHOLDS[caseIndex % HOUSEHOLDS.length]!;
    const pot = pick(pots);
    const need = pick(NEEDS);
    const amount = BigInt(100 + Math.floor(rand() * 50_000));
    const award = await owner().award.create({
      data: { tenantId: council.id, caseId, potId: pot.id, needCategory: need, amountPence: amount, paymentMethod: "bank", status: "APPROVED", proposedById: proposer, householdTypes: types, accessRoute: "APPLICATION" },
    });
    const post = (kind: TMovement["kind"] | "COMMIT", pence: bigint, day: { at: Date; inPeriod: boolean }) =>
      asOwnerInCouncil(owner(), council.id, async (tx) => {
        await postLedger(tx, { kind, fundId, potId: pot.id, amountPence: pence, idempotencyKey: `gen:${randomUUID()}`, reason: kind, actorUserId: null, awardRef: award.id, at: day.at });
        if (kind !== "COMMIT") movements.push({ kind, potId: pot.id, need, awardId: award.id, caseId, types, amount: pence, inPeriod: day.inPeriod, day: days.indexOf(day) });
      });
    const d = pick(days);
    await post("COMMIT", amount, days[0]!);
    await post("DISBURSE", amount, d);
    const r = rand();
    if (r < 0.2) {
      // Returned by the bank (RECOMMIT) and paid again later.
      const later = days[Math.min(days.length - 1, days.indexOf(d) + 1)]!;
      await post("RECOMMIT", amount, later);
      await post("DISBURSE", amount, days[days.length - 1]!);
    } else if (r < 0.35) {
      // Part refunded to the pot (REVERSE).
      await post("REVERSE", amount / 3n || 1n, pick(days.slice(days.indexOf(d))));
    }
  }
  return movements;
}

/**
 * What the return must say, worked out from the generated movements (not from the app's SQL).
 * Spend: money out less money back in the period. Awards: those whose payment day (ADR 0044: the
 * day of the latest DISBURSE, while DISBURSEs outnumber RECOMMITs and net paid is above 0, over all
 * their movements) is in the period; households: their cases.
 */
function expected(movements: TMovement[], categoryOf: (potId: string, need: string) => string | null) {
  const sign = (m: TMovement) => (m.kind === "DISBURSE" ? m.amount : -m.amount);
  const spend = new Map<string, bigint>();
  const unmapped = new Map<string, bigint>();
  let total = 0n;
  for (const m of movements.filter((x) => x.inPeriod)) {
    const c = categoryOf(m.potId, m.need);
    if (!c) {
      unmapped.set(m.potId, (unmapped.get(m.potId) ?? 0n) + sign(m));
      continue;
    }
    const group = householdGroupOf(m.types);
    spend.set(c, (spend.get(c) ?? 0n) + sign(m));
    spend.set(`household:${group}`, (spend.get(`household:${group}`) ?? 0n) + sign(m));
    total += sign(m);
  }
  const state = new Map<string, { d: number; r: number; net: bigint; last: TMovement | null; category: string | null; caseId: string; group: string }>();
  for (const m of movements) {
    const a = state.get(m.awardId) ?? { d: 0, r: 0, net: 0n, last: null, category: categoryOf(m.potId, m.need), caseId: m.caseId, group: householdGroupOf(m.types) };
    if (m.kind === "DISBURSE") {
      a.d++;
      if (!a.last || m.day >= a.last.day) a.last = m;
    }
    if (m.kind === "RECOMMIT") a.r++;
    a.net += sign(m);
    state.set(m.awardId, a);
  }
  const paid = [...state.values()].filter((a) => a.category && a.d > a.r && a.net > 0n && a.last!.inPeriod);
  const awards = (f: (a: (typeof paid)[number]) => boolean) => paid.filter(f).length;
  const households = (f: (a: (typeof paid)[number]) => boolean) => new Set(paid.filter(f).map((a) => a.caseId)).size;
  return { spend: (k: string) => spend.get(k) ?? 0n, awards, households, total, unmapped };
}

const money = (p: bigint) => penceToPoundsText(p);
const rowOf = (sheets: TSheet[], key: string) => {
  const rows = sheets.flatMap((s) => s.rows).filter((r) => r.key === key);
  expect(rows, key).toHaveLength(1);
  return rows[0]!.cells.map((c) => cellText(c, money));
};

beforeAll(async () => {
  await createCouncil(owner(), { slug: "returns-a", postcodeAreas: ["E8"], settings: { referencePrefix: "RTA" } });
  await createCouncil(owner(), { slug: "returns-b", postcodeAreas: ["E9"], settings: { referencePrefix: "RTB" } });
  council = (await findCouncilBySlug("returns-a"))!;
  other = (await findCouncilBySlug("returns-b"))!;
  manager = await caseActor(council, "MANAGER", "Mo Manager");
  officer = await caseActor(council, "OFFICER", "Ola Officer");
  otherManager = await caseActor(other, "MANAGER", "Nia Neighbour");
}, 60_000);

async function someCases(n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await applyFor(council)).caseId);
  return ids;
}

describe("the Crisis and Resilience Fund return", () => {
  let fundId: string;
  let pots: { crisis: string; housing: string; core: string; resilience: string; winter: string };
  let movements: TMovement[];
  let returnId: string;
  /** The mapping the return is drafted under (categoryOf says the same). */
  const theMapping = () => [
    { potId: pots.crisis, needCategory: "*", category: "crf-crisis" },
    { potId: pots.housing, needCategory: "*", category: "crf-housing" },
    { potId: pots.core, needCategory: "*", category: "crf-housing-core" },
    { potId: pots.resilience, needCategory: "*", category: "crf-resilience" },
    { potId: pots.resilience, needCategory: "food", category: "crf-coordination" },
  ];
  const categoryOf = (potId: string, need: string) =>
    potId === pots.crisis ? "crf-crisis" : potId === pots.housing ? "crf-housing" : potId === pots.core ? "crf-housing-core" : potId === pots.resilience ? (need === "food" ? "crf-coordination" : "crf-resilience") : null;

  beforeAll(async () => {
    const made = await createFund(owner(), council.id, {
      name: "Crisis and Resilience Fund 2026-29",
      periodStart: new Date("2026-04-01T00:00:00Z"),
      periodEnd: new Date("2029-03-31T00:00:00Z"),
      allocationPence: 10_000_000n,
      adminCapBasisPoints: 1000,
      at: ukSummer("2026-04-01"),
      pots: ["Crisis Payments", "Housing Payments", "Housing top-up", "Resilience", "Winter pilot"].map((name) => ({ name, allocatePence: 1_500_000n })),
    });
    fundId = made.fund.id;
    const [crisis, housing, core, resilience, winter] = made.pots.map((p) => p.id);
    pots = { crisis: crisis!, housing: housing!, core: core!, resilience: resilience!, winter: winter! };
    const saved = await saveMapping(manager, fundId, theMapping());
    expect(saved.outcome).toBe("saved");
    movements = await generate(fundId, made.pots, 20, await someCases(6));
    expect(new Set(movements.map((m) => m.kind))).toEqual(new Set(["DISBURSE", "RECOMMIT", "REVERSE"]));
    await asOwnerInCouncil(owner(), council.id, (tx) =>
      postLedger(tx, { kind: "ADMIN", fundId, amountPence: 12_345n, costLine: "crisis-admin", idempotencyKey: `adm:${randomUUID()}`, reason: "Staff", actorUserId: null, at: ukSummer("2026-08-01") }),
    );
    await asOwnerInCouncil(owner(), council.id, (tx) =>
      postLedger(tx, { kind: "ADMIN", fundId, amountPence: 5_000n, costLine: "evaluation", idempotencyKey: `adm:${randomUUID()}`, reason: "Evaluation partner", actorUserId: null, at: ukSummer("2026-09-30", 23, 50) }),
    );
    await asOwnerInCouncil(owner(), council.id, (tx) =>
      postLedger(tx, { kind: "ADMIN", fundId, amountPence: 777n, costLine: "housing-admin", idempotencyKey: `adm:${randomUUID()}`, reason: "Outside the period", actorUserId: null, at: ukSummer("2026-10-01", 0, 10) }),
    );
    const drafted = await draftReturn(manager, {
      fundId,
      layout: "CRF",
      periodStart: PERIOD.start,
      periodEnd: PERIOD.end,
      inputs: { contactEmail: "crf@returns-a.gov.uk", notes: "Quarter 2", plan: { crisis: "1000000", housing: "500000", resilience: "300000", coordination: "200000", admin: "100000" } },
    });
    if (drafted.outcome !== "drafted") throw new Error(drafted.outcome);
    returnId = drafted.returnId;
  }, 240_000);

  it("ties every cell to the ledger to the penny, and names the pot with spend that maps to nothing", async () => {
    const view = (await readReturn(manager, returnId))!;
    const e = expected(movements, categoryOf);
    for (const c of CRF_CATEGORIES) expect(rowOf(view.sheets, `spend.${c.id}`), c.id).toEqual([c.label, money(e.spend(c.id)), String(e.awards((a) => a.category === c.id)), String(e.households((a) => a.category === c.id))]);
    expect(rowOf(view.sheets, "spend.total")).toEqual(["Total", money(e.total), String(e.awards(() => true)), String(e.households(() => true))]);
    expect(rowOf(view.sheets, "housing.core")[1]).toBe(money(e.spend("crf-housing-core")));
    // Administration: in the period by UK date (the 23:50 on 30 September counts, 00:10 on 1 October does not).
    expect(rowOf(view.sheets, "admin.crisis-admin")[1]).toBe("123.45");
    expect(rowOf(view.sheets, "admin.housing-admin")[1]).toBe("0.00");
    expect(rowOf(view.sheets, "admin.evaluation")[1]).toBe("50.00");
    expect(rowOf(view.sheets, "admin.total")[1]).toBe("173.45");
    // The delivery plan's five lines against actuals.
    const actual = { crisis: e.spend("crf-crisis"), housing: e.spend("crf-housing") + e.spend("crf-housing-core"), resilience: e.spend("crf-resilience"), coordination: e.spend("crf-coordination"), admin: 17_345n };
    const planned = { crisis: 1_000_000n, housing: 500_000n, resilience: 300_000n, coordination: 200_000n, admin: 100_000n };
    for (const l of PLAN_LINES) expect(rowOf(view.sheets, `plan.${l.id}`)).toEqual([l.label, money(planned[l.id]), money(actual[l.id]), money(actual[l.id] - planned[l.id])]);
    const sumOf = (o: Record<string, bigint>) => Object.values(o).reduce((a, b) => a + b, 0n);
    expect(rowOf(view.sheets, "plan.total")).toEqual(["Total", money(sumOf(planned)), money(sumOf(actual)), money(sumOf(actual) - sumOf(planned))]);
    // The pot with spend and no mapping is named, with its spend, and the check is red.
    expect(e.unmapped.get(pots.winter)).toBeDefined();
    const winterRows = view.sheets.flatMap((s) => s.rows).filter((r) => r.key?.startsWith(`unmapped.${pots.winter}`));
    const winterSpend = winterRows.reduce((s, r) => s + BigInt(cellText(r.cells[1]!, (p) => p.toString())), 0n);
    expect(winterSpend).toBe(e.unmapped.get(pots.winter));
    const mappedCheck = view.sheets.flatMap((s) => s.checks).find((c) => c.label.startsWith("Every pot with spend"))!;
    expect(mappedCheck).toMatchObject({ ok: false });
    expect(mappedCheck.label).toContain("Winter pilot");
    // The ledger's own balances agree: everything spent ever = the period's figures are a part of SPENT.
    const allTime = expected(movements.map((m) => ({ ...m, inPeriod: true })), () => "all");
    const spent = await owner().ledgerAccount.aggregate({ where: { fundId, kind: "SPENT", potId: { not: null } }, _sum: { balancePence: true } });
    expect(allTime.total + [...allTime.unmapped.values()].reduce((a, b) => a + b, 0n)).toBe(spent._sum.balancePence);
    // Every keyed row was compared above or is governance: no number is left unchecked.
    for (const row of view.sheets.flatMap((s) => s.rows)) if (row.cells.some((c) => typeof c !== "string")) expect(row.key, JSON.stringify(row.cells[0])).toBeTruthy();
    expect(rowOf(view.sheets, "gov.contact")).toEqual(["Single point of contact email", "crf@returns-a.gov.uk"]);
    expect(rowOf(view.sheets, "gov.s151")[1]).toBe("Not signed off yet");
  });

  it("downloads the same cells as XLSX and CSV, and audits each download", async () => {
    const view = (await readReturn(manager, returnId))!;
    const xlsx = (await exportReturn(manager, returnId, "xlsx"))!;
    expect(xlsx.fileName).toMatch(/^CRF_MI_RETURNSA_0926_v1\.xlsx$|^CRF_MI_\w+_0926_v1\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(view.sheets.map((s) => s.name));
    for (const sheet of view.sheets) {
      const ws = book.getWorksheet(sheet.name)!;
      sheet.rows.forEach((row, i) => {
        row.cells.forEach((c, j) => {
          const got = ws.getRow(i + 1).getCell(j + 1).value;
          if (typeof c === "string") expect(got ?? "").toBe(c);
          else if ("pence" in c) expect(Math.round(Number(got) * 100)).toBe(Number(c.pence));
          else expect(got).toBe(c.count);
        });
      });
    }
    const csv = (await exportReturn(manager, returnId, "csv"))!;
    const total = rowOf(view.sheets, "spend.total");
    expect(csv.body as string).toContain(`"Spend and awards","Total","${total[1]}","${total[2]}","${total[3]}"`);
    const audits = await owner().auditEvent.findMany({ where: { tenantId: council.id, action: "reporting.return-downloaded", entityId: returnId } });
    expect(audits).toHaveLength(2);
  });

  it("freezes the figures at sign-off; a later ledger change goes into a new version only", async () => {
    // The typed statement is checked by the form's schema; here the service signs.
    const signed = await signReturn(manager, returnId, { signedByName: "Sam Section", signedByEmail: "s151@returns-a.gov.uk", statement: "I approve this return as the Section 151 officer" });
    expect(signed.outcome).toBe("signed");
    const before = (await readReturn(manager, returnId))!;
    expect(before.status).toBe("SIGNED");
    expect(rowOf(before.sheets, "gov.s151")[1]).toBe("Sam Section");
    expect(before.sheets.flatMap((s) => s.checks).find((c) => c.label.startsWith("Governance"))!.ok).toBe(true);
    // A late payment dated inside the period.
    const award = await owner().award.findFirstOrThrow({ where: { potId: pots.crisis } });
    await asOwnerInCouncil(owner(), council.id, async (tx) => {
      await postLedger(tx, { kind: "COMMIT", fundId, potId: pots.crisis, amountPence: 999n, idempotencyKey: `late:${randomUUID()}`, reason: "late", actorUserId: null, awardRef: award.id, at: ukSummer("2026-08-20") });
      await postLedger(tx, { kind: "DISBURSE", fundId, potId: pots.crisis, amountPence: 999n, idempotencyKey: `late:${randomUUID()}`, reason: "late", actorUserId: null, awardRef: award.id, at: ukSummer("2026-08-20") });
    });
    const after = (await readReturn(manager, returnId))!;
    expect(after.sheets).toEqual(before.sheets);
    // Nothing changes a signed return, not even the app's role going round the services.
    expect((await changeReturnInputs(manager, returnId, { notes: "changed" })).outcome).toBe("signed");
    expect((await signReturn(manager, returnId, { signedByName: "X", signedByEmail: "x@example.com", statement: "x" })).outcome).toBe("already-signed");
    await expect(owner().funderReturn.update({ where: { id: returnId }, data: { signedByName: "Someone else" } })).rejects.toThrow(/signed return cannot change/);
    // Version 2 of the same period takes the late payment.
    const v2 = await draftReturn(manager, { fundId, layout: "CRF", periodStart: PERIOD.start, periodEnd: PERIOD.end, inputs: {} });
    expect(v2).toMatchObject({ outcome: "drafted", version: 2 });
    const second = (await readReturn(manager, (v2 as { returnId: string }).returnId))!;
    expect(BigInt(rowOf(second.sheets, "spend.crf-crisis")[1]!.replace(".", "")) - BigInt(rowOf(before.sheets, "spend.crf-crisis")[1]!.replace(".", ""))).toBe(999n);
    expect((await readReturn(manager, returnId))!.superseded).toBe(true);
    const signed2 = await signReturn(manager, (v2 as { returnId: string }).returnId, { signedByName: "Sam Section", signedByEmail: "s151@returns-a.gov.uk", statement: "I approve this return as the Section 151 officer" });
    expect(signed2.outcome).toBe("signed");
    expect((await listReturns(manager))!.filter((r) => r.layout === "CRF").map((r) => [r.version, r.status])).toEqual([[2, "SIGNED"], [1, "SIGNED"]]);
  });

  it("records administration spend against a strand and refuses it beyond the fund's cap, in words", async () => {
    // Cap 10% of £100,000 = £10,000; £181.22 is recorded already (one of it after the period).
    const ok = await recordAdminCost(manager, { fundId, costLine: "housing-admin", amountPence: 9_000_00n, reason: "Housing officer", formKey: randomUUID() });
    expect(ok).toMatchObject({ outcome: "recorded", replayed: false });
    const refused = await recordAdminCost(manager, { fundId, costLine: "evaluation", amountPence: 1_000_00n, reason: "Too much", formKey: randomUUID() });
    if (refused.outcome !== "refused") throw new Error(refused.outcome);
    expect(refused.refusal.code).toBe("admin-cap");
    expect(ledgerRefusalText(refused.refusal, messagesFor("en"))).toBe(
      "Crisis and Resilience Fund 2026-29 can spend at most £10,000.00 on administration and £9,181.22 is already recorded: record less, or change the fund's admin cap",
    );
    const costs = (await adminCostsOf(manager, fundId))!;
    expect(costs).toMatchObject({ usedPence: 9_181_22n, capPence: 10_000_00n });
    expect(costs.rows.map((r) => r.costLine).sort()).toEqual(["crisis-admin", "evaluation", "housing-admin", "housing-admin"]);
    // The fund's own SPENT account holds it; the pots are untouched.
    const fundSpent = await owner().ledgerAccount.findFirstOrThrow({ where: { fundId, potId: null, kind: "SPENT" } });
    expect(fundSpent.balancePence).toBe(9_181_22n);
  });

  it("counts households again under a changed mapping at once (its category counters are rebuilt), and back again", async () => {
    /** Households per category, per household group (its first award paid in the period, then the lowest award id) and in total, by plain SQL over the paid awards and the mapping. */
    const direct = () =>
      withTenant(council.id, async (tx) => {
        const rows = await tx.$queryRawUnsafe<{ kind: string; key: string; n: number }[]>(
          `with mapped as (
             select p."caseId", p."awardId", p."paidOn", p."householdGroup", coalesce(mn.category, mp.category) as category from "ReportAwardPaid" p
             left join "FunderMapping" mn on mn."potId" = p."potId" and mn."needCategory" = p."needCategory" and p."needCategory" <> ''
             left join "FunderMapping" mp on mp."potId" = p."potId" and mp."needCategory" = '*'
             where p."fundId" = $1::uuid and p."paidOn" between $2::date and $3::date
           ), valid as (select * from mapped where category is not null)
           select 'category' as kind, category as key, count(distinct "caseId")::int as n from valid group by 2
           union all select 'household', "householdGroup", count(*)::int from (select distinct on ("caseId") "caseId", "householdGroup" from valid order by "caseId", "paidOn", "awardId") f group by 2
           union all select 'total', '', count(distinct "caseId")::int from valid`,
          fundId,
          PERIOD.start,
          PERIOD.end,
        );
        return Object.fromEntries(rows.map((r) => [`${r.kind}:${r.key}`, r.n]));
      });
    const counted = async () => {
      const f = (await withTenant(council.id, (tx) => computeFigures(tx, fundId, PERIOD)))!;
      const out: Record<string, number> = { "total:": f.total.households };
      for (const [c, t] of Object.entries(f.byCategory)) if (t.households) out[`category:${c}`] = t.households;
      for (const [g, t] of Object.entries(f.byHousehold)) if (t.households) out[`household:${g}`] = t.households;
      return out;
    };
    const before = await counted();
    expect(before).toEqual(await direct());
    // The winter pilot now maps to crisis payments; the resilience pot's food no longer to coordination.
    const changed = await saveMapping(manager, fundId, [
      { potId: pots.crisis, needCategory: "*", category: "crf-crisis" },
      { potId: pots.winter, needCategory: "*", category: "crf-crisis" },
      { potId: pots.housing, needCategory: "*", category: "crf-housing" },
      { potId: pots.core, needCategory: "*", category: "crf-housing-core" },
      { potId: pots.resilience, needCategory: "*", category: "crf-resilience" },
    ]);
    expect(changed.outcome).toBe("saved");
    const after = await counted();
    expect(after).toEqual(await direct());
    expect(after["category:crf-coordination"]).toBeUndefined();
    expect(after["total:"]).toBeGreaterThanOrEqual(before["total:"]!);
    expect(after).not.toEqual(before);
    const restored = await saveMapping(manager, fundId, theMapping());
    expect(restored.outcome).toBe("saved");
    expect(await counted()).toEqual(before);
  });
});

describe("the Household Support Fund return (HSF7 layout)", () => {
  it("ties every cell of every tab to the ledger to the penny, with the template's checks, and is named HSF7MI_<code>_<MMYY>.xlsx", async () => {
    const made = await createFund(owner(), council.id, {
      name: "Household Support Fund 7",
      periodStart: new Date("2026-04-01T00:00:00Z"),
      periodEnd: new Date("2027-03-31T00:00:00Z"),
      allocationPence: 20_000_000n,
      at: ukSummer("2026-04-01"),
      pots: ["Food", "Energy", "Essentials", "Housing", "Advice"].map((name) => ({ name, allocatePence: 3_000_000n })),
    });
    const [food, energy, essentials, housing, advice] = made.pots.map((p) => p.id) as [string, string, string, string, string];
    const categoryOf = (potId: string, need: string) =>
      potId === food ? "hsf-food" : potId === energy ? (need === "essentials" ? "hsf-energy-essentials" : "hsf-energy") : potId === essentials ? "hsf-wider" : potId === housing ? "hsf-housing" : potId === advice ? "hsf-advice" : null;
    await saveMapping(manager, made.fund.id, [
      { potId: food, needCategory: "*", category: "hsf-food" },
      { potId: energy, needCategory: "*", category: "hsf-energy" },
      { potId: energy, needCategory: "essentials", category: "hsf-energy-essentials" },
      { potId: essentials, needCategory: "*", category: "hsf-wider" },
      { potId: housing, needCategory: "*", category: "hsf-housing" },
      { potId: advice, needCategory: "*", category: "hsf-advice" },
    ]);
    const movements = await generate(made.fund.id, made.pots, 7, await someCases(6));
    await asOwnerInCouncil(owner(), council.id, (tx) =>
      postLedger(tx, { kind: "ADMIN", fundId: made.fund.id, amountPence: 4_321n, costLine: "admin", idempotencyKey: `adm:${randomUUID()}`, reason: "Admin", actorUserId: null, at: ukSummer("2026-07-15") }),
    );
    const drafted = await draftReturn(manager, { fundId: made.fund.id, layout: "HSF", periodStart: PERIOD.start, periodEnd: PERIOD.end, inputs: { councilCode: "E09000012", contactEmail: "hsf@returns-a.gov.uk" } });
    if (drafted.outcome !== "drafted") throw new Error(drafted.outcome);
    const view = (await readReturn(manager, drafted.returnId))!;
    expect(view.sheets.map((s) => s.name)).toEqual(["1 Governance", "2 Spend", "3 Volumes", "4 Households helped"]);
    const e = expected(movements, categoryOf);
    for (const c of HSF_CATEGORIES) {
      expect(rowOf(view.sheets, `spend.${c.id}`), c.id).toEqual([c.label, money(e.spend(c.id))]);
      expect(rowOf(view.sheets, `volumes.${c.id}`), c.id).toEqual([c.label, String(e.awards((a) => a.category === c.id))]);
    }
    expect(rowOf(view.sheets, "spend.total")).toEqual(["Total grants made", money(e.total)]);
    expect(rowOf(view.sheets, "admin.total")).toEqual(["Administration", "43.21"]);
    expect(rowOf(view.sheets, "spend.all")).toEqual(["Total spend including administration", money(e.total + 4_321n)]);
    expect(rowOf(view.sheets, "fund.allocation")).toEqual(["Allocation", "200000.00"]);
    expect(rowOf(view.sheets, "volumes.total")).toEqual(["Total awards", String(e.awards(() => true))]);
    for (const g of HOUSEHOLD_GROUPS) expect(rowOf(view.sheets, `households.${g.id}`), g.id).toEqual([g.label, String(e.households((a) => a.group === g.id)), money(e.spend(`household:${g.id}`))]);
    expect(rowOf(view.sheets, "households.total")).toEqual(["Total households helped", String(e.households(() => true)), money(e.total)]);
    for (const row of view.sheets.flatMap((s) => s.rows)) if (row.cells.some((c) => typeof c !== "string")) expect(row.key).toBeTruthy();
    // The template's checks: green where the figures agree; governance red until signed off.
    const checks = Object.fromEntries(view.sheets.map((s) => [s.name, s.checks.map((c) => c.ok)]));
    expect(checks).toEqual({ "1 Governance": [false], "2 Spend": [true, true, true, true], "3 Volumes": [expect.any(Boolean)], "4 Households helped": [true, true] });
    expect(checks["3 Volumes"]![0]).toBe(HSF_CATEGORIES.every((c) => e.spend(c.id) > 0n === e.awards((a) => a.category === c.id) > 0));
    expect((await exportReturn(manager, drafted.returnId, "xlsx"))!.fileName).toBe("HSF7MI_E09000012_0926.xlsx");
    expect(ADMIN_COST_LINES.filter((l) => (l.layouts as readonly string[]).includes("HSF")).map((l) => l.id)).toEqual(["admin"]);
  }, 240_000);
});

describe("awards keep the household and route they were decided with", () => {
  it("fills Award.householdTypes and accessRoute at the officer's decision", async () => {
    const made = await createFund(owner(), council.id, { pots: [{ name: "Decided", allocatePence: 100_000n }] });
    const { caseId } = await applyFor(council);
    expect((await claimCase(officer, caseId)).outcome).toBe("done");
    const r = await decideCase(officer, caseId, { decision: "approve", reasonCode: "need-met", explanation: "We will pay you.", lines: [{ potId: made.pots[0]!.id, needCategory: "food", amountPence: 5_000n, paymentMethod: "bank" }] });
    if (r.outcome !== "decided") throw new Error(r.outcome);
    const award = await owner().award.findUniqueOrThrow({ where: { id: r.awards[0]!.id } });
    // The full answers: two children, someone pregnant; applied online.
    expect(award.householdTypes).toEqual(["families-with-children", "pregnancy"]);
    expect(award.accessRoute).toBe("APPLICATION");
  });
});

describe("who may see and change returns", () => {
  it("refuses another council's manager and an officer, whatever ids they send", async () => {
    const [any] = (await listReturns(manager))!;
    const fund = await owner().fund.findFirstOrThrow({ where: { tenantId: council.id, name: "Crisis and Resilience Fund 2026-29" }, include: { pots: true } });
    expect(await readReturn(otherManager, any!.id)).toBeNull();
    expect(await exportReturn(otherManager, any!.id, "csv")).toBeNull();
    expect(await listReturns(otherManager)).toEqual([]);
    expect(await readMapping(otherManager, fund.id)).toBeNull();
    expect((await saveMapping(otherManager, fund.id, [{ potId: fund.pots[0]!.id, needCategory: "*", category: "crf-crisis" }])).outcome).toBe("not-found");
    expect((await draftReturn(otherManager, { fundId: fund.id, layout: "CRF", periodStart: PERIOD.start, periodEnd: PERIOD.end, inputs: {} })).outcome).toBe("not-found");
    expect((await recordAdminCost(otherManager, { fundId: fund.id, costLine: "evaluation", amountPence: 1n, reason: "x", formKey: randomUUID() })).outcome).toBe("not-found");
    expect((await signReturn(otherManager, any!.id, { signedByName: "X", signedByEmail: "x@example.com", statement: "x" })).outcome).toBe("not-found");
    // A pot of another fund cannot be slipped into this fund's mapping.
    const elsewhere = await createFund(owner(), council.id, { pots: [{ name: "Elsewhere" }] });
    expect((await saveMapping(manager, fund.id, [{ potId: elsewhere.pots[0]!.id, needCategory: "*", category: "crf-crisis" }])).outcome).toBe("not-found");
    // An officer holds neither reports:read nor funds:manage.
    expect(await readReturn(officer, any!.id)).toBeNull();
    expect(await listReturns(officer)).toBeNull();
    expect((await draftReturn(officer, { fundId: fund.id, layout: "CRF", periodStart: PERIOD.start, periodEnd: PERIOD.end, inputs: {} })).outcome).toBe("forbidden");
    expect((await recordAdminCost(officer, { fundId: fund.id, costLine: "evaluation", amountPence: 1n, reason: "x", formKey: randomUUID() })).outcome).toBe("forbidden");
    // Row-level security: the app's role in council B sees none of A's mappings or returns.
    const { withTenant } = await import("@/lib/db/tenant-scope");
    expect(await withTenant(other.id, (tx) => tx.funderReturn.count())).toBe(0);
    expect(await withTenant(other.id, (tx) => tx.funderMapping.count())).toBe(0);
  });
});
