import "server-only";
// The one server-side check before money goes out to a household: it loads, in the caller's
// transaction, the facts the pure rules need (lib/awards/pot-rules.ts) and runs them. An
// officer's decision (lib/cases/decide-case.ts) and an approval (lib/awards/approve-award.ts) go
// through it today; the partner's direct award, the API and payment batches are to call the same
// functions. docs/decisions/0017-pot-rules-and-household-limits.md.
import { householdTypesOf } from "@/lib/applications/policy";
import { readAward } from "@/lib/awards/transition";
import { checkLines, potVerdict, type TEarlierAward, type THouseholdFacts, type TLinesCheck, type TPotFacts, type TPotVerdict, type TProposedLine } from "@/lib/awards/pot-rules";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { can } from "@/lib/auth/permissions";
import { samePersonIn } from "@/lib/cases/person-history";
import type { TCaseActor } from "@/lib/cases/transition";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { ACCESS_ROUTE_OF_CHANNEL, type TApplicationChannel } from "@/lib/vocabulary";

/** The household's answers that pot rules read, as corrected by officers (latest amendment of each field wins). */
const HOUSEHOLD_FIELDS = ["household.adults", "household.pregnant", "household.overPensionAge", "household.disabilityOrIllness"] as const;

type THouseholdRow = { channel: TApplicationChannel; organisationId: string | null; data: unknown; amendments: { field: string; value: unknown }[] | null };

async function householdOf(sql: TSql, caseId: string): Promise<THouseholdFacts | null> {
  const [row] = await sql.rows<THouseholdRow>(
    `select c.channel, c."organisationId", a.data,
            (select json_agg(json_build_object('field', m.field, 'value', m."newValue") order by m."createdAt", m.id) from "CaseAmendment" m where m."caseId" = c.id and m.field = any($2::text[])) as amendments
     from "Case" c join "Application" a on a.id = c."applicationId" where c.id = $1::uuid`,
    [caseId, `{${HOUSEHOLD_FIELDS.join(",")}}`],
  );
  if (!row) return null;
  const data = (row.data ?? {}) as Parameters<typeof householdTypesOf>[0];
  const amended = row.amendments ?? [];
  const household = data.household || amended.length ? { ...data.household } : undefined;
  for (const m of amended) (household as Record<string, unknown>)[m.field.slice("household.".length)] = m.value;
  return { householdTypes: householdTypesOf({ household, income: data.income }), accessRoute: ACCESS_ROUTE_OF_CHANNEL[row.channel], organisationId: row.organisationId };
}

const POTS = `select p.id, p.name, p.active, p."eligibleNeeds", p."eligibleHouseholdTypes", p."accessRoutes", p."ownerOrganisationId",
    p."maxSingleAwardPence"::text as max, p."maxAwardsPerHousehold", p."repeatWindowDays", coalesce(a."balancePence", 0)::text as available,
    f.status as "fundStatus", to_char(f."periodStart", 'YYYY-MM-DD') as "periodStart", to_char(f."periodEnd", 'YYYY-MM-DD') as "periodEnd", f.name as "fundName"
  from "Pot" p join "Fund" f on f.id = p."fundId" left join "LedgerAccount" a on a."potId" = p.id and a.kind = 'AVAILABLE'`;

type TPotRow = Omit<TPotFacts, "maxSingleAwardPence" | "availablePence" | "fund"> & { max: string | null; available: string; fundStatus: string; periodStart: string; periodEnd: string; fundName: string };

const potOf = (r: TPotRow): TPotFacts & { fundName: string } => ({
  id: r.id,
  name: r.name,
  active: r.active,
  eligibleNeeds: r.eligibleNeeds,
  eligibleHouseholdTypes: r.eligibleHouseholdTypes,
  accessRoutes: r.accessRoutes,
  ownerOrganisationId: r.ownerOrganisationId,
  maxSingleAwardPence: r.max === null ? null : BigInt(r.max),
  maxAwardsPerHousehold: r.maxAwardsPerHousehold,
  repeatWindowDays: r.repeatWindowDays,
  availablePence: BigInt(r.available),
  fund: { status: r.fundStatus, periodStart: r.periodStart, periodEnd: r.periodEnd },
  fundName: r.fundName,
});

async function loadPots(sql: TSql, potIds: readonly string[] | "all"): Promise<(TPotFacts & { fundName: string })[]> {
  const rows =
    potIds === "all"
      ? await sql.rows<TPotRow>(`${POTS} order by f.name, p.name, p.id`, [])
      : await sql.rows<TPotRow>(`${POTS} where p.id = any($1::uuid[])`, [`{${potIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(",")}}`]);
  return rows.map(potOf);
}

/**
 * Serialises every check-then-award for one person (the same-person rule needs the same date of
 * birth), so two decisions for the same household at once cannot both take its last award from
 * a once-a-year pot. Taken before any row lock of the transaction.
 */
async function lockHousehold(sql: TSql, tenantId: string, dateOfBirth: string): Promise<void> {
  await sql.rows(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`household:${tenantId}:${dateOfBirth}`]);
}

/** The household's standing awards (approved or waiting; cancelled ones do not count), on this case and the same person's other cases. */
async function standingAwards(sql: TSql, caseIds: readonly string[], thisCaseId: string, except: string | null): Promise<(TEarlierAward & { caseId: string })[]> {
  const rows = await sql.rows<{ id: string; caseId: string; potId: string; amountPence: string; at: Date }>(
    `select id, "caseId", "potId", "amountPence"::text as "amountPence", "createdAt" as at from "Award"
     where "caseId" = any($1::uuid[]) and status in ('APPROVED', 'AWAITING_APPROVAL') and id <> coalesce($2::uuid, '00000000-0000-0000-0000-000000000000'::uuid)`,
    [`{${caseIds.join(",")}}`, except],
  );
  return rows.map((r) => ({ id: r.id, caseId: r.caseId, potId: r.potId, amountPence: BigInt(r.amountPence), at: new Date(r.at), sameCase: r.caseId === thisCaseId }));
}

type TFacts = { household: THouseholdFacts; earlier: TEarlierAward[] };

/** A pot whose rules look at the household's other awards: checking it against them and awarding must not interleave with another decision for the same household. */
const countsEarlierAwards = (p: TPotFacts) => p.maxAwardsPerHousehold !== null || p.repeatWindowDays !== null;

async function factsOf(sql: TSql, tenantId: string, caseId: string, { lock, except }: { lock: boolean; except: string | null }): Promise<TFacts | null> {
  const person = await samePersonIn(sql, caseId, { limit: null });
  if (!person) return null;
  if (lock) await lockHousehold(sql, tenantId, person.dateOfBirth);
  const household = await householdOf(sql, caseId);
  if (!household) return null;
  const caseIds = [caseId, ...person.matched.map((m) => m.c.caseId).filter((id): id is string => !!id)];
  return { household, earlier: await standingAwards(sql, caseIds, caseId, except) };
}

/**
 * Checks a decision's award lines for the case's household, in the caller's transaction. When a
 * pot's rules count the household's other awards, the household's lock is held until the
 * transaction ends (call it before writing anything). null: no such case.
 */
export async function checkAwardLines(sql: TSql, tenantId: string, caseId: string, lines: readonly TProposedLine[], now = new Date()): Promise<TLinesCheck | null> {
  const pots = await loadPots(sql, [...new Set(lines.map((l) => l.potId))]);
  const facts = await factsOf(sql, tenantId, caseId, { lock: pots.some(countsEarlierAwards), except: null });
  if (!facts) return null;
  return checkLines({ pots, household: facts.household, earlier: facts.earlier, lines, today: londonIsoDate(now), now });
}

/**
 * Checks that an award waiting for approval may still go out (the pot may have closed, the
 * fund's period ended, the household's window filled since it was proposed), as its own line
 * against everything else the household has standing. Holds the household's lock as
 * checkAwardLines does.
 */
export async function checkAwardApproval(
  sql: TSql,
  tenantId: string,
  award: { id: string; caseId: string; potId: string; needCategory: string; amountPence: bigint },
  { lock = true, now = new Date() }: { lock?: boolean; now?: Date } = {},
): Promise<TLinesCheck | null> {
  const pots = await loadPots(sql, [award.potId]);
  const facts = await factsOf(sql, tenantId, award.caseId, { lock: lock && pots.some(countsEarlierAwards), except: award.id });
  if (!facts) return null;
  return checkLines({ pots, household: facts.household, earlier: facts.earlier, lines: [award], today: londonIsoDate(now), now });
}

/**
 * What stops a waiting award from being approved now, for the approver's page after a refused
 * approval (the words come from the same check the approval ran). null: not found or not allowed.
 */
export async function approvalProblems(actor: TCaseActor, awardId: string): Promise<TLinesCheck | null> {
  if (!can(actor.roles, "awards:approve")) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const award = await readAward(sql, awardId);
      return award ? checkAwardApproval(sql, actor.council.id, award, { lock: false }) : null;
    },
    actor.user.userId,
  );
}

export type TPotChoice = { id: string; name: string; fundName: string; availablePence: bigint; maxSingleAwardPence: bigint | null; verdict: TPotVerdict };

/**
 * Every pot of the council with its verdict for this case's household (the decision form offers
 * the eligible ones; the reasons are there for the pages that show them). null: not found or not allowed.
 */
export async function potChoicesForCase(actor: TCaseActor, caseId: string, now = new Date()): Promise<TPotChoice[] | null> {
  if (!can(actor.roles, "cases:work") || !/^[0-9a-f-]{36}$/i.test(caseId)) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const facts = await factsOf(sql, actor.council.id, caseId, { lock: false, except: null });
      if (!facts) return null;
      const pots = await loadPots(sql, "all");
      return pots.map((p) => ({
        id: p.id,
        name: p.name,
        fundName: p.fundName,
        availablePence: p.availablePence,
        maxSingleAwardPence: p.maxSingleAwardPence,
        verdict: potVerdict(p, facts.household, facts.earlier, londonIsoDate(now), now),
      }));
    },
    actor.user.userId,
  );
}

/** The pots the decision form offers for this case: only those eligible for its household now. */
export async function eligiblePotsForCase(actor: TCaseActor, caseId: string): Promise<TPotChoice[]> {
  return ((await potChoicesForCase(actor, caseId)) ?? []).filter((p) => p.verdict.eligible);
}
