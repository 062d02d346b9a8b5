import "server-only";
import { sql as q } from "kysely";
import { actorUserId, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { repeatsForCase } from "@/lib/awards/award-checks";
import type { TDuplicateReason } from "@/lib/cases/same-person";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";

// What the case page's "Possible duplicates" panel shows: the matches found when either case
// arrived (lib/intake/duplicates.ts), each with the other case's reference, status and awards;
// the household's repeats (lib/awards/award-checks.ts repeatsForCase); and, for a case closed as a
// duplicate, its original. Another council's cases are invisible (row-level security).

export type TMatchAward = { potName: string; amountPence: bigint; status: string };
export type TPanelMatch = {
  id: string;
  /** The other case: "earlier" when this case was matched against it on arrival, "later" when it was matched against this one. */
  direction: "earlier" | "later";
  otherCaseId: string;
  reference: string;
  fullName: string;
  caseStatus: string;
  receivedAt: Date;
  reasons: TDuplicateReason[];
  state: "OPEN" | "LINKED_SAME_PERSON" | "LINKED_SAME_HOUSEHOLD" | "DISMISSED";
  stateReason: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  awards: TMatchAward[];
};
export type TPanelRepeat = { reference: string; caseId: string; potName: string; amountPence: bigint; at: Date; repeatWindowDays: number };
export type TDuplicatesPanel = {
  caseId: string;
  caseStatus: string;
  duplicateOf: { id: string; reference: string } | null;
  matches: TPanelMatch[];
  repeats: TPanelRepeat[];
};

/** The panel's facts inside the caller's transaction (council in scope); the caller checks the permission. */
export async function duplicatesPanelIn(sql: TSql, tenantId: string, caseId: string, now = new Date()): Promise<TDuplicatesPanel | null> {
  const me = await sql.db
    .selectFrom("Case as c")
    .leftJoin("Case as o", "o.id", "c.duplicateOfCaseId")
    .select(["c.id", "c.status", "o.id as originalId", "o.reference as originalReference"])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  if (!me) return null;
  const rows = await sql.db
    .selectFrom("CaseMatch as m")
    .innerJoin("Case as o", (j) => j.on((eb) => eb.or([eb.and([eb("m.caseId", "=", caseId), eb("o.id", "=", eb.ref("m.matchedCaseId"))]), eb.and([eb("m.matchedCaseId", "=", caseId), eb("o.id", "=", eb.ref("m.caseId"))])])))
    .leftJoin("User as u", "u.id", "m.decidedById")
    .select([
      "m.id",
      "m.caseId",
      "o.id as otherCaseId",
      "o.reference",
      "o.fullName",
      "o.status as caseStatus",
      "o.receivedAt",
      "m.reasons",
      "m.state",
      "m.stateReason",
      "u.name as decidedByName",
      "m.decidedAt",
    ])
    .where((eb) => eb.or([eb("m.caseId", "=", caseId), eb("m.matchedCaseId", "=", caseId)]))
    .orderBy("o.receivedAt", "desc")
    .orderBy("m.id")
    .execute();
  const otherIds = rows.map((r) => r.otherCaseId);
  const awards = otherIds.length
    ? await sql.db
        .selectFrom("Award as a")
        .innerJoin("Pot as p", "p.id", "a.potId")
        .select(["a.caseId", "p.name as potName", "a.amountPence", "a.status"])
        .where("a.caseId", "in", otherIds)
        .orderBy("a.createdAt")
        .orderBy("a.id")
        .execute()
    : [];
  const repeats = await repeatsForCase(sql, tenantId, caseId, now);
  const refs = repeats.length
    ? await sql.db
        .selectFrom("Case")
        .select(["id", "reference"])
        .where("id", "in", [...new Set(repeats.map((r) => r.caseId))])
        .execute()
    : [];
  return {
    caseId,
    caseStatus: me.status,
    duplicateOf: me.originalId && me.originalReference ? { id: me.originalId, reference: me.originalReference } : null,
    matches: rows.map((r) => ({
      id: r.id,
      direction: r.caseId === caseId ? ("earlier" as const) : ("later" as const),
      otherCaseId: r.otherCaseId,
      reference: r.reference,
      fullName: r.fullName,
      caseStatus: r.caseStatus,
      receivedAt: new Date(r.receivedAt),
      reasons: r.reasons as TDuplicateReason[],
      state: r.state,
      stateReason: r.stateReason,
      decidedByName: r.decidedByName,
      decidedAt: r.decidedAt ? new Date(r.decidedAt) : null,
      awards: awards.filter((a) => a.caseId === r.otherCaseId).map((a) => ({ potName: a.potName, amountPence: a.amountPence, status: a.status })),
    })),
    repeats: repeats.map((r) => ({ reference: refs.find((x) => x.id === r.caseId)?.reference ?? "", caseId: r.caseId, potName: r.potName, amountPence: r.amountPence, at: r.at, repeatWindowDays: r.repeatWindowDays })),
  };
}

/** The case's possible duplicates and repeats, for anyone who may read cases; null for anyone else or no such case. */
export async function readDuplicatesPanel(actor: TActor, caseId: string): Promise<TDuplicatesPanel | null> {
  if (!can(actor, "cases:read") || !/^[0-9a-f-]{36}$/i.test(caseId)) return null;
  return withTenantSql(actor.council.id, (sql) => duplicatesPanelIn(sql, actor.council.id, caseId), actorUserId(actor));
}

/** Whether a case still has a match nobody has looked at (the queue's "possible duplicate"), kept on the case row. */
export async function refreshPossibleDuplicate(sql: TSql, caseIds: readonly string[]): Promise<void> {
  if (!caseIds.length) return;
  await sql.db
    .updateTable("Case as c")
    .set((eb) => ({
      possibleDuplicate: q<boolean>`${eb.and([
        q<boolean>`case_status_is_open(${eb.ref("c.status")})`,
        eb.exists(eb.selectFrom("CaseMatch as m").select("m.id").whereRef("m.caseId", "=", "c.id").where("m.state", "=", "OPEN")),
      ])}`,
    }))
    .where("c.id", "in", [...caseIds])
    .execute();
}
