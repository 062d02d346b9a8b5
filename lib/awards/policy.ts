// Approval limits and four eyes. Pure.
import { z } from "zod";

export const ZApprovalSettings = z.strictObject({
  /** An officer may commit up to this many pence to one household in one decision alone (all its lines together). */
  officerLimitPence: z.number().int().min(0).max(100_000_00),
});
export type TApprovalSettings = z.infer<typeof ZApprovalSettings>;

/**
 * The officer's limit, per household per decision: lines are committed by the officer while the
 * running total of what this decision gives stays within the limit; from the first line that
 * would take it over, that line and every later one wait for an approver. true = waits.
 * `mustWait[i]` makes line i wait whatever its amount (a pot rule overridden with a reason; an
 * application the deciding officer entered): it still counts towards the household's total.
 */
export function linesAwaitingApproval(amounts: readonly bigint[], officerLimitPence: bigint, { mustWait = [] }: { mustWait?: readonly boolean[] } = {}): boolean[] {
  let total = 0n;
  let over = false;
  return amounts.map((a, i) => {
    total += a;
    if (total > officerLimitPence) over = true;
    return over || mustWait[i] === true;
  });
}

export type TApproverCheck = { ok: true } | { ok: false; problem: "proposed-it-yourself" | "entered-the-application" };

/** Above the limit nobody approves an award they proposed, or on an application they entered. */
export function mayApproveAboveLimit(approverId: string, award: { proposedById: string; applicationEnteredById: string | null }): TApproverCheck {
  if (award.proposedById === approverId) return { ok: false, problem: "proposed-it-yourself" };
  if (award.applicationEnteredById && award.applicationEnteredById === approverId) return { ok: false, problem: "entered-the-application" };
  return { ok: true };
}
