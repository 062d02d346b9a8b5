import "server-only";
// What the referrer's pages read: "my referrals" (the cases the member follows), "my
// organisation's referrals" (its lead only: the issue gives the lead the organisation's members,
// referrals and allowance), one referral, the colleagues it can be handed to, and the
// organisation's allowances. Every query runs inside withTenantSql (row-level security keeps it to
// the council in the URL) AND filters on the member's organisation explicitly: a referrer never
// sees applications from other routes, nor another organisation's referrals.
import { sql as q } from "kysely";
import type { TReferrerActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { loadCaseworkSettings, reasonCodeLabel } from "@/lib/cases/settings";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { latestCaseEventData } from "@/lib/timeline/case-events";

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
  const row = await sql.db
    .selectFrom("Membership as m")
    .innerJoin("Organisation as o", (j) => j.onRef("o.id", "=", "m.organisationId").onRef("o.tenantId", "=", "m.tenantId"))
    .select([
      "o.name as organisation",
      q<boolean>`bool_or(m."organisationLead")`.as("lead"),
      q<boolean>`coalesce(bool_or(m."trainingExpiresOn" >= ${londonIsoDate(new Date())}::date), false)`.as("trained"),
      q<string | null>`to_char(max(m."trainingExpiresOn"), 'YYYY-MM-DD')`.as("expires"),
    ])
    .where("m.tenantId", "=", actor.council.id)
    .where("m.userId", "=", actor.user.userId)
    .where("m.organisationId", "=", actor.organisationId)
    .where("m.role", "=", "REFERRER")
    .where("m.status", "=", "ACTIVE")
    .where("o.active", "=", true)
    .groupBy("o.name")
    .executeTakeFirst();
  return row ? { organisationId: actor.organisationId, organisation: row.organisation, lead: row.lead, trained: row.trained, trainingExpiresOn: row.expires } : null;
}

export async function referrerStanding(actor: TReferrerActor): Promise<TReferrerStanding | null> {
  if (!can(actor, "referrals:read-own")) return null;
  return withTenantSql(actor.council.id, (sql) => standingOf(sql, actor), actor.user.userId);
}

/** The referrals of the member's organisation in this council (referral channels only), with what the lists show. */
function referralsOf(sql: TSql, actor: TReferrerActor) {
  return sql.db
    .selectFrom("Case as c")
    .leftJoin("User as u", "u.id", "c.referrerUserId")
    .select([
      "c.id as caseId",
      "c.reference",
      "c.fullName as resident",
      "c.receivedAt as submittedAt",
      q<string>`c.status::text`.as("status"),
      "c.updatedAt as lastChangeAt",
      "c.decisionReasonCode as decision",
      "c.decisionExplanation as explanation",
      "u.name as followedBy",
      "c.referrerUserId as followedById",
      q<boolean>`'fast-track-referral' = any(c."priorityReasons")`.as("fastTrack"),
      q<string>`coalesce((select sum(a."amountPence") from "Award" a where a."caseId" = c.id and a.status in ('APPROVED', 'AWAITING_APPROVAL')), 0)::text`.as("awardedPence"),
      q<boolean>`exists (select 1 from "CaseEvent" e where e."caseId" = c.id and e.kind = 'referral.direct-award')`.as("directAward"),
    ])
    .where("c.tenantId", "=", actor.council.id)
    .where("c.organisationId", "=", actor.organisationId!)
    .where("c.channel", "in", ["REFERRAL_PORTAL", "REFERRAL_API"]);
}

type TRaw = Omit<TReferralRow, "awardedPence" | "submittedAt" | "lastChangeAt"> & { awardedPence: string; submittedAt: Date | string; lastChangeAt: Date | string; followedById: string | null };

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
      const raw = await referralsOf(sql, actor).where("c.referrerUserId", "=", actor.user.userId).orderBy("c.receivedAt", "desc").limit(ROWS_LIMIT).execute();
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
      const raw = await referralsOf(sql, actor).orderBy("c.receivedAt", "desc").limit(ROWS_LIMIT).execute();
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
      const raw = await referralsOf(sql, actor).where("c.id", "=", caseId).executeTakeFirst();
      if (!raw) return null;
      const yours = raw.followedById === actor.user.userId;
      if (!yours && !standing.lead) return null;
      const [row] = await rowsOf(sql, actor, [raw]);
      const awards = await sql.db
        .selectFrom("Award as a")
        .innerJoin("Pot as p", "p.id", "a.potId")
        .select(["a.id", "p.name as pot", "a.needCategory", "a.amountPence", "a.status"])
        .where("a.caseId", "=", caseId)
        .orderBy("a.createdAt")
        .orderBy("a.id")
        .execute();
      const refused = await latestCaseEventData(sql, caseId, "referral.direct-award-refused");
      const reasons = ((refused ?? {}) as { reasons?: { key: string; params: Record<string, string> }[] }).reasons ?? [];
      return { ...row!, followedById: raw.followedById, yours, awards, directAwardRefusals: reasons };
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
      sql.db
        .selectFrom("Membership as m")
        .innerJoin("User as u", "u.id", "m.userId")
        .select(["u.id as userId", "u.name", "u.email"])
        .where("m.tenantId", "=", actor.council.id)
        .where("m.organisationId", "=", actor.organisationId!)
        .where("m.role", "=", "REFERRER")
        .where("m.status", "=", "ACTIVE")
        .where("u.deactivatedAt", "is", null)
        .where("u.id", "<>", actor.user.userId)
        .orderBy("u.name")
        .orderBy("u.email")
        .execute(),
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
      sql.db
        .selectFrom("Pot as p")
        .leftJoin("LedgerAccount as a", (j) => j.onRef("a.potId", "=", "p.id").on("a.kind", "=", "AVAILABLE"))
        .select(["p.id", "p.name", q<string>`coalesce(a."balancePence", 0)::text`.as("available"), q<string | null>`p."maxSingleAwardPence"::text`.as("max"), "p.eligibleNeeds"])
        .where("p.tenantId", "=", actor.council.id)
        .where("p.ownerOrganisationId", "=", actor.organisationId!)
        .where("p.active", "=", true)
        .orderBy("p.name")
        .execute(),
    actor.user.userId,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, availablePence: BigInt(r.available), maxSingleAwardPence: r.max === null ? null : BigInt(r.max), eligibleNeeds: r.eligibleNeeds }));
}
