// The one writer of a payment's status: checks lib/payments/lifecycle.ts and the permission,
// changes the row only if it is still in the state read, writes the case's timeline event, keeps
// what the resident reads and hears in step (lib/cases/resident-view-writer.ts), and moves the
// money the map says (DISBURSE when sent, RECOMMIT when returned, rejected or cancelled after an
// expiry) through the ledger's one posting path, all in the caller's transaction. The ledger
// movement's idempotency key is the payment's id and the movement, so a batch released twice
// disburses once. A refusal from the ledger throws, so the caller's whole transaction rolls back.
import { sql as q } from "kysely";
import { actorUserId, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { updateResidentView } from "@/lib/cases/resident-view-writer";
import type { TSql } from "@/lib/db/sql";
import { postLedger } from "@/lib/ledger/post";
import { nextPaymentState, type TPaymentAction, type TPaymentMethod, type TPaymentState } from "@/lib/payments/lifecycle";
import { recordCaseEvent } from "@/lib/timeline/case-events";

const NOW = q<Date>`now()`;

export type TPaymentRow = {
  id: string;
  awardId: string;
  caseId: string;
  reference: string;
  method: TPaymentMethod;
  status: TPaymentState;
  amountPence: bigint;
  batchId: string | null;
  potId: string;
  fundId: string;
  caseReference: string;
  needCategory: string;
};

export type TPaymentTransitionResult =
  | { outcome: "done"; from: TPaymentState; to: TPaymentState; payment: TPaymentRow; ledgerTransactionId: string | null }
  | { outcome: "forbidden" }
  | { outcome: "not-allowed"; status: TPaymentState; problem: "not-allowed-from-state" | "not-for-method" }
  | { outcome: "changed" };

/** The payments with what the writer needs (award's pot and fund, case reference). */
export function paymentRows(sql: TSql) {
  return sql.db
    .selectFrom("Payment as pm")
    .innerJoin("Award as a", "a.id", "pm.awardId")
    .innerJoin("Pot as p", "p.id", "a.potId")
    .innerJoin("Case as c", "c.id", "pm.caseId")
    .select(["pm.id", "pm.awardId", "pm.caseId", "pm.reference", "pm.method", "pm.status", "pm.amountPence", "pm.batchId", "a.potId", "p.fundId", "c.reference as caseReference", "a.needCategory"]);
}

export async function readPayment(sql: TSql, paymentId: string): Promise<TPaymentRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(paymentId)) return undefined;
  return paymentRows(sql).where("pm.id", "=", paymentId).executeTakeFirst();
}

export type TPaymentTransitionOptions = {
  /** Why (a return's or rejection's reason, a cancellation's). Kept on the payment and the timeline. */
  reason?: string;
  /** add-to-batch: the batch it joins. */
  batchId?: string;
  /** The transaction's last statement is the ledger posting (sent with COMMIT). */
  last?: boolean;
  /** Skip the resident-view update (a batch updates each case once, after all its payments). */
  deferResidentView?: boolean;
};

export async function transitionPayment(sql: TSql, actor: TActor, payment: TPaymentRow, action: TPaymentAction, options: TPaymentTransitionOptions = {}): Promise<TPaymentTransitionResult> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  const step = nextPaymentState(payment.status, payment.method, action);
  if (!step.ok) return { outcome: "not-allowed", status: payment.status, problem: step.problem };
  const ending = step.to === "RETURNED" || step.to === "REJECTED" || step.to === "CANCELLED";
  const updated = await sql.db
    .updateTable("Payment")
    .set({
      status: step.to,
      updatedAt: NOW,
      ...(action === "add-to-batch" ? { batchId: options.batchId ?? null } : {}),
      ...(action === "remove-from-batch" || (action === "cancel" && payment.status === "IN_BATCH") ? { batchId: null } : {}),
      ...(step.to === "SENT" ? { sentAt: NOW } : {}),
      ...(step.to === "PAID" || step.to === "REDEEMED" || ending ? { settledAt: NOW } : {}),
      ...(options.reason ? { outcomeReason: options.reason } : {}),
    })
    .where("id", "=", payment.id)
    .where("status", "=", payment.status)
    .returning("id")
    .execute();
  if (!updated.length) return { outcome: "changed" };
  const batchId = action === "add-to-batch" ? (options.batchId ?? null) : action === "remove-from-batch" ? null : payment.batchId;
  // Joining and leaving a batch are the batch's own history, not the case's.
  if (action !== "add-to-batch" && action !== "remove-from-batch") {
    await recordCaseEvent(sql, actor, payment.caseId, `payment.${step.to.toLowerCase()}`, {
      paymentId: payment.id,
      reference: payment.reference,
      method: payment.method,
      amountPence: payment.amountPence.toString(),
      from: payment.status,
      to: step.to,
      ...(options.reason ? { reason: options.reason } : {}),
    });
    if (!options.deferResidentView) await updateResidentView(sql, actor, payment.caseId);
  }
  let ledgerTransactionId: string | null = null;
  if (step.ledger) {
    const result = await postLedger(
      sql,
      {
        kind: step.ledger === "disburse" ? "DISBURSE" : "RECOMMIT",
        fundId: payment.fundId,
        potId: payment.potId,
        amountPence: payment.amountPence,
        idempotencyKey: `payment:${payment.id}:${step.ledger}`,
        reason: `${step.ledger === "disburse" ? "Payment sent" : `Payment ${step.to.toLowerCase()}`}: ${payment.reference}, ${payment.needCategory}${options.reason ? ` (${options.reason})` : ""}`,
        actorUserId: actorUserId(actor),
        awardRef: payment.awardId,
        paymentRef: payment.reference,
      },
      { last: options.last },
    );
    ledgerTransactionId = result.transactionId;
  }
  return { outcome: "done", from: payment.status, to: step.to, payment: { ...payment, status: step.to, batchId }, ledgerTransactionId };
}
