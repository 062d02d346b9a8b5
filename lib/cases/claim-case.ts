import "server-only";
import { transitionCase, type TCaseActor, type TTransitionResult } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

// Claim, assign (and reassign), unassign: each a case transition on the timeline. Two officers
// claiming the same case at once: the conditional update lets one win; the other is told who
// has it ({ outcome: "taken", assignedToName }).

export function claimCase(actor: TCaseActor, caseId: string): Promise<TTransitionResult> {
  return withTenantSql(actor.council.id, (sql) => transitionCase(sql, actor, caseId, "claim"), actor.user.userId);
}

/** To an active officer or approver of this council (anyone else: { outcome: "not-a-caseworker" }). */
export function assignCase(actor: TCaseActor, caseId: string, toUserId: string): Promise<TTransitionResult | { outcome: "not-a-caseworker" }> {
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const rows = /^[0-9a-f-]{36}$/i.test(toUserId)
        ? await sql.rows<{ role: string }>(`select role from "Membership" where "userId" = $1::uuid and status = 'ACTIVE' and role in ('OFFICER', 'APPROVER')`, [toUserId])
        : [];
      if (!rows.length) return { outcome: "not-a-caseworker" as const };
      return transitionCase(sql, actor, caseId, "assign", { assignTo: toUserId });
    },
    actor.user.userId,
  );
}

export function unassignCase(actor: TCaseActor, caseId: string): Promise<TTransitionResult> {
  return withTenantSql(actor.council.id, (sql) => transitionCase(sql, actor, caseId, "unassign"), actor.user.userId);
}
