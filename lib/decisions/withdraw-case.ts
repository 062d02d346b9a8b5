import "server-only";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { readAward, transitionAward } from "@/lib/awards/transition";
import { ZCancelReason } from "@/lib/awards/cancel-award";
import { transitionCase, type TTransitionResult } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

/**
 * The resident withdraws (or the officer records that they did): the case is closed and every
 * award line not yet paid is cancelled, committed money released, in one transaction.
 */
export async function withdrawCase(actor: TActor, caseId: string, reason: unknown): Promise<TTransitionResult | { outcome: "invalid" }> {
  const parsed = ZCancelReason.safeParse(reason);
  if (!parsed.success) return { outcome: "invalid" };
  return withTenantSql(
    councilIdOf(actor),
    async (sql) => {
      const moved = await transitionCase(sql, actor, caseId, "withdraw", { eventData: { reason: parsed.data } });
      if (moved.outcome !== "done") return moved;
      const open = await sql.db.selectFrom("Award").select("id").where("caseId", "=", caseId).where("status", "<>", "CANCELLED").orderBy("createdAt").orderBy("id").execute();
      for (const [i, { id }] of open.entries()) {
        const award = (await readAward(sql, id))!;
        const done = await transitionAward(sql, actor, award, "cancel", { reason: `Case withdrawn: ${parsed.data}`, last: i === open.length - 1 });
        if (done.outcome !== "done") throw new Error(`award ${id}: ${done.outcome}`);
      }
      return moved;
    },
    actorUserId(actor),
  );
}
