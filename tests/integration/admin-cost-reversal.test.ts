// Reversing an administration cost recorded in error (issue 20, docs/funder-returns.md, ADR 0042):
// a manager gives it back to the fund with a reason (ledger kind ADMIN_REVERSE, through the one
// posting function), once, audited; a signed return keeps its figures, a new draft counts it (net
// administration); another council and an officer cannot; the ledger still verifies.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { withTenant } from "@/lib/db/tenant-scope";
import { postLedger } from "@/lib/ledger/post";
import { verifyLedger } from "@/lib/ledger/verify";
import { penceToPoundsText } from "@/lib/money";
import { computeFigures } from "@/lib/reporting/figures";
import { cellText, type TSheet } from "@/lib/reporting/layouts";
import { adminCostsOf, draftReturn, readReturn, recordAdminCost, reverseAdminCost, signReturn } from "@/lib/reporting/returns";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { asOwnerInCouncil, createCouncil, createFund } from "@/prisma/factories";
import { caseActor } from "../support/casework";
import { testDb } from "../support/globals";

const owner = () => testDb().owner;
let council: TCouncil;
let manager: TMemberActor, officer: TMemberActor, otherManager: TMemberActor;
let fundId: string;
const PERIOD = { start: "2026-04-01", end: "2027-03-31" };
const cell = (sheets: TSheet[], key: string) => {
  const row = sheets.flatMap((s) => s.rows).find((r) => r.key === key);
  if (!row) throw new Error(`no row ${key}`);
  return cellText(row.cells[1]!, (p) => penceToPoundsText(p));
};

beforeAll(async () => {
  await createCouncil(owner(), { slug: "adminrev-a", postcodeAreas: ["E8"], settings: { referencePrefix: "ARA" } });
  await createCouncil(owner(), { slug: "adminrev-b", postcodeAreas: ["E9"], settings: { referencePrefix: "ARB" } });
  council = (await findCouncilBySlug("adminrev-a"))!;
  const other = (await findCouncilBySlug("adminrev-b"))!;
  manager = await caseActor(council, "MANAGER", "Mo Manager");
  officer = await caseActor(council, "OFFICER", "Ola Officer");
  otherManager = await caseActor(other, "MANAGER", "Nia Neighbour");
  const fund = await createFund(owner(), council.id, {
    name: "Crisis and Resilience Fund 2026-29",
    periodStart: new Date("2026-04-01T00:00:00Z"),
    periodEnd: new Date("2029-03-31T00:00:00Z"),
    allocationPence: 1_000_000n,
    adminCapBasisPoints: 1000,
    pots: [{ name: "Crisis", allocatePence: 500_000n }],
  });
  fundId = fund.fund.id;
}, 60_000);

async function adminCost(amountPence: bigint, reason: string, costLine: "crisis-admin" | "evaluation" = "crisis-admin") {
  const formKey = randomUUID();
  expect(await recordAdminCost(manager, { fundId, costLine, amountPence, reason, formKey })).toMatchObject({ outcome: "recorded" });
  return (await owner().ledgerTransaction.findFirstOrThrow({ where: { tenantId: council.id, idempotencyKey: `form:${formKey}` } })).id;
}

describe("reversing an administration cost", () => {
  it("gives the money back to the fund once, audited; a signed return keeps its figures, a new one nets it", async () => {
    // Cap: 10% of £10,000 = £1,000. £900 recorded in error, £50 rightly.
    const wrong = await adminCost(90_000n, "Caseworker salary (wrong fund)");
    await adminCost(5_000n, "Evaluation survey", "evaluation");
    expect((await recordAdminCost(manager, { fundId, costLine: "evaluation", amountPence: 10_000n, reason: "Over the cap", formKey: randomUUID() })).outcome).toBe("refused");

    const v1 = await draftReturn(manager, { fundId, layout: "CRF", periodStart: PERIOD.start, periodEnd: PERIOD.end, inputs: {} });
    if (v1.outcome !== "drafted") throw new Error(v1.outcome);
    expect(await signReturn(manager, v1.returnId, { signedByName: "Sam Section", signedByEmail: "s151@adminrev-a.gov.uk", statement: "I approve this return as the Section 151 officer" })).toMatchObject({ outcome: "signed" });
    const signedBefore = (await readReturn(manager, v1.returnId))!;
    expect(cell(signedBefore.sheets, "admin.total")).toBe("950.00");

    // A reason is needed (the ledger refuses a blank one; the form's schema says so first).
    expect(await reverseAdminCost(manager, { fundId, transactionId: wrong, reason: "  " })).toMatchObject({ outcome: "refused", refusal: { code: "reason" } });
    expect(await reverseAdminCost(manager, { fundId, transactionId: wrong, reason: "Recorded against the wrong fund" })).toEqual({ outcome: "reversed" });
    // Twice: refused, and the ledger holds one reversal.
    expect(await reverseAdminCost(manager, { fundId, transactionId: wrong, reason: "Again" })).toEqual({ outcome: "already-reversed" });
    const reversals = await owner().ledgerTransaction.findMany({ where: { tenantId: council.id, kind: "ADMIN_REVERSE" } });
    expect(reversals.map((r) => [r.reversesId, r.amountPence, r.costLine, r.potId])).toEqual([[wrong, 90_000n, "crisis-admin", null]]);
    const audit = await owner().auditEvent.findMany({ where: { tenantId: council.id, action: "reporting.admin-cost-reversed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain("Recorded against the wrong fund");

    // The money is back in the fund's unallocated: the fund's own SPENT holds £50, and the cap has room again.
    const spent = await owner().ledgerAccount.findFirstOrThrow({ where: { fundId, potId: null, kind: "SPENT" } });
    expect(spent.balancePence).toBe(5_000n);
    const costs = (await adminCostsOf(manager, fundId))!;
    expect(costs.usedPence).toBe(5_000n);
    expect(costs.rows.find((r) => r.id === wrong)!.reversal).toMatchObject({ reason: "Recorded against the wrong fund" });
    expect((await recordAdminCost(manager, { fundId, costLine: "crisis-admin", amountPence: 10_000n, reason: "Now within the cap", formKey: randomUUID() })).outcome).toBe("recorded");

    // The signed return is unchanged; a new version and the figures count administration net.
    expect((await readReturn(manager, v1.returnId))!.sheets).toEqual(signedBefore.sheets);
    const v2 = await draftReturn(manager, { fundId, layout: "CRF", periodStart: PERIOD.start, periodEnd: PERIOD.end, inputs: {} });
    if (v2.outcome !== "drafted") throw new Error(v2.outcome);
    expect(cell((await readReturn(manager, v2.returnId))!.sheets, "admin.total")).toBe("150.00");
    const figures = (await withTenant(council.id, (tx) => computeFigures(tx, fundId, PERIOD)))!;
    expect(figures.admin["crisis-admin"]).toBe(10_000n);
    expect(figures.admin.evaluation).toBe(5_000n);
    expect(figures.adminToDatePence).toBe(15_000n);
  });

  it("refuses more than was recorded, a second reversal under another key, a pot's cost, and a cost of another fund", async () => {
    const cost = await adminCost(2_000n, "Printing");
    const fund = await owner().fund.findUniqueOrThrow({ where: { id: fundId }, include: { pots: true } });
    const post = (over: Partial<Parameters<typeof postLedger>[1]>) =>
      asOwnerInCouncil(owner(), council.id, (tx) =>
        postLedger(tx, { kind: "ADMIN_REVERSE", fundId, amountPence: 2_000n, idempotencyKey: `by-hand:${randomUUID()}`, reason: "by hand", actorUserId: null, reversesId: cost, ...over }),
      );
    await expect(post({ amountPence: 2_001n })).rejects.toMatchObject({ code: "amount" });
    await expect(post({ reversesId: null })).rejects.toMatchObject({ code: "not-found" });
    await expect(post({ potId: fund.pots[0]!.id })).rejects.toMatchObject({ code: "cost-line" });
    const elsewhere = await createFund(owner(), council.id, { allocationPence: 100_000n });
    await expect(post({ fundId: elsewhere.fund.id })).rejects.toMatchObject({ code: "not-found" });
    // A payment's spend is not an administration cost.
    const fundTx = await owner().ledgerTransaction.findFirstOrThrow({ where: { fundId, kind: "FUND" } });
    await expect(post({ reversesId: fundTx.id })).rejects.toMatchObject({ code: "not-found" });
    // Part of it, once; then no second reversal, whatever the key.
    await post({ amountPence: 500n });
    await expect(post({ amountPence: 500n })).rejects.toMatchObject({ code: "key-reused" });
    expect(await reverseAdminCost(manager, { fundId, transactionId: cost, reason: "whole" })).toEqual({ outcome: "already-reversed" });
  });

  it("another council's manager and an officer cannot reverse, whatever ids they send", async () => {
    const cost = await adminCost(1_000n, "Postage");
    expect(await reverseAdminCost(otherManager, { fundId, transactionId: cost, reason: "x" })).toEqual({ outcome: "not-found" });
    expect(await reverseAdminCost(officer, { fundId, transactionId: cost, reason: "x" })).toEqual({ outcome: "forbidden" });
    expect(await reverseAdminCost(manager, { fundId, transactionId: "not-a-uuid", reason: "x" })).toEqual({ outcome: "not-found" });
    // Under council B's scope the app's role sees no transaction of A to reverse.
    await expect(
      withTenant(otherManager.council.id, (tx) => postLedger(tx, { kind: "ADMIN_REVERSE", fundId, amountPence: 1_000n, idempotencyKey: `steal:${randomUUID()}`, reason: "x", actorUserId: null, reversesId: cost })),
    ).rejects.toMatchObject({ code: "not-found" });
    expect(await owner().ledgerTransaction.count({ where: { reversesId: cost } })).toBe(0);
  });

  it("leaves the ledger verifying", async () => {
    const client = new pg.Client({ connectionString: testDb().ownerUrl });
    await client.connect();
    try {
      expect((await verifyLedger(client)).breaks.filter((b) => b.tenantId === council.id)).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
