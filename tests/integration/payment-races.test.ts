// Races on the way money goes out (issue 19 follow-up, docs/payment-races.md): each attack runs the
// real services in parallel (Promise.all of 10–50 calls, each its own pooled connection and
// transaction, through the app's RLS-bound role) and then checks what must hold whatever the
// interleaving: a batch released once and each payment disbursed once; a payment in at most one
// batch; release or cancel, never both; a bank report applied once, two reports never deadlocking;
// one live payment per award; a bank-details change decided once and, like a supplier's
// withdrawal, never failing a batch; a voucher provider's files settling each payment once and
// never leaving one issued with all its vouchers used; the ledger balanced to the penny
// (verifyLedger) and no pot below zero. The money rules' own races (limit, pot rules, household
// totals, last money of a pot) are in tests/integration/money-rule-races.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import type { TRawAnswers } from "@/lib/applications/steps";
import { cancelAward } from "@/lib/awards/cancel-award";
import { claimCase } from "@/lib/cases/claim-case";
import { pool } from "@/lib/db/client";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { decideCase } from "@/lib/decisions/decide-case";
import { resetEnvForTests } from "@/lib/env";
import { approveBankChange, rejectBankChange, requestBankChange, requestBankChangeSql } from "@/lib/payments/bank-changes";
import { cancelBatch, createBatch, releaseBatch } from "@/lib/payments/batches";
import { cancelExpiredVoucher } from "@/lib/payments/expired-vouchers";
import { payAgain } from "@/lib/payments/pay-again";
import { applyReconciliation, previewReconciliation } from "@/lib/payments/reconciliation";
import { applyVoucherImport, previewVoucherImport } from "@/lib/payments/voucher-imports";
import { createVoucherProvider } from "@/lib/payments/voucher-providers";
import { choosePaymentSupplier } from "@/lib/payments/payment-details";
import { savePaymentSettings } from "@/lib/payments/settings";
import { ZSupplier } from "@/lib/payments/supplier-schemas";
import { addSupplier, checkSupplier, withdrawSupplier } from "@/lib/payments/suppliers";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";
import { ledgerBreaks, potBalances } from "../support/ledger-checks";
import { readStandard18 } from "../support/standard18-reader";

const owner = () => testDb().owner;
// Every call of a race on its own connection at once (the app's pool holds 10 by default: the rest
// would queue for a connection rather than race). The pool is made on first use, after this.
process.env.DATABASE_POOL_SIZE = "60";
resetEnvForTests();
const SETTINGS = { serviceUserNumber: "123456", serviceUserName: "Races Council", originatingSortCode: "089999", originatingAccountNumber: "66374958", originatingAccountName: "RC Hardship", bankFileFormat: "STANDARD18" as const };
const NEW_ACCOUNT = { accountName: "A New Name", sortCode: "089999", accountNumber: "66374958", rollNumber: null };

type TCtx = { council: TCouncil; officer: TMemberActor; finance1: TMemberActor; finance2: TMemberActor; finance3: TMemberActor };

/** A council of its own per attack (a batch takes every ready payment of the council), with its bank settings. */
async function newCouncil(slug: string, prefix: string): Promise<TCtx> {
  await createCouncil(owner(), { slug, postcodeAreas: ["E8"], settings: { referencePrefix: prefix } });
  const council = (await findCouncilBySlug(slug))!;
  const ctx = {
    council,
    officer: await caseActor(council, "OFFICER", "Olu Officer"),
    finance1: await caseActor(council, "APPROVER", "Fay First"),
    finance2: await caseActor(council, "APPROVER", "Sam Second"),
    finance3: await caseActor(council, "APPROVER", "Tim Third"),
  };
  expect(await savePaymentSettings(ctx.finance1, SETTINGS, null)).toEqual({ outcome: "saved" });
  return ctx;
}

let people = 0;
/** A new person each time (no household rules join them). */
function person(n = ++people): TRawAnswers {
  return {
    ...FULL,
    "full-name": { fullName: `Racing Resident${n}` },
    "date-of-birth": { "dateOfBirth-day": String((n % 28) + 1), "dateOfBirth-month": String((n % 12) + 1), "dateOfBirth-year": String(1940 + (n % 60)) },
    contact: { email: `racer${n}@example.com`, mobile: "" },
  };
}

/** A case decided by the officer with one bank-transfer line within the limit: its award and READY payment. */
async function approvedBank(ctx: TCtx, potId: string, amountPence: bigint) {
  const made = await applyFor(ctx.council, person());
  expect((await claimCase(ctx.officer, made.caseId)).outcome).toBe("done");
  const r = await decideCase(ctx.officer, made.caseId, { decision: "approve", reasonCode: "need-met", explanation: "We will pay this into your bank account.", lines: [{ potId, needCategory: "food", amountPence, paymentMethod: "bank" }] });
  if (r.outcome !== "decided") throw new Error(`not decided: ${r.outcome}`);
  const payment = await owner().payment.findFirstOrThrow({ where: { caseId: made.caseId } });
  return { caseId: made.caseId, awardId: r.awards[0]!.id, paymentId: payment.id, reference: payment.reference, amountPence };
}



const count = <T extends { outcome: string }>(results: T[], outcome: string) => results.filter((r) => r.outcome === outcome).length;
const sum = (xs: bigint[]) => xs.reduce((s, x) => s + x, 0n);
const csv = (...lines: string[]) => Buffer.from(["reference,amount,outcome,reason", ...lines].join("\r\n") + "\r\n");
const pounds = (p: bigint) => `${p / 100n}.${String(p % 100n).padStart(2, "0")}`;

beforeAll(() => {
  expect(pool().options.max).toBe(60);
});

/** Holds a payment's row (as editing its details does: lib/payments/payment-details.ts) until `release()`. */
async function holdPayment(ctx: TCtx, paymentId: string) {
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const holding = withTenantSql(
    ctx.council.id,
    async (sql) => {
      await sql.db.selectFrom("Payment").select("id").where("id", "=", paymentId).forUpdate().execute();
      held();
      await gate;
    },
    ctx.finance3.user.userId,
  );
  await isHeld;
  return { release, holding };
}

describe("releasing a batch", () => {
  it("50 releases of one batch at once: one release, each payment sent and disbursed exactly once, the ledger exact", async () => {
    const ctx = await newCouncil("races-release", "RRL");
    const fund = await createFund(owner(), ctx.council.id, { pots: [{ name: "Food", allocatePence: 5_000_000n }, { name: "Energy", allocatePence: 5_000_000n }] });
    const pots = fund.pots.map((p) => p.id);
    const paid = [];
    for (let i = 0; i < 24; i++) paid.push(await approvedBank(ctx, pots[i % 2]!, BigInt(1_000 + i * 37)));
    const before = await Promise.all(pots.map(potBalances));
    const made = await createBatch(ctx.finance1, { method: "BANK_TRANSFER" });
    if (made.outcome !== "created") throw new Error(made.outcome);
    const total = sum(paid.map((p) => p.amountPence));
    expect(made).toMatchObject({ count: 24, totalPence: total });

    // 50 at once: most by two permitted second people, every tenth by whoever made it.
    const releasers = Array.from({ length: 50 }, (_, i) => (i % 10 === 0 ? ctx.finance1 : i % 2 ? ctx.finance2 : ctx.finance3));
    const results = await Promise.all(releasers.map((a) => releaseBatch(a, made.batchId)));
    expect(results.filter((r) => r.outcome === "released")).toEqual([{ outcome: "released", count: 24, totalPence: total }]);
    expect(results.every((r) => ["released", "already-released", "segregation-of-duties"].includes(r.outcome))).toBe(true);
    // Only its maker is refused for segregation of duties, and never releases it.
    results.forEach((r, i) => {
      if (r.outcome === "segregation-of-duties") expect(releasers[i]).toBe(ctx.finance1);
      if (r.outcome === "released") expect(releasers[i]).not.toBe(ctx.finance1);
    });

    const payments = await owner().payment.findMany({ where: { batchId: made.batchId } });
    expect(payments.map((p) => p.status)).toEqual(Array(24).fill("SENT"));
    const disbursed = await owner().ledgerTransaction.findMany({ where: { tenantId: ctx.council.id, kind: "DISBURSE" } });
    expect(disbursed).toHaveLength(24);
    expect(new Set(disbursed.map((t) => t.idempotencyKey))).toEqual(new Set(payments.map((p) => `payment:${p.id}:disburse`)));
    for (const [i, potId] of pots.entries()) {
      const out = sum(paid.filter((_, j) => j % 2 === i).map((p) => p.amountPence));
      expect(await potBalances(potId)).toEqual({ ...before[i]!, COMMITTED: before[i]!.COMMITTED - out, SPENT: before[i]!.SPENT + out });
    }
    const batch = await owner().paymentBatch.findUniqueOrThrow({ where: { id: made.batchId } });
    expect(batch.status).toBe("RELEASED");
    expect([ctx.finance2.user.userId, ctx.finance3.user.userId]).toContain(batch.releasedById);
    expect(await owner().auditEvent.count({ where: { tenantId: ctx.council.id, action: "payment-batch.released" } })).toBe(1);
    expect(await owner().auditEvent.count({ where: { tenantId: ctx.council.id, action: "payment-batch.release-refused" } })).toBe(count(results, "segregation-of-duties"));
    expect(await owner().caseEvent.count({ where: { tenantId: ctx.council.id, kind: "payment.sent" } })).toBe(24);
    const jobs = await owner().$queryRaw<{ n: bigint }[]>`select count(*) as n from graphile_worker.jobs where key = ${`payment-batch:${made.batchId}:resident-views`}`;
    expect(Number(jobs[0]!.n)).toBe(1);
    expect(await ledgerBreaks()).toEqual([]);
  }, 180_000);
});

describe("making batches", () => {
  it("20 batches made at once over the same ready payments: each payment in exactly one batch, each file its own payments, a held payment left ready", async () => {
    const ctx = await newCouncil("races-make", "RMK");
    const a = await createFund(owner(), ctx.council.id, { name: "Fund A", pots: [{ name: "A food", allocatePence: 5_000_000n }] });
    const b = await createFund(owner(), ctx.council.id, { name: "Fund B", pots: [{ name: "B energy", allocatePence: 5_000_000n }] });
    const ready = [];
    for (let i = 0; i < 20; i++) ready.push(await approvedBank(ctx, (i % 2 ? b : a).pots[0]!.id, BigInt(2_000 + i)));
    // One payment waits for a second person to approve new bank details: no batch may take it.
    const held = ready.pop()!;
    expect((await requestBankChange(ctx.finance3, held.paymentId, { bank: NEW_ACCOUNT, reason: "Resident phoned with a new account" })).outcome).toBe("requested");

    const selections = [{}, { fundId: a.fund.id }, { fundId: b.fund.id }, { approvedOnOrBefore: "2099-12-31" }];
    const makers = [ctx.finance1, ctx.finance2, ctx.finance3];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => createBatch(makers[i % 3]!, { method: "BANK_TRANSFER", ...selections[i % 4] })));
    const created = results.flatMap((r) => (r.outcome === "created" ? [r] : []));
    expect(created.length + count(results, "nothing-to-pay")).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(sum(created.map((c) => BigInt(c.count)))).toBe(19n);
    expect(sum(created.map((c) => c.totalPence))).toBe(sum(ready.map((p) => p.amountPence)));
    expect(new Set(created.map((c) => c.reference)).size).toBe(created.length);

    const payments = await owner().payment.findMany({ where: { tenantId: ctx.council.id } });
    expect(payments.find((p) => p.id === held.paymentId)).toMatchObject({ status: "READY", batchId: null });
    for (const p of ready) expect(payments.find((x) => x.id === p.paymentId)).toMatchObject({ status: "IN_BATCH", batchId: expect.any(String) });
    // Each batch: its row's count and total are its payments', and its file pays exactly them.
    const batches = await owner().paymentBatch.findMany({ where: { tenantId: ctx.council.id }, include: { files: true } });
    expect(batches).toHaveLength(created.length);
    expect(new Set(batches.map((x) => x.fileSerial)).size).toBe(batches.length);
    for (const batch of batches) {
      const mine = payments.filter((p) => p.batchId === batch.id);
      expect(batch.count).toBe(mine.length);
      expect(batch.totalPence).toBe(sum(mine.map((p) => p.amountPence)));
      expect(batch.files).toHaveLength(1);
      const file = readStandard18(Buffer.from(batch.files[0]!.content).toString("ascii"));
      expect(file.credits.map((c) => c.reference.trim()).sort()).toEqual(mine.map((p) => p.reference).sort());
      expect(file.trailer.creditTotal).toBe(batch.totalPence);
    }
    // Released by another person, each batch disburses only its own payments: the ledger is exact.
    for (const batch of batches) {
      const releaser = [ctx.finance1, ctx.finance2, ctx.finance3].find((f) => f.user.userId !== batch.createdById)!;
      expect(await releaseBatch(releaser, batch.id)).toMatchObject({ outcome: "released", count: batch.count, totalPence: batch.totalPence });
    }
    expect(await owner().ledgerTransaction.count({ where: { tenantId: ctx.council.id, kind: "DISBURSE" } })).toBe(19);
    expect(await ledgerBreaks()).toEqual([]);
  }, 180_000);
});

describe("release racing cancel", () => {
  it("a batch released and cancelled at once, and an award cancelled with it, twenty times: one of them wins, whole, every time (and no deadlock)", async () => {
    const ctx = await newCouncil("races-cancel", "RCN");
    const pot = (await createFund(owner(), ctx.council.id, { pots: [{ name: "Cancel race", allocatePence: 5_000_000n }] })).pots[0]!;
    const tally = { released: 0, cancelled: 0, awardCancelled: 0 };
    for (let round = 0; round < 20; round++) {
      const lines = [await approvedBank(ctx, pot.id, 3_000n + BigInt(round)), await approvedBank(ctx, pot.id, 4_000n), await approvedBank(ctx, pot.id, 5_000n)];
      const made = await createBatch(ctx.finance1, { method: "BANK_TRANSFER" });
      if (made.outcome !== "created") throw new Error(made.outcome);
      expect(made.count).toBe(3);
      const [r1, c1, r2, c2, award] = await Promise.all([
        releaseBatch(ctx.finance2, made.batchId),
        cancelBatch(ctx.finance1, made.batchId),
        releaseBatch(ctx.finance3, made.batchId),
        cancelBatch(ctx.finance2, made.batchId),
        cancelAward(ctx.officer, lines[0]!.awardId, "The resident found other help"),
      ]);
      const releases = [r1, r2].filter((r) => r.outcome === "released").length;
      const cancels = [c1, c2].filter((r) => r.outcome === "cancelled").length;
      expect(releases + cancels).toBe(1);
      const batch = await owner().paymentBatch.findUniqueOrThrow({ where: { id: made.batchId } });
      const payments = await owner().payment.findMany({ where: { awardId: { in: lines.map((l) => l.awardId) } } });
      const disbursed = await owner().ledgerTransaction.count({ where: { kind: "DISBURSE", paymentRef: { in: payments.map((p) => p.reference) } } });
      if (releases) {
        tally.released++;
        expect(batch.status).toBe("RELEASED");
        expect([r1, r2].filter((r) => r.outcome !== "released").map((r) => r.outcome)).toEqual(["already-released"]);
        expect([c1, c2].map((r) => r.outcome)).toEqual(["already-released", "already-released"]);
        // The money left: the award cannot be cancelled any more.
        expect(award).toMatchObject({ outcome: "payment-under-way" });
        expect(payments.map((p) => p.status)).toEqual(["SENT", "SENT", "SENT"]);
        expect(disbursed).toBe(3);
      } else {
        tally.cancelled++;
        expect(batch.status).toBe("CANCELLED");
        expect([r1, r2].map((r) => r.outcome)).toEqual(["cancelled", "cancelled"]);
        expect(disbursed).toBe(0);
        expect(payments.every((p) => p.batchId === null && (p.status === "READY" || p.status === "CANCELLED"))).toBe(true);
        // The award's cancel either met the batch (under way) or came after it was cancelled.
        if (award.outcome === "done") {
          tally.awardCancelled++;
          expect(payments.find((p) => p.awardId === lines[0]!.awardId)!.status).toBe("CANCELLED");
        } else expect(award).toMatchObject({ outcome: "payment-under-way" });
        // Whatever is left ready goes in the next round's batch: take it out now so each round is its own.
        const left = await createBatch(ctx.finance1, { method: "BANK_TRANSFER" });
        if (left.outcome === "created") expect((await releaseBatch(ctx.finance2, left.batchId)).outcome).toBe("released");
      }
      expect(await owner().auditEvent.count({ where: { entityId: made.batchId, action: { in: ["payment-batch.released", "payment-batch.cancelled"] } } })).toBe(1);
    }
    const b = await potBalances(pot.id);
    expect(b.AVAILABLE + b.COMMITTED + b.SPENT).toBe(5_000_000n);
    expect(b.COMMITTED).toBe(0n);
    expect(await ledgerBreaks()).toEqual([]);
    // Both outcomes should have been seen across the rounds (if not, the race was not a race).
    console.info(`release vs cancel: ${JSON.stringify(tally)}`);
  }, 300_000);
});

describe("a bank report, and paying a returned payment again", () => {
  it("the same report previewed and applied by several people at once: one import, applied once (each return RECOMMITs once); pay again and a bank change raced", async () => {
    const ctx = await newCouncil("races-recon", "RRC");
    const pot = (await createFund(owner(), ctx.council.id, { pots: [{ name: "Recon race", allocatePence: 5_000_000n }] })).pots[0]!;
    const lines = [];
    for (let i = 0; i < 6; i++) lines.push(await approvedBank(ctx, pot.id, 1_500n + BigInt(i * 100)));
    const made = await createBatch(ctx.finance1, { method: "BANK_TRANSFER" });
    if (made.outcome !== "created") throw new Error(made.outcome);
    expect((await releaseBatch(ctx.finance2, made.batchId)).outcome).toBe("released");
    const afterRelease = await potBalances(pot.id);
    const [ret1, ret2] = [lines[4]!, lines[5]!];
    const report = csv(
      ...lines.slice(0, 4).map((l) => `${l.reference},${pounds(l.amountPence)},paid,`),
      `${ret1.reference},${pounds(ret1.amountPence)},returned,Account closed`,
      `${ret2.reference},${pounds(ret2.amountPence)},returned,No account`,
    );

    // Ten people import the same file at once: one import.
    const previews = await Promise.all(Array.from({ length: 10 }, (_, i) => previewReconciliation(i % 2 ? ctx.finance1 : ctx.finance2, { fileName: "report.csv", content: report, kind: "bank" })));
    expect(previews.every((p) => p.outcome === "previewed" || (p.outcome === "refused" && p.code === "race"))).toBe(true);
    const fresh = previews.filter((p) => p.outcome === "previewed" && p.alreadyImported === null);
    expect(fresh).toHaveLength(1);
    expect(await owner().reconciliationImport.count({ where: { tenantId: ctx.council.id } })).toBe(1);
    const importId = (fresh[0] as { importId: string }).importId;

    // Twenty confirmations at once: applied once.
    const applied = await Promise.all(Array.from({ length: 20 }, (_, i) => applyReconciliation([ctx.finance1, ctx.finance2, ctx.finance3][i % 3]!, importId)));
    expect(applied.filter((r) => r.outcome === "applied")).toEqual([{ outcome: "applied", confirmed: 4, returned: 2, rejected: 0, exceptions: 0 }]);
    expect(count(applied, "already-applied")).toBe(19);
    const recommits = await owner().ledgerTransaction.findMany({ where: { tenantId: ctx.council.id, kind: "RECOMMIT" } });
    expect(recommits.map((t) => t.paymentRef).sort()).toEqual([ret1.reference, ret2.reference].sort());
    const back = ret1.amountPence + ret2.amountPence;
    expect(await potBalances(pot.id)).toEqual({ AVAILABLE: afterRelease.AVAILABLE, COMMITTED: afterRelease.COMMITTED + back, SPENT: afterRelease.SPENT - back });
    expect(await owner().caseEvent.count({ where: { tenantId: ctx.council.id, kind: "payment.paid" } })).toBe(4);
    expect(await owner().caseEvent.count({ where: { tenantId: ctx.council.id, kind: "payment.returned" } })).toBe(2);
    expect(await owner().auditEvent.count({ where: { tenantId: ctx.council.id, action: "reconciliation.applied" } })).toBe(1);

    // Paying the first returned payment again, 20 times at once by officers and finance: one new payment.
    const again = await Promise.all(Array.from({ length: 20 }, (_, i) => payAgain(i % 2 ? ctx.officer : ctx.finance1, { caseId: ret1.caseId, paymentId: ret1.paymentId, form: { method: i % 4 < 2 ? "bank" : "voucher-sms" } })));
    const createdAgain = again.flatMap((r) => (r.outcome === "created" ? [r] : []));
    expect(createdAgain).toHaveLength(1);
    expect(again.filter((r) => r.outcome !== "created").every((r) => r.outcome === "already-paying" && r.reference === createdAgain[0]!.reference)).toBe(true);
    expect(await owner().payment.count({ where: { awardId: ret1.awardId } })).toBe(2);
    expect(await owner().payment.count({ where: { awardId: ret1.awardId, status: "READY" } })).toBe(1);
    expect(await owner().auditEvent.count({ where: { tenantId: ctx.council.id, action: "payment.pay-again" } })).toBe(1);

    // The second, with new bank details, 10 times at once: one new payment and one change to approve.
    const typed = { method: "bank", accountName: "A Yilmaz", sortCode: "08-99-99", accountNumber: "66374958" };
    const again2 = await Promise.all(Array.from({ length: 10 }, () => payAgain(ctx.officer, { caseId: ret2.caseId, paymentId: ret2.paymentId, form: typed })));
    expect(count(again2, "created")).toBe(1);
    expect(count(again2, "already-paying")).toBe(9);
    const newPayment = again2.find((r) => r.outcome === "created") as { paymentId: string };
    const changes = await owner().paymentBankChange.findMany({ where: { paymentId: newPayment.paymentId } });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ status: "PENDING", requestedById: ctx.officer.user.userId });

    // Approved 20 times at once (and refused by its requester): decided once.
    const approvers = [ctx.finance1, ctx.finance2, ctx.finance3, ctx.officer];
    const decided = await Promise.all(Array.from({ length: 20 }, (_, i) => approveBankChange(approvers[i % 4]!, newPayment.paymentId, changes[0]!.id)));
    expect(count(decided, "approved")).toBe(1);
    // The requester (an officer) has no payments:manage: forbidden; the rest see it decided.
    expect(decided.every((r) => ["approved", "not-pending", "forbidden"].includes(r.outcome))).toBe(true);
    expect(count(decided, "forbidden")).toBe(5);
    expect(await owner().auditEvent.count({ where: { tenantId: ctx.council.id, action: "payments.bank-change-approved" } })).toBe(1);
    expect(await owner().caseEvent.count({ where: { tenantId: ctx.council.id, kind: "suppliers.bank-change-approved" } })).toBe(1);

    // Approve racing reject on another change: exactly one decision stands.
    for (let round = 0; round < 5; round++) {
      const asked = await requestBankChange(ctx.finance1, newPayment.paymentId, { bank: { ...NEW_ACCOUNT, accountName: `Round ${round}` }, reason: "Resident phoned again" });
      if (asked.outcome !== "requested") throw new Error(asked.outcome);
      const rs = await Promise.all([approveBankChange(ctx.finance2, newPayment.paymentId, asked.changeId), rejectBankChange(ctx.finance3, newPayment.paymentId, asked.changeId, "Not the resident"), approveBankChange(ctx.finance3, newPayment.paymentId, asked.changeId), rejectBankChange(ctx.finance2, newPayment.paymentId, asked.changeId, "No")]);
      expect(rs.filter((r) => r.outcome === "approved" || r.outcome === "rejected")).toHaveLength(1);
      expect(count(rs, "not-pending")).toBe(3);
    }

    // Both new payments in a batch and released: each award disbursed once net, the ledger exact.
    const next = await createBatch(ctx.finance1, { method: "BANK_TRANSFER" });
    expect(next).toMatchObject({ outcome: "created" });
    if (next.outcome === "created") expect((await releaseBatch(ctx.finance2, next.batchId)).outcome).toBe("released");
    expect(await ledgerBreaks()).toEqual([]);
  }, 240_000);
});

describe("a bank report racing the officers", () => {
  it("returns applied while the officers cancel those very lines: each line ends one way, whole, with no deadlock, and the ledger exact", async () => {
    const ctx = await newCouncil("races-recon-cancel", "RRX");
    const pot = (await createFund(owner(), ctx.council.id, { pots: [{ name: "Returned race", allocatePence: 5_000_000n }] })).pots[0]!;
    const lines = [];
    for (let i = 0; i < 10; i++) lines.push(await approvedBank(ctx, pot.id, 2_000n + BigInt(i)));
    const made = await createBatch(ctx.finance1, { method: "BANK_TRANSFER" });
    if (made.outcome !== "created") throw new Error(made.outcome);
    expect((await releaseBatch(ctx.finance2, made.batchId)).outcome).toBe("released");
    const preview = await previewReconciliation(ctx.finance1, { fileName: "returns.csv", content: csv(...lines.map((l) => `${l.reference},${pounds(l.amountPence)},returned,Account closed`)), kind: "bank" });
    if (preview.outcome !== "previewed") throw new Error(preview.outcome);
    const [applied, ...cancels] = await Promise.all([applyReconciliation(ctx.finance2, preview.importId), ...lines.map((l) => cancelAward(ctx.officer, l.awardId, "The resident asked us to stop"))]);
    expect(applied).toMatchObject({ outcome: "applied", returned: 10, exceptions: 0 });
    let stillCommitted = 0n;
    for (const [i, l] of lines.entries()) {
      const award = await owner().award.findUniqueOrThrow({ where: { id: l.awardId } });
      const payment = await owner().payment.findUniqueOrThrow({ where: { id: l.paymentId } });
      expect(payment.status).toBe("RETURNED");
      // Cancelled after the return (its money released), or refused while the payment was still out.
      if (cancels[i]!.outcome === "done") expect(award.status).toBe("CANCELLED");
      else {
        expect(cancels[i]).toMatchObject({ outcome: "payment-under-way" });
        expect(award.status).toBe("APPROVED");
        stillCommitted += l.amountPence;
      }
    }
    const b = await potBalances(pot.id);
    expect(b).toEqual({ AVAILABLE: 5_000_000n - stillCommitted, COMMITTED: stillCommitted, SPENT: 0n });
    expect(await ledgerBreaks()).toEqual([]);
  }, 180_000);
});

describe("a voucher provider's files applied at once", () => {
  /** Cash-voucher payments (a £100 cap), batched, released: SENT, waiting for the provider's codes. */
  async function sentVouchers(ctx: TCtx, amounts: bigint[]) {
    const pot = (await createFund(owner(), ctx.council.id, { pots: [{ name: `Cash ${++people}`, allocatePence: 5_000_000n }] })).pots[0]!;
    const provider = await createVoucherProvider(ctx.finance1, { name: `PayPoint ${people}`, kind: "CASH", cap: 10_000n, expiryDays: 90, channels: ["SMS", "EMAIL"] });
    if (provider.outcome !== "created") throw new Error(provider.outcome);
    const lines = [];
    for (const amountPence of amounts) {
      const made = await applyFor(ctx.council, person());
      expect((await claimCase(ctx.officer, made.caseId)).outcome).toBe("done");
      const r = await decideCase(ctx.officer, made.caseId, { decision: "approve", reasonCode: "need-met", explanation: "We will send you a cash-out voucher.", lines: [{ potId: pot.id, needCategory: "food", amountPence, paymentMethod: "cash-voucher" }] });
      if (r.outcome !== "decided") throw new Error(r.outcome);
      lines.push(await owner().payment.findFirstOrThrow({ where: { caseId: made.caseId } }));
    }
    const batch = await createBatch(ctx.finance1, { method: "CASH_VOUCHER", voucherProviderId: provider.providerId, fundId: pot.fundId });
    if (batch.outcome !== "created") throw new Error(batch.outcome);
    expect((await releaseBatch(ctx.finance2, batch.batchId)).outcome).toBe("released");
    return { pot, lines };
  }
  const file = (...lines: string[]) => Buffer.from(lines.join("\r\n") + "\r\n", "utf8");

  it("two different files of codes for the same payments (the provider sent it twice, re-saved), applied at once: each payment issued once, its resident told once", async () => {
    const ctx = await newCouncil("races-codes", "RVC");
    const { lines } = await sentVouchers(ctx, [5_000n, 6_000n, 7_000n]);
    const header = "Reference,Amount,Code,Expiry date";
    const rows = (prefix: string) => lines.map((p, i) => `${p.reference}/1,${pounds(p.amountPence)},${prefix}-000${i},2099-03-31`);
    const first = await previewVoucherImport(ctx.finance1, { fileName: "codes.csv", content: file(header, ...rows("CODEA")), kind: "codes" });
    const second = await previewVoucherImport(ctx.finance1, { fileName: "codes-again.csv", content: file(header, ...rows("CODEB"), ""), kind: "codes" });
    if (first.outcome !== "previewed" || second.outcome !== "previewed") throw new Error("not previewed");
    const results = await Promise.allSettled([applyVoucherImport(ctx.finance1, first.importId), applyVoucherImport(ctx.finance2, second.importId), applyVoucherImport(ctx.finance3, first.importId), applyVoucherImport(ctx.finance3, second.importId)]);
    for (const r of results) if (r.status === "rejected") throw r.reason;
    const applied = results.flatMap((r) => (r.status === "fulfilled" && r.value.outcome === "applied" ? [r.value] : []));
    expect(applied).toHaveLength(2);
    // Between them, each payment issued once; the other file's lines held back.
    expect(applied.reduce((n, a) => n + a.issued, 0)).toBe(3);
    expect(applied.reduce((n, a) => n + a.exceptions, 0)).toBe(3);
    for (const p of lines) {
      expect(await owner().payment.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: "ISSUED" });
      expect(await owner().paymentVoucher.count({ where: { paymentId: p.id } })).toBe(1);
      expect(await owner().caseEvent.count({ where: { caseId: p.caseId, kind: "payment.issued" } })).toBe(1);
    }
    expect(await owner().outboundMessage.count({ where: { tenantId: ctx.council.id, template: { startsWith: "voucher-issued" } } })).toBe(3);
  }, 120_000);

  it("two redemption reports, each with half of each payment's vouchers, applied at once: every payment whose vouchers are all used ends redeemed", async () => {
    const ctx = await newCouncil("races-redeem", "RVR");
    // £150 each: two vouchers (£100 and £50) per payment.
    const { lines } = await sentVouchers(ctx, Array.from({ length: 8 }, () => 15_000n));
    const codes = file("Reference,Amount,Code,Expiry date", ...lines.flatMap((p, i) => [`${p.reference}/1,100.00,R${i}-0001,2099-03-31`, `${p.reference}/2,50.00,R${i}-0002,2099-03-31`]));
    const issued = await previewVoucherImport(ctx.finance1, { fileName: "codes.csv", content: codes, kind: "codes" });
    if (issued.outcome !== "previewed") throw new Error(issued.outcome);
    expect(await applyVoucherImport(ctx.finance2, issued.importId)).toMatchObject({ outcome: "applied", issued: 8, vouchers: 16 });
    const header = "Reference,Status,Date";
    const firstHalf = await previewVoucherImport(ctx.finance1, { fileName: "redeemed-1.csv", content: file(header, ...lines.map((p) => `${p.reference}/1,Redeemed,2099-01-05`)), kind: "redemptions" });
    const secondHalf = await previewVoucherImport(ctx.finance1, { fileName: "redeemed-2.csv", content: file(header, ...lines.map((p) => `${p.reference}/2,Redeemed,2099-01-06`)), kind: "redemptions" });
    if (firstHalf.outcome !== "previewed" || secondHalf.outcome !== "previewed") throw new Error("not previewed");
    const [a, b] = await Promise.all([applyVoucherImport(ctx.finance2, firstHalf.importId), applyVoucherImport(ctx.finance3, secondHalf.importId)]);
    expect([a.outcome, b.outcome]).toEqual(["applied", "applied"]);
    const redeemed = (a as { redeemed: number }).redeemed + (b as { redeemed: number }).redeemed;
    const states = await owner().payment.findMany({ where: { id: { in: lines.map((p) => p.id) } }, select: { status: true } });
    expect(await owner().paymentVoucher.count({ where: { paymentId: { in: lines.map((p) => p.id) }, state: "REDEEMED" } })).toBe(16);
    // Every voucher used: no payment may be left "issued" for ever.
    expect(states.map((s) => s.status)).toEqual(Array(8).fill("REDEEMED"));
    expect(redeemed).toBe(8);
    expect(await ledgerBreaks()).toEqual([]);
  }, 120_000);
});

describe("a voucher provider's files applied at once, continued", () => {
  it("an expired voucher cancelled (and paid again) by ten people at once: cancelled once, its money committed again once, one new payment", async () => {
    const ctx = await newCouncil("races-expired", "RVE");
    const pot = (await createFund(owner(), ctx.council.id, { pots: [{ name: "Expiring", allocatePence: 5_000_000n }] })).pots[0]!;
    const provider = await createVoucherProvider(ctx.finance1, { name: "PayPoint", kind: "CASH", cap: 10_000n, expiryDays: 90, channels: ["SMS", "EMAIL"] });
    if (provider.outcome !== "created") throw new Error(provider.outcome);
    const made = await applyFor(ctx.council, person());
    expect((await claimCase(ctx.officer, made.caseId)).outcome).toBe("done");
    const r = await decideCase(ctx.officer, made.caseId, { decision: "approve", reasonCode: "need-met", explanation: "We will send you a cash-out voucher.", lines: [{ potId: pot.id, needCategory: "food", amountPence: 4_000n, paymentMethod: "cash-voucher" }] });
    if (r.outcome !== "decided") throw new Error(r.outcome);
    const payment = await owner().payment.findFirstOrThrow({ where: { caseId: made.caseId } });
    const batch = await createBatch(ctx.finance1, { method: "CASH_VOUCHER", voucherProviderId: provider.providerId });
    if (batch.outcome !== "created") throw new Error(batch.outcome);
    expect((await releaseBatch(ctx.finance2, batch.batchId)).outcome).toBe("released");
    const file = (...lines: string[]) => Buffer.from(lines.join("\r\n") + "\r\n", "utf8");
    const codes = await previewVoucherImport(ctx.finance1, { fileName: "codes.csv", content: file("Reference,Amount,Code,Expiry date", `${payment.reference}/1,40.00,EXP-0001,2099-03-31`), kind: "codes" });
    if (codes.outcome !== "previewed") throw new Error(codes.outcome);
    expect(await applyVoucherImport(ctx.finance1, codes.importId)).toMatchObject({ outcome: "applied", issued: 1 });
    const expired = await previewVoucherImport(ctx.finance1, { fileName: "expired.csv", content: file("Reference,Status,Date", `${payment.reference}/1,Expired,2099-04-01`), kind: "redemptions" });
    if (expired.outcome !== "previewed") throw new Error(expired.outcome);
    expect(await applyVoucherImport(ctx.finance2, expired.importId)).toMatchObject({ outcome: "applied", expired: 1 });
    const before = await potBalances(pot.id);

    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => cancelExpiredVoucher([ctx.finance1, ctx.finance2, ctx.finance3][i % 3]!, { paymentId: payment.id, reason: "Never used", reissueAs: "same" })));
    expect(results.filter((x) => x.outcome === "cancelled")).toHaveLength(1);
    expect(results.filter((x) => x.outcome !== "cancelled").every((x) => x.outcome === "not-expired")).toBe(true);
    expect(await owner().payment.count({ where: { awardId: r.awards[0]!.id } })).toBe(2);
    expect(await owner().ledgerTransaction.count({ where: { tenantId: ctx.council.id, kind: "RECOMMIT" } })).toBe(1);
    expect(await potBalances(pot.id)).toEqual({ ...before, COMMITTED: before.COMMITTED + 4_000n, SPENT: before.SPENT - 4_000n });
    expect(await ledgerBreaks()).toEqual([]);
  }, 120_000);
});

describe("two bank reports at once", () => {
  it("two different reports returning and rejecting the same payments (in opposite orders), applied at once: each payment settled once, each return RECOMMITted once, the other report's lines exceptions", async () => {
    const ctx = await newCouncil("races-two-reports", "RTR");
    const pot = (await createFund(owner(), ctx.council.id, { pots: [{ name: "Two reports", allocatePence: 5_000_000n }] })).pots[0]!;
    const lines = [];
    for (let i = 0; i < 8; i++) lines.push(await approvedBank(ctx, pot.id, 1_000n + BigInt(i)));
    const made = await createBatch(ctx.finance1, { method: "BANK_TRANSFER" });
    if (made.outcome !== "created") throw new Error(made.outcome);
    expect((await releaseBatch(ctx.finance2, made.batchId)).outcome).toBe("released");
    const returned = csv(...lines.map((l) => `${l.reference},${pounds(l.amountPence)},returned,Account closed`));
    // The second report lists them the other way round.
    const rejected = csv(...[...lines].reverse().map((l) => `${l.reference},${pounds(l.amountPence)},rejected,Invalid account`));
    const a = await previewReconciliation(ctx.finance1, { fileName: "returns.csv", content: returned, kind: "bank" });
    const b = await previewReconciliation(ctx.finance1, { fileName: "rejections.csv", content: rejected, kind: "bank" });
    if (a.outcome !== "previewed" || b.outcome !== "previewed") throw new Error("not previewed");
    const [ra, rb] = await Promise.all([applyReconciliation(ctx.finance2, a.importId), applyReconciliation(ctx.finance3, b.importId)]);
    if (ra.outcome !== "applied" || rb.outcome !== "applied") throw new Error("not applied");
    // Each payment ended once, by one report or the other.
    expect(ra.returned + rb.rejected).toBe(8);
    expect(ra.exceptions + rb.exceptions).toBe(8);
    const payments = await owner().payment.findMany({ where: { id: { in: lines.map((l) => l.paymentId) } } });
    expect(payments.every((p) => p.status === "RETURNED" || p.status === "REJECTED")).toBe(true);
    const recommits = await owner().ledgerTransaction.findMany({ where: { tenantId: ctx.council.id, kind: "RECOMMIT" } });
    expect(recommits.map((t) => t.paymentRef).sort()).toEqual(lines.map((l) => l.reference).sort());
    const total = lines.reduce((s2, l) => s2 + l.amountPence, 0n);
    expect(await potBalances(pot.id)).toMatchObject({ COMMITTED: total, SPENT: 0n });
    expect(await ledgerBreaks()).toEqual([]);
  }, 120_000);
});

describe("a supplier withdrawn while a batch is being made", () => {
  it("never fails the batch: the batch waits for nothing the withdrawal changes, and the withdrawal waits for the batch", async () => {
    const ctx = await newCouncil("races-supplier", "RSU");
    const pot = (await createFund(owner(), ctx.council.id, { pots: [{ name: "Energy race", allocatePence: 5_000_000n }] })).pots[0]!;
    const made = await applyFor(ctx.council, person());
    expect((await claimCase(ctx.officer, made.caseId)).outcome).toBe("done");
    const decided = await decideCase(ctx.officer, made.caseId, { decision: "approve", reasonCode: "need-met", explanation: "We will pay your energy supplier.", lines: [{ potId: pot.id, needCategory: "energy", amountPence: 12_000n, paymentMethod: "supplier" }] });
    if (decided.outcome !== "decided") throw new Error(decided.outcome);
    const payment = await owner().payment.findFirstOrThrow({ where: { caseId: made.caseId } });
    const added = await addSupplier(ctx.finance1, ZSupplier.parse({ name: "Fen Energy Ltd", kind: "ENERGY", accountName: "Fen Energy Ltd", sortCode: "107999", accountNumber: "88837491", rollNumber: "" }));
    if (added.outcome !== "added") throw new Error(added.outcome);
    expect((await checkSupplier(ctx.finance2, added.supplierId)).outcome).toBe("checked");
    expect(await choosePaymentSupplier(ctx.finance1, payment.id, { supplierId: added.supplierId, supplierAccountRef: "CUST 004417" })).toEqual({ outcome: "saved" });

    // The payment's row is held (someone editing it); the batch starts and waits for it; the
    // supplier is withdrawn meanwhile; then the row is let go.
    const hold = await holdPayment(ctx, payment.id);
    const making = createBatch(ctx.finance1, { method: "SUPPLIER" });
    await new Promise((r) => setTimeout(r, 300));
    const withdrawing = withdrawSupplier(ctx.finance2, added.supplierId, "Stopped trading");
    await new Promise((r) => setTimeout(r, 300));
    hold.release();
    const [batch, withdrawn] = await Promise.allSettled([making, withdrawing, hold.holding]);
    if (batch.status === "rejected") throw batch.reason;
    expect(withdrawn).toMatchObject({ status: "fulfilled", value: { outcome: "withdrawn" } });
    // The batch was made first (the supplier was checked when it was): the payment is in it, once.
    expect(batch).toMatchObject({ value: { outcome: "created", count: 1, totalPence: 12_000n } });
    expect(await owner().payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "IN_BATCH" });
    expect(await owner().supplier.findUniqueOrThrow({ where: { id: added.supplierId } })).toMatchObject({ status: "WITHDRAWN" });
  }, 60_000);
});

describe("a bank-details change asked for while a batch is being made", () => {
  it("never fails the batch: the payment is either in the batch (and the change refused as not ready) or held back with its change", async () => {
    const ctx = await newCouncil("races-held", "RHD");
    const pot = (await createFund(owner(), ctx.council.id, { pots: [{ name: "Held race", allocatePence: 5_000_000n }] })).pots[0]!;
    // Deterministic interleaving: the change's transaction holds the payment's row, the batch
    // starts and waits for it, then the change commits.
    const target = await approvedBank(ctx, pot.id, 2_500n);
    const other = await approvedBank(ctx, pot.id, 2_600n);
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const asking = withTenantSql(
      ctx.council.id,
      async (sql) => {
        const r = await requestBankChangeSql(sql, ctx.finance2, target.paymentId, { bank: NEW_ACCOUNT, reason: "Resident phoned with a new account" });
        locked();
        await gate;
        return r;
      },
      ctx.finance2.user.userId,
    );
    await isLocked;
    const making = createBatch(ctx.finance1, { method: "BANK_TRANSFER" });
    await new Promise((r) => setTimeout(r, 500));
    release();
    const [asked, made] = await Promise.allSettled([asking, making]);
    expect(asked).toMatchObject({ status: "fulfilled", value: { outcome: "requested" } });
    expect(made.status).toBe("fulfilled");
    if (made.status !== "fulfilled") return;
    // The held payment stays ready with its change; the other is batched.
    expect(made.value).toMatchObject({ outcome: "created", count: 1, totalPence: 2_600n });
    expect(await owner().payment.findUniqueOrThrow({ where: { id: target.paymentId } })).toMatchObject({ status: "READY", batchId: null });
    expect(await owner().payment.findUniqueOrThrow({ where: { id: other.paymentId } })).toMatchObject({ status: "IN_BATCH" });

    // And at random, 10 rounds of a change asked for while a batch is made: never an error.
    for (let round = 0; round < 10; round++) {
      const p = await approvedBank(ctx, pot.id, 1_000n + BigInt(round));
      const [m, q] = await Promise.allSettled([createBatch(ctx.finance1, { method: "BANK_TRANSFER" }), requestBankChange(ctx.finance2, p.paymentId, { bank: NEW_ACCOUNT, reason: "Round" })]);
      expect(m.status).toBe("fulfilled");
      expect(q.status).toBe("fulfilled");
      const row = await owner().payment.findUniqueOrThrow({ where: { id: p.paymentId } });
      const pending = await owner().paymentBankChange.count({ where: { paymentId: p.paymentId, status: "PENDING" } });
      // In a batch with no change waiting, or ready with its change waiting.
      expect(row.status === "IN_BATCH" ? pending : 1 - pending).toBe(0);
      if (q.status === "fulfilled" && q.value.outcome === "requested") {
        const c = await owner().paymentBankChange.findFirstOrThrow({ where: { paymentId: p.paymentId, status: "PENDING" } });
        expect((await rejectBankChange(ctx.finance3, p.paymentId, c.id, "Test round over")).outcome).toBe("rejected");
      }
    }
    expect(await ledgerBreaks()).toEqual([]);
  }, 180_000);
});
