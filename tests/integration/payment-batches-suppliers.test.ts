// A supplier payment in a bank batch (issue 19): it waits until a checked supplier and the
// resident's account reference are chosen, a payment whose bank-details change waits for a second
// person stays out of the batch (without failing it), and the Standard 18 line pays the
// supplier's account with the resident's account reference as the Bacs reference.
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { requestBankChange } from "@/lib/payments/bank-changes";
import { createBatch } from "@/lib/payments/batches";
import { choosePaymentSupplier } from "@/lib/payments/payment-details";
import { openBatchFile, readBatch } from "@/lib/payments/queries";
import { savePaymentSettings } from "@/lib/payments/settings";
import { ZSupplier } from "@/lib/payments/supplier-schemas";
import { addSupplier, checkSupplier } from "@/lib/payments/suppliers";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";
import { readStandard18 } from "../support/standard18-reader";

const owner = () => testDb().owner;
let council: TCouncil;
let officer: TMemberActor, finance1: TMemberActor, finance2: TMemberActor;
let pot: { id: string; fundId: string };

async function approved(paymentMethod: string, amountPence: bigint) {
  const made = await applyFor(council);
  expect((await claimCase(officer, made.caseId)).outcome).toBe("done");
  const r = await decideCase(officer, made.caseId, { decision: "approve", reasonCode: "need-met", explanation: "We will pay this.", lines: [{ potId: pot.id, needCategory: "energy", amountPence, paymentMethod }] });
  if (r.outcome !== "decided") throw new Error(r.outcome);
  return owner().payment.findFirstOrThrow({ where: { caseId: made.caseId } });
}

beforeAll(async () => {
  await createCouncil(owner(), { slug: "batches-sup", postcodeAreas: ["E8"], settings: { referencePrefix: "BSU" } });
  council = (await findCouncilBySlug("batches-sup"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  finance1 = await caseActor(council, "APPROVER", "Fay Finance");
  finance2 = await caseActor(council, "APPROVER", "Fred Finance");
  pot = (await createFund(owner(), council.id, { pots: [{ name: "Energy", allocatePence: 1_000_000n }] })).pots[0]!;
  expect(await savePaymentSettings(finance1, { serviceUserNumber: "123456", serviceUserName: "Supplier Test Council", originatingSortCode: "089999", originatingAccountNumber: "66374958", originatingAccountName: "STC Hardship", bankFileFormat: "STANDARD18" }, null)).toEqual({ outcome: "saved" });
});

describe("a supplier payment in a bank batch", () => {
  it("waits for a checked supplier and an account reference, then pays the supplier's account with the resident's reference", async () => {
    const payment = await approved("supplier", 12_000n);
    expect(payment.method).toBe("SUPPLIER");
    // No supplier chosen: nothing to pay yet.
    expect(await createBatch(finance1, { method: "SUPPLIER" })).toEqual({ outcome: "nothing-to-pay" });
    const added = await addSupplier(finance1, ZSupplier.parse({ name: "Fen Energy Ltd", kind: "ENERGY", accountName: "Fen Energy Ltd", sortCode: "107999", accountNumber: "88837491", rollNumber: "" }));
    if (added.outcome !== "added") throw new Error(added.outcome);
    // Not until a second person has checked the supplier's bank details.
    expect(await choosePaymentSupplier(finance1, payment.id, { supplierId: added.supplierId, supplierAccountRef: "CUST 004417" })).toEqual({ outcome: "supplier-unavailable" });
    expect((await checkSupplier(finance1, added.supplierId)).outcome).not.toBe("checked");
    expect((await checkSupplier(finance2, added.supplierId)).outcome).toBe("checked");
    expect(await choosePaymentSupplier(finance1, payment.id, { supplierId: added.supplierId, supplierAccountRef: "CUST 004417" })).toEqual({ outcome: "saved" });

    const made = await createBatch(finance1, { method: "SUPPLIER" });
    if (made.outcome !== "created") throw new Error(made.outcome);
    expect([made.count, made.totalPence]).toEqual([1, 12_000n]);
    const batch = (await readBatch(finance1, made.batchId))!;
    const file = await openBatchFile(finance1, made.batchId, batch.files[0]!.id, null);
    if (!file.ok) throw new Error("no file");
    const line = readStandard18(file.bytes.toString("ascii")).credits[0]!;
    expect([line.destinationSortCode, line.destinationAccount, line.reference.trim(), line.amountPence, line.destinationName.trim()]).toEqual(["107999", "88837491", "CUST 004417", 12_000n, "FEN ENERGY LTD"]);
  });

  it("leaves out a bank transfer whose bank-details change waits for a second person, and pays the others", async () => {
    const held = await approved("bank", 3_000n);
    const free = await approved("bank", 4_000n);
    expect((await requestBankChange(finance1, held.id, { bank: { accountName: "A New Name", sortCode: "089999", accountNumber: "66374958", rollNumber: null }, reason: "Resident phoned with a new account" })).outcome).toBe("requested");
    const made = await createBatch(finance2, { method: "BANK_TRANSFER" });
    if (made.outcome !== "created") throw new Error(made.outcome);
    const inBatch = await owner().payment.findMany({ where: { batchId: made.batchId }, select: { id: true } });
    expect(inBatch.map((p) => p.id)).toContain(free.id);
    expect(inBatch.map((p) => p.id)).not.toContain(held.id);
    expect((await owner().payment.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("READY");
  });
});
