// The one writer of an award line's status: checks lib/awards/lifecycle.ts and the permission,
// changes the row only if it is still in the state read, writes the case's timeline event, keeps
// what the resident reads and hears in step (lib/cases/resident-view-writer.ts), and
// moves the money the map says (COMMIT on approval, RELEASE on cancelling a committed award)
// through the ledger's one posting path (lib/ledger/post.ts), all in the caller's transaction.
// A refusal from the ledger (not enough money) throws LedgerRefused, so the caller's whole
// transaction rolls back: nothing half-done.
import { sql as q } from "kysely";
import { actorUserId, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { AWARD_RULES, nextAwardState, type TAwardAction, type TAwardState } from "@/lib/awards/lifecycle";
import { updateResidentView } from "@/lib/cases/resident-view-writer";
import { recordCaseEvent } from "@/lib/timeline/case-events";
import type { TSql } from "@/lib/db/sql";
import { postLedger } from "@/lib/ledger/post";
import { createPayment } from "@/lib/payments/create-payment";
import { awardMayBeCancelled, type TPaymentState } from "@/lib/payments/lifecycle";

/** The transaction's time, as the award's timestamps have always been written. */
const NOW = q<Date>`now()`;

export type TAwardRow = {
  id: string;
  caseId: string;
  potId: string;
  potName: string;
  fundId: string;
  needCategory: string;
  amountPence: bigint;
  status: TAwardState;
  proposedById: string;
  caseReference: string;
  applicationId: string;
  /** The officer who entered the application (officer-assisted channels), else null: four eyes. */
  applicationEnteredById: string | null;
  /** The pot rules an officer overrode for this line (docs/decisions/0026); the approval accepts these and no others. */
  overriddenRules: string[] | null;
};

export type TAwardTransitionResult =
  | { outcome: "done"; from: TAwardState; to: TAwardState; award: TAwardRow; ledgerTransactionId: string | null }
  | { outcome: "forbidden" }
  | { outcome: "not-found" }
  | { outcome: "not-allowed"; status: TAwardState }
  | { outcome: "changed" }
  /** Cancelling a line whose payment is in a batch or has gone: the money has left or is leaving (issue 19). */
  | { outcome: "payment-under-way"; paymentStatus: TPaymentState };

export async function readAward(sql: TSql, awardId: string): Promise<TAwardRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(awardId)) return undefined;
  return sql.db
    .selectFrom("Award as a")
    .innerJoin("Pot as p", "p.id", "a.potId")
    .innerJoin("Case as c", "c.id", "a.caseId")
    .leftJoin("Application as ap", "ap.id", "c.applicationId")
    .select(["a.id", "a.caseId", "a.potId", "p.name as potName", "p.fundId", "a.needCategory", "a.amountPence", "a.status", "a.proposedById", "c.reference as caseReference", "c.applicationId", "ap.enteredById as applicationEnteredById", "a.overriddenRules"])
    .where("a.id", "=", awardId)
    .executeTakeFirst();
}

export async function transitionAward(
  sql: TSql,
  actor: TActor,
  award: TAwardRow,
  action: TAwardAction,
  options: { reason?: string; last?: boolean; beforeLedger?: () => Promise<void> } = {},
): Promise<TAwardTransitionResult> {
  if (!can(actor, AWARD_RULES[action].permission)) return { outcome: "forbidden" };
  const step = nextAwardState(award.status, action);
  if (!step.ok) return { outcome: "not-allowed", status: award.status };
  const approving = step.to === "APPROVED";
  const cancelling = step.to === "CANCELLED";
  // A line is paid by its live payment (lib/payments): once that is in a batch or gone, the line
  // cannot be cancelled; a payment not yet in a batch is cancelled with it.
  const live = award.status === "APPROVED" ? await livePaymentOf(sql, award.id) : null;
  if (cancelling && !awardMayBeCancelled(live?.status ?? null)) return { outcome: "payment-under-way", paymentStatus: live!.status };
  // Only if the line is still in the state read (another verdict may have moved it since).
  const updated = await sql.db
    .updateTable("Award")
    .set({
      status: step.to,
      ...(approving ? { approvedById: actorUserId(actor), approvedAt: NOW } : {}),
      ...(cancelling ? { cancelledAt: NOW, cancelReason: options.reason ?? null } : {}),
      updatedAt: NOW,
    })
    .where("id", "=", award.id)
    .where("status", "=", award.status)
    .returning("id")
    .execute();
  if (!updated.length) return { outcome: "changed" };
  // An approver's rejection is its own event (the line ends CANCELLED either way).
  await recordCaseEvent(sql, actor, award.caseId, action === "reject" ? "award.rejected" : `award.${step.to.toLowerCase()}`, {
    awardId: award.id,
    from: award.status,
    to: step.to,
    amountPence: award.amountPence.toString(),
    pot: award.potName,
    ...(options.reason ? { reason: options.reason } : {}),
  });
  // What the resident reads and hears follows the line (the one writer), before any posting.
  await updateResidentView(sql, actor, award.caseId);
  // Approved: the payment that will pay it, ready for finance (after the case row was locked above).
  if (approving) await createPayment(sql, actor, { awardId: award.id });
  if (cancelling && live) {
    await sql.db.updateTable("Payment").set({ status: "CANCELLED", outcomeReason: options.reason ?? "Award cancelled", settledAt: NOW, updatedAt: NOW }).where("id", "=", live.id).where("status", "=", "READY").execute();
  }
  await options.beforeLedger?.();
  let ledgerTransactionId: string | null = null;
  if (step.ledger) {
    const kind = step.ledger === "commit" ? "COMMIT" : "RELEASE";
    // Last in the transaction (options.last) so the pot's lock is held as briefly as possible;
    // the ledger transaction carries the award's id (awardRef).
    const result = await postLedger(
      sql,
      {
        kind,
        fundId: award.fundId,
        potId: award.potId,
        amountPence: award.amountPence,
        idempotencyKey: `award:${award.id}:${step.ledger}`,
        reason: `${step.ledger === "commit" ? "Award approved" : "Award cancelled"}: ${award.caseReference}, ${award.needCategory}`,
        actorUserId: actorUserId(actor),
        awardRef: award.id,
      },
      { last: options.last },
    );
    ledgerTransactionId = result.transactionId;
  }
  return { outcome: "done", from: award.status, to: step.to, award: { ...award, status: step.to }, ledgerTransactionId };
}

/**
 * Locks the live payments of an award line, or of every line of a case, BEFORE the case row is
 * locked. Whatever moves a payment (a batch's release, a bank report, a bank-details change)
 * locks the payment first and then, writing the case's timeline, the case (the foreign key's
 * share lock); cancelling a line takes its payment too (livePaymentOf below), so taking the case
 * first would make the two wait for each other (a deadlock: one of them fails). One order for
 * both: payments, then the case (tests/integration/payment-races.test.ts).
 */
export async function lockLivePayments(sql: TSql, of: { awardId: string } | { caseId: string }): Promise<void> {
  const query = sql.db.selectFrom("Payment").select("id").where("status", "not in", ["RETURNED", "REJECTED", "CANCELLED"]);
  await ("awardId" in of ? query.where("awardId", "=", of.awardId) : query.where("caseId", "=", of.caseId)).orderBy("id").forUpdate().execute();
}

/** The award line's live payment (not returned, rejected or cancelled), locked, if any. */
async function livePaymentOf(sql: TSql, awardId: string): Promise<{ id: string; status: TPaymentState } | undefined> {
  return sql.db
    .selectFrom("Payment")
    .select(["id", "status"])
    .where("awardId", "=", awardId)
    .where("status", "not in", ["RETURNED", "REJECTED", "CANCELLED"])
    .forUpdate()
    .executeTakeFirst();
}
