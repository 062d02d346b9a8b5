import "server-only";
import { type ExpressionBuilder, sql as q } from "kysely";
import { actorUserId, staffActor, type TActor } from "@/lib/actor";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import type { TIsoDate } from "@/lib/calendar/working-days";
import type { TPriorityBand } from "@/lib/triage/priority";
import type { DB, TDb } from "@/lib/db/kysely";
import type { TSql } from "@/lib/db/sql";
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
  /** Officer-assisted applications: who entered it (they may not approve it: four eyes); null otherwise. */
  enteredById: string | null;
  enteredByName: string | null;
  priorityBand: TPriorityBand;
  priorityScore: number;
  priorityReasons: string[];
  /** The case's SLA due date (London, YYYY-MM-DD). */
  slaDueOn: TIsoDate;
  /** An officer chose the pot although its rules said no: why, and which rules (docs/eligibility.md). */
  overrideReason: string | null;
  overriddenRules: string[] | null;
};

export type TAwaitingPage = { rows: TAwaitingRow[]; page: number; pageSize: number; hasNext: boolean; total: number; totalCapped: boolean };

/** The pot's money not yet committed to awards: its AVAILABLE account's balance (none yet: 0). */
const potAvailable = (eb: ExpressionBuilder<DB, "LedgerAccount">) => q<bigint>`coalesce(${eb.ref("LedgerAccount.balancePence")}, 0)`;

/** An award line with its case, its pot, who proposed it, and the pot's AVAILABLE account: what the approvals list and one line's summary both read. */
function awardsWithPot(db: TDb) {
  return db
    .selectFrom("Award as a")
    .innerJoin("Case as c", "c.id", "a.caseId")
    .innerJoin("Pot as p", "p.id", "a.potId")
    .innerJoin("User as u", "u.id", "a.proposedById")
    .leftJoin("Application as ap", "ap.id", "c.applicationId")
    .leftJoin("User as eu", "eu.id", "ap.enteredById")
    .leftJoin("LedgerAccount", (j) => j.onRef("LedgerAccount.fundId", "=", "p.fundId").onRef("LedgerAccount.potId", "=", "p.id").on("LedgerAccount.kind", "=", "AVAILABLE"));
}

/** One page of the lines awaiting approval; null for anyone without awards:approve. */
export async function listAwaitingApproval(actor: TActor, rawQuery: unknown = {}): Promise<TAwaitingPage | null> {
  if (!can(actor, "awards:approve")) return null;
  const page = ZAwaitingQuery.parse(rawQuery ?? {}).page ?? 1;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const rows: TAwaitingRow[] = await awardsWithPot(sql.db)
        .select((eb) => [
          "a.id as awardId",
          "a.caseId",
          "c.reference as caseReference",
          "c.fullName",
          "a.needCategory",
          "a.amountPence",
          "p.name as potName",
          potAvailable(eb).as("potAvailablePence"),
          "a.proposedById",
          "u.name as proposedByName",
          "a.createdAt as proposedAt",
          "ap.enteredById",
          "eu.name as enteredByName",
          "c.priorityBand",
          "c.priorityScore",
          "c.priorityReasons",
          q<TIsoDate>`to_char(${eb.ref("c.slaDueOn")}, 'YYYY-MM-DD')`.as("slaDueOn"),
          "a.overrideReason",
          "a.overriddenRules",
        ])
        .where("a.tenantId", "=", actor.council.id)
        .where("a.status", "=", "AWAITING_APPROVAL")
        // Urgent band first (a band kept from before a settings change still counts), then score, SLA due, oldest.
        .orderBy((eb) => q<boolean>`${eb.ref("c.priorityBand")} = 'URGENT'`, "desc")
        .orderBy("c.priorityScore", "desc")
        .orderBy("c.slaDueOn", "asc")
        .orderBy("a.createdAt", "asc")
        .orderBy("a.id", "asc")
        .limit(AWAITING_PAGE_SIZE + 1)
        .offset((page - 1) * AWAITING_PAGE_SIZE)
        .execute();
      const count = await countIn(sql, actor.council.id);
      return {
        rows: rows.slice(0, AWAITING_PAGE_SIZE),
        page,
        pageSize: AWAITING_PAGE_SIZE,
        hasNext: rows.length > AWAITING_PAGE_SIZE,
        total: Math.min(count, AWAITING_COUNT_CAP),
        totalCapped: count > AWAITING_COUNT_CAP,
      };
    },
    actorUserId(actor),
  );
}

async function countIn(sql: TSql, tenantId: string): Promise<number> {
  const row = await sql.db
    .selectFrom((db) =>
      db
        .selectFrom("Award")
        .select(q<number>`1`.as("one"))
        .where("tenantId", "=", tenantId)
        .where("status", "=", "AWAITING_APPROVAL")
        .limit(AWAITING_COUNT_CAP + 1)
        .as("t"),
    )
    .select(q<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** How many lines wait (for the staff navigation); null for anyone without awards:approve. */
export async function countAwaitingApproval(actor: TActor): Promise<{ count: number; capped: boolean } | null> {
  if (!can(actor, "awards:approve")) return null;
  const n = await withTenantSql(actor.council.id, (sql) => countIn(sql, actor.council.id), actorUserId(actor));
  return { count: Math.min(n, AWAITING_COUNT_CAP), capped: n > AWAITING_COUNT_CAP };
}

export type TAwardVerdict = { status: "AWAITING_APPROVAL" | "APPROVED" | "CANCELLED" | "PROPOSED"; byName: string | null; at: Date | null; rejected: boolean };

/**
 * Where a line stands now and who last moved it: for telling an approver who lost a race who
 * decided it ("Sam Approver has already approved this award"). Null: not this council's line.
 */
export async function awardVerdict(actor: TActor, awardId: string): Promise<TAwardVerdict | null> {
  if (!can(actor, "awards:approve") || !/^[0-9a-f-]{36}$/i.test(awardId)) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const row = await sql.db
        .selectFrom("Award as a")
        .leftJoinLateral(
          (eb) =>
            eb
              .selectFrom("CaseEvent as ev")
              .select(["ev.actorUserId", "ev.createdAt", "ev.kind"])
              .whereRef("ev.caseId", "=", "a.caseId")
              .where("ev.kind", "like", "award.%")
              .where((eb) => eb(q<string>`${eb.ref("ev.data")}->>'awardId'`, "=", q<string>`${eb.ref("a.id")}::text`))
              .orderBy("ev.createdAt", "desc")
              .orderBy("ev.id", "desc")
              .limit(1)
              .as("e"),
          (join) => join.onTrue(),
        )
        .leftJoin("User as u", "u.id", "e.actorUserId")
        .select(["a.status", "u.name as byName", "e.createdAt as at", "e.kind"])
        .where("a.id", "=", awardId)
        .executeTakeFirst();
      return row ? { status: row.status, byName: row.byName, at: row.at, rejected: row.kind === "award.rejected" } : null;
    },
    actorUserId(actor),
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
export async function awardSummary(actor: TActor, awardId: string): Promise<TAwardSummary | null> {
  if (!can(actor, "awards:approve") || !/^[0-9a-f-]{36}$/i.test(awardId)) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const row: TAwardSummary | undefined = await awardsWithPot(sql.db)
        .leftJoin("User as o", "o.id", "c.assignedToId")
        .select((eb) => [
          "a.id as awardId",
          "a.caseId",
          "c.reference as caseReference",
          "c.fullName",
          "c.status as caseStatus",
          "o.name as caseOfficerName",
          "a.needCategory",
          "a.amountPence",
          "a.status",
          "p.name as potName",
          potAvailable(eb).as("potAvailablePence"),
          "a.proposedById",
          "u.name as proposedByName",
          "a.createdAt as proposedAt",
        ])
        .where("a.id", "=", awardId)
        .executeTakeFirst();
      return row ?? null;
    },
    actorUserId(actor),
  );
}

/** The staff navigation's counts for this person ("Awaiting approval (3)"); nothing for non-approvers. */
export async function navigationCounts(access: { council: { id: string }; user: { userId: string; email: string }; roles: readonly string[] }): Promise<Record<string, string>> {
  const waiting = await countAwaitingApproval(staffActor(access));
  if (!waiting) return {};
  return { "staff/cases/awaiting-approval": waiting.capped ? `${AWAITING_COUNT_CAP.toLocaleString("en-GB")}+` : String(waiting.count) };
}
