import "server-only";
// Handing a referral to a colleague (people go on leave): the member who follows it, or their
// organisation's lead, names another active referrer of the same organisation in this council.
// Case.referrerUserId changes (the colleague now sees it in "my referrals" and gets its emails),
// with a line on the case's timeline and an audit event, in one transaction.
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
      const [c] = await sql.rows<{ referrerUserId: string | null; reference: string }>(
        `select "referrerUserId", reference from "Case" where id = $1::uuid and "tenantId" = $2::uuid and "organisationId" = $3::uuid and channel in ('REFERRAL_PORTAL', 'REFERRAL_API') for update`,
        [input.caseId, actor.council.id, actor.organisationId],
      );
      if (!c || (c.referrerUserId !== actor.user.userId && !standing.lead)) return { outcome: "not-found" } as const;
      const [to] = await sql.rows<{ name: string; email: string }>(
        `select u.name, u.email from "Membership" m join "User" u on u.id = m."userId"
         where m."tenantId" = $1::uuid and m."organisationId" = $2::uuid and m."userId" = $3::uuid and m.role = 'REFERRER' and m.status = 'ACTIVE' and u."deactivatedAt" is null`,
        [actor.council.id, actor.organisationId, input.toUserId],
      );
      if (!to || input.toUserId === c.referrerUserId) return { outcome: "not-a-colleague" } as const;
      await sql.rows(`update "Case" set "referrerUserId" = $2::uuid, "updatedAt" = now() where id = $1::uuid`, [input.caseId, input.toUserId]);
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
