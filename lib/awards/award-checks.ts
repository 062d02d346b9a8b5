import "server-only";
import { sql as q } from "kysely";
import { actorUserId, type TActor } from "@/lib/actor";
// The one server-side check before money goes out to a household: it loads, in the caller's
// transaction, the facts the pure rules need (lib/awards/pot-rules.ts) and runs them. An
// officer's decision (lib/decisions/decide-case.ts) and an approval (lib/awards/approve-award.ts) go
// through it today; the partner's direct award, the API and payment batches are to call the same
// functions. docs/decisions/0017-pot-rules-and-household-limits.md.
import { householdTypesOf } from "@/lib/applications/policy";
import { readAward } from "@/lib/awards/transition";
import { awardsInWindow, checkLines, overridableVerdict, potVerdict, type TEarlierAward, type THouseholdFacts, type TLinesCheck, type TPotFacts, type TPotVerdict, type TProposedLine } from "@/lib/awards/pot-rules";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { can } from "@/lib/auth/permissions";
import { samePersonIn } from "@/lib/cases/person-history";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { ACCESS_ROUTE_OF_CHANNEL } from "@/lib/vocabulary";

/** The household's answers that pot rules read, as corrected by officers (latest amendment of each field wins). */
const HOUSEHOLD_FIELDS = ["household.adults", "household.pregnant", "household.overPensionAge", "household.disabilityOrIllness", "income.noRecourseToPublicFunds", "income.benefits"] as const;

async function householdOf(sql: TSql, caseId: string): Promise<THouseholdFacts | null> {
  const row = await sql.db
    .selectFrom("Case as c")
    .innerJoin("Application as a", "a.id", "c.applicationId")
    .select((eb) => [
      "c.channel",
      "c.organisationId",
      "a.data",
      eb
        .selectFrom("CaseAmendment as m")
        .select((m) => q<{ field: string; value: unknown }[]>`json_agg(json_build_object('field', ${m.ref("m.field")}, 'value', ${m.ref("m.newValue")}) order by ${m.ref("m.createdAt")}, ${m.ref("m.id")})`.as("amendments"))
        .whereRef("m.caseId", "=", "c.id")
        .where("m.field", "in", HOUSEHOLD_FIELDS)
        .as("amendments"),
    ])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  if (!row) return null;
  const data = (row.data ?? {}) as Parameters<typeof householdTypesOf>[0] & { income?: { noRecourseToPublicFunds?: string; benefits?: string[] } };
  const amended = row.amendments ?? [];
  const householdAmended = amended.filter((m) => m.field.startsWith("household."));
  const household = data.household || householdAmended.length ? { ...data.household } : undefined;
  const income = { ...data.income };
  for (const m of amended) {
    const [part, name] = m.field.split(".") as [string, string];
    (part === "household" ? (household as Record<string, unknown>) : (income as Record<string, unknown>))[name] = m.value;
  }
  return {
    householdTypes: householdTypesOf({ household, income }),
    accessRoute: ACCESS_ROUTE_OF_CHANNEL[row.channel],
    organisationId: row.organisationId,
    noRecourseToPublicFunds: income.noRecourseToPublicFunds ?? null,
    benefits: income.benefits ?? null,
  };
}

type TPotRow = Omit<TPotFacts, "fund"> & { fundStatus: string; periodStart: string; periodEnd: string; fundName: string; publicFunds: boolean };

const potOf = ({ fundStatus, periodStart, periodEnd, publicFunds, ...pot }: TPotRow): TPotFacts & { fundName: string } => ({ ...pot, fund: { status: fundStatus, periodStart, periodEnd, publicFunds } });

/** Pots with their fund's state and their money not yet committed (AVAILABLE; no account yet: 0). */
function potsQuery(sql: TSql) {
  return sql.db
    .selectFrom("Pot as p")
    .innerJoin("Fund as f", "f.id", "p.fundId")
    .leftJoin("LedgerAccount as a", (j) => j.onRef("a.potId", "=", "p.id").on("a.kind", "=", "AVAILABLE"))
    .select((eb) => [
      "p.id",
      "p.name",
      "p.active",
      "p.eligibleNeeds",
      "p.eligibleHouseholdTypes",
      "p.accessRoutes",
      "p.ownerOrganisationId",
      "p.maxSingleAwardPence",
      "p.maxAwardsPerHousehold",
      "p.repeatWindowDays",
      "p.housingPayment",
      "f.publicFunds",
      q<bigint>`coalesce(${eb.ref("a.balancePence")}, 0)`.as("availablePence"),
      "f.status as fundStatus",
      q<string>`to_char(${eb.ref("f.periodStart")}, 'YYYY-MM-DD')`.as("periodStart"),
      q<string>`to_char(${eb.ref("f.periodEnd")}, 'YYYY-MM-DD')`.as("periodEnd"),
      "f.name as fundName",
    ]);
}

async function loadPots(sql: TSql, potIds: readonly string[] | "all"): Promise<(TPotFacts & { fundName: string })[]> {
  const ids = potIds === "all" ? [] : potIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const rows: TPotRow[] =
    potIds === "all"
      ? await potsQuery(sql).orderBy("f.name").orderBy("p.name").orderBy("p.id").execute()
      : ids.length
        ? await potsQuery(sql).where("p.id", "in", ids).execute()
        : [];
  return rows.map(potOf);
}

/**
 * Serialises every check-then-award for one person (the same-person rule needs the same date of
 * birth), so two decisions for the same household at once cannot both take its last award from
 * a once-a-year pot. Taken before any row lock of the transaction.
 */
async function lockHousehold(sql: TSql, tenantId: string, dateOfBirth: string): Promise<void> {
  await sql.db.selectNoFrom(q<string>`pg_advisory_xact_lock(hashtextextended(${`household:${tenantId}:${dateOfBirth}`}, 0))::text`.as("locked")).execute();
}

/** The household's standing awards (approved or waiting; cancelled ones do not count), on this case and the same person's other cases. */
async function standingAwards(sql: TSql, caseIds: readonly string[], thisCaseId: string, except: string | null): Promise<(TEarlierAward & { caseId: string })[]> {
  let query = sql.db
    .selectFrom("Award")
    .select(["id", "caseId", "potId", "amountPence", "createdAt as at"])
    .where("caseId", "in", caseIds)
    .where("status", "in", ["APPROVED", "AWAITING_APPROVAL"]);
  if (except !== null) query = query.where("id", "<>", except);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, caseId: r.caseId, potId: r.potId, amountPence: r.amountPence, at: new Date(r.at), sameCase: r.caseId === thisCaseId }));
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

/** The Award columns that keep the household and route a line was decided with (docs/funder-returns.md). */
export function awardHousehold(household: THouseholdFacts): { householdTypes: string[]; accessRoute: string } {
  return { householdTypes: [...household.householdTypes], accessRoute: household.accessRoute };
}

/**
 * Checks a decision's award lines for the case's household, in the caller's transaction. When a
 * pot's rules count the household's other awards, the household's lock is held until the
 * transaction ends (call it before writing anything). null: no such case.
 */
export async function checkAwardLines(
  sql: TSql,
  tenantId: string,
  caseId: string,
  lines: readonly TProposedLine[],
  now = new Date(),
): Promise<(TLinesCheck & { household: THouseholdFacts }) | null> {
  const pots = await loadPots(sql, [...new Set(lines.map((l) => l.potId))]);
  const facts = await factsOf(sql, tenantId, caseId, { lock: pots.some(countsEarlierAwards), except: null });
  if (!facts) return null;
  // The household as checked: the award lines keep it (awardHousehold), so the funder's return
  // counts them as they were decided.
  return { ...checkLines({ pots, household: facts.household, earlier: facts.earlier, lines, today: londonIsoDate(now), now }), household: facts.household };
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
  award: { id: string; caseId: string; potId: string; needCategory: string; amountPence: bigint; overriddenRules?: readonly string[] | null },
  { lock = true, now = new Date() }: { lock?: boolean; now?: Date } = {},
): Promise<TLinesCheck | null> {
  const pots = await loadPots(sql, [award.potId]);
  const facts = await factsOf(sql, tenantId, award.caseId, { lock: lock && pots.some(countsEarlierAwards), except: award.id });
  if (!facts) return null;
  // The rules the officer overrode with a reason (and this approval accepts), and no others.
  const line = { potId: award.potId, needCategory: award.needCategory, amountPence: award.amountPence, overrides: award.overriddenRules ?? [] };
  return checkLines({ pots, household: facts.household, earlier: facts.earlier, lines: [line], today: londonIsoDate(now), now });
}

/**
 * What stops a waiting award from being approved now, for the approver's page after a refused
 * approval (the words come from the same check the approval ran). null: not found or not allowed.
 */
export async function approvalProblems(actor: TActor, awardId: string): Promise<TLinesCheck | null> {
  if (!can(actor, "awards:approve")) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const award = await readAward(sql, awardId);
      return award ? checkAwardApproval(sql, actor.council.id, award, { lock: false }) : null;
    },
    actorUserId(actor),
  );
}

/** open: the pot is active and its fund too (the eligibility panel lists those); overridable: ineligible only for rules an officer may override with a reason. */
export type TPotChoice = { id: string; name: string; fundName: string; availablePence: bigint; maxSingleAwardPence: bigint | null; verdict: TPotVerdict; open: boolean; overridable: boolean };

/**
 * Every pot of the council with its verdict for this case's household (the decision form offers
 * the eligible ones; the reasons are there for the pages that show them). null: not found or not allowed.
 */
export async function potChoicesForCase(actor: TActor, caseId: string, now = new Date()): Promise<TPotChoice[] | null> {
  if (!can(actor, "cases:work") || !/^[0-9a-f-]{36}$/i.test(caseId)) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const facts = await factsOf(sql, actor.council.id, caseId, { lock: false, except: null });
      if (!facts) return null;
      const pots = await loadPots(sql, "all");
      return pots.map((p) => {
        const verdict = potVerdict(p, facts.household, facts.earlier, londonIsoDate(now), now);
        return {
          id: p.id,
          name: p.name,
          fundName: p.fundName,
          availablePence: p.availablePence,
          maxSingleAwardPence: p.maxSingleAwardPence,
          verdict,
          open: p.active && p.fund.status === "ACTIVE",
          overridable: overridableVerdict(verdict),
        };
      });
    },
    actorUserId(actor),
  );
}

/** The pots the decision form offers for this case: only those eligible for its household now. */
export async function eligiblePotsForCase(actor: TActor, caseId: string): Promise<TPotChoice[]> {
  return ((await potChoicesForCase(actor, caseId)) ?? []).filter((p) => p.verdict.eligible);
}

export type TRepeat = { awardId: string; caseId: string; potId: string; potName: string; amountPence: bigint; at: Date; repeatWindowDays: number };

/**
 * Repeats: the household's standing awards on its other cases that still fall within their pot's
 * repeat window now, from the same facts the award checks read (the same person, the same
 * window), for the duplicates panel. Pots without a repeat window are left out.
 */
export async function repeatsForCase(sql: TSql, tenantId: string, caseId: string, now = new Date()): Promise<TRepeat[]> {
  const facts = await factsOf(sql, tenantId, caseId, { lock: false, except: null });
  const others = (facts?.earlier ?? []).filter((a) => !a.sameCase) as (TEarlierAward & { caseId: string })[];
  if (!others.length) return [];
  const pots = await loadPots(sql, [...new Set(others.map((a) => a.potId))]);
  return pots.flatMap((p) =>
    p.repeatWindowDays === null
      ? []
      : (awardsInWindow(p, others, now) as (TEarlierAward & { caseId: string })[]).map((a) => ({ awardId: a.id, caseId: a.caseId, potId: p.id, potName: p.name, amountPence: a.amountPence, at: a.at, repeatWindowDays: p.repeatWindowDays! })),
  );
}
