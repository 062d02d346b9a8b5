import "server-only";
import { sql as q } from "kysely";
import { actorUserId, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { rescoreOpenCases, type TRescoreResult } from "@/lib/cases/rescore";
import { ZCaseworkSettingsInput, type TCaseworkSettingsInput } from "@/lib/cases/settings-schemas";
import { loadCaseworkSettings, type TCaseworkSettings } from "@/lib/cases/settings";
import { withTenantSql } from "@/lib/db/tenant-scope";

export type TUpdateSettingsResult =
  | { outcome: "saved"; changed: TSection[]; rescore: TRescoreResult | null }
  | { outcome: "unchanged" }
  | { outcome: "forbidden" }
  | { outcome: "invalid"; issues: { path: PropertyKey[]; message: string }[] };

type TSection = "priority" | "sla" | "officerLimit" | "reasonCodes";

/** The settings as plain JSON (pence as text) for the audit log's old → new. */
function sections(s: Pick<TCaseworkSettings, "priority" | "sla" | "officerLimitPence"> & { reasonCodes: TCaseworkSettings["allReasonCodes"] }): Record<TSection, unknown> {
  return {
    priority: { weights: s.priority.weights, urgentFrom: s.priority.urgentFrom },
    sla: { urgentWorkingDays: s.sla.urgentWorkingDays, standardWorkingDays: s.sla.standardWorkingDays },
    officerLimit: s.officerLimitPence.toString(),
    reasonCodes: s.reasonCodes.map((c) => ({ code: c.code, label: c.label, decision: c.decision, ...(c.retired ? { retired: true } : {}) })),
  };
}

/**
 * A COUNCIL_ADMIN changes the council's casework settings: validated whole (nothing is saved if
 * any part is wrong), upserted, audited old → new per changed part, and, when the priority
 * weights or the urgent threshold change, every OPEN case of the council re-scored in the same
 * transaction (lib/cases/rescore.ts: one statement; decided and closed cases keep the priority
 * they had). A reason code is never deleted (decided cases refer to it): it is retired.
 * SLA days and the officer's limit apply from now on: due dates already promised and lines
 * already waiting for an approver stay as they are (docs/decisions/0015).
 */
export async function updateCaseworkSettings(actor: TActor, input: unknown, ip: string | null = null): Promise<TUpdateSettingsResult> {
  if (!can(actor, "settings:manage")) return { outcome: "forbidden" };
  const parsed = ZCaseworkSettingsInput.safeParse(input);
  if (!parsed.success) return { outcome: "invalid", issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) };
  const next: TCaseworkSettingsInput = parsed.data;
  const tenantId = actor.council.id;
  // node-postgres (withTenantSql), not a Prisma transaction: re-scoring a big council's open
  // cases may take longer than Prisma's interactive-transaction timeout.
  return withTenantSql(
    tenantId,
    async (sql): Promise<TUpdateSettingsResult> => {
      // One change at a time per council: the second admin's save reads the first one's result.
      await sql.db.selectNoFrom(q<string>`pg_advisory_xact_lock(hashtextextended('casework-settings:' || ${tenantId}::text, 0))::text`.as("locked")).execute();
      const current = await loadCaseworkSettings(sql, tenantId);
      const dropped = current.allReasonCodes.filter((c) => !next.reasonCodes.some((n) => n.code === c.code));
      if (dropped.length) return { outcome: "invalid", issues: [{ path: ["reasonCodes"], message: "settings.codes.removed" }] };
      const before = sections({ ...current, reasonCodes: current.allReasonCodes });
      const after = sections(next);
      const changed = (Object.keys(after) as TSection[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (!changed.length) return { outcome: "unchanged" };
      await sql.db
        .insertInto("CaseworkSettings")
        .values({
          tenantId,
          priorityWeights: q`${JSON.stringify(next.priority.weights)}::jsonb`,
          urgentFrom: next.priority.urgentFrom,
          slaUrgentDays: next.sla.urgentWorkingDays,
          slaStandardDays: next.sla.standardWorkingDays,
          officerLimitPence: next.officerLimitPence,
          reasonCodes: q`${JSON.stringify(after.reasonCodes)}::jsonb`,
          updatedAt: q<Date>`now()`,
        })
        .onConflict((oc) =>
          oc.column("tenantId").doUpdateSet((eb) => ({
            priorityWeights: eb.ref("excluded.priorityWeights"),
            urgentFrom: eb.ref("excluded.urgentFrom"),
            slaUrgentDays: eb.ref("excluded.slaUrgentDays"),
            slaStandardDays: eb.ref("excluded.slaStandardDays"),
            officerLimitPence: eb.ref("excluded.officerLimitPence"),
            reasonCodes: eb.ref("excluded.reasonCodes"),
            updatedAt: q<Date>`now()`,
          })),
        )
        .execute();
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "settings.casework-changed",
        entityType: "CaseworkSettings",
        entityId: tenantId,
        summary: `Changed casework settings: ${changed.join(", ")}`,
        metadata: { changed, before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) } as never,
        ip,
      });
      let rescore: TRescoreResult | null = null;
      if (changed.includes("priority")) {
        const started = performance.now();
        rescore = await rescoreOpenCases(sql, tenantId, actor, next.priority, next.sla);
        await recordAuditSql(sql, {
          tenantId,
          actor,
          action: "settings.cases-rescored",
          entityType: "CaseworkSettings",
          entityId: tenantId,
          summary: `Re-scored open cases after a priority change: ${rescore.updated} changed (${rescore.bandChanged} changed band)`,
          metadata: { ...rescore, ms: Math.round(performance.now() - started) },
          ip,
        });
      }
      return { outcome: "saved", changed, rescore };
    },
    actorUserId(actor),
  );
}
