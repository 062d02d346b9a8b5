import "server-only";
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { readAward, transitionAward } from "@/lib/awards/transition";
import { tellClosedDuplicate } from "@/lib/cases/duplicate-notice";
import { transitionCase } from "@/lib/cases/transition";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { refreshPossibleDuplicate } from "@/lib/duplicates/queries";
import { recordCaseEvent } from "@/lib/timeline/case-events";

// An officer's answers to a possible duplicate: link the two cases ("same person", "same
// household"), dismiss the match with a reason, or close this case as a duplicate of the other.
// Each checks cases:work, writes both cases' timelines and the audit log, in one transaction.
// docs/duplicates.md.

export const MATCH_LINKS = { "same-person": "LINKED_SAME_PERSON", "same-household": "LINKED_SAME_HOUSEHOLD" } as const;
export type TMatchLink = keyof typeof MATCH_LINKS;
export const MAX_REASON = 500;

export type TMatchResult = { outcome: "done"; caseId: string } | { outcome: "forbidden" } | { outcome: "not-found" } | { outcome: "reason-required" } | { outcome: "reason-too-long" };

async function readMatch(sql: TSql, matchId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(matchId)) return undefined;
  return sql.db
    .selectFrom("CaseMatch as m")
    .innerJoin("Case as a", "a.id", "m.caseId")
    .innerJoin("Case as b", "b.id", "m.matchedCaseId")
    .select(["m.id", "m.caseId", "m.matchedCaseId", "m.state", "m.reasons", "a.reference as caseReference", "b.reference as matchedReference"])
    .where("m.id", "=", matchId)
    .forUpdate("m")
    .executeTakeFirst();
}

/** Links a match (same person / same household) or dismisses it with a reason. */
export async function decideMatch(actor: TActor, matchId: string, decision: { link: TMatchLink } | { dismiss: string }, ip: string | null = null): Promise<TMatchResult> {
  if (!can(actor, "cases:work")) return { outcome: "forbidden" };
  const reason = "dismiss" in decision ? decision.dismiss.trim() : null;
  if (reason !== null && !reason) return { outcome: "reason-required" };
  if (reason !== null && reason.length > MAX_REASON) return { outcome: "reason-too-long" };
  const state = "link" in decision ? MATCH_LINKS[decision.link] : ("DISMISSED" as const);
  return withTenantSql(
    councilIdOf(actor),
    async (sql) => {
      const m = await readMatch(sql, matchId);
      if (!m) return { outcome: "not-found" as const };
      await sql.db
        .updateTable("CaseMatch")
        .set({ state, stateReason: reason, decidedById: actorUserId(actor), decidedAt: q<Date>`now()` })
        .where("id", "=", m.id)
        .execute();
      const kind = state === "DISMISSED" ? "duplicate.dismissed" : "duplicate.linked";
      const data = { matchId: m.id, state, reasons: m.reasons, ...(reason ? { reason } : {}) };
      await recordCaseEvent(sql, actor, m.caseId, kind, { ...data, otherCaseId: m.matchedCaseId, otherReference: m.matchedReference });
      await recordCaseEvent(sql, actor, m.matchedCaseId, kind, { ...data, otherCaseId: m.caseId, otherReference: m.caseReference });
      await refreshPossibleDuplicate(sql, [m.caseId, m.matchedCaseId]);
      await recordAuditSql(sql, {
        tenantId: councilIdOf(actor),
        actor,
        action: `case.${kind}`,
        entityType: "CaseMatch",
        entityId: m.id,
        summary: `${m.caseReference} and ${m.matchedReference}: ${state === "DISMISSED" ? "not duplicates" : state === "LINKED_SAME_PERSON" ? "same person" : "same household"}`,
        metadata: data,
        ip,
      });
      return { outcome: "done" as const, caseId: m.caseId };
    },
    actorUserId(actor),
  );
}

export type TCloseResult =
  | { outcome: "done"; originalReference: string }
  | { outcome: "forbidden" }
  | { outcome: "not-found" }
  | { outcome: "not-open" }
  | { outcome: "original-closed" }
  | { outcome: "changed" }
  | { outcome: "note-too-long" };

/**
 * Closes a case as a duplicate of another of the council's cases (the original): the case moves
 * to CLOSED_DUPLICATE (lib/cases/lifecycle.ts "close-duplicate"), points at the original, its
 * match with the original is linked as the same person, any award line not cancelled is
 * cancelled (a closed duplicate gets no award), and the resident is told in their language that
 * we are dealing with their application <original> (never "we cannot help").
 */
export async function closeAsDuplicate(actor: TActor, caseId: string, originalCaseId: string, note = "", ip: string | null = null): Promise<TCloseResult> {
  if (!can(actor, "cases:work")) return { outcome: "forbidden" };
  if (note.length > MAX_REASON) return { outcome: "note-too-long" };
  if (!/^[0-9a-f-]{36}$/i.test(originalCaseId) || caseId === originalCaseId) return { outcome: "not-found" };
  return withTenantSql(
    councilIdOf(actor),
    async (sql): Promise<TCloseResult> => {
      const original = await sql.db.selectFrom("Case").select(["id", "reference", "status"]).where("id", "=", originalCaseId).executeTakeFirst();
      if (!original) return { outcome: "not-found" };
      if (original.status === "CLOSED_DUPLICATE") return { outcome: "original-closed" };
      const moved = await transitionCase(sql, actor, caseId, "close-duplicate", { eventData: { originalCaseId: original.id, originalReference: original.reference, ...(note.trim() ? { note: note.trim() } : {}) } });
      if (moved.outcome === "forbidden" || moved.outcome === "not-found") return { outcome: moved.outcome };
      if (moved.outcome === "not-allowed") return { outcome: "not-open" };
      if (moved.outcome !== "done") return { outcome: "changed" };
      await sql.db.updateTable("Case").set({ duplicateOfCaseId: original.id, possibleDuplicate: false }).where("id", "=", caseId).execute();
      // Their match becomes "same person", whichever of the two arrived first.
      await sql.db
        .updateTable("CaseMatch")
        .set({ state: "LINKED_SAME_PERSON", decidedById: actorUserId(actor), decidedAt: q<Date>`now()` })
        .where((eb) => eb.or([eb.and([eb("caseId", "=", caseId), eb("matchedCaseId", "=", original.id)]), eb.and([eb("caseId", "=", original.id), eb("matchedCaseId", "=", caseId)])]))
        .execute();
      await refreshPossibleDuplicate(sql, [original.id]);
      await recordCaseEvent(sql, actor, original.id, "duplicate.original", { duplicateCaseId: caseId, duplicateReference: moved.case.reference });
      await tellClosedDuplicate(sql, actor, caseId, original.reference);
      await recordAuditSql(sql, {
        tenantId: councilIdOf(actor),
        actor,
        action: "case.closed-duplicate",
        entityType: "Case",
        entityId: caseId,
        summary: `${moved.case.reference} closed as a duplicate of ${original.reference}`,
        metadata: { originalCaseId: original.id, originalReference: original.reference },
        ip,
      });
      // No award goes out on a closed duplicate. Last: the last line's ledger posting commits the transaction.
      const open = await sql.db.selectFrom("Award").select("id").where("caseId", "=", caseId).where("status", "<>", "CANCELLED").orderBy("createdAt").orderBy("id").execute();
      for (const [i, { id }] of open.entries()) {
        const award = (await readAward(sql, id))!;
        const done = await transitionAward(sql, actor, award, "cancel", { reason: `Closed as a duplicate of ${original.reference}`, last: i === open.length - 1 });
        if (done.outcome !== "done") throw new Error(`award ${id}: ${done.outcome}`);
      }
      return { outcome: "done", originalReference: original.reference };
    },
    actorUserId(actor),
  );
}
