// Managers' budget work through the real domain functions, as the app's database role.
import type { TRole } from "@/lib/auth/permissions";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { exportPotHistory } from "@/lib/funds/history";
import { createFund, createPot, moveMoney, updateFund } from "@/lib/funds/manage";
import { getFund, getPotHistory, listFunds } from "@/lib/funds/queries";
import type { TFundInput, TPotRules } from "@/lib/funds/write";
import { postLedger } from "@/lib/ledger/post";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { asOwnerInCouncil, createCouncil, createFund as createFundAsOwner, createMember, createOrganisation } from "@/prisma/factories";
import { testDb } from "../support/globals";

let a: TCouncil, b: TCouncil;
let managerA: { council: TCouncil; user: { userId: string; email: string; name: string; isPlatformOperator: boolean; sessionId: string }; roles: TRole[] };
let managerB: typeof managerA;

const FUND: TFundInput = {
  name: "Crisis and Resilience Fund 2026/27",
  funder: "Department for Work and Pensions",
  periodStart: new Date("2026-04-01T00:00:00Z"),
  periodEnd: new Date("2027-03-31T00:00:00Z"),
  allocationPence: 100_000_000n,
  adminCapBasisPoints: 1000,
};
const RULES: TPotRules = { name: "Food", ownerOrganisationId: null, maxSingleAwardPence: null, eligibleNeeds: [], eligibleHouseholdTypes: [], accessRoutes: [], maxAwardsPerHousehold: null, repeatWindowDays: null };

async function auditActions(tenantId: string) {
  return (await testDb().owner.auditEvent.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } })).map((e) => `${e.action}: ${e.summary}`);
}

beforeAll(async () => {
  const { owner } = testDb();
  await createCouncil(owner, { slug: "funds-a" });
  await createCouncil(owner, { slug: "funds-b" });
  a = (await findCouncilBySlug("funds-a"))!;
  b = (await findCouncilBySlug("funds-b"))!;
  const asUser = (u: { id: string; email: string; name: string }) => ({ userId: u.id, email: u.email, name: u.name, isPlatformOperator: false, sessionId: randomUUID() });
  managerA = { council: a, user: asUser(await createMember(owner, a.id, "MANAGER", { email: "manager@funds-a.example" })), roles: ["MANAGER"] };
  managerB = { council: b, user: asUser(await createMember(owner, b.id, "MANAGER", { email: "manager@funds-b.example" })), roles: ["MANAGER"] };
});

describe("funds and pots", () => {
  it("creates a fund once however often the form is sent, pays in the allocation and audits it", async () => {
    const key = randomUUID();
    const first = await createFund(managerA, FUND, key, "203.0.113.9");
    const again = await createFund(managerA, FUND, key, "203.0.113.9");
    expect(first.outcome).toBe("created");
    expect(again).toEqual({ outcome: "replayed", fundId: (first as { fundId: string }).fundId });
    expect(await createFund(managerA, FUND, randomUUID(), null)).toEqual({ outcome: "name-taken" });
    const fund = (await getFund(a.id, (first as { fundId: string }).fundId))!;
    expect(fund).toMatchObject({ allocationPence: 100_000_000n, unallocatedPence: 100_000_000n, allocatedToPotsPence: 0n });
    expect(await auditActions(a.id)).toEqual(["funds.created: Created fund Crisis and Resilience Fund 2026/27 (£1,000,000.00 from Department for Work and Pensions)"]);
  });

  it("changes the allocation only with a reason, and never below what is already in pots", async () => {
    const { fundId } = (await createFund(managerA, { ...FUND, name: "Discretionary", allocationPence: 50_000n }, randomUUID(), null)) as { fundId: string };
    const pot = await createPot(managerA, fundId, RULES, null);
    expect(pot.outcome).toBe("saved");
    await moveMoney(managerA, { fundId, fromPotId: null, toPotId: (pot as { potId: string }).potId, amountPence: 30_000n, reason: "Start-up", formKey: randomUUID() }, null);

    expect(await updateFund(managerA, fundId, { ...FUND, name: "Discretionary", allocationPence: 80_000n }, "", randomUUID(), null)).toEqual({ outcome: "reason-required" });
    expect(await updateFund(managerA, fundId, { ...FUND, name: "Discretionary", allocationPence: 10_000n }, "Cut", randomUUID(), null)).toEqual({ outcome: "allocation-too-low", unallocatedPence: 20_000n });
    let fund = (await getFund(a.id, fundId))!;
    expect(fund).toMatchObject({ allocationPence: 50_000n, unallocatedPence: 20_000n });

    expect(await updateFund(managerA, fundId, { ...FUND, name: "Discretionary", allocationPence: 80_000n }, "Top-up from reserves", randomUUID(), null)).toEqual({ outcome: "changed" });
    expect(await updateFund(managerA, fundId, { ...FUND, name: "Discretionary", allocationPence: 35_000n }, "Returned to reserves", randomUUID(), null)).toEqual({ outcome: "changed" });
    fund = (await getFund(a.id, fundId))!;
    expect(fund).toMatchObject({ allocationPence: 35_000n, unallocatedPence: 5_000n, allocatedToPotsPence: 30_000n });
    const audit = await auditActions(a.id);
    expect(audit).toContain("funds.changed: Changed fund Discretionary: allocation £500.00 → £800.00 (Top-up from reserves)");
    expect(audit).toContain("funds.allocated: Allocated £300.00 from the fund's unallocated money to Food: Start-up");
  });

  it("allocates and moves money once per form, refusing more than a pot holds, with the reason audited", async () => {
    const { fundId } = (await createFund(managerA, { ...FUND, name: "Moves", allocationPence: 10_000n }, randomUUID(), null)) as { fundId: string };
    const food = (await createPot(managerA, fundId, { ...RULES, name: "Food" }, null)) as { potId: string };
    const energy = (await createPot(managerA, fundId, { ...RULES, name: "Energy" }, null)) as { potId: string };
    const key = randomUUID();
    const allocation = { fundId, fromPotId: null, toPotId: food.potId, amountPence: 6_000n, reason: "Opening", formKey: key };
    expect(await moveMoney(managerA, allocation, null)).toEqual({ outcome: "done", replayed: false });
    expect(await moveMoney(managerA, allocation, null)).toEqual({ outcome: "done", replayed: true });
    const tooMuch = await moveMoney(managerA, { fundId, fromPotId: food.potId, toPotId: energy.potId, amountPence: 6_001n, reason: "Winter", formKey: randomUUID() }, null);
    // Through Prisma's driver the refusal arrives as a code and facts too, not as words to parse.
    expect(tooMuch.outcome === "refused" && { code: tooMuch.refusal.code, facts: tooMuch.refusal.facts }).toEqual({
      code: "insufficient",
      facts: { fund: expect.any(String), pot: "Food", account: "AVAILABLE", balancePence: "6000" },
    });
    await moveMoney(managerA, { fundId, fromPotId: food.potId, toPotId: energy.potId, amountPence: 2_500n, reason: "Winter", formKey: randomUUID() }, null);
    await moveMoney(managerA, { fundId, fromPotId: energy.potId, toPotId: null, amountPence: 500n, reason: "Not needed", formKey: randomUUID() }, null);
    const fund = (await getFund(a.id, fundId))!;
    expect(fund.unallocatedPence).toBe(4_500n);
    expect(fund.pots.map((p) => [p.name, p.balances.available])).toEqual([
      ["Energy", 2_000n],
      ["Food", 3_500n],
    ]);
    const audit = (await auditActions(a.id)).filter((x) => x.includes("£60.00") || x.includes("Winter") || x.includes("Not needed"));
    expect(audit).toEqual([
      "funds.allocated: Allocated £60.00 from the fund's unallocated money to Food: Opening",
      "funds.moved: Moved £25.00 from Food to Energy: Winter",
      "funds.moved: Moved £5.00 from Energy to the fund's unallocated money: Not needed",
    ]);
  });

  it("shows burn rate and projection from the last 7 and 30 days of commitments", async () => {
    const now = new Date();
    const { owner } = testDb();
    const periodEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 99 * 86_400_000);
    const { fund, pots } = await createFundAsOwner(owner, a.id, {
      name: "Burn",
      allocationPence: 1_000_000n,
      periodStart: new Date(Date.UTC(now.getUTCFullYear() - 1, 0, 1)),
      periodEnd,
      pots: [{ name: "Food", allocatePence: 1_000_000n }],
      at: new Date(now.getTime() - 60 * 86_400_000),
    });
    const days = [2, 5, 20, 40];
    await asOwnerInCouncil(owner, a.id, async (tx) => {
      for (const d of days) {
        await postLedger(tx, { kind: "COMMIT", fundId: fund.id, potId: pots[0]!.id, amountPence: 30_000n, idempotencyKey: `burn-${d}`, reason: "awards", actorUserId: null, at: new Date(now.getTime() - d * 86_400_000) });
      }
      await postLedger(tx, { kind: "RELEASE", fundId: fund.id, potId: pots[0]!.id, amountPence: 20_000n, idempotencyKey: "burn-release", reason: "cancelled", actorUserId: null, at: new Date(now.getTime() - 3 * 86_400_000) });
    });
    const summary = (await listFunds(a.id, now)).find((f) => f.id === fund.id)!;
    // Last 7 days: 30,000 + 30,000 − 20,000 = 40,000 → 5,714/day. Last 30: + 30,000 = 70,000 → 2,333/day.
    expect(summary.figures).toMatchObject({ usedPence: 100_000n, remainingPence: 900_000n, percentUsed: 10, burnPerDay7: 5_714n, burnPerDay30: 2_333n, daysLeft: 100 });
    // 900,000 / 2,333 = 385 days of money, more than the 100 left: 900,000 − 233,300 left over.
    expect(summary.figures.projection).toEqual({ kind: "underspend", pence: 666_700n });
  });

  it("filters and exports a pot's history, auditing the export", async () => {
    const { fund, pots } = await createFundAsOwner(testDb().owner, a.id, { name: "History", pots: [{ name: "Essentials", allocatePence: 50_000n }] });
    const potId = pots[0]!.id;
    await asOwnerInCouncil(testDb().owner, a.id, async (tx) => {
      for (const i of [1, 2, 3]) await postLedger(tx, { kind: "COMMIT", fundId: fund.id, potId, amountPence: 1_000n * BigInt(i), idempotencyKey: `h-${i}`, reason: `award ${i}`, awardRef: `AW-${i}`, actorUserId: managerA.user.userId });
    });
    const all = (await getPotHistory(a.id, potId, {}, null))!;
    expect(all.rows.map((r) => r.kind)).toEqual(["COMMIT", "COMMIT", "COMMIT", "ALLOCATE"]);
    expect(all.rows[0]).toMatchObject({ awardRef: "AW-3", availableEffectPence: -3_000n, actorEmail: "manager@funds-a.example" });
    const commits = (await getPotHistory(a.id, potId, { kind: "COMMIT" }, 2))!;
    expect(commits.total).toBe(3);
    expect(commits.rows).toHaveLength(2);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await getPotHistory(a.id, potId, { from: tomorrow }, null))!.total).toBe(0);

    const exported = (await exportPotHistory(managerA, potId, { kind: "COMMIT" }, "198.51.100.4"))!;
    expect(exported.csv.trimEnd().split("\r\n")).toHaveLength(4);
    const event = await testDb().owner.auditEvent.findFirstOrThrow({ where: { tenantId: a.id, action: "funds.history-exported" } });
    expect(event).toMatchObject({ actorEmail: "manager@funds-a.example", entityId: potId, ip: "198.51.100.4", summary: "Exported 3 transactions of pot Essentials as CSV" });
  });

  it("keeps one council's funds, pots and organisations out of another's reach, even by exact id", async () => {
    const { fund, pots } = await createFundAsOwner(testDb().owner, a.id, { name: "Private to A", pots: [{ name: "A pot", allocatePence: 10_000n }] });
    const orgA = await createOrganisation(testDb().owner, a.id, { name: "A's health visitors" });
    expect(await getFund(b.id, fund.id)).toBeNull();
    expect((await listFunds(b.id)).map((f) => f.id)).not.toContain(fund.id);
    expect(await getPotHistory(b.id, pots[0]!.id, {}, null)).toBeNull();
    expect(await exportPotHistory(managerB, pots[0]!.id, {}, null)).toBeNull();
    expect(await updateFund(managerB, fund.id, { ...FUND, name: "pwned" }, "x", randomUUID(), null)).toEqual({ outcome: "not-found" });
    expect(await createPot(managerB, fund.id, RULES, null)).toEqual({ outcome: "not-found" });
    const bFund = (await createFund(managerB, { ...FUND, name: "B's fund" }, randomUUID(), null)) as { fundId: string };
    expect(await createPot(managerB, bFund.fundId, { ...RULES, ownerOrganisationId: orgA.id }, null)).toEqual({ outcome: "bad-organisation" });
    const move = await moveMoney(managerB, { fundId: fund.id, fromPotId: null, toPotId: pots[0]!.id, amountPence: 1n, reason: "crafted", formKey: randomUUID() }, null);
    expect(move.outcome === "refused" && move.refusal.code).toBe("not-found");
    expect((await getFund(a.id, fund.id))!.name).toBe("Private to A");
  });
});
