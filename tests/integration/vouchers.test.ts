// Vouchers through the service layer (real PostgreSQL, the app's RLS-bound role): a council's
// providers; a voucher batch made and released (lib/payments/batches.ts) with the bulk order
// splitting a payment above the provider's cap; the provider's response checked line by line
// (unknown reference, wrong amount, a payment's vouchers incomplete) with nothing applied until a
// person applies it; applying issues the payments and sends each resident their codes in their
// language; the same file twice changes nothing; the redemption report redeems and expires; an
// expired voucher cancelled (its money committed to the award again) and paid again — the ledger
// checked at each step; another council and a lower role refused.
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { createBatch, releaseBatch } from "@/lib/payments/batches";
import { cancelExpiredVoucher, listExpiredVouchers } from "@/lib/payments/expired-vouchers";
import { parseOrderCsv } from "@/lib/payments/voucher-csv";
import { applyVoucherImport, previewVoucherImport, readVoucherImport } from "@/lib/payments/voucher-imports";
import { createVoucherProvider, listVoucherProviders, updateVoucherProvider } from "@/lib/payments/voucher-providers";
import { decryptSecret } from "@/lib/security/crypto";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

const owner = () => testDb().owner;
let council: TCouncil, other: TCouncil;
let officer: TMemberActor, finance1: TMemberActor, finance2: TMemberActor, otherFinance: TMemberActor;
let pot: { id: string; fundId: string };
let providerId: string;

async function balances() {
  const rows = await owner().ledgerAccount.findMany({ where: { potId: pot.id } });
  const of = (kind: string) => rows.find((r) => r.kind === kind)!.balancePence;
  return { committed: of("COMMITTED"), spent: of("SPENT"), available: of("AVAILABLE") };
}

/** A case in the resident's language, decided by the officer with one cash-voucher line (under the officer's limit: approved at once). */
async function approvedVoucher(locale: string, amountPence: bigint) {
  const made = await applyFor(council, undefined, locale);
  expect((await claimCase(officer, made.caseId)).outcome).toBe("done");
  const r = await decideCase(officer, made.caseId, {
    decision: "approve",
    reasonCode: "need-met",
    explanation: "We will send you a cash-out voucher.",
    lines: [{ potId: pot.id, needCategory: "food", amountPence, paymentMethod: "cash-voucher" }],
  });
  if (r.outcome !== "decided") throw new Error(`not decided: ${r.outcome}`);
  const payment = await owner().payment.findFirstOrThrow({ where: { caseId: made.caseId } });
  return { ...made, payment };
}

const csv = (...lines: string[]) => Buffer.from(lines.join("\r\n") + "\r\n", "utf8");

beforeAll(async () => {
  await createCouncil(owner(), { slug: "vouchers-a", postcodeAreas: ["E8"], settings: { referencePrefix: "VCA" } });
  await createCouncil(owner(), { slug: "vouchers-b", postcodeAreas: ["E8"], settings: { referencePrefix: "VCB" } });
  council = (await findCouncilBySlug("vouchers-a"))!;
  other = (await findCouncilBySlug("vouchers-b"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  finance1 = await caseActor(council, "APPROVER", "Fay Finance");
  finance2 = await caseActor(council, "APPROVER", "Fred Finance");
  otherFinance = await caseActor(other, "APPROVER", "Bea Other-finance");
  pot = (await createFund(owner(), council.id, { pots: [{ name: "Crisis cash", allocatePence: 1_000_000n }] })).pots[0]!;
});

describe("voucher providers", () => {
  it("finance adds and changes a provider (audited); a name is unique per council; an officer may not", async () => {
    const input = { name: "PayPoint Cash Out", kind: "CASH" as const, cap: 10_000n, expiryDays: 90, channels: ["SMS" as const, "EMAIL" as const] };
    expect(await createVoucherProvider(officer, input)).toEqual({ outcome: "forbidden" });
    const made = await createVoucherProvider(finance1, input);
    if (made.outcome !== "created") throw new Error(made.outcome);
    providerId = made.providerId;
    expect(await createVoucherProvider(finance2, input)).toEqual({ outcome: "name-taken" });
    // Another council may use the same name, and never sees this one.
    expect((await createVoucherProvider(otherFinance, input)).outcome).toBe("created");
    expect((await listVoucherProviders(otherFinance))!.map((p) => p.id)).not.toContain(providerId);
    expect(await updateVoucherProvider(otherFinance, providerId, { ...input, active: true })).toEqual({ outcome: "not-found" });
    expect(await updateVoucherProvider(finance1, providerId, { ...input, expiryDays: 60, active: true })).toEqual({ outcome: "saved" });
    expect(await listVoucherProviders(finance1)).toEqual([{ id: providerId, name: "PayPoint Cash Out", kind: "CASH", capPence: 10_000n, expiryDays: 60, channels: ["SMS", "EMAIL"], active: true }]);
    expect(await owner().auditEvent.findMany({ where: { tenantId: council.id, action: { startsWith: "vouchers.provider" } }, select: { action: true } })).toEqual([{ action: "vouchers.provider-created" }, { action: "vouchers.provider-changed" }]);
  });
});

describe("a voucher batch from order to redemption, expiry and paying again", () => {
  it("issues codes, tells residents in their language, redeems, expires, cancels and pays again, the ledger right at each step", async () => {
    const start = await balances();
    // Polish resident: £240 (three vouchers at the £100 cap); Yiddish resident: £50 by text.
    const pl = await approvedVoucher("pl", 24_000n);
    const yi = await approvedVoucher("yi", 5_000n);
    await owner().payment.update({ where: { id: yi.payment.id }, data: { deliverChannel: "SMS", deliverTo: "07700900456" } });
    expect(await balances()).toEqual({ ...start, committed: start.committed + 29_000n, available: start.available - 29_000n });

    // The batch: made by one person, released by another (lib/payments/batches.ts).
    const batch = await createBatch(finance1, { method: "CASH_VOUCHER", voucherProviderId: providerId, fundId: pot.fundId });
    if (batch.outcome !== "created") throw new Error(batch.outcome);
    expect(batch).toMatchObject({ count: 2, totalPence: 29_000n });
    const file = await owner().paymentBatchFile.findFirstOrThrow({ where: { batchId: batch.batchId } });
    const order = Buffer.from(file.content).toString("utf8");
    expect(file.kind).toBe("voucher-csv");
    expect(parseOrderCsv(order)).toEqual(
      new Map([
        [`${pl.payment.reference}/1`, 10_000n],
        [`${pl.payment.reference}/2`, 10_000n],
        [`${pl.payment.reference}/3`, 4_000n],
        [`${yi.payment.reference}/1`, 5_000n],
      ]),
    );
    // Each row is within the cap and the file adds up to the batch.
    expect([...parseOrderCsv(order).values()].reduce((a, b) => a + b, 0n)).toBe(29_000n);
    // The Yiddish resident's voucher goes to the number the payment names, by text only.
    expect(order).toContain(`"07700900456","","50.00","${yi.payment.reference}/1"`);
    expect((await releaseBatch(finance2, batch.batchId)).outcome).toBe("released");
    const sent = await balances();
    expect(sent).toEqual({ ...start, committed: start.committed, spent: start.spent + 29_000n, available: start.available - 29_000n });

    // A response with problems: nothing applied until a person applies; only the ready line then.
    const P = pl.payment.reference;
    const Y = yi.payment.reference;
    const bad = csv(
      "Reference,Amount,Code,Expiry date",
      `${P}/1,100.00,PLCODE-0001,2099-03-31`,
      `${P}/2,100.00,PLCODE-0002,2099-03-31`,
      `${P}/3,50.00,PLCODE-0003,2099-03-31`,
      `${Y}/1,50.00,YICODE-0001,2099-03-31`,
      "VCA-NOPE99-1/1,10.00,XXCODE-0001,2099-03-31",
    );
    expect(await previewVoucherImport(officer, { fileName: "response.csv", content: bad, kind: "codes" })).toEqual({ outcome: "forbidden" });
    expect(await previewVoucherImport(finance1, { fileName: "response.csv", content: csv("Ref,Amount"), kind: "codes" })).toMatchObject({ outcome: "invalid", problem: "wrong-header" });
    const previewed = await previewVoucherImport(finance1, { fileName: "response.csv", content: bad, kind: "codes" });
    if (previewed.outcome !== "previewed") throw new Error(previewed.outcome);
    const view = (await readVoucherImport(finance1, previewed.importId))!;
    expect(view.lines.map((l) => [l.lineNo, l.result])).toEqual([
      [2, "problem"],
      [3, "problem"],
      [4, "problem"],
      [5, "ready"],
      [6, "problem"],
    ]);
    expect(view.lines[0]!.message).toBe(`Payment ${P} was ordered as 3 vouchers and this file has 2 of them ready: none is applied until all are`);
    expect(view.lines[2]!.message).toBe(`The amount £50.00 is not the £40.00 we ordered for ${P}/3`);
    expect(view.lines[4]!.message).toMatch(/^No voucher payment has the reference VCA-NOPE99-1\/1/);
    // The preview shown to staff never carries a code, sealed or not.
    expect(JSON.stringify(view)).not.toMatch(/PLCODE|YICODE|codeEnc/);
    expect(await owner().paymentVoucher.count({ where: { tenantId: council.id } })).toBe(0);
    // The ready line's code waits sealed beside the import, until it is applied.
    const waiting = await owner().voucherImportCode.findMany({ where: { importId: previewed.importId } });
    expect(waiting.map((c) => c.lineNo)).toEqual([5]);
    expect(waiting[0]!.codeEnc).not.toContain("YICODE");
    expect((await owner().payment.findUniqueOrThrow({ where: { id: yi.payment.id } })).status).toBe("SENT");
    // Another council cannot see or apply it.
    expect(await readVoucherImport(otherFinance, previewed.importId)).toBeNull();
    expect(await applyVoucherImport(otherFinance, previewed.importId)).toEqual({ outcome: "not-found" });

    expect(await applyVoucherImport(finance2, previewed.importId)).toEqual({ outcome: "applied", issued: 1, redeemed: 0, expired: 0, vouchers: 1, messages: 1, exceptions: 0 });
    expect(await applyVoucherImport(finance2, previewed.importId)).toEqual({ outcome: "already-applied" });
    expect(await owner().voucherImportCode.count({ where: { importId: previewed.importId } })).toBe(0);
    const yiVoucher = await owner().paymentVoucher.findFirstOrThrow({ where: { paymentId: yi.payment.id } });
    expect(yiVoucher).toMatchObject({ seq: 1, reference: `${Y}/1`, amountPence: 5_000n, codeLast4: "0001", state: "ISSUED" });
    expect(yiVoucher.codeEnc).not.toContain("YICODE");
    expect(decryptSecret(yiVoucher.codeEnc)).toBe("YICODE-0001");
    expect((await owner().payment.findUniqueOrThrow({ where: { id: yi.payment.id } })).status).toBe("ISSUED");
    expect(await owner().caseEvent.count({ where: { caseId: yi.caseId, kind: "payment.issued" } })).toBe(1);
    // Issuing moves no money.
    expect(await balances()).toEqual(sent);
    const yiMessage = await owner().outboundMessage.findFirstOrThrow({ where: { tenantId: council.id, template: { startsWith: "voucher-issued" }, to: "07700900456" } });
    expect(yiMessage).toMatchObject({ template: "voucher-issued-text", channel: "SMS", locale: "yi" });
    expect(yiMessage.body).toContain("YICODE-0001");
    expect(yiMessage.body).toContain("ניצט ביז");

    // The corrected file: the Polish payment's three vouchers; the Yiddish line is already done.
    const good = csv(
      "Reference,Amount,Code,Expiry date",
      `${P}/1,100.00,PLCODE-0001,31/03/2099`,
      `${P}/2,100.00,PLCODE-0002,31/03/2099`,
      `${P}/3,40.00,PLCODE-0003,31/03/2099`,
      `${Y}/1,50.00,YICODE-0001,31/03/2099`,
    );
    const second = await previewVoucherImport(finance1, { fileName: "response-2.csv", content: good, kind: "codes" });
    if (second.outcome !== "previewed") throw new Error(second.outcome);
    expect((await readVoucherImport(finance1, second.importId))!.lines.map((l) => l.result)).toEqual(["ready", "ready", "ready", "nothing"]);
    expect(await applyVoucherImport(finance1, second.importId)).toEqual({ outcome: "applied", issued: 1, redeemed: 0, expired: 0, vouchers: 3, messages: 1, exceptions: 0 });
    const plMessage = await owner().outboundMessage.findFirstOrThrow({ where: { tenantId: council.id, template: "voucher-issued" } });
    expect(plMessage).toMatchObject({ channel: "EMAIL", locale: "pl" });
    for (const code of ["PLCODE-0001", "PLCODE-0002", "PLCODE-0003", "240,00", "PayPoint Cash Out", "2099"]) expect(plMessage.body).toContain(code);
    // The same file again: the first import, nothing more.
    expect(await previewVoucherImport(finance2, { fileName: "again.csv", content: good, kind: "codes" })).toEqual({ outcome: "same-file", importId: second.importId });
    expect(await applyVoucherImport(finance2, second.importId)).toEqual({ outcome: "already-applied" });
    expect(await owner().outboundMessage.count({ where: { tenantId: council.id, template: { startsWith: "voucher-issued" } } })).toBe(2);
    expect(await owner().paymentVoucher.count({ where: { tenantId: council.id } })).toBe(4);

    // The redemption report: the Polish vouchers used, the Yiddish one expired.
    const report = csv("Reference,Status,Date", `${P}/1,Redeemed,2099-01-05`, `${P}/2,Redeemed,2099-01-05`, `${P}/3,Redeemed,2099-01-06`, `${Y}/1,Expired,2099-04-01`, `${Y}/9,Expired,2099-04-01`);
    const redeemed = await previewVoucherImport(finance1, { fileName: "redemptions.csv", content: report, kind: "redemptions" });
    if (redeemed.outcome !== "previewed") throw new Error(redeemed.outcome);
    expect((await readVoucherImport(finance1, redeemed.importId))!.lines.map((l) => l.result)).toEqual(["ready", "ready", "ready", "ready", "problem"]);
    expect(await applyVoucherImport(finance1, redeemed.importId)).toEqual({ outcome: "applied", issued: 0, redeemed: 1, expired: 1, vouchers: 4, messages: 0, exceptions: 0 });
    expect((await owner().payment.findUniqueOrThrow({ where: { id: pl.payment.id } })).status).toBe("REDEEMED");
    expect((await owner().payment.findUniqueOrThrow({ where: { id: yi.payment.id } })).status).toBe("EXPIRED");
    // An expired voucher's money has still left: nothing moves until it is cancelled.
    expect(await balances()).toEqual(sent);

    // Expired, unredeemed: listed; cancelled (recommitted to the same award) and paid again.
    expect((await listExpiredVouchers(finance1))!.map((r) => r.reference)).toEqual([Y]);
    expect(await listExpiredVouchers(officer)).toBeNull();
    expect(await cancelExpiredVoucher(otherFinance, { paymentId: yi.payment.id, reissueAs: "same", reason: "x" })).toEqual({ outcome: "not-found" });
    const again = await cancelExpiredVoucher(finance1, { paymentId: yi.payment.id, reissueAs: "same", reason: "The resident was in hospital and could not collect it" });
    if (again.outcome !== "cancelled" || !again.newPayment) throw new Error(again.outcome);
    expect(await balances()).toEqual({ ...sent, committed: sent.committed + 5_000n, spent: sent.spent - 5_000n });
    expect((await owner().paymentVoucher.findFirstOrThrow({ where: { paymentId: yi.payment.id } })).state).toBe("CANCELLED");
    expect(await owner().payment.findUniqueOrThrow({ where: { id: yi.payment.id } })).toMatchObject({ status: "CANCELLED", outcomeReason: "The resident was in hospital and could not collect it" });
    expect(await owner().payment.findUniqueOrThrow({ where: { id: again.newPayment.id } })).toMatchObject({
      status: "READY",
      method: "CASH_VOUCHER",
      awardId: yi.payment.awardId,
      replacesPaymentId: yi.payment.id,
      voucherProviderId: providerId,
      deliverChannel: "SMS",
      deliverTo: "07700900456",
      amountPence: 5_000n,
    });
    // Twice: nothing more.
    expect(await cancelExpiredVoucher(finance1, { paymentId: yi.payment.id, reissueAs: "same", reason: "again" })).toEqual({ outcome: "not-expired" });
    expect(await balances()).toEqual({ ...sent, committed: sent.committed + 5_000n, spent: sent.spent - 5_000n });
    expect(await listExpiredVouchers(finance1)).toEqual([]);

    // Paid again through a second batch: disbursed once more; the award's net spend is its amount.
    const batch2 = await createBatch(finance2, { method: "CASH_VOUCHER", voucherProviderId: providerId });
    if (batch2.outcome !== "created") throw new Error(batch2.outcome);
    expect(batch2).toMatchObject({ count: 1, totalPence: 5_000n });
    expect((await releaseBatch(finance1, batch2.batchId)).outcome).toBe("released");
    expect(await balances()).toEqual(sent);
    expect(await owner().auditEvent.findMany({ where: { tenantId: council.id, action: { startsWith: "vouchers." }, NOT: { action: { startsWith: "vouchers.provider" } } }, select: { action: true }, orderBy: { createdAt: "asc" } })).toEqual([
      { action: "vouchers.import-checked" },
      { action: "vouchers.import-applied" },
      { action: "vouchers.import-checked" },
      { action: "vouchers.import-applied" },
      { action: "vouchers.import-checked" },
      { action: "vouchers.import-applied" },
      { action: "vouchers.expired-cancelled" },
    ]);
  });
});
