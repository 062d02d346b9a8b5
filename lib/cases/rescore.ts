// Re-scoring a council's open cases after its priority weights or urgent threshold change: one
// set-wise statement in the caller's transaction, however many cases (no round trip per case).
// A case's reasons are the facts recordApplication found (stored on the case, heaviest first);
// only their weights change, so the new score is the sum of the new weights, the band follows
// the threshold and the reasons are re-ordered by weight (lib/triage/priority.ts scorePriority).
// Where the band changes, the SLA due date is counted again from the day the case arrived with
// the band's working days (England and Wales calendar, computed here for each day cases arrived
// on). Each case whose score or band changed gets a timeline event.
import { type CompiledQuery, type Expression, sql as q, type SqlBool } from "kysely";
import { actorColumns, type TActor } from "@/lib/actor";
import { addWorkingDays } from "@/lib/calendar/working-days";
import { OPEN_CASE_STATES } from "@/lib/cases/lifecycle";
import { queryBuilder } from "@/lib/db/kysely";
import type { TSql } from "@/lib/db/sql";
import type { PriorityBand } from "@/lib/generated/kysely/enums";
import { PRIORITY_REASONS, type TPrioritySettings } from "@/lib/triage/priority";
import type { TSlaSettings } from "@/lib/triage/sla";

/** The London day a case arrived on (its "receivedAt" is UTC without a zone). */
const londonDay = (receivedAt: Expression<Date>) => q<string>`((${receivedAt} at time zone 'UTC') at time zone 'Europe/London')::date`;

export type TRescoreResult = { updated: number; scoreChanged: number; bandChanged: number };

export async function rescoreOpenCases(sql: TSql, tenantId: string, actor: TActor, priority: TPrioritySettings, sla: TSlaSettings): Promise<TRescoreResult> {
  const days = (
    await sql.db
      .selectFrom("Case")
      .select((eb) => q<string>`to_char(${londonDay(eb.ref("receivedAt"))}, 'YYYY-MM-DD')`.as("day"))
      .distinct()
      .where("tenantId", "=", tenantId)
      .where("status", "in", OPEN_CASE_STATES)
      .execute()
  ).map((r) => r.day);
  if (!days.length) return { updated: 0, scoreChanged: 0, bandChanged: 0 };
  const urgent = days.map((d) => addWorkingDays(d, sla.urgentWorkingDays));
  const standard = days.map((d) => addWorkingDays(d, sla.standardWorkingDays));
  const { rows } = await sql.db.executeQuery(rescoreStatement(tenantId, actor, priority, days, urgent, standard));
  return rows[0]!;
}

/** The one statement, compiled (exported so its plan can be examined). */
export function rescoreStatement(tenantId: string, actor: TActor, priority: TPrioritySettings, days: string[], urgent: string[], standard: string[]): CompiledQuery<TRescoreResult> {
  const reasons = [...PRIORITY_REASONS];
  const weights = PRIORITY_REASONS.map((r) => priority.weights[r]);
  const order = PRIORITY_REASONS.map((_, i) => i);
  // By whom, as every timeline line records it (lib/timeline recordCaseEvent).
  const by = actorColumns(actor);
  return (
    queryBuilder
      // The new weight of each reason, and its place in PRIORITY_REASONS (ties in weight keep that order).
      .with("w(reason, weight, ord)", () => q<{ reason: string; weight: number; ord: number }>`(select * from unnest(${reasons}::text[], ${weights}::int[], ${order}::int[]))`)
      // For each day cases arrived on, the due date of each band counted from it.
      .with("due(day, urgent, standard)", () => q<{ day: string; urgent: string; standard: string }>`(select * from unnest(${days}::date[], ${urgent}::date[], ${standard}::date[]))`)
      .with("s", (db) =>
        db
          .selectFrom("Case as c")
          .crossJoinLateral((eb) =>
            q<{ score: number; reasons: string[] }>`(select coalesce(sum(coalesce(w.weight, 0)), 0)::int as score,
                     coalesce(array_agg(r.reason order by coalesce(w.weight, 0) desc, coalesce(w.ord, 1000), r.n), '{}') as reasons
              from unnest(${eb.ref("c.priorityReasons")}) with ordinality as r(reason, n) left join w on w.reason = r.reason)`.as("x"),
          )
          .select((eb) => [
            "c.id",
            "c.priorityScore as old_score",
            "c.priorityBand as old_band",
            "c.slaDueOn as old_due",
            "x.score",
            q<PriorityBand>`(case when ${eb.ref("x.score")} >= ${priority.urgentFrom}::int then 'URGENT' else 'STANDARD' end)::"PriorityBand"`.as("band"),
            "x.reasons",
            londonDay(eb.ref("c.receivedAt")).as("day"),
          ])
          .where("c.tenantId", "=", tenantId)
          .where("c.status", "in", OPEN_CASE_STATES),
      )
      .with("u", (db) =>
        db
          .updateTable("Case as c")
          .from("s")
          .leftJoin("due as d", "d.day", "s.day")
          .set((eb) => ({
            priorityScore: eb.ref("s.score"),
            priorityBand: eb.ref("s.band"),
            priorityReasons: eb.ref("s.reasons"),
            slaDueOn: q<Date>`case when ${eb.ref("s.band")} = ${eb.ref("s.old_band")} then ${eb.ref("c.slaDueOn")}
                                   when ${eb.ref("s.band")} = 'URGENT' then coalesce(${eb.ref("d.urgent")}, ${eb.ref("c.slaDueOn")})
                                   else coalesce(${eb.ref("d.standard")}, ${eb.ref("c.slaDueOn")}) end`,
            updatedAt: q<Date>`now()`,
          }))
          .whereRef("c.id", "=", "s.id")
          .where("c.status", "in", OPEN_CASE_STATES)
          .where(
            (eb) =>
              q<SqlBool>`(${eb.ref("c.priorityScore")}, ${eb.ref("c.priorityBand")}, ${eb.ref("c.priorityReasons")}) is distinct from (${eb.ref("s.score")}, ${eb.ref("s.band")}, ${eb.ref("s.reasons")})`,
          )
          .returning(["c.id", "s.old_score", "s.score", "s.old_band", "s.band", "s.old_due", "c.slaDueOn as new_due"]),
      )
      .with("e", (db) =>
        db
          .insertInto("CaseEvent")
          .columns(["id", "tenantId", "caseId", "kind", "actorKind", "actorUserId", "actorRef", "data"])
          .expression((eb) =>
            eb
              .selectFrom("u")
              .select((eb) => [
                q<string>`gen_random_uuid()`.as("id"),
                q<string>`${tenantId}::uuid`.as("tenantId"),
                "u.id as caseId",
                q<string>`'priority.rescored'`.as("kind"),
                q<string>`${by.actorKind}::text`.as("actorKind"),
                q<string | null>`${by.actorUserId}::uuid`.as("actorUserId"),
                q<string | null>`${by.actorRef}::text`.as("actorRef"),
                q<unknown>`jsonb_build_object('fromScore', ${eb.ref("u.old_score")}, 'toScore', ${eb.ref("u.score")}, 'fromBand', ${eb.ref("u.old_band")}, 'toBand', ${eb.ref("u.band")},
                                      'fromDueOn', to_char(${eb.ref("u.old_due")}, 'YYYY-MM-DD'), 'toDueOn', to_char(${eb.ref("u.new_due")}, 'YYYY-MM-DD'), 'why', 'casework settings changed')`.as("data"),
              ])
              .where((eb) => eb.or([eb("u.old_score", "<>", eb.ref("u.score")), eb("u.old_band", "<>", eb.ref("u.band"))])),
          ),
      )
      .selectFrom("u")
      .select([
        q<number>`count(*)::int`.as("updated"),
        q<number>`(count(*) filter (where old_score <> score))::int`.as("scoreChanged"),
        q<number>`(count(*) filter (where old_band <> band))::int`.as("bandChanged"),
      ])
      .compile()
  );
}
