import "server-only";
import { sendBackIfNothingStands } from "@/lib/awards/after-award-change";
import { lockCase } from "@/lib/awards/reject-award";
import { zText } from "@/lib/forms/text";
import { readAward, transitionAward, type TAwardTransitionResult } from "@/lib/awards/transition";
import type { TCaseActor } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

export const ZCancelReason = zText().trim().min(1, "award.cancelReason").max(1000, "award.cancelReason");

/**
 * Cancels an award line that has not been paid. A committed (APPROVED) line releases exactly its
 * amount back to the pot's available money, in the same transaction; the last line standing on a
 * decided case sends the case back to its officer. `onCaseId`: the case the
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
      // The case first, as every verdict on its lines does (one lock order, no deadlock).
      await lockCase(sql, award.caseId);
      return transitionAward(sql, actor, award, "cancel", {
        reason: parsed.data,
        last: true,
        // Before the release (the transaction's last statement): with no line left standing the
        // case goes back to its officer, the same path as an approver's rejection.
        beforeLedger: async () => void (await sendBackIfNothingStands(sql, actor, award.caseId, { awardId: award.id, reason: parsed.data })),
      });
    },
    actor.user.userId,
  );
}
