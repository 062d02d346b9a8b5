// The one writer of a case's status and assignment: checks the lifecycle map (lib/cases/
// lifecycle.ts) and the actor's permission, changes the row only if it is still as it was read
// (so of two officers racing, one wins and the other is told what happened), writes the
// timeline event and keeps what the resident reads and hears in step (the one writer,
// lib/cases/resident-view-writer.ts), all in the caller's transaction. Either driver (TSql): the decision path runs on withTenantSql's connection.
import { sql as q, type SqlBool } from "kysely";
import { actorUserId, type TActor } from "@/lib/actor";
import { can, permissionsFor, ROLES } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db/kysely";
import type { TSql } from "@/lib/db/sql";
import { CASE_RULES, nextCaseState, type TCaseAction, type TCaseState } from "@/lib/cases/lifecycle";
import { recordCaseEvent } from "@/lib/timeline/case-events";
import { updateResidentView } from "@/lib/cases/resident-view-writer";

export type TCaseRow = {
  id: string;
  status: TCaseState;
  assignedToId: string | null;
  assignedToName: string | null;
  applicationId: string;
  reference: string;
  /** The officer who entered the application (officer-assisted channels), else null: four eyes (lib/awards/policy.ts). */
  applicationEnteredById: string | null;
};

export type TTransitionRefusal =
  | { outcome: "forbidden" }
  | { outcome: "not-found" }
  | { outcome: "not-allowed"; status: TCaseState }
  /** Somebody else has it (a lost claim race, or claimed earlier). */
  | { outcome: "taken"; assignedToName: string | null }
  /** It changed between reading and writing (another officer acted first). */
  | { outcome: "changed"; status: TCaseState }
  /** assign: to someone who cannot work cases here (see ASSIGNABLE_PEOPLE). */
  | { outcome: "not-a-caseworker" };

export type TTransitionResult = { outcome: "done"; from: TCaseState; to: TCaseState; case: TCaseRow } | TTransitionRefusal;

export type TTransitionOptions = {
  /** assign: to whom (claim: the actor). */
  assignTo?: string;
  /** The decision's facts (approve, part-approve, decline). */
  decision?: { reasonCode: string; explanation: string };
  /** Extra facts for the timeline event. */
  eventData?: Record<string, unknown>;
};

/** The roles that work cases: the permission map decides (today officers and approvers). */
export const CASEWORK_ROLES: readonly string[] = ROLES.filter((role) => permissionsFor([role]).has("cases:work"));

/**
 * Who can be given a case: someone who can sign in (account not deactivated), with an ACTIVE
 * membership of this council in a role that works cases (CASEWORK_ROLES), as { value, label }.
 * One rule for the people the case page offers and for the check below, so the list never offers
 * someone the write refuses. The council is named, not left to row-level security: a user may
 * also read their own memberships of other councils.
 */
export function assignablePeople(db: TDb, councilId: string) {
  return db
    .selectFrom("Membership as m")
    .innerJoin("User as u", "u.id", "m.userId")
    .select(["u.id as value", "u.name as label"])
    .distinct()
    .where("m.tenantId", "=", councilId)
    .where("m.status", "=", "ACTIVE")
    .where("u.deactivatedAt", "is", null)
    .where((eb) => q<SqlBool>`${eb.ref("m.role")}::text = any(${[...CASEWORK_ROLES]}::text[])`);
}

async function canBeAssigned(sql: TSql, councilId: string, userId: string | undefined): Promise<boolean> {
  if (!userId || !/^[0-9a-f-]{36}$/i.test(userId)) return false;
  const rows = await assignablePeople(sql.db, councilId).where("u.id", "=", userId).execute();
  return rows.length > 0;
}

/** The case as this council sees it (another council's id reads as not found: row-level security). */
export async function readCase(sql: TSql, caseId: string): Promise<TCaseRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) return undefined;
  return sql.db
    .selectFrom("Case as c")
    .leftJoin("User as u", "u.id", "c.assignedToId")
    .leftJoin("Application as ap", "ap.id", "c.applicationId")
    .select(["c.id", "c.status", "c.assignedToId", "u.name as assignedToName", "c.applicationId", "c.reference", "ap.enteredById as applicationEnteredById"])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
}

/** Writes one case action; see the file comment. */
export async function transitionCase(sql: TSql, actor: TActor, caseId: string, action: TCaseAction, options: TTransitionOptions = {}): Promise<TTransitionResult> {
  if (!can(actor, CASE_RULES[action].permission)) return { outcome: "forbidden" };
  const current = await readCase(sql, caseId);
  if (!current) return { outcome: "not-found" };
  const step = nextCaseState(current.status, action);
  if (!step.ok) return { outcome: "not-allowed", status: current.status };
  if (action === "claim" && current.assignedToId && current.assignedToId !== actorUserId(actor)) return { outcome: "taken", assignedToName: current.assignedToName };
  if (action === "assign" && !(await canBeAssigned(sql, actor.council.id, options.assignTo))) return { outcome: "not-a-caseworker" };

  const assignee =
    action === "claim" ? actorUserId(actor) : action === "assign" ? (options.assignTo ?? null) : action === "unassign" ? null : current.assignedToId;
  const assignmentChanges = assignee !== current.assignedToId;
  const decided = options.decision ?? null;
  // Conditional on what was read: a concurrent change makes this touch no row.
  const updated = await sql.db
    .updateTable("Case")
    .set({
      status: step.to,
      assignedToId: assignee,
      ...(assignmentChanges ? { assignedAt: assignee === null ? null : q<Date>`now()` } : {}),
      ...(decided
        ? { decidedAt: q<Date>`now()`, decidedById: actorUserId(actor), decisionReasonCode: decided.reasonCode, decisionExplanation: decided.explanation }
        : {}),
      updatedAt: q<Date>`now()`,
    })
    .where("id", "=", caseId)
    .where("status", "=", current.status)
    .where("assignedToId", "is not distinct from", current.assignedToId)
    .returning("id")
    .execute();
  if (!updated.length) {
    const now = await readCase(sql, caseId);
    if (!now) return { outcome: "not-found" };
    if (action === "claim" && now.assignedToId && now.assignedToId !== actorUserId(actor)) return { outcome: "taken", assignedToName: now.assignedToName };
    return { outcome: "changed", status: now.status };
  }
  await recordCaseEvent(sql, actor, caseId, eventKindOf(action), {
    from: current.status,
    to: step.to,
    ...(assignmentChanges ? { assignedToId: assignee, previousAssigneeId: current.assignedToId } : {}),
    ...(decided ? { reasonCode: decided.reasonCode, explanation: decided.explanation } : {}),
    ...options.eventData,
  });
  await updateResidentView(sql, actor, caseId);
  return { outcome: "done", from: current.status, to: step.to, case: { ...current, status: step.to, assignedToId: assignee } };
}

function eventKindOf(action: TCaseAction): string {
  // A direct award is an approval on the timeline and for what the resident is told ("status.approve"; its data says directAward).
  if (action === "direct-award") return "status.approve";
  return action === "claim" ? "claimed" : action === "assign" ? "assigned" : action === "unassign" ? "unassigned" : `status.${action}`;
}
