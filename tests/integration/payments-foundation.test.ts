// The payment that pays an award line (issue 19 foundation, real PostgreSQL and the app's role):
// approving a line makes its READY payment; cancelling the line cancels that payment and releases
// the money; once the payment is in a batch the line cannot be cancelled; sending disburses once;
// a returned payment puts the money back as committed to the same award, and a new payment pays
// it again without a new decision, even when the pot was emptied meanwhile.
import type { TMemberActor } from "@/lib/actor";
import { beforeAll, describe, expect, it } from "vitest";
import { cancelAward } from "@/lib/awards/cancel-award";
import { claimCase } from "@/lib/cases/claim-case";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { decideCase } from "@/lib/decisions/decide-case";
import { move } from "@/lib/ledger/operations";
import { createPayment } from "@/lib/payments/create-payment";
import { readPayment, transitionPayment, type TPaymentRow } from "@/lib/payments/transition";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

const owner = () => testDb().owner;
let council: TCouncil;
let officer: TMemberActor, finance: TMemberActor;
let pot: { id: string; fundId: string };

const balances = async () => {
  const rows = await owner().ledgerAccount.findMany({ where: { potId: pot.id } });
  return Object.fromEntries(rows.map((r) => [r.kind, r.balancePence]));
};

async function approvedLine(amountPence: bigint, paymentMethod = "bank") {
  const made = await applyFor(council);
  expect((await claimCase(officer, made.caseId)).outcome).toBe("done");
  const r = await decideCase(officer, made.caseId, { decision: "approve", reasonCode: "need-met", explanation: "We will pay you.", lines: [{ potId: pot.id, needCategory: "food", amountPence, paymentMethod }] });
  if (r.outcome !== "decided") throw new Error(`not decided: ${r.outcome}`);
  return { ...made, awardId: r.awards[0]!.id };
}

const paymentsOf = (awardId: string) => owner().payment.findMany({ where: { awardId }, orderBy: { createdAt: "asc" } });
const step = (p: TPaymentRow, action: Parameters<typeof transitionPayment>[3], options: Parameters<typeof transitionPayment>[4] = {}) =>
  withTenantSql(council.id, (sql) => transitionPayment(sql, finance, p, action, options));
const reread = async (id: string) => (await withTenantSql(council.id, (sql) => readPayment(sql, id)))!;

async function inBatch(p: TPaymentRow): Promise<TPaymentRow> {
  const batch = await owner().paymentBatch.create({ data: { tenantId: council.id, reference: `B-${p.id.slice(0, 6)}`, method: p.method, count: 1, totalPence: p.amountPence, createdById: finance.user.userId } });
  const r = await step(p, "add-to-batch", { batchId: batch.id });
  expect(r).toMatchObject({ outcome: "done", to: "IN_BATCH" });
  return reread(p.id);
}

beforeAll(async () => {
  await createCouncil(owner(), { slug: "payments-found", postcodeAreas: ["E8"], settings: { referencePrefix: "PAF" } });
  council = (await findCouncilBySlug("payments-found"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  finance = await caseActor(council, "APPROVER", "Fin Finance");
  pot = (await createFund(owner(), council.id, { pots: [{ name: "Food", allocatePence: 100_000n }] })).pots[0]!;
});

describe("an approved award line and its payment", () => {
  it("gets one READY payment with the case's reference, the award's amount and the application's sealed bank details", async () => {
    const { awardId } = await approvedLine(12_345n);
    const [p] = await paymentsOf(awardId);
    const award = await owner().award.findUniqueOrThrow({ where: { id: awardId }, include: { case: true } });
    expect(p).toMatchObject({ status: "READY", method: "BANK_TRANSFER", amountPence: 12_345n, reference: `${award.case.reference}-1` });
    expect(p!.reference.length).toBeLessThanOrEqual(18);
    expect(p!.bankDetailsEnc).toMatch(/^v\d/);
    expect(p!.bankLast4).toMatch(/^\d{4}$/);
  });

  it("is cancelled with the line, and the line's money is released; once in a batch the line cannot be cancelled", async () => {
    const before = await balances();
    const a = await approvedLine(5_000n);
    expect((await cancelAward(officer, a.awardId, "Paid by another service", a.caseId)).outcome).toBe("done");
    expect((await paymentsOf(a.awardId))[0]).toMatchObject({ status: "CANCELLED", outcomeReason: "Paid by another service" });
    expect(await balances()).toEqual(before);

    const b = await approvedLine(6_000n);
    const p = await inBatch((await reread((await paymentsOf(b.awardId))[0]!.id)));
    expect(await cancelAward(officer, b.awardId, "Changed our mind", b.caseId)).toEqual({ outcome: "payment-under-way", paymentStatus: "IN_BATCH" });
    expect((await owner().award.findUniqueOrThrow({ where: { id: b.awardId } })).status).toBe("APPROVED");
    expect((await reread(p.id)).status).toBe("IN_BATCH");
  });

  it("has at most one live payment per award (the database refuses a second)", async () => {
    const { awardId } = await approvedLine(1_000n);
    await expect(withTenantSql(council.id, (sql) => createPayment(sql, finance, { awardId }))).rejects.toThrow(/Payment_one_live_per_award/);
  });

  it("moves only for finance: an officer's transition is forbidden", async () => {
    const { awardId } = await approvedLine(1_500n);
    const p = await reread((await paymentsOf(awardId))[0]!.id);
    expect(await withTenantSql(council.id, (sql) => transitionPayment(sql, officer, p, "cancel"))).toEqual({ outcome: "forbidden" });
  });
  it("sent: disburses once; returned: back to committed for the same award; paid again by voucher although the pot is now empty", async () => {
    const { awardId, caseId } = await approvedLine(7_000n);
    const p = await inBatch(await reread((await paymentsOf(awardId))[0]!.id));
    const committedBefore = await balances();
    expect(await step(p, "send")).toMatchObject({ outcome: "done", to: "SENT" });
    // A second send of the same row is refused by the map (and the ledger key would replay).
    expect(await step(p, "send")).toMatchObject({ outcome: "changed" });
    const sent = await balances();
    expect(sent.COMMITTED).toBe(committedBefore.COMMITTED! - 7_000n);
    expect(sent.SPENT).toBe(committedBefore.SPENT! + 7_000n);
    expect(await owner().ledgerTransaction.count({ where: { awardRef: awardId, kind: "DISBURSE" } })).toBe(1);

    // Empty the pot's available money: paying again must not need any.
    const available = (await balances()).AVAILABLE!;
    if (available > 0n) await move({ tenantId: council.id, actorUserId: null }, { fundId: pot.fundId, potId: pot.id, toPotId: null, amountPence: available, idempotencyKey: `empty:${awardId}`, reason: "Emptied for the test" });

    const returned = await step(await reread(p.id), "return", { reason: "Account closed (ARUCS 2)" });
    expect(returned).toMatchObject({ outcome: "done", to: "RETURNED" });
    const back = await balances();
    expect(back.COMMITTED).toBe(committedBefore.COMMITTED);
    expect(back.AVAILABLE).toBe(0n);
    expect((await owner().caseEvent.findFirstOrThrow({ where: { caseId, kind: "payment.returned" } })).data).toMatchObject({ reason: "Account closed (ARUCS 2)", reference: p.reference });

    const again = await withTenantSql(council.id, (sql) => createPayment(sql, finance, { awardId, method: "SUPERMARKET_VOUCHER", deliverChannel: "EMAIL", replacesPaymentId: p.id }));
    expect(again.reference).toBe(p.reference.replace(/-1$/, "-2"));
    const second = await inBatch(await reread(again.id));
    expect(await step(second, "send")).toMatchObject({ outcome: "done", to: "SENT" });
    const paidAgain = await balances();
    expect(paidAgain.COMMITTED).toBe(committedBefore.COMMITTED! - 7_000n);
    expect(await step(await reread(second.id), "confirm-paid")).toMatchObject({ outcome: "not-allowed", problem: "not-for-method" });
    expect(await step(await reread(second.id), "issue")).toMatchObject({ outcome: "done", to: "ISSUED" });
  });

});
