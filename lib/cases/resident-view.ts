// What the resident sees and hears about their case, as one projection of the case and its award
// lines: their status word (Application.residentStatus, shown on /<council>/status) and which
// decision message they should get now, given what they have already been told. Pure; the one
// writer (lib/cases/resident-view-writer.ts) runs it after every change to a case or its award
// lines, in the same transaction. Payment states will add their words here. docs/decisions/0018.
import type { TAwardState } from "@/lib/awards/lifecycle";
import type { TCaseState } from "@/lib/cases/lifecycle";

export type TResidentStatus = "RECEIVED" | "IN_REVIEW" | "MORE_INFO_NEEDED" | "DECIDED" | "PAID" | "CLOSED";

export type TViewLine = { id: string; status: TAwardState; amountPence: bigint; needCategory: string };

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

export type TResidentView = { status: TResidentStatus; tell: TTelling | null; told: TTold | null; partly: TPartly | null };

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
  const status = statusWord(c.status, approved.length, waiting.length);
  const decided = DECIDED.includes(c.status);
  const partly = decided && !settling && approved.length && waiting.length ? { approved, waiting } : null;
  const silent = { status, tell: null, told, partly };
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
