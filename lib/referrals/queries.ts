import "server-only";
// What the referrer's pages read: "my referrals" (the cases the member follows), "my
// organisation's referrals" (its lead only: the issue gives the lead the organisation's members,
// referrals and allowance), one referral, the colleagues it can be handed to, and the
// organisation's allowances. Every query runs inside withTenantSql (row-level security keeps it to
// the council in the URL) AND filters on the member's organisation explicitly: a referrer never
// sees applications from other routes, nor another organisation's referrals.
import type { TReferrerActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { loadCaseworkSettings, reasonCodeLabel } from "@/lib/cases/settings";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { londonIsoDate } from "@/lib/calendar/working-days";

export type TReferralRow = {
  caseId: string;
  reference: string;
  resident: string;
  submittedAt: Date;
  status: string;
  lastChangeAt: Date;
  decision: string | null;
  explanation: string | null;
  awardedPence: bigint;
  followedBy: string | null;
  fastTrack: boolean;
  directAward: boolean;
};

export type TReferrerStanding = { organisationId: string; organisation: string; lead: boolean; trained: boolean; trainingExpiresOn: string | null };

const isId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);
const ROWS_LIMIT = 200;

/** The member's standing in their organisation today: lead, trained. null: not an active member of an active organisation. */
export async function standingOf(sql: TSql, actor: TReferrerActor): Promise<TReferrerStanding | null> {
  if (!actor.organisationId) return null;
  const [row] = await sql.rows<{ organisation: string; lead: boolean; trained: boolean; expires: string | null }>(
    `select o.name as organisation, bool_or(m."organisationLead") as lead, coalesce(bool_or(m."trainingExpiresOn" >= $4::date), false) as trained,
            to_char(max(m."trainingExpiresOn"), 'YYYY-MM-DD') as expires
     from "Membership" m join "Organisation" o on o.id = m."organisationId" and o."tenantId" = m."tenantId"
     where m."tenantId" = $1::uuid and m."userId" = $2::uuid and m."organisationId" = $3::uuid and m.role = 'REFERRER' and m.status = 'ACTIVE' and o.active
     group by o.name`,
    [actor.council.id, actor.user.userId, actor.organisationId, londonIsoDate(new Date())],
  );
  return row ? { organisationId: actor.organisationId, organisation: row.organisation, lead: row.lead, trained: row.trained, trainingExpiresOn: row.expires } : null;
}

export async function referrerStanding(actor: TReferrerActor): Promise<TReferrerStanding | null> {
  if (!can(actor, "referrals:read-own")) return null;
  return withTenantSql(actor.council.id, (sql) => standingOf(sql, actor), actor.user.userId);
}

const SELECT = `select c.id as "caseId", c.reference, c."fullName" as resident, c."receivedAt" as "submittedAt", c.status::text as status, c."updatedAt" as "lastChangeAt",
    c."decisionReasonCode" as decision, c."decisionExplanation" as explanation, u.name as "followedBy",
    'fast-track-referral' = any(c."priorityReasons") as "fastTrack",
    coalesce((select sum(a."amountPence") from "Award" a where a."caseId" = c.id and a.status in ('APPROVED', 'AWAITING_APPROVAL')), 0)::text as "awardedPence",
    exists (select 1 from "CaseEvent" e where e."caseId" = c.id and e.kind = 'referral.direct-award') as "directAward"
  from "Case" c left join "User" u on u.id = c."referrerUserId"
  where c."tenantId" = $1::uuid and c."organisationId" = $2::uuid and c.channel in ('REFERRAL_PORTAL', 'REFERRAL_API')`;

type TRaw = Omit<TReferralRow, "awardedPence"> & { awardedPence: string };

async function rowsOf(sql: TSql, actor: TReferrerActor, raw: TRaw[]): Promise<TReferralRow[]> {
  const settings = await loadCaseworkSettings(sql, actor.council.id);
  return raw.map((r) => ({ ...r, decision: r.decision ? reasonCodeLabel(settings, r.decision) : null, awardedPence: BigInt(r.awardedPence), submittedAt: new Date(r.submittedAt), lastChangeAt: new Date(r.lastChangeAt) }));
}

/** "My referrals": the cases this member follows now (their own, and those handed to them). */
export async function listMyReferrals(actor: TReferrerActor): Promise<TReferralRow[]> {
  if (!can(actor, "referrals:read-own") || !actor.organisationId) return [];
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      if (!(await standingOf(sql, actor))) return [];
      const raw = await sql.rows<TRaw>(`${SELECT} and c."referrerUserId" = $3::uuid order by c."receivedAt" desc limit ${ROWS_LIMIT}`, [actor.council.id, actor.organisationId, actor.user.userId]);
      return rowsOf(sql, actor, raw);
    },
    actor.user.userId,
  );
}

/** "My organisation's referrals": every referral of the organisation (portal and API), for its lead; null for anyone else. */
export async function listOrganisationReferrals(actor: TReferrerActor): Promise<TReferralRow[] | null> {
  if (!can(actor, "referrals:read-own") || !actor.organisationId) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const standing = await standingOf(sql, actor);
      if (!standing?.lead) return null;
      const raw = await sql.rows<TRaw>(`${SELECT} order by c."receivedAt" desc limit ${ROWS_LIMIT}`, [actor.council.id, actor.organisationId]);
      return rowsOf(sql, actor, raw);
    },
    actor.user.userId,
  );
}

export type TReferralDetail = TReferralRow & {
  followedById: string | null;
  yours: boolean;
  awards: { id: string; pot: string; needCategory: string; amountPence: bigint; status: string }[];
  directAwardRefusals: { key: string; params: Record<string, string> }[];
};

/** One referral: the member who follows it, or their organisation's lead; null for anyone else (as if it did not exist). */
export async function getReferral(actor: TReferrerActor, caseId: string): Promise<TReferralDetail | null> {
  if (!can(actor, "referrals:read-own") || !actor.organisationId || !isId(caseId)) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const standing = await standingOf(sql, actor);
      if (!standing) return null;
      const [raw] = await sql.rows<TRaw & { followedById: string | null }>(`${SELECT.replace(`as "followedBy",`, `as "followedBy", c."referrerUserId" as "followedById",`)} and c.id = $3::uuid`, [
        actor.council.id,
        actor.organisationId,
        caseId,
      ]);
      if (!raw) return null;
      const yours = raw.followedById === actor.user.userId;
      if (!yours && !standing.lead) return null;
      const [row] = await rowsOf(sql, actor, [raw]);
      const awards = await sql.rows<{ id: string; pot: string; needCategory: string; amountPence: string; status: string }>(
        `select a.id, p.name as pot, a."needCategory", a."amountPence"::text as "amountPence", a.status::text as status from "Award" a join "Pot" p on p.id = a."potId" where a."caseId" = $1::uuid order by a."createdAt", a.id`,
        [caseId],
      );
      const [refused] = await sql.rows<{ data: { reasons?: { key: string; params: Record<string, string> }[] } }>(
        `select data from "CaseEvent" where "caseId" = $1::uuid and kind = 'referral.direct-award-refused' order by "createdAt" desc, id desc limit 1`,
        [caseId],
      );
      return { ...row!, followedById: raw.followedById, yours, awards: awards.map((a) => ({ ...a, amountPence: BigInt(a.amountPence) })), directAwardRefusals: refused?.data.reasons ?? [] };
    },
    actor.user.userId,
  );
}

/** The colleagues a referral can be handed to: active referrers of the same organisation in this council, not the member. */
export async function colleaguesOf(actor: TReferrerActor): Promise<{ userId: string; name: string; email: string }[]> {
  if (!can(actor, "referrals:read-own") || !actor.organisationId) return [];
  return withTenantSql(
    actor.council.id,
    (sql) =>
      sql.rows<{ userId: string; name: string; email: string }>(
        `select u.id as "userId", u.name, u.email from "Membership" m join "User" u on u.id = m."userId"
         where m."tenantId" = $1::uuid and m."organisationId" = $2::uuid and m.role = 'REFERRER' and m.status = 'ACTIVE' and u."deactivatedAt" is null and u.id <> $3::uuid
         order by u.name, u.email`,
        [actor.council.id, actor.organisationId, actor.user.userId],
      ),
    actor.user.userId,
  );
}

export type TAllowance = { id: string; name: string; availablePence: bigint; maxSingleAwardPence: bigint | null; eligibleNeeds: string[] };

/** The allowances the organisation may spend (pots it owns, open to referrals), with what is left. */
export async function allowancesOf(actor: TReferrerActor): Promise<TAllowance[]> {
  if (!can(actor, "referrals:read-own") || !actor.organisationId) return [];
  const rows = await withTenantSql(
    actor.council.id,
    (sql) =>
      sql.rows<{ id: string; name: string; available: string; max: string | null; eligibleNeeds: string[] }>(
        `select p.id, p.name, coalesce(a."balancePence", 0)::text as available, p."maxSingleAwardPence"::text as max, p."eligibleNeeds"
         from "Pot" p left join "LedgerAccount" a on a."potId" = p.id and a.kind = 'AVAILABLE'
         where p."tenantId" = $1::uuid and p."ownerOrganisationId" = $2::uuid and p.active order by p.name`,
        [actor.council.id, actor.organisationId],
      ),
    actor.user.userId,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, availablePence: BigInt(r.available), maxSingleAwardPence: r.max === null ? null : BigInt(r.max), eligibleNeeds: r.eligibleNeeds }));
}
