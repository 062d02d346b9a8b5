import "server-only";
import { zText } from "@/lib/forms/text";
import { refreshResidentStatus } from "@/lib/awards/resident-status";
import { readAward, transitionAward, type TAwardTransitionResult } from "@/lib/awards/transition";
import type { TCaseActor } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

export const ZCancelReason = zText().trim().min(1, "award.cancelReason").max(1000, "award.cancelReason");

/**
 * Cancels an award line that has not been paid. A committed (APPROVED) line releases exactly its
 * amount back to the pot's available money, in the same transaction. `onCaseId`: the case the
 * officer is looking at (an award of another case reads as not found).
 */
export async function cancelAward(actor: TCaseActor, awardId: string, reason: unknown, onCaseId?: string): Promise<TAwardTransitionResult | { outcome: "invalid" }> {
  const parsed = ZCancelReason.safeParse(reason);
  if (!parsed.success) return { outcome: "invalid" };
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const award = await readAward(sql, awardId);
      // From a case page: the award must be on that case.
      if (!award || (onCaseId !== undefined && award.caseId !== onCaseId)) return { outcome: "not-found" as const };
      return transitionAward(sql, actor, award, "cancel", { reason: parsed.data, last: true, beforeLedger: () => refreshResidentStatus(sql, award.caseId) });
    },
    actor.user.userId,
  );
}
