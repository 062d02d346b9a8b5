// An award line's lifecycle, in one place. Money moves with it: APPROVED means committed in the
// ledger; CANCELLED from APPROVED means released. Payment states arrive with the payments issue
// (until then an APPROVED award is "ready for payment"). Pure.
import type { Permission } from "@/lib/auth/permissions";
import { AWARD_STATES, type TAwardState } from "@/lib/vocabulary";

export { AWARD_STATES, type TAwardState };

export const AWARD_ACTIONS = ["approve-within-limit", "send-for-approval", "approve", "reject", "cancel", "approve-direct"] as const;
export type TAwardAction = (typeof AWARD_ACTIONS)[number];

type TRule = { from: readonly TAwardState[]; to: TAwardState; permission: Permission; ledger: "commit" | "release" | "release-if-committed" | null };

export const AWARD_RULES: Readonly<Record<TAwardAction, TRule>> = {
  "approve-within-limit": { from: ["PROPOSED"], to: "APPROVED", permission: "cases:work", ledger: "commit" },
  "send-for-approval": { from: ["PROPOSED"], to: "AWAITING_APPROVAL", permission: "cases:work", ledger: null },
  approve: { from: ["AWAITING_APPROVAL"], to: "APPROVED", permission: "awards:approve", ledger: "commit" },
  reject: { from: ["AWAITING_APPROVAL"], to: "CANCELLED", permission: "awards:approve", ledger: null },
  cancel: { from: ["PROPOSED", "AWAITING_APPROVAL", "APPROVED"], to: "CANCELLED", permission: "cases:work", ledger: "release-if-committed" },
  // A referrer's direct award from their allowance, after checkAwardLines and the officer's limit passed.
  "approve-direct": { from: ["PROPOSED"], to: "APPROVED", permission: "awards:direct", ledger: "commit" },
};

export type TAwardStep = { ok: true; to: TAwardState; ledger: "commit" | "release" | null } | { ok: false; problem: "not-allowed-from-state" };

export function nextAwardState(state: TAwardState, action: TAwardAction): TAwardStep {
  const rule = AWARD_RULES[action];
  if (!rule.from.includes(state)) return { ok: false, problem: "not-allowed-from-state" };
  const ledger = rule.ledger === "release-if-committed" ? (state === "APPROVED" ? "release" : null) : rule.ledger;
  return { ok: true, to: rule.to, ledger };
}

/** Awards that hold money in the ledger (committed, not yet paid). */
export function holdsCommitment(state: TAwardState): boolean {
  return state === "APPROVED";
}
