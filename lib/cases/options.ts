import "server-only";
import { sql as q } from "kysely";
import { actorUserId, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { assignablePeople } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

// Small lists the casework pages choose from (filters, assign, award lines), read in the
// council's scope (row-level security) and only for staff who may read cases.

export type TOption = { value: string; label: string };

/** Who a case can be assigned to: the same rule transitionCase checks (assignablePeople). */
export async function listCaseworkers(actor: TActor): Promise<TOption[]> {
  if (!can(actor, "cases:read")) return [];
  return withTenantSql(actor.council.id, (sql) => assignablePeople(sql.db, actor.council.id).orderBy("label").orderBy("value").execute(), actorUserId(actor));
}

/** Both lists for the queue's filter panel, in one transaction. */
export async function queueFilterOptions(actor: TActor): Promise<{ caseworkers: TOption[]; organisations: TOption[] }> {
  if (!can(actor, "cases:read")) return { caseworkers: [], organisations: [] };
  return withTenantSql(
    actor.council.id,
    async (sql) => ({
      // Officers and approvers of the council: whose cases the queue can be filtered by.
      caseworkers: await sql.db
        .selectFrom("Membership as m")
        .innerJoin("User as u", "u.id", "m.userId")
        .select(["u.id as value", "u.name as label"])
        .distinct()
        .where("m.status", "=", "ACTIVE")
        .where("m.role", "in", ["OFFICER", "APPROVER"])
        .orderBy("label")
        .orderBy("value")
        .execute(),
      organisations: await sql.db.selectFrom("Organisation").select(["id as value", "name as label"]).orderBy("name").orderBy("id").execute(),
    }),
    actorUserId(actor),
  );
}

export type TPotOption = { id: string; name: string; fundName: string; availablePence: bigint; eligibleNeeds: string[]; maxSingleAwardPence: bigint | null };

/** Open pots of open funds, with the money available in each (the ledger's AVAILABLE account). */
export async function listAwardPots(actor: TActor): Promise<TPotOption[]> {
  if (!can(actor, "cases:work")) return [];
  return withTenantSql(
    actor.council.id,
    (sql) =>
      sql.db
        .selectFrom("Pot as p")
        .innerJoin("Fund as f", "f.id", "p.fundId")
        .leftJoin("LedgerAccount as a", (join) => join.onRef("a.potId", "=", "p.id").on("a.kind", "=", "AVAILABLE"))
        .select((eb) => ["p.id", "p.name", "f.name as fundName", q<bigint>`coalesce(${eb.ref("a.balancePence")}, 0)`.as("availablePence"), "p.eligibleNeeds", "p.maxSingleAwardPence"])
        .where("p.active", "=", true)
        .where("f.status", "=", "ACTIVE")
        .orderBy("f.name")
        .orderBy("p.name")
        .orderBy("p.id")
        .execute(),
    actorUserId(actor),
  );
}
