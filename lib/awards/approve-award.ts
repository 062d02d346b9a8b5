import "server-only";
import { mayApproveAboveLimit } from "@/lib/awards/policy";
import { readAward, transitionAward, type TAwardTransitionResult } from "@/lib/awards/transition";
import { lockCase } from "@/lib/awards/reject-award";
import type { TCaseActor } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { LedgerRefused, ledgerRefusalOf } from "@/lib/ledger/refusals";

export type TApproveResult =
  | TAwardTransitionResult
  | { outcome: "four-eyes"; problem: "proposed-it-yourself" | "entered-the-application" }
  | { outcome: "refused"; refusal: LedgerRefused; pot: string | null; availablePence: bigint | null };

/**
 * An APPROVER approves an award line waiting above the officer's limit: never one they proposed
 * themselves. The money is committed through the ledger in the same transaction; not enough left
 * in the pot rolls it all back and says so. The case row is locked first, so two approvers acting
 * on two lines of one case see each other's verdicts (the resident's word is then right).
 */
export async function approveAward(actor: TCaseActor, awardId: string): Promise<TApproveResult> {
  try {
    return await withTenantSql(
      actor.council.id,
      async (sql) => {
        const award = await readAward(sql, awardId);
        if (!award) return { outcome: "not-found" as const };
        await lockCase(sql, award.caseId);
        // The permission first, so a lower role learns nothing more about the award.
        const check = mayApproveAboveLimit(actor.user.userId, { proposedById: award.proposedById, applicationEnteredById: null });
        if (award.status === "AWAITING_APPROVAL" && actor.roles.includes("APPROVER") && !check.ok) return { outcome: "four-eyes" as const, problem: check.problem };
        // transitionAward keeps what the resident reads and hears in step, before the posting.
        return transitionAward(sql, actor, award, "approve", { last: true });
      },
      actor.user.userId,
    );
  } catch (error) {
    const refusal = ledgerRefusalOf(error);
    if (!refusal) throw error;
    return { outcome: "refused", refusal, pot: refusal.facts.pot ?? null, availablePence: refusal.facts.balancePence ? BigInt(refusal.facts.balancePence) : null };
  }
}
