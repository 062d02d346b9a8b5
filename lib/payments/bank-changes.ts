import "server-only";
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { PaymentBankChangeStatus } from "@/lib/generated/prisma/enums";
import { sealBankDetails } from "@/lib/payments/bank-details";
import { lockBatchMaking } from "@/lib/payments/batches";
import type { TPaymentState } from "@/lib/payments/lifecycle";
import { UUID } from "@/lib/payments/payment-details";
import type { TBankDetails } from "@/lib/payments/supplier-schemas";
import { recordCaseEvent } from "@/lib/timeline/case-events";

// Changing where a ready payment goes (docs/suppliers.md, ADR 0035): a common fraud route, so a
// change is only ever a REQUEST until a SECOND person approves it. Requested, approved, rejected
// or taken back: each is on the case's timeline and in the audit log, with the last 4 digits
// only. While a request waits, the payment cannot join a batch (a trigger in the database, and
// lib/payments/bank-details.ts noPendingBankChange for the batch writer's selection). The
// database refuses an approval or rejection by the requester too (a CHECK). payments:manage.

type TRefused = { outcome: "forbidden" } | { outcome: "not-found" };
const FORBIDDEN = { outcome: "forbidden" } as const;
const NOT_FOUND = { outcome: "not-found" } as const;

export type TRequestBankChangeResult =
  | { outcome: "requested"; changeId: string }
  | { outcome: "not-ready"; status: TPaymentState }
  | { outcome: "not-bank-transfer" }
  | { outcome: "already-pending" }
  | TRefused;

export async function requestBankChange(actor: TActor, paymentId: string, input: { bank: TBankDetails; reason: string }, ip: string | null = null): Promise<TRequestBankChangeResult> {
  if (!can(actor, "payments:manage")) return FORBIDDEN;
  const userId = actorUserId(actor);
  if (!userId) return FORBIDDEN;
  if (!UUID.test(paymentId)) return NOT_FOUND;
  return withTenantSql(councilIdOf(actor), (sql) => requestBankChangeSql(sql, actor, paymentId, input, ip), userId);
}

/** requestBankChange inside the caller's transaction (paying a returned payment again with new details: lib/payments/pay-again.ts). The caller checked payments:manage or its own permission. */
export async function requestBankChangeSql(sql: TSql, actor: TActor, paymentId: string, input: { bank: TBankDetails; reason: string }, ip: string | null = null): Promise<TRequestBankChangeResult> {
  const userId = actorUserId(actor);
  if (!userId) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  const sealed = sealBankDetails(input.bank);
  // Not while a batch is being made (lockBatchMaking): the batch would wait for this payment's row,
  // then meet the pending change in the database's guard and fail whole. After the lock, the
  // payment's row: a batch made next sees the change and leaves the payment out.
  await lockBatchMaking(sql, tenantId);
  const p = await sql.db.selectFrom("Payment").select(["reference", "method", "status", "caseId", "bankLast4"]).where("id", "=", paymentId).forUpdate().executeTakeFirst();
  if (!p) return NOT_FOUND;
  if (p.method !== "BANK_TRANSFER") return { outcome: "not-bank-transfer" as const };
  if (p.status !== "READY") return { outcome: "not-ready" as const, status: p.status };
  const pending = await sql.db.selectFrom("PaymentBankChange").select("id").where("paymentId", "=", paymentId).where("status", "=", "PENDING").executeTakeFirst();
  if (pending) return { outcome: "already-pending" as const };
  const row = await sql.db
    .insertInto("PaymentBankChange")
    .values({ id: q<string>`gen_random_uuid()`, tenantId, paymentId, bankDetailsEnc: sealed.enc, bankLast4: sealed.last4, previousLast4: p.bankLast4, reason: input.reason, requestedById: userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  const data = { paymentId, reference: p.reference, changeId: row.id, from: p.bankLast4, to: sealed.last4, reason: input.reason };
  await recordCaseEvent(sql, actor, p.caseId, "suppliers.bank-change-requested", data);
  await recordAuditSql(sql, {
    tenantId,
    actor,
    action: "payments.bank-change-requested",
    entityType: "Payment",
    entityId: paymentId,
    summary: `Asked to change the bank details of payment ${p.reference} from ${p.bankLast4 ? `ending ${p.bankLast4}` : "none"} to ending ${sealed.last4}: ${input.reason}`,
    metadata: data,
    ip,
  });
  return { outcome: "requested" as const, changeId: row.id };
}

export type TDecideBankChangeResult =
  | { outcome: "approved" | "rejected" | "cancelled" }
  | { outcome: "same-person" }
  | { outcome: "not-requester" }
  | { outcome: "not-pending"; status: PaymentBankChangeStatus }
  | { outcome: "not-ready"; status: TPaymentState }
  | TRefused;

type TDecision = { kind: "approve" } | { kind: "reject"; note: string } | { kind: "cancel" };

async function decide(actor: TActor, paymentId: string, changeId: string, decision: TDecision, ip: string | null): Promise<TDecideBankChangeResult> {
  if (!can(actor, "payments:manage")) return FORBIDDEN;
  const userId = actorUserId(actor);
  if (!userId) return FORBIDDEN;
  if (!UUID.test(paymentId) || !UUID.test(changeId)) return NOT_FOUND;
  const tenantId = councilIdOf(actor);
  return withTenantSql(
    tenantId,
    async (sql: TSql) => {
      const p = await sql.db.selectFrom("Payment").select(["reference", "status", "caseId", "bankLast4"]).where("id", "=", paymentId).forUpdate().executeTakeFirst();
      if (!p) return NOT_FOUND;
      const c = await sql.db
        .selectFrom("PaymentBankChange")
        .select(["status", "requestedById", "bankDetailsEnc", "bankLast4", "previousLast4", "reason"])
        .where("id", "=", changeId)
        .where("paymentId", "=", paymentId)
        .forUpdate()
        .executeTakeFirst();
      if (!c) return NOT_FOUND;
      if (c.status !== "PENDING") return { outcome: "not-pending" as const, status: c.status };
      // Four eyes: the requester may take the request back, never decide it.
      if (decision.kind === "cancel" && c.requestedById !== userId) return { outcome: "not-requester" as const };
      if (decision.kind !== "cancel" && c.requestedById === userId) return { outcome: "same-person" as const };
      if (decision.kind === "approve" && p.status !== "READY") return { outcome: "not-ready" as const, status: p.status };
      const status: PaymentBankChangeStatus = decision.kind === "approve" ? "APPROVED" : decision.kind === "reject" ? "REJECTED" : "CANCELLED";
      await sql.db
        .updateTable("PaymentBankChange")
        .set({
          status,
          ...(decision.kind === "cancel" ? {} : { decidedById: userId, decidedAt: q<Date>`now()` }),
          ...(decision.kind === "reject" ? { decisionNote: decision.note } : {}),
        })
        .where("id", "=", changeId)
        .execute();
      if (decision.kind === "approve") {
        await sql.db.updateTable("Payment").set({ bankDetailsEnc: c.bankDetailsEnc, bankLast4: c.bankLast4, updatedAt: q<Date>`now()` }).where("id", "=", paymentId).execute();
      }
      const word = decision.kind === "approve" ? "approved" : decision.kind === "reject" ? "rejected" : "cancelled";
      const data = { paymentId, reference: p.reference, changeId, from: c.previousLast4, to: c.bankLast4, ...(decision.kind === "reject" ? { note: decision.note } : {}) };
      await recordCaseEvent(sql, actor, p.caseId, `suppliers.bank-change-${word}`, data);
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: `payments.bank-change-${word}`,
        entityType: "Payment",
        entityId: paymentId,
        summary: `${word[0]!.toUpperCase()}${word.slice(1)} the change of payment ${p.reference}'s bank details to ending ${c.bankLast4}${decision.kind === "reject" ? `: ${decision.note}` : ""}`,
        metadata: { ...data, requestedById: c.requestedById },
        ip,
      });
      return { outcome: word };
    },
    userId,
  );
}

/** A second person approves: the payment's bank details become the requested ones. */
export function approveBankChange(actor: TActor, paymentId: string, changeId: string, ip: string | null = null) {
  return decide(actor, paymentId, changeId, { kind: "approve" }, ip);
}

/** A second person refuses the change, saying why; the payment keeps its details. */
export function rejectBankChange(actor: TActor, paymentId: string, changeId: string, note: string, ip: string | null = null) {
  return decide(actor, paymentId, changeId, { kind: "reject", note }, ip);
}

/** The requester takes their request back (a mistake): nothing changes. */
export function cancelBankChange(actor: TActor, paymentId: string, changeId: string, ip: string | null = null) {
  return decide(actor, paymentId, changeId, { kind: "cancel" }, ip);
}
