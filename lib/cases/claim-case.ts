import "server-only";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { transitionCase, type TTransitionResult } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

// Claim, assign (and reassign), unassign: each a case transition on the timeline. Two officers
// claiming the same case at once: the conditional update lets one win; the other is told who
// has it ({ outcome: "taken", assignedToName }).

export function claimCase(actor: TActor, caseId: string): Promise<TTransitionResult> {
  return withTenantSql(councilIdOf(actor), (sql) => transitionCase(sql, actor, caseId, "claim"), actorUserId(actor));
}

/** To someone who can work cases here (anyone else: { outcome: "not-a-caseworker" }; transitionCase checks). */
export function assignCase(actor: TActor, caseId: string, toUserId: string): Promise<TTransitionResult> {
  return withTenantSql(councilIdOf(actor), (sql) => transitionCase(sql, actor, caseId, "assign", { assignTo: toUserId }), actorUserId(actor));
}

export function unassignCase(actor: TActor, caseId: string): Promise<TTransitionResult> {
  return withTenantSql(councilIdOf(actor), (sql) => transitionCase(sql, actor, caseId, "unassign"), actorUserId(actor));
}
