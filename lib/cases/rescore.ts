// Re-scoring a council's open cases after its priority weights or urgent threshold change: one
// set-wise statement in the caller's transaction, however many cases (no round trip per case).
// A case's reasons are the facts recordApplication found (stored on the case, heaviest first);
// only their weights change, so the new score is the sum of the new weights, the band follows
// the threshold and the reasons are re-ordered by weight (lib/triage/priority.ts scorePriority).
// Where the band changes, the SLA due date is counted again from the day the case arrived with
// the band's working days (England and Wales calendar, computed here for each day cases arrived
// on). Each case whose score or band changed gets a timeline event.
import { addWorkingDays } from "@/lib/calendar/working-days";
import { OPEN_CASE_STATES } from "@/lib/cases/lifecycle";
import { PRIORITY_REASONS, type TPrioritySettings } from "@/lib/triage/priority";
import type { TSlaSettings } from "@/lib/triage/sla";
import type { TSql } from "@/lib/db/sql";

const OPEN = `{${OPEN_CASE_STATES.join(",")}}`;
const LONDON_DAY = `(("receivedAt" at time zone 'UTC') at time zone 'Europe/London')::date`;

export type TRescoreResult = { updated: number; scoreChanged: number; bandChanged: number };

export async function rescoreOpenCases(sql: TSql, tenantId: string, actorUserId: string, priority: TPrioritySettings, sla: TSlaSettings): Promise<TRescoreResult> {
  const days = (await sql.rows<{ day: string }>(`select distinct to_char(${LONDON_DAY}, 'YYYY-MM-DD') as day from "Case" where "tenantId" = $1::uuid and status = any($2::"CaseStatus"[])`, [tenantId, OPEN])).map(
    (r) => r.day,
  );
  if (!days.length) return { updated: 0, scoreChanged: 0, bandChanged: 0 };
  const urgent = days.map((d) => addWorkingDays(d, sla.urgentWorkingDays));
  const standard = days.map((d) => addWorkingDays(d, sla.standardWorkingDays));
  const [row] = await sql.rows<TRescoreResult>(...rescoreStatement(tenantId, actorUserId, priority, days, urgent, standard));
  return row!;
}

/** The one statement (exported so its plan can be examined). */
export function rescoreStatement(tenantId: string, actorUserId: string, priority: TPrioritySettings, days: string[], urgent: string[], standard: string[]): [string, unknown[]] {
  const array = (xs: readonly (string | number)[]) => `{${xs.join(",")}}`;
  return [
    `with w as (select * from unnest($2::text[], $3::int[], $4::int[]) as w(reason, weight, ord)),
          due as (select * from unnest($5::date[], $6::date[], $7::date[]) as d(day, urgent, standard)),
          s as (
            select c.id, c."priorityScore" as old_score, c."priorityBand" as old_band, c."slaDueOn" as old_due, x.score,
                   (case when x.score >= $8::int then 'URGENT' else 'STANDARD' end)::"PriorityBand" as band, x.reasons, ${LONDON_DAY.replace('"receivedAt"', 'c."receivedAt"')} as day
            from "Case" c
            cross join lateral (
              select coalesce(sum(coalesce(w.weight, 0)), 0)::int as score,
                     coalesce(array_agg(r.reason order by coalesce(w.weight, 0) desc, coalesce(w.ord, 1000), r.n), '{}') as reasons
              from unnest(c."priorityReasons") with ordinality as r(reason, n) left join w on w.reason = r.reason) x
            where c."tenantId" = $1::uuid and c.status = any($9::"CaseStatus"[])),
          u as (
            update "Case" c set "priorityScore" = s.score, "priorityBand" = s.band, "priorityReasons" = s.reasons,
                   "slaDueOn" = case when s.band = s.old_band then c."slaDueOn" when s.band = 'URGENT' then coalesce(d.urgent, c."slaDueOn") else coalesce(d.standard, c."slaDueOn") end,
                   "updatedAt" = now()
            from s left join due d on d.day = s.day
            where c.id = s.id and c.status = any($9::"CaseStatus"[])
              and (c."priorityScore", c."priorityBand", c."priorityReasons") is distinct from (s.score, s.band, s.reasons)
            returning c.id, s.old_score, s.score, s.old_band, s.band, s.old_due, c."slaDueOn" as new_due),
          e as (
            insert into "CaseEvent" (id, "tenantId", "caseId", kind, "actorUserId", data)
            select gen_random_uuid(), $1::uuid, u.id, 'priority.rescored', $10::uuid,
                   jsonb_build_object('fromScore', u.old_score, 'toScore', u.score, 'fromBand', u.old_band, 'toBand', u.band,
                                      'fromDueOn', to_char(u.old_due, 'YYYY-MM-DD'), 'toDueOn', to_char(u.new_due, 'YYYY-MM-DD'), 'why', 'casework settings changed')
            from u where u.old_score <> u.score or u.old_band <> u.band)
     select count(*)::int as updated, (count(*) filter (where old_score <> score))::int as "scoreChanged", (count(*) filter (where old_band <> band))::int as "bandChanged" from u`,
    [
      tenantId,
      array(PRIORITY_REASONS),
      array(PRIORITY_REASONS.map((r) => priority.weights[r])),
      array(PRIORITY_REASONS.map((_, i) => i)),
      array(days),
      array(urgent),
      array(standard),
      priority.urgentFrom,
      OPEN,
      actorUserId,
    ],
  ];
}
