// Reconciliation (issue 19, docs/reconciliation.md): a bank's report imported, every line checked
// and shown before anything changes; confirmed, a paid line marks its payment paid and a returned
// line ends its payment, puts its money back as committed to the award (RECOMMIT) and flags the
// case "Payment returned" for its officer, who pays it again by another method; the resident's
// word becomes "paid" once every approved line's payment has gone out, and they are told once, in
// their language, that it was sent or that it did not go through. The same file twice changes
// nothing. Real Postgres, the app's RLS-bound role, through the real services.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import type { TRawAnswers } from "@/lib/applications/steps";
import { claimCase } from "@/lib/cases/claim-case";
import { lookupStatus } from "@/lib/cases/lookup-status";
import { listCaseQueue } from "@/lib/cases/queue";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { decideCase } from "@/lib/decisions/decide-case";
import { payAgain } from "@/lib/payments/pay-again";
import { applyReconciliation, previewReconciliation, readReconciliation } from "@/lib/payments/reconciliation";
import { readPayment, transitionPayment } from "@/lib/payments/transition";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil;
let officer: TMemberActor, finance: TMemberActor, finance2: TMemberActor;
let pot: { id: string; fundId: string };
const owner = () => testDb().owner;

async function balances() {
  const rows = await owner().ledgerAccount.findMany({ where: { potId: pot.id } });
  return Object.fromEntries(rows.map((r) => [r.kind, r.balancePence])) as Record<"AVAILABLE" | "COMMITTED" | "SPENT", bigint>;
}

/** An approved case (one bank line, within the officer's limit) and its READY payment. */
async function approved(email: string, amountPence: bigint, locale = "en") {
  const answers: TRawAnswers = { ...FULL, contact: { email, mobile: "07700 900982" } };
  const made = await applyFor(council, answers, locale);
  expect((await claimCase(officer, made.caseId)).outcome).toBe("done");
  const r = await decideCase(officer, made.caseId, { decision: "approve", reasonCode: "need-met", explanation: "We can help.", lines: [{ potId: pot.id, needCategory: "food", amountPence, paymentMethod: "bank" }] });
  if (r.outcome !== "decided") throw new Error(r.outcome);
  const payment = await owner().payment.findFirstOrThrow({ where: { caseId: made.caseId } });
  return { ...made, paymentId: payment.id, reference: payment.reference };
}

/** Batched by one person and released by another (lib/payments/batches.ts does this for real; here the writer is driven directly). */
async function sent(paymentIds: string[]) {
  const batchId = randomUUID();
  const rows = await owner().payment.findMany({ where: { id: { in: paymentIds } } });
  await owner().paymentBatch.create({
    data: { id: batchId, tenantId: council.id, reference: `B-${batchId.slice(0, 6)}`, method: rows[0]!.method, count: rows.length, totalPence: rows.reduce((s, r) => s + r.amountPence, 0n), createdById: finance.user.userId },
  });
  await withTenantSql(council.id, async (sql) => {
    for (const id of paymentIds) {
      const p = (await readPayment(sql, id))!;
      const added = await transitionPayment(sql, finance, p, "add-to-batch", { batchId });
      if (added.outcome !== "done") throw new Error(added.outcome);
      const s = await transitionPayment(sql, finance2, added.payment, "send");
      if (s.outcome !== "done") throw new Error(s.outcome);
    }
  });
}

const status = async (applicationId: string) => (await owner().application.findUniqueOrThrow({ where: { id: applicationId } })).residentStatus;
const paymentMessages = (reference: string) => owner().outboundMessage.findMany({ where: { template: { startsWith: "payment-" }, personalisation: { path: ["reference"], equals: reference } }, orderBy: [{ createdAt: "asc" }] });
const csv = (...lines: string[]) => Buffer.from(["reference,amount,outcome,reason", ...lines].join("\r\n") + "\r\n");

beforeAll(async () => {
  await createCouncil(owner(), { slug: "recon-a", postcodeAreas: ["E8"], settings: { referencePrefix: "RCA" } });
  council = (await findCouncilBySlug("recon-a"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  finance = await caseActor(council, "APPROVER", "Fin Ance");
  finance2 = await caseActor(council, "APPROVER", "Sam Second");
  pot = (await createFund(owner(), council.id, { pots: [{ name: "Crisis pot", allocatePence: 5_000_000n }] })).pots[0]!;
});

describe("a bank report with one returned payment", () => {
  it("previews every line with a specific message and changes nothing; applied, it pays one, returns the other (RECOMMIT), flags the case and tells each resident once in their language; paying again by voucher ends in 'paid'", async () => {
    const a = await approved("recon-paid@example.com", 12_000n);
    const b = await approved("recon-returned@example.com", 8_000n, "pl");
    const before = await balances();
    await sent([a.paymentId, b.paymentId]);
    expect(await balances()).toMatchObject({ COMMITTED: before.COMMITTED - 20_000n, SPENT: before.SPENT + 20_000n });
    // Sent is paid for the resident: both read "paid" and each was told once, in their language.
    expect(await status(a.applicationId)).toBe("PAID");
    expect(await status(b.applicationId)).toBe("PAID");
    expect((await paymentMessages(a.reference.replace(/-\d+$/, ""))).map((m) => m.template)).toEqual(["payment-sent"]);
    const bSent = await paymentMessages(b.reference.replace(/-\d+$/, ""));
    expect(bSent.map((m) => [m.template, m.locale])).toEqual([["payment-sent", "pl"]]);
    expect(bSent[0]!.subject).toContain("wypłaciliśmy pieniądze");

    const file = csv(
      `${a.reference},120.00,paid,`,
      `${b.reference},80.00,returned,Account closed`,
      `RCA-NOPE-99-1,10.00,paid,`,
      `${a.reference},120.00,paid,`,
      `${b.reference.toLowerCase()},8.00,returned,Account closed`,
      `${a.reference},twelve,paid,`,
      `${a.reference},120.00,bounced,`,
      `${b.reference},80.00,returned,`,
    );
    const preview = await previewReconciliation(finance, { fileName: "bank-report.csv", content: file, kind: "bank" });
    if (preview.outcome !== "previewed") throw new Error(preview.outcome);
    expect(preview.alreadyImported).toBeNull();
    expect(preview.lines.map((l) => [l.lineNo, l.result])).toEqual([
      [2, "match"],
      [3, "match"],
      [4, "exception"],
      [5, "exception"],
      [6, "exception"],
      [7, "exception"],
      [8, "exception"],
      [9, "exception"],
    ]);
    const msg = (n: number) => preview.lines.find((l) => l.lineNo === n)!.message;
    expect(msg(2)).toBe(`Payment ${a.reference} (£120.00) will be marked paid.`);
    expect(msg(3)).toContain("will be marked returned: Account closed");
    expect(msg(4)).toBe("No payment has the reference RCA-NOPE-99-1 in this council. Check the reference with the bank or provider.");
    expect(msg(5)).toBe(`Duplicate of line 2: payment ${a.reference} appears more than once in this file. Only the first is used.`);
    expect(msg(6)).toContain(`Duplicate of line 3`);
    expect(msg(7)).toBe('Line 7: the amount "twelve" is not a sum of money (write it like 125.00).');
    expect(msg(8)).toBe('Line 8: the outcome "bounced" is not paid, returned or rejected.');
    expect(msg(9)).toBe("Line 9: a returned payment needs the reason the bank or provider gave.");
    expect(preview.counts).toEqual({ match: 2, noChange: 0, exception: 6 });
    // Nothing applied yet.
    expect((await owner().payment.findMany({ where: { id: { in: [a.paymentId, b.paymentId] } } })).map((p) => p.status)).toEqual(["SENT", "SENT"]);

    // A different amount is its own exception (the reference matched, the sum did not).
    const wrongAmount = await previewReconciliation(finance, { fileName: "wrong.csv", content: csv(`${a.reference},121.00,paid,`), kind: "bank" });
    expect(wrongAmount.outcome === "previewed" && wrongAmount.lines[0]!.message).toBe(`Payment ${a.reference} is for £120.00 but this line says £121.00. Nothing will change until the amounts agree.`);

    const applied = await applyReconciliation(finance, preview.importId);
    expect(applied).toEqual({ outcome: "applied", confirmed: 1, returned: 1, rejected: 0, exceptions: 6 });
    const [pa, pb] = [await owner().payment.findUniqueOrThrow({ where: { id: a.paymentId } }), await owner().payment.findUniqueOrThrow({ where: { id: b.paymentId } })];
    expect([pa.status, pb.status, pb.outcomeReason]).toEqual(["PAID", "RETURNED", "Account closed"]);
    // The returned payment's money is committed to its award again, nothing else moved.
    expect(await balances()).toMatchObject({ COMMITTED: before.COMMITTED - 12_000n, SPENT: before.SPENT + 12_000n });
    const recommit = await owner().ledgerTransaction.findMany({ where: { paymentRef: b.reference, kind: "RECOMMIT" } });
    expect(recommit).toHaveLength(1);
    // The case is back with its officer: the queue's "Payment returned" filter finds it, tagged; the timeline has the reason.
    const queue = (await listCaseQueue(officer, { payment: "returned" }))!;
    expect(queue.rows.map((r) => [r.id, r.paymentReturned])).toEqual([[b.caseId, true]]);
    const event = await owner().caseEvent.findFirstOrThrow({ where: { caseId: b.caseId, kind: "payment.returned" } });
    expect(event.data).toMatchObject({ reference: b.reference, reason: "Account closed" });
    // The resident: A still "paid" (told once), B told in Polish that it did not go through.
    expect(await status(a.applicationId)).toBe("PAID");
    expect((await paymentMessages(a.reference.replace(/-\d+$/, ""))).map((m) => m.template)).toEqual(["payment-sent"]);
    expect(await status(b.applicationId)).toBe("DECIDED");
    const bMessages = await paymentMessages(b.reference.replace(/-\d+$/, ""));
    expect(bMessages.map((m) => m.template)).toEqual(["payment-sent", "payment-failed"]);
    expect(bMessages[1]!.subject).toContain("płatność nie doszła");
    expect(bMessages[1]!.body).toContain("80,00");
    const looked = await lookupStatus(council.id, { reference: b.reference.replace(/-\d+$/, ""), dateOfBirth: "1988-03-07" }, null);
    expect(looked.outcome === "found" && [looked.status, looked.paymentFailed]).toEqual(["DECIDED", true]);

    // The same file again: found by its SHA-256, already applied, and applying again changes nothing.
    const ledgerCount = await owner().ledgerTransaction.count();
    const again = await previewReconciliation(finance, { fileName: "copy.csv", content: file, kind: "bank" });
    expect(again.outcome === "previewed" && [again.importId, again.alreadyImported?.status]).toEqual([preview.importId, "APPLIED"]);
    expect(await applyReconciliation(finance, preview.importId)).toMatchObject({ outcome: "already-applied" });
    expect(await owner().ledgerTransaction.count()).toBe(ledgerCount);
    const read = (await readReconciliation(finance, preview.importId))!;
    expect([read.import.applied, read.import.exception, read.import.status]).toEqual([2, 6, "APPLIED"]);

    // Pay again: bank details that fail the modulus check are refused, each field said; then by e-voucher.
    const bad = await payAgain(officer, { caseId: b.caseId, paymentId: b.paymentId, form: { method: "bank", accountName: "A Yilmaz", sortCode: "08-99-99", accountNumber: "66374959" } });
    expect(bad).toEqual({ outcome: "invalid", errors: { accountNumber: "This sort code and account number do not belong together. Check them with the resident" } });
    expect(await payAgain(officer, { caseId: b.caseId, paymentId: b.paymentId, form: { method: "bank", accountName: "A Yilmaz" } })).toEqual({
      outcome: "invalid",
      errors: { sortCode: "Enter the sort code", accountNumber: "Enter the account number" },
    });
    const again2 = await payAgain(officer, { caseId: b.caseId, paymentId: b.paymentId, form: { method: "voucher-sms" } });
    if (again2.outcome !== "created") throw new Error(again2.outcome);
    expect(await payAgain(officer, { caseId: b.caseId, paymentId: b.paymentId, form: { method: "voucher-sms" } })).toEqual({ outcome: "already-paying", reference: again2.reference });
    const fresh = await owner().payment.findUniqueOrThrow({ where: { id: again2.paymentId } });
    expect([fresh.status, fresh.method, fresh.deliverChannel, fresh.replacesPaymentId, fresh.amountPence]).toEqual(["READY", "SUPERMARKET_VOUCHER", "SMS", b.paymentId, 8_000n]);
    expect((await listCaseQueue(officer, { payment: "returned" }))!.rows).toHaveLength(0);
    await sent([again2.paymentId]);
    expect(await balances()).toMatchObject({ COMMITTED: before.COMMITTED - 20_000n, SPENT: before.SPENT + 20_000n });
    expect(await status(b.applicationId)).toBe("PAID");
    expect((await paymentMessages(b.reference.replace(/-\d+$/, ""))).map((m) => m.template)).toEqual(["payment-sent", "payment-failed", "payment-sent"]);
  });
});

describe("refused files", () => {
  it("a wrong header names the expected columns; an empty file and someone without payments:manage are refused; nothing is stored", async () => {
    const count = await owner().reconciliationImport.count();
    const wrong = await previewReconciliation(finance, { fileName: "x.csv", content: Buffer.from("ref,amount,status\nRCA-1,1.00,paid\n"), kind: "bank" });
    expect(wrong).toEqual({ outcome: "refused", code: "header", problem: 'The first line must be the columns reference, amount, outcome, reason (in that order); this file\'s first line is "ref,amount,status".' });
    expect((await previewReconciliation(finance, { fileName: "x.csv", content: Buffer.from(""), kind: "bank" })).outcome).toBe("refused");
    expect((await previewReconciliation(finance, { fileName: "x.csv", content: Buffer.from("reference,amount,outcome,reason\n"), kind: "bank" })).outcome).toBe("refused");
    expect(await previewReconciliation(officer, { fileName: "x.csv", content: csv("RCA-1,1.00,paid,"), kind: "bank" })).toEqual({ outcome: "forbidden" });
    expect(await applyReconciliation(officer, randomUUID())).toEqual({ outcome: "forbidden" });
    expect(await owner().reconciliationImport.count()).toBe(count);
  });

  it("a payment not yet sent, or a voucher in a bank's report, is an exception saying why", async () => {
    const c = await approved("recon-ready@example.com", 5_000n);
    const r = await previewReconciliation(finance, { fileName: "early.csv", content: csv(`${c.reference},50.00,paid,`), kind: "bank" });
    expect(r.outcome === "previewed" && r.lines[0]!.message).toBe(`Payment ${c.reference} is ready to pay: it cannot be marked paid (it has not been sent).`);
    const v = await previewReconciliation(finance, { fileName: "voucher.csv", content: csv(`${c.reference},50.00,rejected,Bad number`), kind: "provider" });
    expect(v.outcome === "previewed" && v.lines[0]!.message).toBe(`Payment ${c.reference} is a bank transfer: it is reconciled from the bank's report, not a provider's.`);
  });
});
