import "server-only";
import { transitionCase, type TCaseActor, type TTransitionResult } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

// Claim, assign (and reassign), unassign: each a case transition on the timeline. Two officers
// claiming the same case at once: the conditional update lets one win; the other is told who
// has it ({ outcome: "taken", assignedToName }).

export function claimCase(actor: TCaseActor, caseId: string): Promise<TTransitionResult> {
  return withTenantSql(actor.council.id, (sql) => transitionCase(sql, actor, caseId, "claim"), actor.user.userId);
}

/** To someone who can work cases here (anyone else: { outcome: "not-a-caseworker" }; transitionCase checks). */
export function assignCase(actor: TCaseActor, caseId: string, toUserId: string): Promise<TTransitionResult> {
  return withTenantSql(actor.council.id, (sql) => transitionCase(sql, actor, caseId, "assign", { assignTo: toUserId }), actor.user.userId);
}

export function unassignCase(actor: TCaseActor, caseId: string): Promise<TTransitionResult> {
  return withTenantSql(actor.council.id, (sql) => transitionCase(sql, actor, caseId, "unassign"), actor.user.userId);
}
