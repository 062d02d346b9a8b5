import "server-only";
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { PaymentBankChangeStatus, SupplierStatus } from "@/lib/generated/prisma/enums";
import { openBankDetails } from "@/lib/payments/bank-details";
import type { TPaymentMethod, TPaymentState } from "@/lib/payments/lifecycle";
import type { TBankDetails } from "@/lib/payments/supplier-schemas";
import { recordCaseEvent } from "@/lib/timeline/case-events";

// One payment as finance sees it (app/[council]/staff/payments/[paymentId], docs/suppliers.md):
// what it pays, how, its history (its lines on the case's timeline), its bank details masked
// ("ending 1234") with the full details shown to finance on request, audited each time; and for
// a supplier payment, which CHECKED supplier and the resident's account reference with them.
// payments:manage throughout; another council's payment is simply not found (row-level security).

type TRefused = { outcome: "forbidden" } | { outcome: "not-found" };
const FORBIDDEN = { outcome: "forbidden" } as const;
const NOT_FOUND = { outcome: "not-found" } as const;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TBankChangeRow = {
  id: string;
  bankLast4: string;
  previousLast4: string | null;
  reason: string;
  status: PaymentBankChangeStatus;
  requestedById: string;
  requestedBy: string | null;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
};

export type TPaymentDetails = {
  id: string;
  reference: string;
  method: TPaymentMethod;
  status: TPaymentState;
  amountPence: bigint;
  caseId: string;
  caseReference: string;
  needCategory: string;
  bankLast4: string | null;
  hasBankDetails: boolean;
  supplier: { id: string; name: string; status: SupplierStatus; bankLast4: string } | null;
  supplierAccountRef: string | null;
  batch: { id: string; reference: string } | null;
  outcomeReason: string | null;
  replacesPaymentId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  settledAt: Date | null;
  history: { id: string; kind: string; at: Date; by: string | null; data: Record<string, unknown> }[];
  changes: TBankChangeRow[];
};

/** The payment's bank-details changes, newest first. */
export function bankChangeRows(sql: TSql, paymentId: string) {
  return sql.db
    .selectFrom("PaymentBankChange as c")
    .leftJoin("User as ur", "ur.id", "c.requestedById")
    .leftJoin("User as ud", "ud.id", "c.decidedById")
    .select(["c.id", "c.bankLast4", "c.previousLast4", "c.reason", "c.status", "c.requestedById", "ur.name as requestedBy", "c.requestedAt", "ud.name as decidedBy", "c.decidedAt", "c.decisionNote"])
    .where("c.paymentId", "=", paymentId)
    .orderBy("c.requestedAt", "desc")
    .orderBy("c.id", "desc");
}

export async function loadPaymentDetails(actor: TActor, paymentId: string): Promise<TPaymentDetails | null> {
  if (!can(actor, "payments:manage") || !UUID.test(paymentId)) return null;
  return withTenantSql(councilIdOf(actor), async (sql) => {
    const p = await sql.db
      .selectFrom("Payment as pm")
      .innerJoin("Case as c", "c.id", "pm.caseId")
      .innerJoin("Award as a", "a.id", "pm.awardId")
      .leftJoin("Supplier as s", "s.id", "pm.supplierId")
      .leftJoin("PaymentBatch as b", "b.id", "pm.batchId")
      .select([
        "pm.id",
        "pm.reference",
        "pm.method",
        "pm.status",
        "pm.amountPence",
        "pm.caseId",
        "c.reference as caseReference",
        "a.needCategory",
        "pm.bankLast4",
        q<boolean>`pm."bankDetailsEnc" is not null`.as("hasBankDetails"),
        "s.id as supplierId",
        "s.name as supplierName",
        "s.status as supplierStatus",
        "s.bankLast4 as supplierLast4",
        "pm.supplierAccountRef",
        "b.id as batchId",
        "b.reference as batchReference",
        "pm.outcomeReason",
        "pm.replacesPaymentId",
        "pm.createdAt",
        "pm.sentAt",
        "pm.settledAt",
      ])
      .where("pm.id", "=", paymentId)
      .executeTakeFirst();
    if (!p) return null;
    const [history, changes] = await Promise.all([
      sql.db
        .selectFrom("CaseEvent as e")
        .leftJoin("User as u", "u.id", "e.actorUserId")
        .select(["e.id", "e.kind", "e.createdAt as at", "u.name as by", "e.data"])
        .where("e.caseId", "=", p.caseId)
        .where((eb) => eb.or([eb("e.kind", "like", "payment.%"), eb("e.kind", "like", "suppliers.%")]))
        .where(q<boolean>`e.data->>'paymentId' = ${paymentId}`)
        .orderBy("e.createdAt", "desc")
        .orderBy("e.id", "desc")
        .execute(),
      bankChangeRows(sql, paymentId).execute(),
    ]);
    return {
      id: p.id,
      reference: p.reference,
      method: p.method,
      status: p.status,
      amountPence: p.amountPence,
      caseId: p.caseId,
      caseReference: p.caseReference,
      needCategory: p.needCategory,
      bankLast4: p.bankLast4,
      hasBankDetails: p.hasBankDetails,
      supplier: p.supplierId && p.supplierName && p.supplierStatus && p.supplierLast4 ? { id: p.supplierId, name: p.supplierName, status: p.supplierStatus, bankLast4: p.supplierLast4 } : null,
      supplierAccountRef: p.supplierAccountRef,
      batch: p.batchId && p.batchReference ? { id: p.batchId, reference: p.batchReference } : null,
      outcomeReason: p.outcomeReason,
      replacesPaymentId: p.replacesPaymentId,
      createdAt: p.createdAt,
      sentAt: p.sentAt,
      settledAt: p.settledAt,
      history: history.map((h) => ({ ...h, data: (h.data ?? {}) as Record<string, unknown> })),
      changes,
    };
  });
}

/**
 * The bank details the payment goes to, in full: the payee's own for a bank transfer, the
 * supplier's for a supplier payment. Finance only; audited every time, with who and from where.
 */
export async function revealPaymentBankDetails(actor: TActor, paymentId: string, ip: string | null = null): Promise<{ outcome: "shown"; bank: TBankDetails } | { outcome: "none" } | TRefused> {
  if (!can(actor, "payments:manage")) return FORBIDDEN;
  if (!UUID.test(paymentId)) return NOT_FOUND;
  const tenantId = councilIdOf(actor);
  return withTenantSql(
    tenantId,
    async (sql) => {
      const p = await sql.db
        .selectFrom("Payment as pm")
        .leftJoin("Supplier as s", "s.id", "pm.supplierId")
        .select(["pm.reference", "pm.method", "pm.caseId", "pm.bankDetailsEnc", "pm.bankLast4", "s.bankDetailsEnc as supplierEnc", "s.bankLast4 as supplierLast4", "s.name as supplierName"])
        .where("pm.id", "=", paymentId)
        .executeTakeFirst();
      if (!p) return NOT_FOUND;
      const supplier = p.method === "SUPPLIER";
      const bank = openBankDetails(supplier ? p.supplierEnc : p.bankDetailsEnc);
      const last4 = supplier ? p.supplierLast4 : p.bankLast4;
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "payments.bank-details-shown",
        entityType: "Payment",
        entityId: paymentId,
        summary: `Showed the full bank details of payment ${p.reference}${supplier ? ` (supplier ${p.supplierName ?? "not chosen"})` : ""}${last4 ? `, ending ${last4}` : ""}`,
        metadata: { reference: p.reference, caseId: p.caseId, method: p.method, bankLast4: last4, found: Boolean(bank) },
        ip,
      });
      return bank ? { outcome: "shown" as const, bank } : { outcome: "none" as const };
    },
    actorUserId(actor),
  );
}

export type TChooseSupplierResult =
  | { outcome: "saved" }
  | { outcome: "not-ready"; status: TPaymentState }
  | { outcome: "not-supplier" }
  | { outcome: "supplier-unavailable" }
  | TRefused;

/**
 * A supplier payment: which CHECKED supplier it goes to and the resident's account reference with
 * them (the Bacs reference). Only while the payment is READY (not yet in a batch). Another
 * council's supplier id is not found (row-level security) and refused like an unchecked one.
 */
export async function choosePaymentSupplier(actor: TActor, paymentId: string, input: { supplierId: string; supplierAccountRef: string }, ip: string | null = null): Promise<TChooseSupplierResult> {
  if (!can(actor, "payments:manage")) return FORBIDDEN;
  if (!UUID.test(paymentId)) return NOT_FOUND;
  const tenantId = councilIdOf(actor);
  return withTenantSql(
    tenantId,
    async (sql) => {
      const p = await sql.db.selectFrom("Payment").select(["reference", "method", "status", "caseId", "supplierId", "supplierAccountRef"]).where("id", "=", paymentId).forUpdate().executeTakeFirst();
      if (!p) return NOT_FOUND;
      if (p.method !== "SUPPLIER") return { outcome: "not-supplier" as const };
      if (p.status !== "READY") return { outcome: "not-ready" as const, status: p.status };
      const s = UUID.test(input.supplierId)
        ? await sql.db.selectFrom("Supplier").select(["id", "name", "bankLast4"]).where("id", "=", input.supplierId).where("status", "=", "CHECKED").forShare().executeTakeFirst()
        : undefined;
      if (!s) return { outcome: "supplier-unavailable" as const };
      await sql.db.updateTable("Payment").set({ supplierId: s.id, supplierAccountRef: input.supplierAccountRef, updatedAt: q<Date>`now()` }).where("id", "=", paymentId).execute();
      const data = { paymentId, reference: p.reference, supplierId: s.id, supplier: s.name, supplierAccountRef: input.supplierAccountRef, previousSupplierId: p.supplierId, previousAccountRef: p.supplierAccountRef };
      await recordCaseEvent(sql, actor, p.caseId, "suppliers.supplier-chosen", data);
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "payments.supplier-chosen",
        entityType: "Payment",
        entityId: paymentId,
        summary: `Payment ${p.reference} goes to supplier ${s.name} (ending ${s.bankLast4}), account reference ${input.supplierAccountRef}`,
        metadata: data,
        ip,
      });
      return { outcome: "saved" as const };
    },
    actorUserId(actor),
  );
}
