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

export type TDecisionTemplate = "decision-approved" | "decision-part-approved" | "decision-declined" | "decision-part-checking" | "decision-rest-settled";

/** The message to send now: which one, and the lines it speaks of. */
export type TTelling =
  | { template: "decision-approved" | "decision-part-approved" | "decision-declined"; approved: TViewLine[] }
  /** Some lines approved now, the rest waiting for a second person. */
  | { template: "decision-part-checking"; approved: TViewLine[]; waiting: TViewLine[] }
  /** The lines told as being checked are all settled: approved, or not. */
  | { template: "decision-rest-settled"; approved: TViewLine[]; notApproved: TViewLine[] };

export type TResidentView = { status: TResidentStatus; tell: TTelling | null; told: TTold | null };

/** The case's state and its latest decision (the id of its timeline event; null if never decided). */
export type TCaseView = { status: TCaseState; decision: string | null };

/**
 * The resident's word and the message due. A decided case with award lines still waiting for a
 * second person reads "being looked at"; with nothing approved or waiting it reads the same (the
 * case goes back to its officer: lib/awards/after-award-change.ts), never "decided" with an empty
 * list. Nothing is told while any line is only PROPOSED (a decision being written).
 */
export function residentView(c: TCaseView, lines: readonly TViewLine[], told: TTold | null): TResidentView {
  const approved = lines.filter((l) => l.status === "APPROVED");
  const waiting = lines.filter((l) => l.status === "AWAITING_APPROVAL");
  const settling = lines.some((l) => l.status === "PROPOSED");
  const status = statusWord(c.status, approved.length, waiting.length);
  const decided = c.status === "APPROVED" || c.status === "PART_APPROVED" || c.status === "DECLINED";
  if (!decided || !c.decision || settling) return { status, tell: null, told };
  // What was told about an earlier decision (before a send-back) does not count for this one.
  const toldNow = told && told.decision === c.decision ? told : null;
  const ids = (ls: readonly TViewLine[]) => ls.map((l) => l.id);
  if (!toldNow) {
    if (c.status === "DECLINED") return { status, tell: { template: "decision-declined", approved: [] }, told: { decision: c.decision, approved: [], waiting: [] } };
    // Nothing approved yet: the resident hears once something is (or the case goes back).
    if (!approved.length) return { status, tell: null, told };
    const next = { decision: c.decision, approved: ids(approved), waiting: ids(waiting) };
    if (waiting.length) return { status, tell: { template: "decision-part-checking", approved, waiting }, told: next };
    return { status, tell: { template: c.status === "APPROVED" ? "decision-approved" : "decision-part-approved", approved }, told: next };
  }
  // Told that some lines were being checked: once none of them waits any more, say what happened.
  if (toldNow.waiting.length && !lines.some((l) => toldNow.waiting.includes(l.id) && l.status === "AWAITING_APPROVAL")) {
    const checked = lines.filter((l) => toldNow.waiting.includes(l.id));
    return {
      status,
      tell: { template: "decision-rest-settled", approved: checked.filter((l) => l.status === "APPROVED"), notApproved: checked.filter((l) => l.status === "CANCELLED") },
      told: { decision: toldNow.decision, approved: ids(approved), waiting: [] },
    };
  }
  return { status, tell: null, told };
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
