// Duplicate detection when an application arrives, from any channel: recordApplication (the one
// writer of applications) calls it in its own transaction with the new application's keys
// (lib/cases/same-person.ts matchKeysOf). Each key is one index lookup on Application
// (migration 20261206062638_duplicates); the rule says why each candidate matched
// (duplicateReasons), a CaseMatch row keeps it, and the new case is flagged for the queue.
// Another council's applications are invisible (row-level security, and the tenant is named).
// docs/duplicates.md.
import { type ExpressionBuilder, sql as q, type SqlBool } from "kysely";
import { duplicateReasons, type TDuplicateReason, type TMatchKeys } from "@/lib/cases/same-person";
import { type DB, queryBuilder } from "@/lib/db/kysely";
import type { TSql } from "@/lib/db/sql";

/** At most this many earlier applications are kept as matches of one new one (the newest). */
export const MAX_MATCHES = 25;

type TAppAs = DB & { a: DB["Application"] };

/** Any key equal: each arm is an index lookup (tenantId + key), joined by the planner as a BitmapOr. */
function anyKeyEqual(eb: ExpressionBuilder<TAppAs, "a">, keys: TMatchKeys) {
  const or: ReturnType<typeof eb.and>[] = [];
  if (keys.nameKey) or.push(eb.and([eb("a.nameKey", "=", keys.nameKey), eb("a.dateOfBirth", "=", q<Date>`${keys.dateOfBirth}::date`)]));
  if (keys.emailKey) or.push(eb.and([eb("a.emailKey", "=", keys.emailKey)]));
  if (keys.phoneKey) or.push(eb.and([eb("a.phoneKey", "=", keys.phoneKey)]));
  if (keys.addressKey) or.push(eb.and([eb("a.addressKey", "=", keys.addressKey)]));
  if (keys.bankHash) or.push(eb.and([eb("a.bankHash", "=", keys.bankHash)]));
  return or.length ? eb.or(or) : q<SqlBool>`false`;
}

/** The statement that finds the candidates (pure: built, not run; the bench EXPLAINs and times it). */
export function duplicateCandidates(tenantId: string, applicationId: string, keys: TMatchKeys) {
  return queryBuilder
    .selectFrom("Application as a")
    .innerJoin("Case as c", "c.applicationId", "a.id")
    .select((eb) => [
      "a.id as applicationId",
      "c.id as caseId",
      "a.nameKey",
      q<string>`to_char(${eb.ref("a.dateOfBirth")}, 'YYYY-MM-DD')`.as("dateOfBirth"),
      "a.emailKey",
      "a.phoneKey",
      "a.addressKey",
      "a.bankHash",
    ])
    .where("a.tenantId", "=", tenantId)
    .where("a.id", "<>", applicationId)
    .where((eb) => anyKeyEqual(eb, keys))
    .orderBy("a.submittedAt", "desc")
    .limit(MAX_MATCHES);
}

export type TFoundMatch = { caseId: string; reasons: TDuplicateReason[] };

/** The council's other applications that may be this one again, with why (nothing written). */
export async function findDuplicates(sql: TSql, tenantId: string, applicationId: string, keys: TMatchKeys): Promise<TFoundMatch[]> {
  const rows = await sql.db.executeQuery(duplicateCandidates(tenantId, applicationId, keys).compile());
  return rows.rows.map((r) => ({ caseId: r.caseId, reasons: duplicateReasons(keys, r) })).filter((m) => m.reasons.length > 0);
}

/**
 * Finds the duplicates of a just-recorded application and keeps them: one CaseMatch per earlier
 * case (OPEN), and the new case flagged as a possible duplicate. Returns what it found.
 */
export async function recordDuplicates(sql: TSql, tenantId: string, created: { applicationId: string; caseId: string }, keys: TMatchKeys): Promise<TFoundMatch[]> {
  const found = await findDuplicates(sql, tenantId, created.applicationId, keys);
  if (!found.length) return found;
  await sql.db
    .insertInto("CaseMatch")
    .values(
      found.map((m) => ({
        id: q<string>`gen_random_uuid()`,
        tenantId,
        caseId: created.caseId,
        matchedCaseId: m.caseId,
        reasons: q<string[]>`${m.reasons}::text[]`,
      })),
    )
    .onConflict((oc) => oc.columns(["tenantId", "caseId", "matchedCaseId"]).doNothing())
    .execute();
  await sql.db.updateTable("Case").set({ possibleDuplicate: true }).where("id", "=", created.caseId).execute();
  return found;
}
