// What the resident sees and hears about their case, as one projection of the case and its award
// lines: their status word (Application.residentStatus, shown on /<council>/status) and which
// decision message they should get now, given what they have already been told. Pure; the one
// writer (lib/cases/resident-view-writer.ts) runs it after every change to a case or its award
// lines, in the same transaction. A decided line's latest payment makes the word "paid" once every
// approved line's payment has gone out, and says when one did not go through (issue 19,
// docs/decisions/0034). docs/decisions/0018.
import type { TAwardState } from "@/lib/vocabulary";
import type { TCaseState } from "@/lib/cases/lifecycle";

export type TResidentStatus = "RECEIVED" | "IN_REVIEW" | "MORE_INFO_NEEDED" | "DECIDED" | "PAID" | "CLOSED";

/** A line's latest payment (lib/payments, the Payment table): its id and state. */
export type TViewPayment = { id: string; status: string };
export type TViewLine = { id: string; status: TAwardState; amountPence: bigint; needCategory: string; payment?: TViewPayment | null };

/** A payment in one of these has gone out to the resident: the money left, or their voucher was issued. */
export const RESIDENT_PAID_STATES: readonly string[] = ["SENT", "PAID", "ISSUED", "REDEEMED"];
/** A payment in one of these did not reach the resident; the council pays the line again. */
export const RESIDENT_FAILED_STATES: readonly string[] = ["RETURNED", "REJECTED"];

/**
 * What the resident has been told about one decision (kept on the case's timeline as a
 * "resident.told" event): the decision it was about (the id of its "status.<decision>" timeline
 * event, so a new decision after a send-back starts afresh), the lines told as approved and the
 * lines told as being checked.
 */
export type TTold = { decision: string; approved: string[]; waiting: string[] };

export type TDecisionTemplate =
  | "decision-approved"
  | "decision-part-approved"
  | "decision-declined"
  | "decision-part-checking"
  | "decision-rest-settled"
  | "decision-line-cancelled"
  | "decision-reopened";

/** The message to send now: which one, and the lines it speaks of. */
export type TTelling =
  | { template: "decision-approved" | "decision-part-approved" | "decision-declined"; approved: TViewLine[] }
  /** Some lines approved now, the rest waiting for a second person. */
  | { template: "decision-part-checking"; approved: TViewLine[]; waiting: TViewLine[] }
  /** The lines told as being checked are all settled: approved, or not. */
  | { template: "decision-rest-settled"; approved: TViewLine[]; notApproved: TViewLine[] }
  /** Lines told as approved were cancelled by an officer; another line still stands. */
  | { template: "decision-line-cancelled"; cancelled: TViewLine[] }
  /**
   * Nothing of the decision stands any more and the case is back with an officer: the lines told
   * as approved (cancelled) and told as being checked (not approved) will not be given.
   */
  | { template: "decision-reopened"; cancelled: TViewLine[]; notApproved: TViewLine[] };

/**
 * While some lines wait for a second person and others are approved (what the resident was told
 * by "decision-part-checking"): both, for the status page. Null otherwise.
 */
export type TPartly = { approved: TViewLine[]; waiting: TViewLine[] };

/**
 * paymentFailed: approved lines whose latest payment was returned or rejected (the resident is
 * told it did not go through, and the council will contact them).
 */
export type TResidentView = { status: TResidentStatus; tell: TTelling | null; told: TTold | null; partly: TPartly | null; paymentFailed: TViewLine[] };

/** The case's state and its latest decision (the id of its timeline event; null if never decided). */
export type TCaseView = { status: TCaseState; decision: string | null };

const DECIDED: readonly TCaseState[] = ["APPROVED", "PART_APPROVED", "DECLINED"];
/** A case an officer works on again (after a send-back, or a reopening). */
const BACK_WITH_OFFICER: readonly TCaseState[] = ["NEW", "IN_REVIEW", "AWAITING_INFORMATION"];

/**
 * The resident's word, the message due and, while lines wait, what is approved and what is being
 * checked. A decided case with award lines still waiting for a second person reads "being looked
 * at"; with nothing approved or waiting it reads the same (the case goes back to its officer:
 * lib/awards/after-award-change.ts), never "decided" with an empty list. Nothing is told while
 * any line is only PROPOSED (a decision being written). Once told, a decision's lines are
 * followed: a line told as approved and then cancelled is told once, while another line stands;
 * when none stands and the case is back with an officer, the resident is told once that their
 * application is being looked at again and what will not be given.
 */
export function residentView(c: TCaseView, lines: readonly TViewLine[], told: TTold | null): TResidentView {
  const approved = lines.filter((l) => l.status === "APPROVED");
  const waiting = lines.filter((l) => l.status === "AWAITING_APPROVAL");
  const settling = lines.some((l) => l.status === "PROPOSED");
  const word = statusWord(c.status, approved.length, waiting.length);
  // Paid: every approved line's latest payment has gone out (nothing waits, nothing failed).
  const paid = word === "DECIDED" && c.status !== "DECLINED" && approved.length > 0 && approved.every((l) => l.payment && RESIDENT_PAID_STATES.includes(l.payment.status));
  const status = paid ? "PAID" : word;
  const decided = DECIDED.includes(c.status);
  const partly = decided && !settling && approved.length && waiting.length ? { approved, waiting } : null;
  const paymentFailed = decided ? approved.filter((l) => l.payment && RESIDENT_FAILED_STATES.includes(l.payment.status)) : [];
  const silent = { status, tell: null, told, partly, paymentFailed };
  if (!c.decision || settling) return silent;
  // What was told about an earlier decision (before a send-back) does not count for this one.
  const toldNow = told && told.decision === c.decision ? told : null;
  const ids = (ls: readonly TViewLine[]) => ls.map((l) => l.id);
  const toldLines = (told: readonly string[], state: TAwardState) => lines.filter((l) => told.includes(l.id) && l.status === state);
  if (BACK_WITH_OFFICER.includes(c.status)) {
    // Back with an officer after what was told: say once what will not be given after all.
    if (!toldNow) return silent;
    const cancelled = toldLines(toldNow.approved, "CANCELLED");
    const notApproved = toldLines(toldNow.waiting, "CANCELLED");
    if (!cancelled.length && !notApproved.length) return silent;
    return { ...silent, tell: { template: "decision-reopened", cancelled, notApproved }, told: { decision: toldNow.decision, approved: [], waiting: [] } };
  }
  if (!decided) return silent;
  if (!toldNow) {
    if (c.status === "DECLINED") return { ...silent, tell: { template: "decision-declined", approved: [] }, told: { decision: c.decision, approved: [], waiting: [] } };
    // Nothing approved yet: the resident hears once something is (or the case goes back).
    if (!approved.length) return silent;
    const next = { decision: c.decision, approved: ids(approved), waiting: ids(waiting) };
    if (waiting.length) return { ...silent, tell: { template: "decision-part-checking", approved, waiting }, told: next };
    return { ...silent, tell: { template: c.status === "APPROVED" ? "decision-approved" : "decision-part-approved", approved }, told: next };
  }
  // Nothing stands: the case goes back to its officer in this same transaction, and that is told.
  if (!approved.length && !waiting.length) return silent;
  // A line told as approved was cancelled while another stands: say so, once.
  const cancelled = toldLines(toldNow.approved, "CANCELLED");
  if (cancelled.length)
    return { ...silent, tell: { template: "decision-line-cancelled", cancelled }, told: { ...toldNow, approved: toldNow.approved.filter((id) => !ids(cancelled).includes(id)) } };
  // Told that some lines were being checked: once none of them waits any more, say what happened.
  if (toldNow.waiting.length && !toldLines(toldNow.waiting, "AWAITING_APPROVAL").length) {
    return {
      ...silent,
      tell: { template: "decision-rest-settled", approved: toldLines(toldNow.waiting, "APPROVED"), notApproved: toldLines(toldNow.waiting, "CANCELLED") },
      told: { decision: toldNow.decision, approved: ids(approved), waiting: [] },
    };
  }
  return silent;
}

function statusWord(state: TCaseState, approved: number, waiting: number): TResidentStatus {
  switch (state) {
    case "NEW":
      return "RECEIVED";
    case "IN_REVIEW":
      return "IN_REVIEW";
    case "AWAITING_INFORMATION":
      return "MORE_INFO_NEEDED";
    case "APPROVED":
    case "PART_APPROVED":
      return waiting > 0 || approved === 0 ? "IN_REVIEW" : "DECIDED";
    case "DECLINED":
      return "DECIDED";
    case "WITHDRAWN":
    case "CLOSED_DUPLICATE":
      return "CLOSED";
  }
}

/** Reads a told record back from a timeline event's data (anything else: nothing told). */
export function toldOf(data: unknown): TTold | null {
  const d = data as Partial<TTold> | null;
  if (!d || typeof d.decision !== "string" || !Array.isArray(d.approved) || !Array.isArray(d.waiting)) return null;
  return { decision: d.decision, approved: d.approved.map(String), waiting: d.waiting.map(String) };
}

/** Which payments the resident was told about (a "resident.told-payment" timeline event): gone out, and did not go through. */
export type TToldPayments = { paid: string[]; failed: string[] };

export type TPaymentTelling = { template: "payment-sent" | "payment-failed"; lines: TViewLine[] };

/**
 * The payment message due now, each told once per payment: "payment-sent" when the resident's
 * word becomes "paid" with a payment they were not told of (again after a payment made anew), and
 * "payment-failed" for each payment returned or rejected that they were not told of. Pure.
 */
export function paymentTelling(view: Pick<TResidentView, "status" | "paymentFailed">, lines: readonly TViewLine[], told: TToldPayments | null): { tell: TPaymentTelling; told: TToldPayments } | null {
  const was = told ?? { paid: [], failed: [] };
  const failed = view.paymentFailed.filter((l) => !was.failed.includes(l.payment!.id));
  if (failed.length) return { tell: { template: "payment-failed", lines: failed }, told: { paid: was.paid, failed: [...was.failed, ...failed.map((l) => l.payment!.id)] } };
  if (view.status !== "PAID") return null;
  const approved = lines.filter((l) => l.status === "APPROVED");
  const fresh = approved.filter((l) => !was.paid.includes(l.payment!.id));
  if (!fresh.length) return null;
  return { tell: { template: "payment-sent", lines: approved }, told: { paid: [...was.paid, ...fresh.map((l) => l.payment!.id)], failed: was.failed } };
}

/** Reads a told-payments record back from a timeline event's data (anything else: nothing told). */
export function toldPaymentsOf(data: unknown): TToldPayments | null {
  const d = data as Partial<TToldPayments> | null;
  if (!d || !Array.isArray(d.paid) || !Array.isArray(d.failed)) return null;
  return { paid: d.paid.map(String), failed: d.failed.map(String) };
}
