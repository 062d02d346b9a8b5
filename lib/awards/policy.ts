// Approval limits and four eyes. Pure.
import { z } from "zod";

export const DEFAULT_OFFICER_LIMIT_PENCE = 25_000n;

export const ZApprovalSettings = z.strictObject({
  /** An officer may approve an award line up to this many pence alone. */
  officerLimitPence: z.number().int().min(0).max(100_000_00),
});
export type TApprovalSettings = z.infer<typeof ZApprovalSettings>;

export function needsSecondApprover(amountPence: bigint, officerLimitPence: bigint): boolean {
  return amountPence > officerLimitPence;
}

export type TApproverCheck = { ok: true } | { ok: false; problem: "proposed-it-yourself" | "entered-the-application" };

/** Above the limit nobody approves an award they proposed, or on an application they entered. */
export function mayApproveAboveLimit(approverId: string, award: { proposedById: string; applicationEnteredById: string | null }): TApproverCheck {
  if (award.proposedById === approverId) return { ok: false, problem: "proposed-it-yourself" };
  if (award.applicationEnteredById && award.applicationEnteredById === approverId) return { ok: false, problem: "entered-the-application" };
  return { ok: true };
}
