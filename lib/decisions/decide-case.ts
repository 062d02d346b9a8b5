import "server-only";
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, personOf, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { awardHousehold, checkAwardLines } from "@/lib/awards/award-checks";
import { recordOverride } from "@/lib/awards/override";
import { linesAwaitingApproval } from "@/lib/awards/policy";
import { OVERRIDABLE, ruleMessage, ruleText, type TOverridable } from "@/lib/awards/pot-rules";
import { readAward, transitionAward } from "@/lib/awards/transition";
import { ZDecision, type TDecision } from "@/lib/cases/schemas";
import { loadCaseworkSettings } from "@/lib/cases/settings";
import { readCase, transitionCase, type TTransitionRefusal } from "@/lib/cases/transition";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { LedgerRefused, ledgerRefusalOf } from "@/lib/ledger/refusals";

export type TDecideResult =
  | { outcome: "decided"; status: "APPROVED" | "PART_APPROVED" | "DECLINED"; awards: { id: string; status: "APPROVED" | "AWAITING_APPROVAL" }[] }
  | TTransitionRefusal
  /** message: a key of the staff catalogue; params: the values its words need (a pot's name, amounts). */
  | { outcome: "invalid"; issues: { path: PropertyKey[]; message: string; params?: Record<string, string> }[] }
  | { outcome: "not-yours"; assignedToName: string | null }
  /** The ledger said no (not enough money in a pot): nothing was written. */
  | { outcome: "refused"; refusal: LedgerRefused; pot: string | null; availablePence: bigint | null };

/**
 * Decides a case the officer has claimed: approve or part-approve with award lines, or decline,
 * with a reason code from the council's list and the explanation the resident reads. Every award
 * line within the officer's limit is committed through the ledger in this same transaction; a
 * line above it waits for an approver (four eyes). Not enough money in any pot: the ledger's
 * refusal rolls the whole decision back.
 */
export async function decideCase(actor: TActor, caseId: string, input: unknown): Promise<TDecideResult> {
  if (!can(actor, "cases:work")) return { outcome: "forbidden" };
  const parsed = ZDecision.safeParse(input);
  if (!parsed.success) return { outcome: "invalid", issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) };
  const decision = parsed.data;
  try {
    return await withTenantSql(councilIdOf(actor), (sql) => decide(sql, actor, caseId, decision), actorUserId(actor));
  } catch (error) {
    const refusal = ledgerRefusalOf(error);
    if (!refusal) throw error;
    const pot = refusal.facts.pot ?? null;
    const lines = decision.decision === "decline" ? [] : decision.lines;
    const now = pot ? await availableNow(actor, lines.map((l) => l.potId), pot) : null;
    return { outcome: "refused", refusal, pot, availablePence: now ?? (refusal.facts.balancePence ? BigInt(refusal.facts.balancePence) : null) };
  }
}

/**
 * What the refused pot holds now that the decision is rolled back. The refusal's own figure was
 * taken inside the transaction, after this decision's earlier lines from the same pot, so it
 * would tell the officer less than is really there.
 */
async function availableNow(actor: TActor, potIds: string[], potName: string): Promise<bigint | null> {
  if (!potIds.length) return null;
  const row = await withTenantSql(
    councilIdOf(actor),
    (sql) =>
      sql.db
        .selectFrom("Pot as p")
        .innerJoin("LedgerAccount as a", (j) => j.onRef("a.potId", "=", "p.id").on("a.kind", "=", "AVAILABLE"))
        .select("a.balancePence")
        .where("p.id", "in", potIds)
        .where("p.name", "=", potName)
        .limit(1)
        .executeTakeFirst(),
    actorUserId(actor),
  );
  return row?.balancePence ?? null;
}

async function decide(sql: TSql, actor: TActor, caseId: string, decision: TDecision): Promise<TDecideResult> {
  const found = await readCase(sql, caseId);
  if (!found) return { outcome: "not-found" };
  if (found.assignedToId !== actorUserId(actor) && (found.status === "IN_REVIEW" || found.status === "AWAITING_INFORMATION")) return { outcome: "not-yours", assignedToName: found.assignedToName };
  const settings = await loadCaseworkSettings(sql, councilIdOf(actor));
  const approving = decision.decision !== "decline";
  const code = settings.reasonCodes.find((r) => r.code === decision.reasonCode);
  if (!code || (code.decision !== "any" && code.decision !== (approving ? "approve" : "decline")))
    return { outcome: "invalid", issues: [{ path: ["reasonCode"], message: "decision.reasonCode" }] };
  const lines = decision.decision === "decline" ? [] : decision.lines;
  // Every pot rule and the household's totals, in this transaction (lib/awards/award-checks.ts).
  // A line with the officer's reason may break the policy rules (OVERRIDABLE) and then waits for an approver.
  let overridden: TOverridable[][] = [];
  let household: ReturnType<typeof awardHousehold> | null = null;
  if (lines.length) {
    const check = await checkAwardLines(sql, councilIdOf(actor), caseId, lines.map((l) => ({ ...l, overrides: l.overrideReason ? OVERRIDABLE : [] })));
    if (!check) return { outcome: "not-found" };
    if (check.problems.length)
      return {
        outcome: "invalid",
        issues: check.problems.map((p) => {
          // A pot chosen from the form's "not eligible" group: what is missing is the officer's reason.
          if (p.code === "ineligible-pot" && p.overridable && !lines[p.line]?.overrideReason) return { path: ["lines", p.line, "overrideReason"], message: "award.overrideNeeded", params: { reason: ruleText(p) } };
          const words = ruleMessage(p);
          return { path: ["lines", p.line, p.field], message: words.key, params: words.params };
        }),
      };
    overridden = check.overridden;
    household = awardHousehold(check.household);
    if (check.short)
      throw new LedgerRefused("insufficient", { pot: check.short.pot, account: "AVAILABLE", balancePence: check.short.availablePence.toString() });
  }
  // The officer's limit applies to what this decision gives the household, not to each line.
  // Four eyes: an officer deciding an application they entered (by phone or in person) sends every
  // line to an approver; so does a line whose pot rules the officer overrode with a reason.
  const enteredIt = found.applicationEnteredById !== null && found.applicationEnteredById === actorUserId(actor);
  const overLimit = linesAwaitingApproval(lines.map((l) => l.amountPence), settings.officerLimitPence, { mustWait: lines.map((_, i) => enteredIt || (overridden[i]?.length ?? 0) > 0) });
  const action = decision.decision;
  const moved = await transitionCase(sql, actor, caseId, action, {
    decision: { reasonCode: decision.reasonCode, explanation: decision.explanation },
  });
  if (moved.outcome !== "done") return moved;

  const ids: string[] = [];
  for (const [i, l] of lines.entries()) {
    const rules = overridden[i] ?? [];
    const row = await sql.db
      .insertInto("Award")
      .values({
        id: q<string>`gen_random_uuid()`,
        tenantId: councilIdOf(actor),
        caseId,
        potId: l.potId,
        needCategory: l.needCategory,
        amountPence: l.amountPence,
        paymentMethod: l.paymentMethod,
        proposedById: personOf(actor).userId,
        ...household,
        ...(rules.length ? { overrideReason: l.overrideReason, overriddenRules: rules } : {}),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(row.id);
    if (rules.length) await recordOverride(sql, actor, caseId, { awardId: row.id, potId: l.potId, amountPence: l.amountPence, reason: l.overrideReason!, rules });
  }
  // Lines waiting for an approver first, then the commitments, the very last posting together
  // with COMMIT (the pot's lock held for no round trip).
  // The resident's decision message goes into the outbox from transitionAward (the one writer,
  // lib/cases/resident-view-writer.ts) once no line is only proposed, before the last posting.
  const order = ids.map((id, i) => ({ id, over: overLimit[i]! })).sort((a, b) => Number(b.over) - Number(a.over));
  const commits = order.filter((o) => !o.over).length;
  let posted = 0;
  for (const o of order) {
    const award = (await readAward(sql, o.id))!;
    const done = await transitionAward(sql, actor, award, o.over ? "send-for-approval" : "approve-within-limit", { last: !o.over && ++posted === commits });
    if (done.outcome !== "done") throw new Error(`award ${o.id}: ${done.outcome}`);
  }
  return {
    outcome: "decided",
    status: moved.to as "APPROVED" | "PART_APPROVED" | "DECLINED",
    awards: ids.map((id, i) => ({ id, status: overLimit[i] ? ("AWAITING_APPROVAL" as const) : ("APPROVED" as const) })),
  };
}
