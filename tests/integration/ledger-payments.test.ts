// ledger:verify's payment checks (issue 19, lib/ledger/verify.ts PAYMENT_CHECKS): awards approved,
// paid through released batches (createBatch, releaseBatch) and answered by the one writer — paid,
// returned and paid again, a voucher expired and cancelled — and the ledger is clean, its "spent" the payments that went out. Then
// each check is broken by the owner (in a transaction rolled back afterwards) and the break is
// reported, naming what is wrong.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { PAYMENT_CHECKS, verifyLedger, type TLedgerBreak } from "@/lib/ledger/verify";
import { createPayment } from "@/lib/payments/create-payment";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createBatch, releaseBatch } from "@/lib/payments/batches";
import { settlePayment } from "@/prisma/demo-payments";
import { createCouncil, createFund } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil, other: TCouncil;
let officer: TMemberActor, finance: TMemberActor, approver: TMemberActor;
let pot: { id: string; fundId: string };
const owner = () => testDb().owner;

type TPaid = { awardId: string; caseId: string; paymentId: string; reference: string };
const made = {} as Record<"paid" | "returned" | "expired" | "ready", TPaid>;
let again: { id: string; reference: string };

/** A case decided by the officer with one line under £250 (approved at once: its payment READY). */
async function approvedLine(amountPence: bigint, paymentMethod: string): Promise<TPaid> {
  const c = await applyFor(council);
  expect((await claimCase(officer, c.caseId)).outcome).toBe("done");
  const r = await decideCase(officer, c.caseId, { decision: "approve", reasonCode: "need-met", explanation: "We will pay you.", lines: [{ potId: pot.id, needCategory: "food", amountPence, paymentMethod }] });
  if (r.outcome !== "decided") throw new Error(r.outcome);
  const payment = await owner().payment.findFirstOrThrow({ where: { awardId: r.awards[0]!.id } });
  expect(payment.status).toBe("READY");
  return { awardId: r.awards[0]!.id, caseId: c.caseId, paymentId: payment.id, reference: payment.reference };
}

/** Every READY payment of the method in a batch made by finance and released by the approver (lib/payments/batches.ts). */
async function payInBatch(method: "BANK_TRANSFER" | "SUPERMARKET_VOUCHER", count: number) {
  const batch = await createBatch(finance, { method });
  if (batch.outcome !== "created") throw new Error(JSON.stringify(batch));
  expect(batch.count).toBe(count);
  expect(await releaseBatch(approver, batch.batchId)).toMatchObject({ outcome: "released", count });
}

const spent = async () => (await owner().ledgerAccount.findFirstOrThrow({ where: { potId: pot.id, kind: "SPENT" } })).balancePence;

/** The breaks verifyLedger reports after `change`, made by the owner in a transaction rolled back afterwards. */
async function breaksAfter(change: (c: pg.Client) => Promise<unknown>): Promise<TLedgerBreak[]> {
  const c = new pg.Client({ connectionString: testDb().ownerUrl });
  await c.connect();
  try {
    await c.query("begin");
    await c.query(`select set_config('app.tenant_id', $1, true)`, [council.id]);
    await change(c);
    return (await verifyLedger(c)).breaks;
  } finally {
    await c.query("rollback").catch(() => {});
    await c.end();
  }
}

/** A ledger movement posted by the owner outside the payments writer. */
const post = (c: pg.Client, kind: string, amountPence: bigint, awardRef: string | null, paymentRef: string | null) =>
  c.query(`select * from post_ledger_transaction($1::"LedgerTransactionKind", $2, $3, null, $4, $5, 'by hand', null, $6, $7)`, [kind, pot.fundId, pot.id, amountPence, `hand:${Math.random()}`, awardRef, paymentRef]);

beforeAll(async () => {
  await createCouncil(owner(), { slug: "ledger-pay-a", postcodeAreas: ["E8"], settings: { referencePrefix: "LPA" } });
  await createCouncil(owner(), { slug: "ledger-pay-b", postcodeAreas: ["E8"], settings: { referencePrefix: "LPB" } });
  council = (await findCouncilBySlug("ledger-pay-a"))!;
  other = (await findCouncilBySlug("ledger-pay-b"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  finance = await caseActor(council, "APPROVER", "Fola Finance");
  approver = await caseActor(council, "APPROVER", "Alex Approver");
  pot = (await createFund(owner(), council.id, { pots: [{ name: "Food and energy", allocatePence: 1_000_000n }] })).pots[0]!;

  await owner().paymentSettings.create({
    data: { tenantId: council.id, serviceUserNumber: "123456", serviceUserName: "LEDGER PAY A", originatingSortCode: "089999", originatingAccountNumber: "66374958", originatingAccountName: "LPA HARDSHIP" },
  });
  // A voucher batch needs a provider (lib/payments/voucher-files.ts missingVoucherSettings).
  await owner().voucherProvider.create({ data: { tenantId: council.id, name: "Test e-vouchers", kind: "SUPERMARKET", capPence: 50_000n, expiryDays: 90, channels: ["SMS", "EMAIL"] } });
  made.paid = await approvedLine(10_000n, "bank");
  made.returned = await approvedLine(5_000n, "bank");
  made.expired = await approvedLine(3_000n, "voucher-email");
  await payInBatch("BANK_TRANSFER", 2);
  await payInBatch("SUPERMARKET_VOUCHER", 1);
  await settlePayment(approver, made.paid.paymentId, "confirm-paid");
  await settlePayment(approver, made.returned.paymentId, "return", "Account closed");
  await settlePayment(approver, made.expired.paymentId, "issue");
  await settlePayment(approver, made.expired.paymentId, "expire");
  // Paid again, by the same method, after the return (a new payment for the same award).
  again = await withTenantSql(council.id, (sql) => createPayment(sql, finance, { awardId: made.returned.awardId, replacesPaymentId: made.returned.paymentId }), finance.user.userId);
  await payInBatch("BANK_TRANSFER", 1);
  // Approved after the batches: ready to pay.
  made.ready = await approvedLine(2_000n, "bank");
}, 120_000);

describe("ledger:verify and payments", () => {
  it("is clean after paying, returning and paying again, and an expired voucher: spent is the payments that went out", async () => {
    const statuses = Object.fromEntries((await owner().payment.findMany({ where: { tenantId: council.id } })).map((p) => [p.reference, p.status]));
    expect(statuses).toEqual({
      [made.paid.reference]: "PAID",
      [made.returned.reference]: "RETURNED",
      [again.reference]: "SENT",
      [made.expired.reference]: "EXPIRED",
      [made.ready.reference]: "READY",
    });
    // Paid £100 and, after the return, £50 again; the expired voucher's £30 is still out.
    expect(await spent()).toBe(18_000n);
    const report = await verifyLedger(await ownerClient());
    expect(report.breaks).toEqual([]);
    expect(report.payments).toBe(5);
    // Cancelling the expired voucher puts its money back with its award.
    await settlePayment(approver, made.expired.paymentId, "cancel", "Resident never used it");
    expect(await spent()).toBe(15_000n);
    expect((await verifyLedger(await ownerClient())).breaks).toEqual([]);
  });

  it("reports a payment whose case is not its award's, or whose award is not of its council", async () => {
    let breaks = await breaksAfter((c) => c.query(`update "Payment" set "caseId" = $1 where id = $2`, [made.ready.caseId, made.paid.paymentId]));
    expect(breaks).toEqual([{ tenantId: council.id, check: PAYMENT_CHECKS[0], detail: expect.stringContaining(`payment ${made.paid.paymentId} (${made.paid.reference}) is for award ${made.paid.awardId} of case ${made.paid.caseId}, but names case ${made.ready.caseId}`) }]);
    // Past the composite foreign key (triggers off, as only a superuser could): another council's row.
    breaks = await breaksAfter(async (c) => {
      await c.query(`set local session_replication_role = replica`);
      await c.query(`update "Payment" set "tenantId" = $1 where id = $2`, [other.id, made.ready.paymentId]);
    });
    expect(breaks).toContainEqual({ tenantId: other.id, check: PAYMENT_CHECKS[0], detail: `payment ${made.ready.paymentId} (${made.ready.reference}) is for award ${made.ready.awardId}, which is not an award of its council` });
  });

  it("reports an award with two payments in disbursed states", async () => {
    const breaks = await breaksAfter(async (c) => {
      await c.query(`drop index "Payment_one_live_per_award"`);
      await c.query(
        `insert into "Payment" (id, "tenantId", "awardId", "caseId", reference, method, status, "amountPence", "batchId", "updatedAt")
         select gen_random_uuid(), "tenantId", "awardId", "caseId", 'DUP-1', method, 'PAID', "amountPence", "batchId", now() from "Payment" where id = $1`,
        [made.paid.paymentId],
      );
    });
    expect(breaks).toContainEqual({ tenantId: council.id, check: PAYMENT_CHECKS[1], detail: `award ${made.paid.awardId} has 2 payments in disbursed states: DUP-1 PAID, ${made.paid.reference} PAID` });
    // Its ledger paid once: the award's net and the pot's spent disagree with the payments too.
    expect(breaks).toContainEqual({ tenantId: council.id, check: PAYMENT_CHECKS[2], detail: `award ${made.paid.awardId}: disbursed less recommitted 10000, its payment in a disbursed state 20000` });
    expect(breaks.map((b) => b.check)).toContain(PAYMENT_CHECKS[4]);
  });

  it("reports a payment marked paid that the ledger never disbursed", async () => {
    const breaks = await breaksAfter((c) => c.query(`update "Payment" set status = 'PAID', "batchId" = (select "batchId" from "Payment" where id = $2) where id = $1`, [made.ready.paymentId, made.paid.paymentId]));
    expect(breaks).toEqual([
      { tenantId: council.id, check: PAYMENT_CHECKS[2], detail: `award ${made.ready.awardId}: disbursed less recommitted 0, its payment in a disbursed state 2000` },
      { tenantId: council.id, check: PAYMENT_CHECKS[4], detail: expect.stringMatching(/^pot .+: spent 15000, its payments in disbursed states 17000$/) },
    ]);
  });

  it("reports a DISBURSE that names no payment, a payment that does not exist, or another award's payment", async () => {
    let breaks = await breaksAfter((c) => post(c, "DISBURSE", 2_000n, made.ready.awardId, null));
    expect(breaks.filter((b) => b.check === PAYMENT_CHECKS[3])).toEqual([{ tenantId: council.id, check: PAYMENT_CHECKS[3], detail: expect.stringMatching(/^transaction .+ \(DISBURSE of 2000\) names no payment$/) }]);
    expect(breaks).toContainEqual({ tenantId: council.id, check: PAYMENT_CHECKS[2], detail: `award ${made.ready.awardId}: disbursed less recommitted 2000, its payment in a disbursed state 0` });

    breaks = await breaksAfter((c) => post(c, "DISBURSE", 2_000n, made.ready.awardId, "LPA-NOPE-1"));
    expect(breaks.filter((b) => b.check === PAYMENT_CHECKS[3])).toEqual([{ tenantId: council.id, check: PAYMENT_CHECKS[3], detail: expect.stringMatching(/ names payment LPA-NOPE-1, which is not a payment of its council$/) }]);

    breaks = await breaksAfter((c) => post(c, "RECOMMIT", 1_000n, made.ready.awardId, made.paid.reference));
    expect(breaks.filter((b) => b.check === PAYMENT_CHECKS[3])).toEqual([
      { tenantId: council.id, check: PAYMENT_CHECKS[3], detail: expect.stringContaining(`(RECOMMIT) names payment ${made.paid.reference} of award ${made.paid.awardId} but carries award ${made.ready.awardId}`) },
    ]);
  });

  it("reports a pot whose spent money went anywhere but through a payment (a REVERSE by hand)", async () => {
    const breaks = await breaksAfter((c) => post(c, "REVERSE", 500n, null, null));
    expect(breaks).toEqual([{ tenantId: council.id, check: PAYMENT_CHECKS[4], detail: `pot ${pot.id}: spent 14500, its payments in disbursed states 15000` }]);
  });
});

let shared: pg.Client | undefined;
afterAll(() => shared?.end());
async function ownerClient(): Promise<pg.Client> {
  if (!shared) {
    shared = new pg.Client({ connectionString: testDb().ownerUrl });
    await shared.connect();
  }
  return shared;
}
