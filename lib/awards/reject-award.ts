import "server-only";
import { actorUserId, personOf, type TActor } from "@/lib/actor";
import { zText } from "@/lib/forms/text";
import { can } from "@/lib/auth/permissions";
import { mayApproveAboveLimit } from "@/lib/awards/policy";
import { sendBackIfNothingStands } from "@/lib/awards/after-award-change";
import { readAward, transitionAward, type TAwardTransitionResult } from "@/lib/awards/transition";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";

export const ZRejectReason = zText({ error: "award.rejectReason.required" }).trim().min(1, "award.rejectReason.required").max(1000, "award.rejectReason.tooLong");

export type TRejectResult =
  | (Extract<TAwardTransitionResult, { outcome: "done" }> & { sentBack: boolean })
  | Exclude<TAwardTransitionResult, { outcome: "done" }>
  | { outcome: "four-eyes"; problem: "proposed-it-yourself" | "entered-the-application" }
  | { outcome: "invalid" };

/**
 * Serialises every award verdict on one case (row lock on the case), so two approvers acting on
 * two lines of the same case each see the other's result before judging what is left.
 */
export async function lockCase(sql: TSql, caseId: string): Promise<void> {
  await sql.db.selectFrom("Case").select("id").where("id", "=", caseId).forUpdate().execute();
}

/**
 * An APPROVER rejects an award line waiting above the officer's limit, with a reason the case's
 * timeline keeps. Four eyes as for approving: never a line they proposed themselves (or, once
 * officer-assisted applications exist, on an application they entered). No money moves (a waiting
 * line holds none). When no line of the case is left approved or waiting, the case goes back to
 * the officer who decided it, IN_REVIEW, exactly as when an officer cancels the last line
 * (sendBackIfNothingStands); otherwise the case keeps its decision. What the resident reads and
 * hears follows the lines (the one writer, run by transitionAward). docs/decisions/0015, 0018.
 */
export async function rejectAward(actor: TActor, awardId: string, reason: unknown): Promise<TRejectResult> {
  if (!can(actor, "awards:approve")) return { outcome: "forbidden" };
  const parsed = ZRejectReason.safeParse(reason);
  if (!parsed.success) return { outcome: "invalid" };
  return withTenantSql(
    actor.council.id,
    async (sql): Promise<TRejectResult> => {
      const award = await readAward(sql, awardId);
      if (!award) return { outcome: "not-found" };
      await lockCase(sql, award.caseId);
      const check = mayApproveAboveLimit(personOf(actor).userId, { proposedById: award.proposedById, applicationEnteredById: award.applicationEnteredById });
      if (award.status === "AWAITING_APPROVAL" && !check.ok) return { outcome: "four-eyes", problem: check.problem };
      const done = await transitionAward(sql, actor, award, "reject", { reason: parsed.data });
      if (done.outcome !== "done") return done;
      const sentBack = await sendBackIfNothingStands(sql, actor, award.caseId, { awardId: award.id, reason: parsed.data });
      return { ...done, sentBack };
    },
    actorUserId(actor),
  );
}
