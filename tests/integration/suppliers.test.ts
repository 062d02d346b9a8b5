// Suppliers and second-person bank-details changes (issue 19, docs/suppliers.md, ADR 0035),
// through the services on real PostgreSQL as the app's RLS-bound role: a supplier is used only
// after a SECOND person checks it (the database refuses the same person too); a change of a
// ready payment's bank details applies only when a second person approves it, and while it waits
// the payment cannot join a batch, whoever writes the batch; every showing of full bank details
// is audited; another council's supplier, payment or change is not found.
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { approveBankChange, cancelBankChange, rejectBankChange, requestBankChange } from "@/lib/payments/bank-changes";
import { noPendingBankChange, openBankDetails, payeeReadySql, supplierReady } from "@/lib/payments/bank-details";
import { sql as q } from "kysely";
import { choosePaymentSupplier, loadPaymentDetails, revealPaymentBankDetails } from "@/lib/payments/payment-details";
import { ZBankChangeRequest, ZPaymentSupplier, ZSupplier } from "@/lib/payments/supplier-schemas";
import { addSupplier, checkSupplier, checkedSuppliers, findSupplier, listSuppliers, revealSupplierBankDetails, withdrawSupplier } from "@/lib/payments/suppliers";
import { readPayment, transitionPayment } from "@/lib/payments/transition";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { asOwnerInCouncil, createCouncil, createFund } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil, other: TCouncil;
let officer: TMemberActor, finance: TMemberActor, finance2: TMemberActor, otherFinance: TMemberActor, otherOfficer: TMemberActor;
let pot: { id: string; fundId: string }, otherPot: { id: string; fundId: string };
const owner = () => testDb().owner;

// A valid account (Vocalink's published test case: 08-99-99 66374958) and another one.
const BANK = { accountName: "Hackney Homes Ltd", sortCode: "08-99-99", accountNumber: "66374958", rollNumber: "" };
const NEW_BANK = { accountName: "A Yilmaz", sortCode: "20-00-00", accountNumber: "55779911", rollNumber: "" };
const supplierInput = (name: string, bank = BANK) => ZSupplier.parse({ name, kind: "LANDLORD", ...bank });

/** An approved award line paid by `method` ("bank" or "supplier"), and its READY payment's id. */
async function readyPayment(c: TCouncil = council, by: TMemberActor = officer, method = "bank", p = pot): Promise<string> {
  const made = await applyFor(c);
  expect((await claimCase(by, made.caseId)).outcome).toBe("done");
  const r = await decideCase(by, made.caseId, { decision: "approve", reasonCode: "need-met", explanation: "Paid to you.", lines: [{ potId: p.id, needCategory: "food", amountPence: 10_000n, paymentMethod: method }] });
  if (r.outcome !== "decided") throw new Error(r.outcome);
  const payment = await owner().payment.findFirstOrThrow({ where: { caseId: made.caseId } });
  expect(payment.status).toBe("READY");
  return payment.id;
}

/** A batch of one council, as the batch writer makes one (owner-made: the row only). */
async function newBatch(c: TCouncil, by: TMemberActor, method: "BANK_TRANSFER" | "SUPPLIER" = "BANK_TRANSFER"): Promise<string> {
  return asOwnerInCouncil(owner(), c.id, async (tx) => {
    const id = crypto.randomUUID();
    await tx.paymentBatch.create({ data: { id, tenantId: c.id, reference: `B-${id.slice(0, 6)}`, method, count: 1, totalPence: 10_000n, createdById: by.user.userId } });
    return id;
  });
}

/** The batch writer's step for one payment (lib/payments/transition.ts), in its own transaction. */
async function addToBatch(c: TCouncil, by: TMemberActor, paymentId: string, batchId: string) {
  return withTenantSql(c.id, async (sql) => transitionPayment(sql, by, (await readPayment(sql, paymentId))!, "add-to-batch", { batchId }));
}

const audits = (action: string, entityId: string) => owner().auditEvent.findMany({ where: { action, entityId }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  await createCouncil(owner(), { slug: "suppliers-a", postcodeAreas: ["E8"], settings: { referencePrefix: "SPA" } });
  await createCouncil(owner(), { slug: "suppliers-b", postcodeAreas: ["E8"], settings: { referencePrefix: "SPB" } });
  council = (await findCouncilBySlug("suppliers-a"))!;
  other = (await findCouncilBySlug("suppliers-b"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  finance = await caseActor(council, "APPROVER", "Fay Finance");
  finance2 = await caseActor(council, "APPROVER", "Sol Second");
  otherFinance = await caseActor(other, "APPROVER", "Bea Other-council");
  otherOfficer = await caseActor(other, "OFFICER", "Ola Other-officer");
  pot = (await createFund(owner(), council.id, { pots: [{ name: "Crisis", allocatePence: 5_000_000n }] })).pots[0]!;
  otherPot = (await createFund(owner(), other.id, { pots: [{ name: "Crisis", allocatePence: 5_000_000n }] })).pots[0]!;
});

describe("entering bank details", () => {
  it("passes the UK modulus check, with a GOV.UK error on the account number when it fails", () => {
    const bad = ZSupplier.safeParse({ name: "Bad Bank Ltd", kind: "RETAILER", ...BANK, accountNumber: "66374959" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues).toEqual([expect.objectContaining({ path: ["accountNumber"], message: "Check the sort code and account number – together they are not a valid UK bank account" })]);
    const change = ZBankChangeRequest.safeParse({ paymentId: crypto.randomUUID(), ...NEW_BANK, accountNumber: "55779912", reason: "Resident's new account" });
    expect(change.success).toBe(false);
    // Spaces and dashes are the person's; what is kept is 6 + 8 digits.
    expect(supplierInput("Fine Ltd").bank).toEqual({ accountName: "Hackney Homes Ltd", sortCode: "089999", accountNumber: "66374958", rollNumber: null });
  });

  it("takes the resident's account reference as Bacs takes a reference", () => {
    const ref = (supplierAccountRef: string) => ZPaymentSupplier.safeParse({ paymentId: crypto.randomUUID(), supplierId: crypto.randomUUID(), supplierAccountRef });
    expect(ref(" ten-12345 / 6 ").data?.supplierAccountRef).toBe("TEN-12345 / 6");
    expect(ref("AB12").error?.issues[0]?.message).toMatch(/at least 6 letters or numbers/);
    expect(ref("1111111").error?.issues[0]?.message).toMatch(/one character repeated/);
    expect(ref("ACCOUNT-NUMBER-123456").error?.issues[0]?.message).toMatch(/18 characters or fewer/);
    expect(ref("ROOM#12345").error?.issues[0]?.message).toMatch(/can only include/);
  });
});

describe("suppliers", () => {
  it("are used only once a SECOND person has checked the bank details; the database refuses the same person too", async () => {
    const added = await addSupplier(finance, supplierInput("Hackney Homes Ltd"));
    expect(added.outcome).toBe("added");
    const id = (added as { supplierId: string }).supplierId;
    const row = await owner().supplier.findUniqueOrThrow({ where: { id } });
    // Sealed at rest: the account number is not in the row, only its last 4.
    expect(row).toMatchObject({ status: "PENDING_CHECK", bankLast4: "4958", addedById: finance.user.userId, checkedById: null });
    expect(row.bankDetailsEnc).not.toContain("66374958");
    expect(openBankDetails(row.bankDetailsEnc)).toMatchObject({ sortCode: "089999", accountNumber: "66374958" });
    expect((await checkedSuppliers(finance)).map((s) => s.id)).not.toContain(id);

    expect(await checkSupplier(finance, id)).toEqual({ outcome: "same-person" });
    expect(await checkSupplier(officer, id)).toEqual({ outcome: "forbidden" });
    expect((await owner().supplier.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING_CHECK");
    // Not only the service: the table refuses it whoever writes it.
    await expect(
      asOwnerInCouncil(owner(), council.id, (tx) => tx.supplier.update({ where: { id }, data: { status: "CHECKED", checkedById: finance.user.userId, checkedAt: new Date() } })),
    ).rejects.toThrow(/Supplier_second_person/);

    expect(await checkSupplier(finance2, id)).toEqual({ outcome: "checked" });
    expect(await owner().supplier.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "CHECKED", checkedById: finance2.user.userId });
    expect(await checkSupplier(finance2, id)).toEqual({ outcome: "not-pending", status: "CHECKED" });
    expect((await checkedSuppliers(finance)).map((s) => s.id)).toContain(id);
    expect((await audits("payments.supplier-checked", id))[0]).toMatchObject({ actorUserId: finance2.user.userId });
    expect((await findSupplier(finance, id))?.checkedBy).toBe("Sol Second");

    // A second supplier of the same name is refused while the first is in use; withdrawn, it may come back.
    expect((await addSupplier(finance2, supplierInput("hackney homes ltd"))).outcome).toBe("name-taken");
    expect(await withdrawSupplier(finance, id, "The landlord sold the block")).toEqual({ outcome: "withdrawn" });
    expect(await withdrawSupplier(finance, id, "again")).toEqual({ outcome: "already-withdrawn" });
    expect((await checkedSuppliers(finance)).map((s) => s.id)).not.toContain(id);
    expect((await addSupplier(finance2, supplierInput("Hackney Homes Ltd"))).outcome).toBe("added");
  });

  it("show their full bank details to finance only, auditing every showing", async () => {
    const { supplierId } = (await addSupplier(finance, supplierInput("Octopus Energy"))) as { supplierId: string };
    expect(await revealSupplierBankDetails(officer, supplierId)).toEqual({ outcome: "forbidden" });
    for (let i = 0; i < 2; i++) {
      expect(await revealSupplierBankDetails(finance2, supplierId, "10.0.0.9")).toEqual({ outcome: "shown", bank: expect.objectContaining({ accountNumber: "66374958", sortCode: "089999" }) });
    }
    const shown = await audits("payments.bank-details-shown", supplierId);
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatchObject({ actorUserId: finance2.user.userId, ip: "10.0.0.9", tenantId: council.id });
    expect(JSON.stringify(shown)).not.toContain("66374958");
    expect(await listSuppliers(officer)).toBeNull();
  });

  it("of another council are not found, and cannot be checked, withdrawn, shown or paid", async () => {
    const { supplierId } = (await addSupplier(otherFinance, supplierInput("Other Council Lettings"))) as { supplierId: string };
    expect(await findSupplier(finance, supplierId)).toBeNull();
    expect(await checkSupplier(finance, supplierId)).toEqual({ outcome: "not-found" });
    expect(await withdrawSupplier(finance, supplierId, "not ours")).toEqual({ outcome: "not-found" });
    expect(await revealSupplierBankDetails(finance, supplierId)).toEqual({ outcome: "not-found" });
    expect((await listSuppliers(finance))!.map((s) => s.id)).not.toContain(supplierId);
    expect(await audits("payments.bank-details-shown", supplierId)).toHaveLength(0);
    // Checked in its own council, it is still not ours to pay.
    const otherFinance2 = await caseActor(other, "APPROVER", "Bo Other-second");
    expect(await checkSupplier(otherFinance2, supplierId)).toEqual({ outcome: "checked" });
    const paymentId = await readyPayment(council, officer, "supplier");
    expect(await choosePaymentSupplier(finance, paymentId, { supplierId, supplierAccountRef: "TENANT-001234" })).toEqual({ outcome: "supplier-unavailable" });
    expect((await owner().payment.findUniqueOrThrow({ where: { id: paymentId } })).supplierId).toBeNull();
    // And the key carries the council: written straight into the table, it is refused.
    await expect(asOwnerInCouncil(owner(), council.id, (tx) => tx.payment.update({ where: { id: paymentId }, data: { supplierId } }))).rejects.toThrow(/Payment_tenantId_supplierId_fkey/);
  });
});

describe("a supplier payment", () => {
  it("goes to a CHECKED supplier with the resident's account reference, and only then can join a batch", async () => {
    const paymentId = await readyPayment(council, officer, "supplier");
    const { supplierId } = (await addSupplier(finance, supplierInput("Currys Retail"))) as { supplierId: string };
    // Unchecked: refused; no supplier yet: a batch cannot take it.
    expect(await choosePaymentSupplier(finance, paymentId, { supplierId, supplierAccountRef: "CUST 99887766" })).toEqual({ outcome: "supplier-unavailable" });
    const batchId = await newBatch(council, finance, "SUPPLIER");
    await expect(addToBatch(council, finance, paymentId, batchId)).rejects.toThrow(/no checked supplier/);
    expect(await checkSupplier(finance2, supplierId)).toEqual({ outcome: "checked" });
    expect(await choosePaymentSupplier(finance, paymentId, { supplierId, supplierAccountRef: "CUST 99887766" })).toEqual({ outcome: "saved" });
    expect(await owner().payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ supplierId, supplierAccountRef: "CUST 99887766" });
    const details = (await loadPaymentDetails(finance, paymentId))!;
    expect(details.supplier).toMatchObject({ id: supplierId, name: "Currys Retail", bankLast4: "4958" });
    expect(details.history.map((h) => h.kind)).toContain("suppliers.supplier-chosen");
    // Its full details are the supplier's, shown and audited.
    expect(await revealPaymentBankDetails(finance, paymentId)).toMatchObject({ outcome: "shown", bank: { accountNumber: "66374958" } });
    expect(await audits("payments.bank-details-shown", paymentId)).toHaveLength(1);
    expect((await addToBatch(council, finance, paymentId, batchId)).outcome).toBe("done");
    // In a batch, its supplier no longer changes.
    expect(await choosePaymentSupplier(finance, paymentId, { supplierId, supplierAccountRef: "CUST 11223344" })).toEqual({ outcome: "not-ready", status: "IN_BATCH" });
  });

  it("with a withdrawn supplier cannot join a batch", async () => {
    const paymentId = await readyPayment(council, officer, "supplier");
    const { supplierId } = (await addSupplier(finance, supplierInput("British Gas"))) as { supplierId: string };
    await checkSupplier(finance2, supplierId);
    await choosePaymentSupplier(finance, paymentId, { supplierId, supplierAccountRef: "BG-0011223344" });
    await withdrawSupplier(finance2, supplierId, "Suspected fraud: the bank account changed");
    await expect(addToBatch(council, finance, paymentId, await newBatch(council, finance, "SUPPLIER"))).rejects.toThrow(/no checked supplier/);
    expect((await owner().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("READY");
  });
});

describe("changing a ready payment's bank details", () => {
  const change = (bank = NEW_BANK, reason = "The resident closed the old account and rang with the new one") => {
    const parsed = ZBankChangeRequest.parse({ paymentId: crypto.randomUUID(), ...bank, reason });
    return { bank: parsed.bank, reason: parsed.reason };
  };

  it("needs a second person: the requester cannot approve it (nor can the database be told otherwise); approved, it applies", async () => {
    const paymentId = await readyPayment();
    const before = await owner().payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(before.bankLast4).toBe("4958");
    const r = await requestBankChange(finance, paymentId, change());
    expect(r.outcome).toBe("requested");
    const changeId = (r as { changeId: string }).changeId;
    // Nothing applied yet.
    expect((await owner().payment.findUniqueOrThrow({ where: { id: paymentId } })).bankDetailsEnc).toBe(before.bankDetailsEnc);
    expect(await requestBankChange(finance2, paymentId, change())).toEqual({ outcome: "already-pending" });

    expect(await approveBankChange(finance, paymentId, changeId)).toEqual({ outcome: "same-person" });
    expect(await rejectBankChange(finance, paymentId, changeId, "I typed it wrong")).toEqual({ outcome: "same-person" });
    expect(await approveBankChange(officer, paymentId, changeId)).toEqual({ outcome: "forbidden" });
    await expect(
      asOwnerInCouncil(owner(), council.id, (tx) => tx.paymentBankChange.update({ where: { id: changeId }, data: { status: "APPROVED", decidedById: finance.user.userId, decidedAt: new Date() } })),
    ).rejects.toThrow(/PaymentBankChange_second_person/);
    expect((await owner().payment.findUniqueOrThrow({ where: { id: paymentId } })).bankLast4).toBe("4958");

    expect(await approveBankChange(finance2, paymentId, changeId)).toEqual({ outcome: "approved" });
    const after = await owner().payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(after.bankLast4).toBe("9911");
    expect(openBankDetails(after.bankDetailsEnc)).toMatchObject({ sortCode: "200000", accountNumber: "55779911", accountName: "A Yilmaz" });
    expect(await approveBankChange(finance2, paymentId, changeId)).toEqual({ outcome: "not-pending", status: "APPROVED" });

    const events = await owner().caseEvent.findMany({ where: { caseId: before.caseId, kind: { startsWith: "suppliers." } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.kind, e.actorUserId])).toEqual([
      ["suppliers.bank-change-requested", finance.user.userId],
      ["suppliers.bank-change-approved", finance2.user.userId],
    ]);
    expect(JSON.stringify(events)).not.toContain("55779911");
    expect(await audits("payments.bank-change-approved", paymentId)).toEqual([expect.objectContaining({ actorUserId: finance2.user.userId })]);
  });

  it("keeps the payment out of every batch while it waits, one payment at a time or all at once", async () => {
    const paymentId = await readyPayment();
    const { changeId } = (await requestBankChange(finance, paymentId, change())) as { changeId: string };
    const batchId = await newBatch(council, finance2);
    await expect(addToBatch(council, finance2, paymentId, batchId)).rejects.toThrow(/bank details change waiting for a second person/);
    // A set-based writer (50,000 payments in one statement) meets the same rule.
    await expect(
      withTenantSql(council.id, (sql) => sql.db.updateTable("Payment").set({ status: "IN_BATCH", batchId }).where("id", "=", paymentId).execute()),
    ).rejects.toThrow(/bank details change waiting for a second person/);
    // The selection helpers leave it out, so a batch of everything else is made without it.
    const selectable = await withTenantSql(council.id, (sql) =>
      sql.db.selectFrom("Payment as pm").select("pm.id").where("pm.status", "=", "READY").where(noPendingBankChange).where(supplierReady).execute(),
    );
    expect(selectable.map((p) => p.id)).not.toContain(paymentId);
    const selectableRaw = await withTenantSql(council.id, (sql) => sql.db.executeQuery(q<{ id: string }>`select pm.id from "Payment" pm where pm.status = 'READY' and ${payeeReadySql}`.compile(sql.db)));
    expect(selectableRaw.rows.map((p) => p.id)).not.toContain(paymentId);
    expect(selectableRaw.rows.length).toBe(selectable.length);
    expect((await owner().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("READY");

    // Rejected by a second person: the old details stand and the payment may be batched.
    expect(await rejectBankChange(finance2, paymentId, changeId, "The caller could not answer the security questions")).toEqual({ outcome: "rejected" });
    expect((await owner().payment.findUniqueOrThrow({ where: { id: paymentId } })).bankLast4).toBe("4958");
    expect((await addToBatch(council, finance2, paymentId, batchId)).outcome).toBe("done");
    // In a batch, no change can be asked for.
    expect(await requestBankChange(finance, paymentId, change())).toEqual({ outcome: "not-ready", status: "IN_BATCH" });
  });

  it("can be taken back by the requester only", async () => {
    const paymentId = await readyPayment();
    const { changeId } = (await requestBankChange(finance, paymentId, change())) as { changeId: string };
    expect(await cancelBankChange(finance2, paymentId, changeId)).toEqual({ outcome: "not-requester" });
    expect(await cancelBankChange(finance, paymentId, changeId)).toEqual({ outcome: "cancelled" });
    expect((await owner().paymentBankChange.findUniqueOrThrow({ where: { id: changeId } })).status).toBe("CANCELLED");
    expect((await loadPaymentDetails(finance, paymentId))!.changes[0]).toMatchObject({ status: "CANCELLED", requestedBy: "Fay Finance" });
  });

  it("is only for a bank transfer", async () => {
    const paymentId = await readyPayment(council, officer, "supplier");
    expect(await requestBankChange(finance, paymentId, change())).toEqual({ outcome: "not-bank-transfer" });
  });

  it("of another council's payment is not found, and its change cannot be decided from here", async () => {
    const theirs = await readyPayment(other, otherOfficer, "bank", otherPot);
    expect(await requestBankChange(finance, theirs, change())).toEqual({ outcome: "not-found" });
    expect(await loadPaymentDetails(finance, theirs)).toBeNull();
    expect(await revealPaymentBankDetails(finance, theirs)).toEqual({ outcome: "not-found" });
    const { changeId } = (await requestBankChange(otherFinance, theirs, change())) as { changeId: string };
    expect(await approveBankChange(finance2, theirs, changeId)).toEqual({ outcome: "not-found" });
    const mine = await readyPayment();
    expect(await approveBankChange(finance2, mine, changeId)).toEqual({ outcome: "not-found" });
    expect((await owner().paymentBankChange.findUniqueOrThrow({ where: { id: changeId } })).status).toBe("PENDING");
  });
});

describe("a payment's full bank details", () => {
  it("are masked for everyone and shown to finance on request, audited every time", async () => {
    const paymentId = await readyPayment();
    const details = (await loadPaymentDetails(finance, paymentId))!;
    expect(details).toMatchObject({ method: "BANK_TRANSFER", bankLast4: "4958", hasBankDetails: true, status: "READY" });
    expect(JSON.stringify(details, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain("66374958");
    expect(await loadPaymentDetails(officer, paymentId)).toBeNull();
    expect(await revealPaymentBankDetails(officer, paymentId)).toEqual({ outcome: "forbidden" });
    for (const who of [finance, finance2, finance]) expect(await revealPaymentBankDetails(who, paymentId, "192.0.2.1")).toMatchObject({ outcome: "shown", bank: { accountNumber: "66374958", sortCode: "089999" } });
    const shown = await audits("payments.bank-details-shown", paymentId);
    expect(shown.map((a) => a.actorUserId)).toEqual([finance.user.userId, finance2.user.userId, finance.user.userId]);
    expect(shown.every((a) => a.ip === "192.0.2.1" && !JSON.stringify(a).includes("66374958"))).toBe(true);
  });
});
