// Payment batches through the service layer (real PostgreSQL, the app's RLS-bound role): approve
// → batch → release with the ledger checked (committed → spent per pot, to the penny); the
// council's Bacs settings (a batch without them names what is missing; the account is
// modulus-checked); segregation of duties in the service and in the database; releasing twice
// disburses once; an award in a batch cannot join another; cancelling puts the payments back;
// two councils' batches never mix; the Standard 18 file parsed back by the tests' own reader adds
// up to the ledger's DISBURSE postings, and downloads byte for byte as stored, each download audited.
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { cancelBatch, createBatch, releaseBatch } from "@/lib/payments/batches";
import { openBatchFile, readBatch, readyToPay } from "@/lib/payments/queries";
import { savePaymentSettings } from "@/lib/payments/settings";
import { updateBatchResidentViews } from "@/lib/payments/tasks";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";
import { readStandard18 } from "../support/standard18-reader";

const owner = () => testDb().owner;
let council: TCouncil, other: TCouncil;
let officer: TMemberActor, finance1: TMemberActor, finance2: TMemberActor, otherFinance: TMemberActor, otherFinance2: TMemberActor, otherOfficer: TMemberActor;

const SETTINGS = { serviceUserNumber: "123456", serviceUserName: "Payments Test Council", originatingSortCode: "089999", originatingAccountNumber: "66374958", originatingAccountName: "PTC Hardship", bankFileFormat: "STANDARD18" as const };

/** A case decided by the officer with bank-transfer lines (each under the officer's limit: approved at once). */
async function approvedBank(c: TCouncil, by: TMemberActor, potId: string, ...amounts: bigint[]) {
  const made = await applyFor(c);
  expect((await claimCase(by, made.caseId)).outcome).toBe("done");
  const r = await decideCase(by, made.caseId, {
    decision: "approve",
    reasonCode: "need-met",
    explanation: "We will pay this into your bank account.",
    lines: amounts.map((amountPence) => ({ potId, needCategory: "food", amountPence, paymentMethod: "bank" })),
  });
  if (r.outcome !== "decided") throw new Error(`not decided: ${r.outcome}`);
  return made;
}

async function balances(potId: string) {
  const rows = await owner().ledgerAccount.findMany({ where: { potId } });
  const of = (kind: string) => rows.find((r) => r.kind === kind)!.balancePence;
  return { committed: of("COMMITTED"), spent: of("SPENT") };
}

beforeAll(async () => {
  await createCouncil(owner(), { slug: "batches-a", postcodeAreas: ["E8"], settings: { referencePrefix: "BTA" } });
  await createCouncil(owner(), { slug: "batches-b", postcodeAreas: ["E8"], settings: { referencePrefix: "BTB" } });
  council = (await findCouncilBySlug("batches-a"))!;
  other = (await findCouncilBySlug("batches-b"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  finance1 = await caseActor(council, "APPROVER", "Fay Finance");
  finance2 = await caseActor(council, "APPROVER", "Fred Finance");
  otherOfficer = await caseActor(other, "OFFICER", "Oscar Other");
  otherFinance = await caseActor(other, "APPROVER", "Bea Other-finance");
  otherFinance2 = await caseActor(other, "APPROVER", "Bob Other-finance");
});

describe("the council's Bacs settings", () => {
  it("a bank batch without them makes nothing and names each missing setting", async () => {
    const pot = (await createFund(owner(), council.id, { pots: [{ name: "Unset", allocatePence: 1_000_000n }] })).pots[0]!;
    await approvedBank(council, officer, pot.id, 5_000n);
    const r = await createBatch(finance1, { method: "BANK_TRANSFER", fundId: pot.fundId });
    expect(r).toEqual({
      outcome: "not-configured",
      missing: ["Bacs service user number", "Service user name", "Sort code of the council's account", "Account number of the council's account", "Name of the council's account"],
    });
    expect(await owner().paymentBatch.count({ where: { tenantId: council.id } })).toBe(0);
    expect((await readyToPay(finance1))!.missingBankSettings).toHaveLength(5);
  });

  it("refuses an account that fails the modulus check, on the account number, and keeps a valid one (audited)", async () => {
    expect(await savePaymentSettings(finance1, { ...SETTINGS, originatingAccountNumber: "66374959" }, null)).toMatchObject({ outcome: "invalid", field: "originatingAccountNumber" });
    expect(await savePaymentSettings(officer, SETTINGS, null)).toEqual({ outcome: "forbidden" });
    expect(await savePaymentSettings(finance1, SETTINGS, null)).toEqual({ outcome: "saved" });
    expect(await owner().paymentSettings.findUniqueOrThrow({ where: { tenantId: council.id } })).toMatchObject({ serviceUserNumber: "123456", serviceUserName: "PAYMENTS TEST COUNCIL", originatingAccountNumber: "66374958" });
    expect(await owner().auditEvent.count({ where: { tenantId: council.id, action: "payment-settings.changed" } })).toBe(1);
    expect((await readyToPay(finance1))!.missingBankSettings).toEqual([]);
  });
});

describe("approve → batch → release", () => {
  it("moves committed to spent per pot to the penny, once, by a second person, and the file adds up to the ledger", async () => {
    const fund = await createFund(owner(), council.id, { pots: [{ name: "Food", allocatePence: 1_000_000n }, { name: "Energy", allocatePence: 1_000_000n }] });
    const [food, energy] = [fund.pots[0]!, fund.pots[1]!];
    const a = await approvedBank(council, officer, food.id, 10_000n, 12_345n);
    await approvedBank(council, officer, energy.id, 7_001n);
    const before = { food: await balances(food.id), energy: await balances(energy.id) };
    expect(before.food.committed).toBe(22_345n);

    expect(await createBatch(officer, { method: "BANK_TRANSFER", fundId: fund.fund.id })).toEqual({ outcome: "forbidden" });
    const made = await createBatch(finance1, { method: "BANK_TRANSFER", fundId: fund.fund.id });
    expect(made).toMatchObject({ outcome: "created", reference: expect.stringMatching(/^B-\d{6}$/), count: 3, totalPence: 29_346n });
    if (made.outcome !== "created") throw new Error("not created");
    // In a batch: no money has moved yet; the payments cannot join another batch.
    expect(await balances(food.id)).toEqual(before.food);
    expect(await createBatch(finance2, { method: "BANK_TRANSFER", fundId: fund.fund.id })).toEqual({ outcome: "nothing-to-pay" });
    expect(await owner().payment.count({ where: { batchId: made.batchId, status: "IN_BATCH" } })).toBe(3);

    // Segregation of duties: in the service, and in the database whatever the code does.
    expect(await releaseBatch(finance1, made.batchId)).toEqual({ outcome: "segregation-of-duties" });
    await expect(owner().paymentBatch.update({ where: { id: made.batchId }, data: { releasedById: finance1.user.userId } })).rejects.toThrow(/segregation_of_duties/);
    expect(await owner().payment.count({ where: { batchId: made.batchId, status: "IN_BATCH" } })).toBe(3);

    const stored = await owner().paymentBatchFile.findFirstOrThrow({ where: { batchId: made.batchId } });
    expect(await releaseBatch(finance2, made.batchId)).toEqual({ outcome: "released", count: 3, totalPence: 29_346n });
    expect(await releaseBatch(finance2, made.batchId)).toEqual({ outcome: "already-released" });
    const [r1, r2] = await Promise.all([releaseBatch(finance2, made.batchId), releaseBatch(officer, made.batchId)]);
    expect([r1.outcome, r2.outcome]).toEqual(["already-released", "forbidden"]);

    expect(await balances(food.id)).toEqual({ committed: before.food.committed - 22_345n, spent: before.food.spent + 22_345n });
    expect(await balances(energy.id)).toEqual({ committed: before.energy.committed - 7_001n, spent: before.energy.spent + 7_001n });
    const payments = await owner().payment.findMany({ where: { batchId: made.batchId } });
    expect(payments.map((p) => p.status)).toEqual(["SENT", "SENT", "SENT"]);
    const disbursed = await owner().ledgerTransaction.findMany({ where: { tenantId: council.id, kind: "DISBURSE", paymentRef: { in: payments.map((p) => p.reference) } } });
    // Once each, keyed by the payment, naming its award.
    expect(disbursed).toHaveLength(3);
    expect(new Set(disbursed.map((t) => t.idempotencyKey))).toEqual(new Set(payments.map((p) => `payment:${p.id}:disburse`)));
    for (const p of payments) expect(disbursed.find((t) => t.paymentRef === p.reference)).toMatchObject({ awardRef: p.awardId, amountPence: p.amountPence, actorUserId: finance2.user.userId });
    // Each case's timeline says its payment was sent.
    expect(await owner().caseEvent.count({ where: { caseId: a.caseId, kind: "payment.sent" } })).toBe(2);
    expect(await owner().paymentBatch.findUniqueOrThrow({ where: { id: made.batchId } })).toMatchObject({ status: "RELEASED", createdById: finance1.user.userId, releasedById: finance2.user.userId });

    // The file: stored when made, the same after release, parsed back by the tests' reader.
    const opened = await openBatchFile(finance2, made.batchId, stored.id, "203.0.113.9");
    const again = await openBatchFile(finance1, made.batchId, stored.id, null);
    if (!opened.ok || !again.ok) throw new Error("file not opened");
    expect(Buffer.compare(opened.bytes, Buffer.from(stored.content))).toBe(0);
    expect(Buffer.compare(again.bytes, opened.bytes)).toBe(0);
    expect(opened.fileName).toBe(`${made.reference}-standard18.txt`);
    expect(await owner().auditEvent.count({ where: { tenantId: council.id, action: "payment-batch.file-downloaded", entityId: stored.id } })).toBe(2);
    expect(await openBatchFile(officer, made.batchId, stored.id, null)).toEqual({ ok: false });
    const file = readStandard18(opened.bytes.toString("ascii"));
    const ledgerTotal = disbursed.reduce((s, t) => s + t.amountPence, 0n);
    expect(file.credits).toHaveLength(3);
    expect(file.trailer.creditTotal).toBe(ledgerTotal);
    expect(file.trailer.debitTotal).toBe(ledgerTotal);
    expect(file.credits.map((c) => c.amountPence).sort()).toEqual(payments.map((p) => p.amountPence).sort());
    expect(file.credits.map((c) => c.reference.trim()).sort()).toEqual(payments.map((p) => p.reference).sort());
    expect(file.credits.every((c) => c.destinationSortCode === "089999" && c.destinationAccount === "66374958" && c.destinationName.trim() === "A YILMAZ")).toBe(true);
    expect(file.serviceUserNumber).toBe("123456");
    const batchRow = await owner().paymentBatch.findUniqueOrThrow({ where: { id: made.batchId } });
    expect(file.processingDay).toBe(batchRow.processingDay!.toISOString().slice(0, 10));

    // The residents' pages follow by a job: queued once, and each case brought up to date.
    const jobs = await owner().$queryRaw<{ n: bigint }[]>`select count(*) as n from graphile_worker.jobs where key = ${`payment-batch:${made.batchId}:resident-views`}`;
    expect(Number(jobs[0]!.n)).toBe(1);
    expect(await updateBatchResidentViews({ tenantId: council.id, batchId: made.batchId })).toBe(2);

    // The batch page lists its lines with the bank account masked.
    const page = await readBatch(finance1, made.batchId);
    expect(page!.lines.map((l) => l.bankLast4)).toEqual(["4958", "4958", "4958"]);
    expect(await readBatch(officer, made.batchId)).toBeNull();
  });

  it("cancelling a batch not yet released puts its payments back to ready, for the next batch", async () => {
    const fund = await createFund(owner(), council.id, { pots: [{ name: "Cancel me", allocatePence: 1_000_000n }] });
    await approvedBank(council, officer, fund.pots[0]!.id, 4_200n);
    const made = await createBatch(finance1, { method: "BANK_TRANSFER", fundId: fund.fund.id });
    if (made.outcome !== "created") throw new Error(made.outcome);
    expect(await cancelBatch(officer, made.batchId)).toEqual({ outcome: "forbidden" });
    expect(await cancelBatch(finance1, made.batchId)).toEqual({ outcome: "cancelled", count: 1 });
    expect(await cancelBatch(finance1, made.batchId)).toEqual({ outcome: "already-cancelled" });
    expect(await releaseBatch(finance2, made.batchId)).toEqual({ outcome: "cancelled" });
    expect(await owner().payment.findMany({ where: { award: { potId: fund.pots[0]!.id } }, select: { status: true, batchId: true } })).toEqual([{ status: "READY", batchId: null }]);
    const next = await createBatch(finance2, { method: "BANK_TRANSFER", fundId: fund.fund.id });
    expect(next).toMatchObject({ outcome: "created", count: 1, totalPence: 4_200n });
    if (next.outcome !== "created") throw new Error(next.outcome);
    // A new file serial for the new file.
    const serials = await owner().paymentBatch.findMany({ where: { id: { in: [made.batchId, next.batchId] } }, select: { fileSerial: true }, orderBy: { createdAt: "asc" } });
    expect(serials[1]!.fileSerial).toBe(serials[0]!.fileSerial! + 1);
    expect(await releaseBatch(finance1, next.batchId)).toMatchObject({ outcome: "released", count: 1 });
  });

  it("only payments approved on or before the day chosen join", async () => {
    const fund = await createFund(owner(), council.id, { pots: [{ name: "By date", allocatePence: 1_000_000n }] });
    await approvedBank(council, officer, fund.pots[0]!.id, 1_500n);
    expect(await createBatch(finance1, { method: "BANK_TRANSFER", fundId: fund.fund.id, approvedOnOrBefore: "2020-01-01" })).toEqual({ outcome: "nothing-to-pay" });
    expect(await createBatch(finance1, { method: "BANK_TRANSFER", fundId: fund.fund.id, approvedOnOrBefore: "2099-12-31" })).toMatchObject({ outcome: "created", count: 1 });
  });
});

describe("two councils", () => {
  it("never mix: each council's batch holds only its payments, and one council's finance cannot see, release or download the other's", async () => {
    await savePaymentSettings(otherFinance, { ...SETTINGS, serviceUserNumber: "654321" }, null);
    const pot = (await createFund(owner(), other.id, { pots: [{ name: "Other", allocatePence: 1_000_000n }] })).pots[0]!;
    await approvedBank(other, otherOfficer, pot.id, 9_900n);
    const theirs = await createBatch(otherFinance, { method: "BANK_TRANSFER" });
    if (theirs.outcome !== "created") throw new Error(theirs.outcome);
    const theirPayments = await owner().payment.findMany({ where: { batchId: theirs.batchId } });
    expect(theirPayments.every((p) => p.tenantId === other.id)).toBe(true);
    expect(theirs.count).toBe(1);
    // Council A's finance: not found, whatever they try.
    expect(await releaseBatch(finance2, theirs.batchId)).toEqual({ outcome: "not-found" });
    expect(await cancelBatch(finance2, theirs.batchId)).toEqual({ outcome: "not-found" });
    expect(await readBatch(finance2, theirs.batchId)).toBeNull();
    const file = await owner().paymentBatchFile.findFirstOrThrow({ where: { batchId: theirs.batchId } });
    expect(await openBatchFile(finance2, theirs.batchId, file.id, null)).toEqual({ ok: false });
    // A's batches never took B's payments, and B's never took A's.
    const aBatches = await owner().paymentBatch.findMany({ where: { tenantId: council.id }, select: { id: true } });
    expect(await owner().payment.count({ where: { batchId: { in: aBatches.map((b) => b.id) }, tenantId: other.id } })).toBe(0);
    expect(await releaseBatch(otherFinance2, theirs.batchId)).toMatchObject({ outcome: "released", count: 1, totalPence: 9_900n });
    expect(readStandard18(Buffer.from(file.content).toString("ascii")).serviceUserNumber).toBe("654321");
  });
});
