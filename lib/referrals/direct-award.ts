import "server-only";
// Direct awards (issue 17): a trained member's fast-track referral that their organisation's
// allowance allows is awarded by the referrer on the confirmation page, with no officer step.
// The same money controls as an officer's decision, by calling the same functions
// (lib/decisions/decide-case.ts does the same steps for an officer):
// - checkAwardLines: every pot rule (needs, largest award, how often per household, route,
//   owning organisation) and the household's standing awards, under the household's lock;
// - the council's officer limit (four eyes): above it, the referral waits for an officer;
// - transitionCase (claim, approve) and transitionAward ("approve-within-limit"): the case's
//   timeline, the resident's view and message, and the COMMIT in the ledger, whose pot lock and
//   balance check are what stop two members spending the last of an allowance at once.
// On top: the allowance must be a pot OWNED by the member's organisation (a council-wide pot
// open to referrals is not theirs to spend), the case must be the member's own fast-track
// referral, still new and untouched by an officer, and the member trained today.
// Anything outside stays in the queue; the reason is recorded on the case's timeline
// ("referral.direct-award-refused") and shown to the referrer.
//
// The referrer holds no casework permission; the case and award writers let them through by their
// own permission, "awards:direct", on two transitions only: the case's "direct-award" (NEW to
// APPROVED) and the line's "approve-direct" (PROPOSED to APPROVED, committed in the ledger).
import { sql as q } from "kysely";
import { z } from "zod";
import { actorUserId, type TReferrerActor } from "@/lib/actor";
import { awardHousehold, checkAwardLines } from "@/lib/awards/award-checks";
import { linesAwaitingApproval } from "@/lib/awards/policy";
import { ruleMessage } from "@/lib/awards/pot-rules";
import { readAward, transitionAward } from "@/lib/awards/transition";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { recordCaseEvent } from "@/lib/timeline/case-events";
import { loadCaseworkSettings } from "@/lib/cases/settings";
import { transitionCase } from "@/lib/cases/transition";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { zLine } from "@/lib/forms/text";
import { ledgerRefusalOf } from "@/lib/ledger/refusals";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { formatPence, parsePounds } from "@/lib/money";
import { NEEDS } from "@/lib/vocabulary";

export const ZDirectAwardForm = z.strictObject({
  caseId: z.uuid({ error: "referrals.directAwardCase" }),
  potId: z.uuid({ error: "referrals.directAwardPot" }),
  needCategory: z.enum(NEEDS, { error: "referrals.directAwardNeed" }),
  amount: zLine()
    .trim()
    .refine((v) => (parsePounds(v) ?? 0n) > 0n, "referrals.directAwardAmount"),
});

/** Why a direct award was not made: a message key (errors.* of the catalogues) and its values. */
export type TQueuedReason = { key: string; params: Record<string, string> };

export type TDirectAwardResult =
  | { outcome: "awarded"; awardId: string; amountPence: bigint; pot: string }
  /** Not made: the referral stays in the officers' queue, with these reasons. */
  | { outcome: "queued"; reasons: TQueuedReason[] }
  /** Not this member's referral in this council (or no such case). */
  | { outcome: "not-found" };

type TCaseFacts = { status: string; assignedToId: string | null; organisationId: string | null; referrerUserId: string | null; channel: string; priorityReasons: string[]; paymentMethod: string | null };

const reason = (key: string, params: Record<string, string> = {}): TQueuedReason => ({ key, params });

/** What stops this case, member and pot from a direct award, before any money rule. */
async function standing(sql: TSql, actor: TReferrerActor, caseId: string, potId: string): Promise<{ found: boolean; reasons: TQueuedReason[]; paymentMethod: string }> {
  const c: TCaseFacts | undefined = await sql.db
    .selectFrom("Case as c")
    .innerJoin("Application as a", "a.id", "c.applicationId")
    .select(["c.status", "c.assignedToId", "c.organisationId", "c.referrerUserId", "c.channel", "c.priorityReasons", q<string | null>`a.data -> 'payment' ->> 'method'`.as("paymentMethod")])
    .where("c.id", "=", caseId)
    .forUpdate("c")
    .executeTakeFirst();
  if (!c || c.organisationId !== actor.organisationId || c.referrerUserId !== actor.user.userId) return { found: false, reasons: [], paymentMethod: "" };
  const reasons: TQueuedReason[] = [];
  if (c.channel !== "REFERRAL_PORTAL" || !c.priorityReasons.includes("fast-track-referral")) reasons.push(reason("referrals.directAwardNotFastTrack"));
  if (c.status !== "NEW" || c.assignedToId) reasons.push(reason("referrals.directAwardNotNew"));
  const m = await sql.db
    .selectFrom("Membership")
    .select(q<boolean>`coalesce(bool_or("trainingExpiresOn" >= ${londonIsoDate(new Date())}::date), false)`.as("trained"))
    .where("tenantId", "=", actor.council.id)
    .where("userId", "=", actor.user.userId)
    .where("organisationId", "=", actor.organisationId!)
    .where("role", "=", "REFERRER")
    .where("status", "=", "ACTIVE")
    .executeTakeFirst();
  if (!m?.trained) reasons.push(reason("referrals.untrainedFastTrack"));
  const pot = await sql.db.selectFrom("Pot").select("ownerOrganisationId").where("id", "=", potId).executeTakeFirst();
  if (!pot || pot.ownerOrganisationId !== actor.organisationId) reasons.push(reason("referrals.directAwardNotYourAllowance"));
  return { found: true, reasons, paymentMethod: c.paymentMethod ?? "bank" };
}

async function award(sql: TSql, actor: TReferrerActor, caseId: string, line: { potId: string; needCategory: string; amountPence: bigint }): Promise<TDirectAwardResult> {
  const tenantId = actor.council.id;
  const who = await standing(sql, actor, caseId, line.potId);
  if (!who.found) return { outcome: "not-found" };
  if (who.reasons.length) return { outcome: "queued", reasons: who.reasons };
  // Every pot rule and the household's totals, as for an officer (holds the household's lock).
  const check = await checkAwardLines(sql, tenantId, caseId, [line]);
  if (!check) return { outcome: "not-found" };
  if (check.problems.length) return { outcome: "queued", reasons: check.problems.map((p) => ruleMessage(p)) };
  if (check.short) return { outcome: "queued", reasons: [reason("referrals.directAwardNoRoom", { pot: check.short.pot, available: formatPence(check.short.availablePence) })] };
  const settings = await loadCaseworkSettings(sql, tenantId);
  if (linesAwaitingApproval([line.amountPence], settings.officerLimitPence)[0])
    return { outcome: "queued", reasons: [reason("referrals.directAwardOverLimit", { limit: formatPence(settings.officerLimitPence) })] };
  const code = settings.reasonCodes.find((r) => r.decision === "approve") ?? settings.reasonCodes.find((r) => r.decision === "any");
  if (!code) return { outcome: "queued", reasons: [reason("referrals.directAwardNoReasonCode")] };

  const org = await sql.db.selectFrom("Organisation").select("name").where("id", "=", actor.organisationId!).executeTakeFirst();
  const moved = await transitionCase(sql, actor, caseId, "direct-award", {
    decision: { reasonCode: code.code, explanation: `Awarded directly by ${org?.name ?? "your referrer"} from the allowance the council gives them.` },
    eventData: { directAward: true },
  });
  if (moved.outcome === "not-allowed" || moved.outcome === "changed") return { outcome: "queued", reasons: [reason("referrals.directAwardNotNew")] };
  if (moved.outcome !== "done") throw new Error(`direct award on ${caseId}: ${moved.outcome}`);
  const row = await sql.db
    .insertInto("Award")
    .values({ id: q<string>`gen_random_uuid()`, tenantId, caseId, potId: line.potId, needCategory: line.needCategory, amountPence: line.amountPence, paymentMethod: who.paymentMethod, proposedById: actorUserId(actor)!, updatedAt: q<Date>`now()`, ...awardHousehold(check.household) })
    .returning("id")
    .executeTakeFirstOrThrow();
  const awardRow = (await readAward(sql, row.id))!;
  await recordCaseEvent(sql, actor, caseId, "referral.direct-award", { awardId: awardRow.id, pot: awardRow.potName, amountPence: line.amountPence.toString(), organisationId: actor.organisationId });
  await recordAuditSql(sql, {
    tenantId,
    actor,
    action: "award.direct",
    entityType: "Award",
    entityId: awardRow.id,
    summary: `Direct award ${formatPence(line.amountPence)} from ${awardRow.potName} on ${awardRow.caseReference}`,
    metadata: { caseId, potId: line.potId, amountPence: line.amountPence.toString(), organisationId: actor.organisationId },
  });
  // The commitment last, together with COMMIT: not enough left in the allowance throws LedgerRefused and nothing stays.
  const done = await transitionAward(sql, actor, awardRow, "approve-direct", { last: true });
  if (done.outcome !== "done") throw new Error(`direct award ${awardRow.id}: ${done.outcome}`);
  return { outcome: "awarded", awardId: awardRow.id, amountPence: line.amountPence, pot: awardRow.potName };
}

/** The refusal on the case's timeline, so officers see why the referrer could not award it. */
async function recordRefusal(actor: TReferrerActor, caseId: string, reasons: TQueuedReason[]): Promise<void> {
  await withTenantSql(
    actor.council.id,
    async (sql) => {
      const c = await sql.db.selectFrom("Case").select("id").where("id", "=", caseId).where("organisationId", "=", actor.organisationId).where("referrerUserId", "=", actor.user.userId).executeTakeFirst();
      if (c) await recordCaseEvent(sql, actor, caseId, "referral.direct-award-refused", { reasons });
    },
    actor.user.userId,
  );
}

/** See the file comment. `input`: the confirmation page's form (ZDirectAwardForm's shape). */
export async function directAward(actor: TReferrerActor, input: z.output<typeof ZDirectAwardForm>): Promise<TDirectAwardResult> {
  if (!actor.organisationId) return { outcome: "not-found" };
  const line = { potId: input.potId, needCategory: input.needCategory, amountPence: parsePounds(input.amount) ?? 0n };
  let result: TDirectAwardResult;
  try {
    result = await withTenantSql(actor.council.id, (sql) => award(sql, actor, input.caseId, line), actor.user.userId);
  } catch (error) {
    const refusal = ledgerRefusalOf(error);
    if (!refusal) throw error;
    result = { outcome: "queued", reasons: [reason("referrals.directAwardNoRoom", { pot: refusal.facts.pot ?? "", available: refusal.facts.balancePence ? formatPence(BigInt(refusal.facts.balancePence)) : "" })] };
  }
  if (result.outcome === "queued") await recordRefusal(actor, input.caseId, result.reasons);
  return result;
}
