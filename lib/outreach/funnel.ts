import "server-only";
// The outreach funnel: invited → started (opened the link and began) → submitted (sent the
// application) → awarded (at least one award line approved on its case). One query, exported for
// the campaign page and the managers' dashboard (lib/reporting reuses outreachFunnel in its own
// scope and with its own permission check).
import { sql as q } from "kysely";
import type { TStaffActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";

export type TFunnel = { invited: number; started: number; submitted: number; awarded: number };
export type TFunnelFilter = { campaignId?: string; /** Invitations made on or after. */ from?: Date; /** Invitations made before. */ to?: Date };

/**
 * Counts for one council (the caller's tenant scope, named again here), optionally one campaign
 * or a period of invitations. Each stage counts households, so it never exceeds the one before.
 */
export async function outreachFunnel(sql: TSql, tenantId: string, filter: TFunnelFilter = {}): Promise<TFunnel> {
  const row = await q<{ invited: string; started: string; submitted: string; awarded: string }>`
    select count(*) as invited,
      count(*) filter (where i."usedAt" is not null) as started,
      count(a.id) as submitted,
      count(*) filter (where exists (select 1 from "Award" w where w."tenantId" = i."tenantId" and w."caseId" = c.id and w.status = 'APPROVED')) as awarded
    from "OutreachInvitation" i
    left join "Application" a on a."tenantId" = i."tenantId" and a."draftId" = i."draftId"
    left join "Case" c on c."tenantId" = a."tenantId" and c."applicationId" = a.id
    where i."tenantId" = ${tenantId}::uuid
      and (${filter.campaignId ?? null}::uuid is null or i."campaignId" = ${filter.campaignId ?? null}::uuid)
      and (${filter.from ?? null}::timestamp is null or i."createdAt" >= ${filter.from ?? null}::timestamp)
      and (${filter.to ?? null}::timestamp is null or i."createdAt" < ${filter.to ?? null}::timestamp)`.execute(sql.db);
  const r = row.rows[0]!;
  return { invited: Number(r.invited), started: Number(r.started), submitted: Number(r.submitted), awarded: Number(r.awarded) };
}

/** The funnel of one campaign, for its page (outreach:manage). */
export async function readCampaignFunnel(actor: TStaffActor, campaignId: string): Promise<TFunnel | null> {
  if (!can(actor, "outreach:manage")) return null;
  return withTenantSql(actor.council.id, (sql) => outreachFunnel(sql, actor.council.id, { campaignId }), actor.user.userId);
}
