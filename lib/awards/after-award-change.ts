import "server-only";
import { sql as q } from "kysely";
import type { TActor } from "@/lib/actor";
import { transitionCase } from "@/lib/cases/transition";
import type { TSql } from "@/lib/db/sql";

/**
 * After a line of a decided case is rejected by an approver or cancelled by an officer (one path
 * for both): when no line of the case is left approved or waiting, the case goes back to the
 * officer who decided it, IN_REVIEW ("send-back"), so the resident is never told "approved" with
 * nothing behind it; the resident's word follows (transitionCase runs the one writer). The
 * caller holds the case's row lock (lockCase). True if the case was sent back. docs/decisions/0018.
 */
export async function sendBackIfNothingStands(sql: TSql, actor: TActor, caseId: string, facts: { awardId: string; reason: string }): Promise<boolean> {
  const left = await sql.db
    .selectFrom("Case as c")
    .select((eb) => [
      "c.status",
      eb
        .selectFrom("Award as a")
        .select(q<number>`count(*)::int`.as("n"))
        .whereRef("a.caseId", "=", "c.id")
        .where("a.status", "in", ["APPROVED", "AWAITING_APPROVAL"])
        .as("standing"),
    ])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  // A count is never null; the type of a scalar subquery is.
  if (!left || (left.standing ?? 0) > 0 || (left.status !== "APPROVED" && left.status !== "PART_APPROVED")) return false;
  const moved = await transitionCase(sql, actor, caseId, "send-back", { eventData: facts });
  // The case lock is held and the state was just read, so nothing else can refuse it.
  if (moved.outcome !== "done") throw new Error(`case ${caseId}: ${moved.outcome}`);
  return true;
}
