import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import type { TIsoDate } from "@/lib/calendar/working-days";
import type { TPriorityBand } from "@/lib/cases/priority";
import type { TCaseActor } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

// The award lines waiting for an approver (above the officer's limit), most pressing first: the
// case's priority (urgent band first, then score), then its SLA due date (the resident hears
// nothing until the line is approved, so the clock still runs), then the oldest. For APPROVERs of
// this council only (row-level security keeps it to the council; the permission is checked here
// too). Paginated in the database; only the columns the page shows are read.

export const AWAITING_PAGE_SIZE = 25;
/** Counted up to here ("1,000 or more"), so the navigation's count stays cheap. */
export const AWAITING_COUNT_CAP = 1_000;

export const ZAwaitingQuery = z.object({
  page: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1).max(100_000).optional()).catch(undefined),
});

export type TAwaitingRow = {
  awardId: string;
  caseId: string;
  caseReference: string;
  fullName: string;
  needCategory: string;
  amountPence: bigint;
  potName: string;
  /** The pot's money not yet committed to awards (its AVAILABLE account). */
  potAvailablePence: bigint;
  proposedById: string;
  proposedByName: string;
  proposedAt: Date;
  priorityBand: TPriorityBand;
  priorityScore: number;
  priorityReasons: string[];
  /** The case's SLA due date (London, YYYY-MM-DD). */
  slaDueOn: TIsoDate;
};

/** Urgent band first (a band kept from before a settings change still counts), then score, SLA due, oldest. */
const AWAITING_ORDER = `(c."priorityBand" = 'URGENT') desc, c."priorityScore" desc, c."slaDueOn" asc, a."createdAt" asc, a.id asc`;

export type TAwaitingPage = { rows: TAwaitingRow[]; page: number; pageSize: number; hasNext: boolean; total: number; totalCapped: boolean };

type TRaw = Omit<TAwaitingRow, "amountPence" | "potAvailablePence"> & { amountPence: string; potAvailablePence: string };

/** One page of the lines awaiting approval; null for anyone without awards:approve. */
export async function listAwaitingApproval(actor: TCaseActor, rawQuery: unknown = {}): Promise<TAwaitingPage | null> {
  if (!can(actor.roles, "awards:approve")) return null;
  const page = ZAwaitingQuery.parse(rawQuery ?? {}).page ?? 1;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const rows = await sql.rows<TRaw>(
        `select a.id as "awardId", a."caseId", c.reference as "caseReference", c."fullName", a."needCategory", a."amountPence"::text as "amountPence",
                p.name as "potName", coalesce(l."balancePence", 0)::text as "potAvailablePence",
                a."proposedById", u.name as "proposedByName", a."createdAt" as "proposedAt",
                c."priorityBand", c."priorityScore", c."priorityReasons", to_char(c."slaDueOn", 'YYYY-MM-DD') as "slaDueOn"
         from "Award" a
         join "Case" c on c.id = a."caseId"
         join "Pot" p on p.id = a."potId"
         join "User" u on u.id = a."proposedById"
         left join "LedgerAccount" l on l."fundId" = p."fundId" and l."potId" = p.id and l.kind = 'AVAILABLE'
         where a."tenantId" = $1::uuid and a.status = 'AWAITING_APPROVAL'
         order by ${AWAITING_ORDER}
         limit $2 offset $3`,
        [actor.council.id, AWAITING_PAGE_SIZE + 1, (page - 1) * AWAITING_PAGE_SIZE],
      );
      const count = await countIn(sql, actor.council.id);
      return {
        rows: rows.slice(0, AWAITING_PAGE_SIZE).map((r) => ({ ...r, amountPence: BigInt(r.amountPence), potAvailablePence: BigInt(r.potAvailablePence) })),
        page,
        pageSize: AWAITING_PAGE_SIZE,
        hasNext: rows.length > AWAITING_PAGE_SIZE,
        total: Math.min(count, AWAITING_COUNT_CAP),
        totalCapped: count > AWAITING_COUNT_CAP,
      };
    },
    actor.user.userId,
  );
}

async function countIn(sql: { rows<R>(t: string, v: readonly unknown[]): Promise<R[]> }, tenantId: string): Promise<number> {
  const [row] = await sql.rows<{ n: number }>(
    `select count(*)::int as n from (select 1 from "Award" where "tenantId" = $1::uuid and status = 'AWAITING_APPROVAL' limit $2) t`,
    [tenantId, AWAITING_COUNT_CAP + 1],
  );
  return row!.n;
}

/** How many lines wait (for the staff navigation); null for anyone without awards:approve. */
export async function countAwaitingApproval(actor: TCaseActor): Promise<{ count: number; capped: boolean } | null> {
  if (!can(actor.roles, "awards:approve")) return null;
  const n = await withTenantSql(actor.council.id, (sql) => countIn(sql, actor.council.id), actor.user.userId);
  return { count: Math.min(n, AWAITING_COUNT_CAP), capped: n > AWAITING_COUNT_CAP };
}

export type TAwardVerdict = { status: "AWAITING_APPROVAL" | "APPROVED" | "CANCELLED" | "PROPOSED"; byName: string | null; at: Date | null; rejected: boolean };

/**
 * Where a line stands now and who last moved it: for telling an approver who lost a race who
 * decided it ("Sam Approver has already approved this award"). Null: not this council's line.
 */
export async function awardVerdict(actor: TCaseActor, awardId: string): Promise<TAwardVerdict | null> {
  if (!can(actor.roles, "awards:approve") || !/^[0-9a-f-]{36}$/i.test(awardId)) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const [row] = await sql.rows<{ status: TAwardVerdict["status"]; byName: string | null; at: Date | null; kind: string | null }>(
        `select a.status, u.name as "byName", e."createdAt" as at, e.kind
         from "Award" a
         left join lateral (select ev."actorUserId", ev."createdAt", ev.kind from "CaseEvent" ev
                            where ev."caseId" = a."caseId" and ev.kind like 'award.%' and ev.data->>'awardId' = a.id::text
                            order by ev."createdAt" desc, ev.id desc limit 1) e on true
         left join "User" u on u.id = e."actorUserId"
         where a.id = $1::uuid`,
        [awardId],
      );
      return row ? { status: row.status, byName: row.byName, at: row.at, rejected: row.kind === "award.rejected" } : null;
    },
    actor.user.userId,
  );
}

export type TAwardSummary = {
  awardId: string;
  caseId: string;
  caseReference: string;
  fullName: string;
  caseStatus: string;
  caseOfficerName: string | null;
  needCategory: string;
  amountPence: bigint;
  status: TAwardVerdict["status"];
  potName: string;
  potAvailablePence: bigint;
  proposedById: string;
  proposedByName: string;
  proposedAt: Date;
};

/** One line as the approver sees it (the reject page, banners, the not-enough-money message); null: not this council's. */
export async function awardSummary(actor: TCaseActor, awardId: string): Promise<TAwardSummary | null> {
  if (!can(actor.roles, "awards:approve") || !/^[0-9a-f-]{36}$/i.test(awardId)) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const [row] = await sql.rows<Omit<TAwardSummary, "amountPence" | "potAvailablePence"> & { amountPence: string; potAvailablePence: string }>(
        `select a.id as "awardId", a."caseId", c.reference as "caseReference", c."fullName", c.status as "caseStatus", o.name as "caseOfficerName",
                a."needCategory", a."amountPence"::text as "amountPence", a.status, p.name as "potName", coalesce(l."balancePence", 0)::text as "potAvailablePence",
                a."proposedById", u.name as "proposedByName", a."createdAt" as "proposedAt"
         from "Award" a join "Case" c on c.id = a."caseId" join "Pot" p on p.id = a."potId" join "User" u on u.id = a."proposedById"
         left join "User" o on o.id = c."assignedToId"
         left join "LedgerAccount" l on l."fundId" = p."fundId" and l."potId" = p.id and l.kind = 'AVAILABLE'
         where a.id = $1::uuid`,
        [awardId],
      );
      return row ? { ...row, amountPence: BigInt(row.amountPence), potAvailablePence: BigInt(row.potAvailablePence) } : null;
    },
    actor.user.userId,
  );
}

/** The staff navigation's counts for this person ("Awaiting approval (3)"); nothing for non-approvers. */
export async function navigationCounts(access: { council: { id: string }; user: { userId: string; email: string }; roles: readonly string[] }): Promise<Record<string, string>> {
  const waiting = await countAwaitingApproval({ council: { id: access.council.id }, user: { userId: access.user.userId, email: access.user.email }, roles: access.roles });
  if (!waiting) return {};
  return { "staff/cases/awaiting-approval": waiting.capped ? `${AWAITING_COUNT_CAP.toLocaleString("en-GB")}+` : String(waiting.count) };
}
