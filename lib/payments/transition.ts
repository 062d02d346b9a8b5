// The one writer of a payment's status: checks lib/payments/lifecycle.ts and the permission,
// changes the row only if it is still in the state read, writes the case's timeline event, keeps
// what the resident reads and hears in step (lib/cases/resident-view-writer.ts), and moves the
// money the map says (DISBURSE when sent, RECOMMIT when returned, rejected or cancelled after an
// expiry) through the ledger's one posting path, all in the caller's transaction. The ledger
// movement's idempotency key is the payment's id and the movement, so a batch released twice
// disburses once. A refusal from the ledger throws, so the caller's whole transaction rolls back.
import { sql as q, type RawBuilder } from "kysely";
import { actorColumns, actorUserId, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { updateResidentView } from "@/lib/cases/resident-view-writer";
import type { TSql } from "@/lib/db/sql";
import { postLedger, postLedgerSet, type TLedgerMovementRow } from "@/lib/ledger/post";
import { nextPaymentState, PAYMENT_RULES, type TPaymentAction, type TPaymentMethod, type TPaymentState } from "@/lib/payments/lifecycle";
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

export type TBatchTransitionAction = "add-to-batch" | "send" | "remove-from-batch";

/**
 * transitionPayment for a whole batch at once (lib/payments/batches.ts), set-based so that 50,000
 * payments move in a few statements: the same map (PAYMENT_RULES), the same permission, the same
 * conditional update (only payments still in the rule's "from" states move), the same timeline
 * event per payment and the same ledger movement per payment with the same idempotency key
 * (postLedgerSet: post_ledger_transaction once a row). What the resident reads is brought up to
 * date afterwards by a job per batch (lib/payments/tasks.ts), not here.
 * add-to-batch: `candidates` are the payment ids that may join (a query of "id"); the others:
 * every payment of the batch in the rule's "from" states.
 */
export async function transitionBatchPayments(
  sql: TSql,
  actor: TActor,
  batchId: string,
  action: TBatchTransitionAction,
  candidates?: RawBuilder<{ id: string }>,
): Promise<{ outcome: "done"; count: number; totalPence: bigint } | { outcome: "forbidden" }> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  const rule = PAYMENT_RULES[action];
  const from = q.join(rule.from.map((s) => q`${s}::"PaymentStatus"`));
  const to = q`${rule.to}::"PaymentStatus"`;
  const actorCols = actorColumns(actor);
  const chosen =
    action === "add-to-batch"
      ? q`pm.id in (${candidates ?? q`select null::uuid as id where false`})`
      : q`pm."batchId" = ${batchId}::uuid`;
  // One statement: the payments move and, except joining or leaving a batch (the batch's own
  // history), each gets its case timeline line.
  const events = action === "add-to-batch" || action === "remove-from-batch" ? q`` : q`, events as (
      insert into "CaseEvent" (id, "tenantId", "caseId", kind, "actorKind", "actorUserId", "actorRef", data, "createdAt")
      select gen_random_uuid(), m."tenantId", m."caseId", ${`payment.${rule.to.toLowerCase()}`}, ${actorCols.actorKind}, ${actorCols.actorUserId}::uuid, ${actorCols.actorRef},
        jsonb_build_object('paymentId', m.id, 'reference', m.reference, 'method', m.method, 'amountPence', m."amountPence"::text, 'from', m.was, 'to', ${rule.to}::text, 'batchId', ${batchId}::text),
        clock_timestamp()
      from moved m
      returning 1
    )`;
  // Every rule used here has one "from" state: that is where each moved payment was.
  const was = rule.from[0]!;
  const moved = await q<{ count: string; total: string | null }>`with moved as (
      update "Payment" pm set status = ${to}, "updatedAt" = now()
        ${action === "add-to-batch" ? q`, "batchId" = ${batchId}::uuid` : action === "remove-from-batch" ? q`, "batchId" = null` : q``}
        ${rule.to === "SENT" ? q`, "sentAt" = now()` : q``}
      where ${chosen} and pm.status in (${from})
      returning pm.id, pm."tenantId", pm."caseId", pm.reference, pm.method::text as method, pm."amountPence", ${was}::text as was
    )${events}
    select count(*)::text as count, sum("amountPence")::text as total from moved`.execute(sql.db);
  const count = Number(moved.rows[0]?.count ?? 0);
  const totalPence = BigInt(moved.rows[0]?.total ?? 0);
  if (rule.ledger && count > 0) {
    const ledger = rule.ledger;
    const kind = ledger === "disburse" ? "DISBURSE" : "RECOMMIT";
    // The batch's payments now in the rule's state, each with its own key: a replay posts nothing.
    await postLedgerSet(
      sql,
      kind,
      actorUserId(actor),
      q<TLedgerMovementRow>`select p."fundId", a."potId", pm."amountPence", 'payment:' || pm.id::text || ':' || ${ledger} as "idempotencyKey",
          ${ledger === "disburse" ? "Payment sent: " : `Payment ${rule.to.toLowerCase()}: `} || pm.reference || ', ' || a."needCategory" as "reason",
          a.id::text as "awardRef", pm.reference as "paymentRef"
        from "Payment" pm join "Award" a on a.id = pm."awardId" join "Pot" p on p.id = a."potId"
        where pm."batchId" = ${batchId}::uuid and pm.status = ${to}
        order by a."potId", pm.id`,
    );
  }
  return { outcome: "done", count, totalPence };
}
