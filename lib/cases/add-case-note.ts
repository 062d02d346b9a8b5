import "server-only";
import { actorUserId, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { ZCaseNote } from "@/lib/cases/schemas";
import { readCase } from "@/lib/cases/transition";
import { recordCaseEvent } from "@/lib/timeline/case-events";
import { withTenantSql } from "@/lib/db/tenant-scope";

export type TNoteResult = { outcome: "added" } | { outcome: "forbidden" } | { outcome: "not-found" } | { outcome: "invalid"; issues: string[] };

/** A staff-only note on the case's timeline. */
export async function addCaseNote(actor: TActor, caseId: string, input: unknown): Promise<TNoteResult> {
  if (!can(actor, "cases:work")) return { outcome: "forbidden" };
  const parsed = ZCaseNote.safeParse(input);
  if (!parsed.success) return { outcome: "invalid", issues: parsed.error.issues.map((i) => i.message) };
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      if (!(await readCase(sql, caseId))) return { outcome: "not-found" as const };
      await recordCaseEvent(sql, actor, caseId, "note", { text: parsed.data.text });
      return { outcome: "added" as const };
    },
    actorUserId(actor),
  );
}
