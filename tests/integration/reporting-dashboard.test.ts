// The managers' dashboard (issue 20, docs/reporting-dashboard.md) on real PostgreSQL through the
// app's role: its breakdowns tie to the ledger to the penny (payments, money that came back,
// movements just outside the period); the CSV and XLSX downloads total what the screen totals;
// a staff cost is written by a manager only, audited, and confined to its council by row-level
// security; read-only links are created, found by their token only, revoked for ever, and never
// open another council's figures; the shared view holds no names, references or postcodes.
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { withTenant } from "@/lib/db/tenant-scope";
import { postLedger } from "@/lib/ledger/post";
import { loadBreakdown, loadDashboard } from "@/lib/reporting/dashboard";
import { tablesToCsv } from "@/lib/reporting/dashboard-files";
import { exportDashboard, readDashboard, readSharedDashboard } from "@/lib/reporting/dashboard-view";
import { createShareLink, findSharedReport, listShareLinks, revokeShareLink } from "@/lib/reporting/share-links";
import { listStaffCosts, recordStaffCost, staffCostFor } from "@/lib/reporting/staff-costs";
import { HIDDEN, SMALL } from "@/lib/reporting/suppression";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { asOwnerInCouncil, createCouncil, createFund } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

const owner = () => testDb().owner;
let council: TCouncil, other: TCouncil;
let manager: TMemberActor, officer: TMemberActor, otherManager: TMemberActor;
let fundId: string;
const PERIOD = { from: "2026-11-02", to: "2026-11-29" };
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const NEEDS = ["food", "energy", "essentials", "furniture"];
const expected = new Map<string, bigint>();
let expectedTotal = 0n;
const cases: { caseId: string; reference: string }[] = [];

beforeAll(async () => {
  await createCouncil(owner(), { slug: "dash-a", postcodeAreas: ["E8"], settings: { referencePrefix: "DSA" } });
  await createCouncil(owner(), { slug: "dash-b", postcodeAreas: ["E9"], settings: { referencePrefix: "DSB" } });
  council = (await findCouncilBySlug("dash-a"))!;
  other = (await findCouncilBySlug("dash-b"))!;
  manager = await caseActor(council, "MANAGER", "Mo Manager");
  officer = await caseActor(council, "OFFICER", "Ola Officer");
  otherManager = await caseActor(other, "MANAGER", "Nia Neighbour");
  const made = await createFund(owner(), council.id, {
    name: "Household Support Fund",
    periodStart: new Date("2026-10-01T00:00:00Z"),
    periodEnd: new Date("2027-03-31T00:00:00Z"),
    allocationPence: 5_000_000n,
    at: at("2026-10-01"),
    pots: ["Food", "Energy", "Essentials"].map((name) => ({ name, allocatePence: 1_000_000n })),
  });
  fundId = made.fund.id;
  for (let i = 0; i < 8; i++) cases.push(await applyFor(council));
  // 14 awards: paid in the period, one paid the day after it ends, two with money back in it.
  for (let i = 0; i < 14; i++) {
    const pot = made.pots[i % 3]!;
    const need = NEEDS[i % 4]!;
    const amount = BigInt(1_001 + i * 2_347);
    const award = await owner().award.create({
      data: { tenantId: council.id, caseId: cases[i % 8]!.caseId, potId: pot.id, needCategory: need, amountPence: amount, paymentMethod: "bank", status: "APPROVED", proposedById: manager.user.userId, householdTypes: i % 2 ? ["pension-age"] : ["families-with-children"], accessRoute: "APPLICATION", approvedAt: at("2026-11-03") },
    });
    const post = (kind: "COMMIT" | "DISBURSE" | "RECOMMIT", pence: bigint, day: string) =>
      asOwnerInCouncil(owner(), council.id, (tx) => postLedger(tx, { kind, fundId, potId: pot.id, amountPence: pence, idempotencyKey: `dash:${randomUUID()}`, reason: kind, actorUserId: null, awardRef: award.id, at: at(day) }));
    await post("COMMIT", amount, "2026-11-03");
    const day = i === 13 ? "2026-11-30" : `2026-11-${String(4 + i).padStart(2, "0")}`;
    await post("DISBURSE", amount, day);
    let net = day <= PERIOD.to ? amount : 0n;
    if (i === 2 || i === 7) {
      await post("RECOMMIT", amount, "2026-11-20");
      net -= amount;
    }
    expected.set(need, (expected.get(need) ?? 0n) + net);
    expectedTotal += net;
  }
}, 120_000);

describe("the dashboard's figures", () => {
  it("ties every breakdown to the ledger to the penny, and the tables add up", async () => {
    const view = (await readDashboard(manager, { fundId, ...PERIOD }, at("2026-12-01")))!;
    const d = view.dashboard;
    expect(d.outcomes.awardsPaidPence).toBe(expectedTotal);
    for (const [need, pence] of expected) expect(d.outputs.byNeed.find((r) => r.key === need)?.paidPence ?? 0n, need).toBe(pence);
    for (const rows of [d.outputs.byHousehold, d.outputs.byRoute, d.outputs.byPartner]) expect(rows.reduce((s, r) => s + r.paidPence, 0n)).toBe(expectedTotal);
    // Awards whose money all came back are not counted as awards.
    expect(d.outputs.byNeed.reduce((s, r) => s + r.awards, 0)).toBe(11);
    const byNeed = view.tables.find((t) => t.id === "by-need")!;
    expect(byNeed.total!.paid).toBe(expectedTotal);
    expect(d.money.find((m) => m.potId === null)!.allocationPence).toBe(5_000_000n);
    // A breakdown filtered by household adds up to its share.
    const children = await withTenant(council.id, (tx) => loadBreakdown(tx, { fundId, ...PERIOD, need: null, household: "children", route: null, partner: null }, "need"));
    expect(children.reduce((s, r) => s + r.paidPence, 0n)).toBe(d.outputs.byHousehold.find((r) => r.key === "children")!.paidPence);
  });

  it("another council's dashboard sees none of it, and an officer has no dashboard", async () => {
    const theirs = await withTenant(other.id, (tx) => loadDashboard(tx, { fundId: null, ...PERIOD }, at("2026-12-01")));
    expect(theirs.money).toEqual([]);
    expect(theirs.outcomes.awardsPaidPence).toBe(0n);
    // Naming this council's fund from the other council finds nothing either.
    const named = await withTenant(other.id, (tx) => loadDashboard(tx, { fundId, ...PERIOD }, at("2026-12-01")));
    expect(named.outcomes.awardsPaidPence).toBe(0n);
    expect(await readDashboard(officer, { fundId, ...PERIOD })).toBeNull();
  });

  it("the CSV and XLSX downloads total what the screen totals, and the download is audited", async () => {
    const view = (await readDashboard(manager, { fundId, ...PERIOD }))!;
    const csv = await exportDashboard(manager, { fundId, ...PERIOD }, "csv", "203.0.113.9");
    expect(csv!.body.toString("utf8")).toBe(tablesToCsv(view.tables, csv!.body.toString("utf8").split("\r\n")[0]!.replace(/^"|"$/g, "")));
    const totalLine = csv!.body
      .toString("utf8")
      .split("\r\n")
      .filter((l) => l.startsWith('"Total",'));
    expect(totalLine.some((l) => l.endsWith(`,"${expectedTotal / 100n}.${String(expectedTotal % 100n).padStart(2, "0")}"`))).toBe(true);
    const xlsx = await exportDashboard(manager, { fundId, ...PERIOD }, "xlsx", null);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx!.body as unknown as ArrayBuffer);
    const sheet = book.worksheets.find((w) => w.name.startsWith("Awards paid by need"))!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe("Total");
    expect(Math.round(Number(last.getCell(3).value) * 100)).toBe(Number(expectedTotal));
    expect(book.worksheets.length).toBe(view.tables.length);
    const audits = await owner().auditEvent.findMany({ where: { tenantId: council.id, action: "reporting.dashboard-exported" } });
    expect(audits.map((a) => (a.metadata as { format: string }).format).sort()).toEqual(["csv", "xlsx"]);
    expect(await exportDashboard(officer, { fundId, ...PERIOD }, "csv", null)).toBeNull();
  });
});

describe("staff cost", () => {
  it("a manager records it, audited; it shows for that fund and period only; an officer cannot", async () => {
    expect(await recordStaffCost(officer, { fundId, ...PERIOD, pence: 100n })).toEqual({ outcome: "forbidden" });
    expect((await recordStaffCost(manager, { fundId, ...PERIOD, pence: 1_234_567n }, "203.0.113.9")).outcome).toBe("recorded");
    expect((await recordStaffCost(manager, { fundId, ...PERIOD, pence: 1_500_000n })).outcome).toBe("recorded");
    expect(await withTenant(council.id, (tx) => staffCostFor(tx, { fundId, ...PERIOD }))).toBe(1_500_000n);
    expect(await withTenant(council.id, (tx) => staffCostFor(tx, { fundId: null, ...PERIOD }))).toBeNull();
    const view = (await readDashboard(manager, { fundId, ...PERIOD }))!;
    expect(view.dashboard.outcomes.staffCostPence).toBe(1_500_000n);
    const audit = await owner().auditEvent.findFirst({ where: { tenantId: council.id, action: "reporting.staff-cost-recorded" }, orderBy: { createdAt: "asc" } });
    expect(audit?.summary).toContain("£12,345.67");
    expect(audit?.ip).toBe("203.0.113.9");
    expect((await listStaffCosts(manager))!.map((r) => r.pence)).toEqual([1_500_000n, 1_234_567n]);
    expect(await listStaffCosts(officer)).toBeNull();
  });

  it("another council neither sees it nor can write one against this council's fund", async () => {
    expect(await listStaffCosts(otherManager)).toEqual([]);
    expect(await recordStaffCost(otherManager, { fundId, ...PERIOD, pence: 100n })).toEqual({ outcome: "not-found" });
    // Row-level security refuses a row for another council even written straight through the app role.
    await expect(
      withTenant(other.id, (tx) => tx.staffCost.create({ data: { tenantId: council.id, fundId: null, fromDate: at(PERIOD.from), toDate: at(PERIOD.to), pence: 1n, enteredById: otherManager.user.userId } })),
    ).rejects.toThrow();
    // And the app role may not change or delete an entry (append-only).
    await expect(withTenant(council.id, (tx) => tx.staffCost.updateMany({ data: { pence: 1n } }))).rejects.toThrow();
    await expect(withTenant(council.id, (tx) => tx.staffCost.deleteMany({}))).rejects.toThrow();
  });
});

describe("read-only links", () => {
  it("a link opens its council's figures, suppressed, with no names, references or postcodes; revoked it opens nothing", async () => {
    expect(await createShareLink(officer, { fundId, ...PERIOD })).toEqual({ outcome: "forbidden" });
    const made = await createShareLink(manager, { fundId, ...PERIOD }, "203.0.113.9");
    if (made.outcome !== "created") throw new Error(made.outcome);
    // Only the hash is kept.
    const row = await owner().reportShareLink.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.tokenHash).not.toContain(made.token.slice(32));
    expect(JSON.stringify(row)).not.toContain(made.token);
    const shared = (await findSharedReport(made.token))!;
    expect(shared).toMatchObject({ council: { id: council.id }, filter: { fundId, ...PERIOD } });
    const { tables } = await readSharedDashboard(shared, "198.51.100.7");
    expect(await owner().auditEvent.count({ where: { tenantId: council.id, action: "reporting.shared-view-opened", entityId: made.id, ip: "198.51.100.7" } })).toBe(1);
    const text = JSON.stringify(tables, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    const people = await owner().case.findMany({ where: { tenantId: council.id }, select: { fullName: true, reference: true, postcode: true } });
    for (const p of people) for (const s of [p.fullName, p.reference, p.postcode]) expect(text).not.toContain(s);
    // Small counts are suppressed (a few awards spread over 4 needs: some need has fewer than 5).
    const byNeed = tables.find((t) => t.id === "by-need")!;
    expect(byNeed.rows.every((r) => r.awards === SMALL || r.awards === HIDDEN || Number(r.awards) >= 5 || r.awards === 0)).toBe(true);
    expect(byNeed.rows.some((r) => r.awards === SMALL)).toBe(true);
    // Money by pot (another split of the same spend, which could show a hidden need's total) is not shared; money by fund is.
    expect(tables.map((t) => t.id)).not.toContain("pots");
    expect(tables.map((t) => t.id)).toContain("funds");

    expect((await listShareLinks(manager))!.map((l) => l.id)).toContain(made.id);
    expect(await revokeShareLink(otherManager, made.id)).toEqual({ outcome: "not-found" });
    expect(await revokeShareLink(officer, made.id)).toEqual({ outcome: "forbidden" });
    expect(await revokeShareLink(manager, made.id, "203.0.113.9")).toEqual({ outcome: "revoked" });
    expect(await revokeShareLink(manager, made.id)).toEqual({ outcome: "already-revoked" });
    expect(await findSharedReport(made.token)).toBeNull();
    const actions = (await owner().auditEvent.findMany({ where: { tenantId: council.id, entityId: made.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["reporting.share-link-created", "reporting.shared-view-opened", "reporting.share-link-revoked"]);
  });

  it("a token opens only with every character right, and never another council's link", async () => {
    const made = await createShareLink(manager, { fundId: null, ...PERIOD });
    if (made.outcome !== "created") throw new Error(made.outcome);
    const last = made.token.at(-1) === "A" ? "B" : "A";
    for (const bad of [made.token.slice(0, -1) + last, made.token.slice(0, 74), `${made.token}x`, "", "../../etc", made.token.toUpperCase()]) expect(await findSharedReport(bad), bad).toBeNull();
    // The same secret under the other council's id: looked up in that council, where it is not.
    const otherHex = other.id.replaceAll("-", "");
    expect(await findSharedReport(otherHex + made.token.slice(32))).toBeNull();
    expect(await findSharedReport(made.token)).not.toBeNull();
    // The other council's manager cannot name this council's fund in a link.
    expect(await createShareLink(otherManager, { fundId, ...PERIOD })).toEqual({ outcome: "not-found" });
    // And the app role may change a link only by revoking it.
    await expect(withTenant(council.id, (tx) => tx.reportShareLink.updateMany({ data: { fromDate: at("2020-01-01") } }))).rejects.toThrow();
  });
});
