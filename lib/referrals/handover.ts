import "server-only";
// Handing a referral to a colleague (people go on leave): the member who follows it, or their
// organisation's lead, names another active referrer of the same organisation in this council.
// Case.referrerUserId changes (the colleague now sees it in "my referrals" and gets its emails),
// with a line on the case's timeline and an audit event, in one transaction.
import { sql as q } from "kysely";
import { z } from "zod";
import type { TReferrerActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { recordCaseEvent } from "@/lib/timeline/case-events";
import { standingOf } from "@/lib/referrals/queries";

export const ZHandoverForm = z.strictObject({
  caseId: z.uuid({ error: "referrals.handoverCase" }),
  toUserId: z.uuid({ error: "referrals.handoverTo" }),
});

export type THandoverResult = { outcome: "handed-over"; toName: string } | { outcome: "not-found" } | { outcome: "not-a-colleague" };

export async function handOverReferral(actor: TReferrerActor, input: z.output<typeof ZHandoverForm>, ip: string | null = null): Promise<THandoverResult> {
  if (!can(actor, "referrals:read-own") || !actor.organisationId) return { outcome: "not-found" };
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const standing = await standingOf(sql, actor);
      if (!standing) return { outcome: "not-found" } as const;
      const c = await sql.db
        .selectFrom("Case")
        .select(["referrerUserId", "reference"])
        .where("id", "=", input.caseId)
        .where("tenantId", "=", actor.council.id)
        .where("organisationId", "=", actor.organisationId!)
        .where("channel", "in", ["REFERRAL_PORTAL", "REFERRAL_API"])
        .forUpdate()
        .executeTakeFirst();
      if (!c || (c.referrerUserId !== actor.user.userId && !standing.lead)) return { outcome: "not-found" } as const;
      const to = await sql.db
        .selectFrom("Membership as m")
        .innerJoin("User as u", "u.id", "m.userId")
        .select(["u.name", "u.email"])
        .where("m.tenantId", "=", actor.council.id)
        .where("m.organisationId", "=", actor.organisationId!)
        .where("m.userId", "=", input.toUserId)
        .where("m.role", "=", "REFERRER")
        .where("m.status", "=", "ACTIVE")
        .where("u.deactivatedAt", "is", null)
        .executeTakeFirst();
      if (!to || input.toUserId === c.referrerUserId) return { outcome: "not-a-colleague" } as const;
      await sql.db.updateTable("Case").set({ referrerUserId: input.toUserId, updatedAt: q<Date>`now()` }).where("id", "=", input.caseId).execute();
      await recordCaseEvent(sql, actor, input.caseId, "referral.handed-over", { from: c.referrerUserId, to: input.toUserId, toName: to.name });
      await recordAuditSql(sql, {
        tenantId: actor.council.id,
        actor,
        action: "referral.handed-over",
        entityType: "Case",
        entityId: input.caseId,
        summary: `Referral ${c.reference} handed to ${to.email}`,
        metadata: { from: c.referrerUserId, to: input.toUserId, organisationId: actor.organisationId },
        ip,
      });
      return { outcome: "handed-over", toName: to.name } as const;
    },
    actor.user.userId,
  );
}
