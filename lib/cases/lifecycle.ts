// The case's lifecycle, in one place: its states, the actions that move it, from which states
// each is allowed and which permission it needs. Pure; `transitionCase` (server) is the only
// writer and refuses anything this map does not allow.
import type { Permission } from "@/lib/auth/permissions";

export const CASE_STATES = ["NEW", "IN_REVIEW", "AWAITING_INFORMATION", "APPROVED", "PART_APPROVED", "DECLINED", "WITHDRAWN", "CLOSED_DUPLICATE"] as const;
export type TCaseState = (typeof CASE_STATES)[number];

export const OPEN_CASE_STATES: readonly TCaseState[] = ["NEW", "IN_REVIEW", "AWAITING_INFORMATION"];
export const DECIDED_CASE_STATES: readonly TCaseState[] = ["APPROVED", "PART_APPROVED", "DECLINED"];

export const CASE_ACTIONS = [
  "claim",
  "assign",
  "unassign",
  "request-information",
  "receive-information",
  "approve",
  "part-approve",
  "decline",
  "withdraw",
  "close-duplicate",
  "reopen",
  "send-back",
  "direct-award",
] as const;
export type TCaseAction = (typeof CASE_ACTIONS)[number];

type TRule = {
  from: readonly TCaseState[];
  /** The state after the action; "same" keeps the state (assignment changes only). */
  to: TCaseState | "same";
  permission: Permission;
};

const WORKING: readonly TCaseState[] = ["IN_REVIEW", "AWAITING_INFORMATION"];

export const CASE_RULES: Readonly<Record<TCaseAction, TRule>> = {
  claim: { from: OPEN_CASE_STATES, to: "same", permission: "cases:work" },
  assign: { from: OPEN_CASE_STATES, to: "same", permission: "cases:work" },
  unassign: { from: WORKING, to: "same", permission: "cases:work" },
  "request-information": { from: ["IN_REVIEW"], to: "AWAITING_INFORMATION", permission: "cases:work" },
  "receive-information": { from: ["AWAITING_INFORMATION"], to: "IN_REVIEW", permission: "cases:work" },
  // An officer may decide while waiting for information (no answer by the reply-by date, or enough
  // is known after all: issue 18, lib/information).
  approve: { from: WORKING, to: "APPROVED", permission: "cases:work" },
  "part-approve": { from: WORKING, to: "PART_APPROVED", permission: "cases:work" },
  decline: { from: WORKING, to: "DECLINED", permission: "cases:work" },
  withdraw: { from: [...OPEN_CASE_STATES, "APPROVED", "PART_APPROVED"], to: "WITHDRAWN", permission: "cases:work" },
  "close-duplicate": { from: OPEN_CASE_STATES, to: "CLOSED_DUPLICATE", permission: "cases:work" },
  reopen: { from: ["DECLINED", "WITHDRAWN", "CLOSED_DUPLICATE"], to: "IN_REVIEW", permission: "awards:approve" },
  // The last award line still standing was rejected by an approver or cancelled by an officer
  // (nothing approved, nothing waiting): the case goes back to the officer who decided it, so the
  // resident is never told "approved" with nothing behind it (lib/awards/after-award-change.ts,
  // docs/decisions/0015 and 0018). Whoever may cancel or reject a line may cause it.
  "send-back": { from: ["APPROVED", "PART_APPROVED"], to: "IN_REVIEW", permission: "cases:work" },
  // A trusted referrer's own fast-track referral, awarded from their organisation's allowance
  // before any officer has opened it (issue 17; lib/referrals/direct-award.ts).
  "direct-award": { from: ["NEW"], to: "APPROVED", permission: "awards:direct" },
};

export type TCaseStep = { ok: true; to: TCaseState } | { ok: false; problem: "not-allowed-from-state" };

/** Where `action` takes a case in `state`; claiming a NEW case puts it IN_REVIEW. */
export function nextCaseState(state: TCaseState, action: TCaseAction): TCaseStep {
  const rule = CASE_RULES[action];
  if (!rule.from.includes(state)) return { ok: false, problem: "not-allowed-from-state" };
  if (rule.to !== "same") return { ok: true, to: rule.to };
  if ((action === "claim" || action === "assign") && state === "NEW") return { ok: true, to: "IN_REVIEW" };
  if (action === "unassign" && state === "IN_REVIEW") return { ok: true, to: "NEW" };
  return { ok: true, to: state };
}

export function isOpenCase(state: TCaseState): boolean {
  return OPEN_CASE_STATES.includes(state);
}
