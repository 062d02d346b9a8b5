import "server-only";
import { actorUserId, councilIdOf, personOf, rolesOf, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { checkAwardApproval } from "@/lib/awards/award-checks";
import { mayApproveAboveLimit } from "@/lib/awards/policy";
import type { TLineProblem } from "@/lib/awards/pot-rules";
import { readAward, transitionAward, type TAwardTransitionResult } from "@/lib/awards/transition";
import { lockCase } from "@/lib/awards/reject-award";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { LedgerRefused, ledgerRefusalOf } from "@/lib/ledger/refusals";

export type TApproveResult =
  | TAwardTransitionResult
  | { outcome: "four-eyes"; problem: "proposed-it-yourself" | "entered-the-application" }
  /** A pot rule no longer holds (the pot closed, the fund's period ended, the household's window filled): nothing was written. */
  | { outcome: "rules"; problems: TLineProblem[] }
  | { outcome: "refused"; refusal: LedgerRefused; pot: string | null; availablePence: bigint | null };

/**
 * An APPROVER approves an award line waiting above the officer's limit: never one they proposed
 * themselves. The money is committed through the ledger in the same transaction; not enough left
 * in the pot rolls it all back and says so. The case row is locked first, so two approvers acting
 * on two lines of one case see each other's verdicts (the resident's word is then right).
 */
export async function approveAward(actor: TActor, awardId: string): Promise<TApproveResult> {
  try {
    return await withTenantSql(
      councilIdOf(actor),
      async (sql) => {
        const award = await readAward(sql, awardId);
        if (!award) return { outcome: "not-found" as const };
        // The permission first, so a lower role learns nothing more about the award.
        if (!can(actor, "awards:approve")) return { outcome: "forbidden" as const };
        // The pot's rules as they are now, for the household as it is now (the household's lock
        // before the case's row lock, the order decideCase takes them in).
        const rules = award.status === "AWAITING_APPROVAL" ? await checkAwardApproval(sql, actor.council.id, award) : null;
        await lockCase(sql, award.caseId);
        const check = mayApproveAboveLimit(personOf(actor).userId, { proposedById: award.proposedById, applicationEnteredById: award.applicationEnteredById });
        if (award.status === "AWAITING_APPROVAL" && rolesOf(actor).includes("APPROVER") && !check.ok) return { outcome: "four-eyes" as const, problem: check.problem };
        if (rules?.problems.length) return { outcome: "rules" as const, problems: rules.problems };
        if (rules?.short) throw new LedgerRefused("insufficient", { pot: rules.short.pot, account: "AVAILABLE", balancePence: rules.short.availablePence.toString() });
        // transitionAward keeps what the resident reads and hears in step, before the posting.
        return transitionAward(sql, actor, award, "approve", { last: true });
      },
      actorUserId(actor),
    );
  } catch (error) {
    const refusal = ledgerRefusalOf(error);
    if (!refusal) throw error;
    return { outcome: "refused", refusal, pot: refusal.facts.pot ?? null, availablePence: refusal.facts.balancePence ? BigInt(refusal.facts.balancePence) : null };
  }
}
