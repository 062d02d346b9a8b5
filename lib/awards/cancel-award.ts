import "server-only";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { sendBackIfNothingStands } from "@/lib/awards/after-award-change";
import { lockCase } from "@/lib/awards/reject-award";
import { zText } from "@/lib/forms/text";
import { lockLivePayments, readAward, transitionAward, type TAwardTransitionResult } from "@/lib/awards/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

export const ZCancelReason = zText().trim().min(1, "award.cancelReason").max(1000, "award.cancelReason");

/**
 * Cancels an award line that has not been paid. A committed (APPROVED) line releases exactly its
 * amount back to the pot's available money, in the same transaction; the last line standing on a
 * decided case sends the case back to its officer. `onCaseId`: the case the
 * officer is looking at (an award of another case reads as not found).
 */
export async function cancelAward(actor: TActor, awardId: string, reason: unknown, onCaseId?: string): Promise<TAwardTransitionResult | { outcome: "invalid" }> {
  const parsed = ZCancelReason.safeParse(reason);
  if (!parsed.success) return { outcome: "invalid" };
  return withTenantSql(
    councilIdOf(actor),
    async (sql) => {
      const award = await readAward(sql, awardId);
      // From a case page: the award must be on that case.
      if (!award || (onCaseId !== undefined && award.caseId !== onCaseId)) return { outcome: "not-found" as const };
      // Its payment, then the case, as every verdict on its lines does (one lock order, no deadlock).
      await lockLivePayments(sql, { awardId: award.id });
      await lockCase(sql, award.caseId);
      return transitionAward(sql, actor, award, "cancel", {
        reason: parsed.data,
        last: true,
        // Before the release (the transaction's last statement): with no line left standing the
        // case goes back to its officer, the same path as an approver's rejection.
        beforeLedger: async () => void (await sendBackIfNothingStands(sql, actor, award.caseId, { awardId: award.id, reason: parsed.data })),
      });
    },
    actorUserId(actor),
  );
}
