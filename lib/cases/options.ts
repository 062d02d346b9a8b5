import "server-only";
import { can } from "@/lib/auth/permissions";
import type { TCouncilAccess } from "@/lib/auth/access";
import { ASSIGNABLE_PEOPLE, CASEWORK_ROLES, type TCaseActor } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

// Small lists the casework pages choose from (filters, assign, award lines), read in the
// council's scope (row-level security) and only for staff who may read cases.

export type TOption = { value: string; label: string };

/** The casework actor for a signed-in staff member of the council in the URL. */
export function caseActorOf(access: Pick<TCouncilAccess, "council" | "user" | "roles">): TCaseActor {
  return { council: { id: access.council.id }, user: { userId: access.user.userId, email: access.user.email }, roles: access.roles };
}

/** Officers and approvers of the council: whose cases the queue can be filtered by. */
const CASEWORKERS = `select distinct u.id as value, u.name as label from "Membership" m join "User" u on u.id = m."userId"
  where m.status = 'ACTIVE' and m.role in ('OFFICER', 'APPROVER') order by label, value`;

/** Who a case can be assigned to: the same rule transitionCase checks (ASSIGNABLE_PEOPLE). */
export async function listCaseworkers(actor: TCaseActor): Promise<TOption[]> {
  if (!can(actor.roles, "cases:read")) return [];
  return withTenantSql(actor.council.id, (sql) => sql.rows<TOption>(`${ASSIGNABLE_PEOPLE} order by label, value`, [actor.council.id, CASEWORK_ROLES]), actor.user.userId);
}

/** Both lists for the queue's filter panel, in one transaction. */
export async function queueFilterOptions(actor: TCaseActor): Promise<{ caseworkers: TOption[]; organisations: TOption[] }> {
  if (!can(actor.roles, "cases:read")) return { caseworkers: [], organisations: [] };
  return withTenantSql(
    actor.council.id,
    async (sql) => ({
      caseworkers: await sql.rows<TOption>(CASEWORKERS, []),
      organisations: await sql.rows<TOption>(`select id as value, name as label from "Organisation" order by name, id`, []),
    }),
    actor.user.userId,
  );
}

export type TPotOption = { id: string; name: string; fundName: string; availablePence: bigint; eligibleNeeds: string[]; maxSingleAwardPence: bigint | null };

/** Open pots of open funds, with the money available in each (the ledger's AVAILABLE account). */
export async function listAwardPots(actor: TCaseActor): Promise<TPotOption[]> {
  if (!can(actor.roles, "cases:work")) return [];
  const rows = await withTenantSql(
    actor.council.id,
    (sql) =>
      sql.rows<{ id: string; name: string; fundName: string; available: string; eligibleNeeds: string[]; max: string | null }>(
        `select p.id, p.name, f.name as "fundName", coalesce(a."balancePence", 0)::text as available, p."eligibleNeeds", p."maxSingleAwardPence"::text as max
         from "Pot" p join "Fund" f on f.id = p."fundId"
         left join "LedgerAccount" a on a."potId" = p.id and a.kind = 'AVAILABLE'
         where p.active and f.status = 'ACTIVE' order by f.name, p.name, p.id`,
        [],
      ),
    actor.user.userId,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, fundName: r.fundName, availablePence: BigInt(r.available), eligibleNeeds: r.eligibleNeeds, maxSingleAwardPence: r.max === null ? null : BigInt(r.max) }));
}
