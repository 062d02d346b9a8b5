import "server-only";
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { AdvicePartnerKind } from "@/lib/generated/prisma/enums";
import type { TAdvicePartnerInput } from "@/lib/advice/schemas";

// The council's advice partners, managed by a manager or council admin (advice:manage). Every
// service checks the permission itself, works inside the council's scope (row-level security:
// another council's partner is simply not found) and audits. Partners are deactivated, never
// deleted: their referrals point at them.

type TRefused = { outcome: "forbidden" } | { outcome: "not-found" };
const FORBIDDEN = { outcome: "forbidden" } as const;

export type TAdvicePartnerRow = { id: string; name: string; kind: AdvicePartnerKind; contactEmail: string; active: boolean; referrals: number };

function isNameClash(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";
}

/** Every partner of the council with its number of referrals, by name (advice:manage). */
export async function listAdvicePartners(actor: TActor): Promise<TAdvicePartnerRow[] | null> {
  if (!can(actor, "advice:manage")) return null;
  return withTenantSql(actor.council.id, (sql) =>
    sql.db
      .selectFrom("AdvicePartner as p")
      .select(["p.id", "p.name", "p.kind", "p.contactEmail", "p.active"])
      .select((eb) => eb.selectFrom("AdviceReferral as r").whereRef("r.partnerId", "=", "p.id").select(q<number>`count(*)::int`.as("n")).as("referrals"))
      .orderBy("p.name")
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, referrals: r.referrals ?? 0 }))),
  );
}

/** The partners an officer may refer to now (cases:work): active ones, by name. */
export async function activeAdvicePartners(actor: TActor): Promise<{ id: string; name: string; kind: AdvicePartnerKind }[]> {
  if (!can(actor, "cases:work")) return [];
  return withTenantSql(actor.council.id, (sql) => sql.db.selectFrom("AdvicePartner").select(["id", "name", "kind"]).where("active", "=", true).orderBy("name").execute());
}

/** One partner, to change it (advice:manage). */
export async function findAdvicePartner(actor: TActor, partnerId: string) {
  if (!can(actor, "advice:manage")) return null;
  return (await withTenantSql(actor.council.id, (sql) => sql.db.selectFrom("AdvicePartner").select(["id", "name", "kind", "contactEmail", "active"]).where("id", "=", partnerId).executeTakeFirst())) ?? null;
}

export async function createAdvicePartner(actor: TActor, input: TAdvicePartnerInput, ip: string | null = null): Promise<{ outcome: "created"; partnerId: string } | { outcome: "name-taken" } | TRefused> {
  if (!can(actor, "advice:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  try {
    return await withTenantSql(
      tenantId,
      async (sql) => {
        const row = await sql.db
          .insertInto("AdvicePartner")
          .values({ id: q<string>`gen_random_uuid()`, tenantId, name: input.name, kind: input.kind, contactEmail: input.contactEmail })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAuditSql(sql, {
          tenantId,
          actor,
          action: "advice.partner-created",
          entityType: "AdvicePartner",
          entityId: row.id,
          summary: `Added advice partner ${input.name} (${input.kind}, referrals to ${input.contactEmail})`,
          metadata: { ...input },
          ip,
        });
        return { outcome: "created" as const, partnerId: row.id };
      },
      actorUserId(actor),
    );
  } catch (error) {
    if (isNameClash(error)) return { outcome: "name-taken" };
    throw error;
  }
}

export async function updateAdvicePartner(
  actor: TActor,
  partnerId: string,
  input: TAdvicePartnerInput & { active: boolean },
  ip: string | null = null,
): Promise<{ outcome: "saved" } | { outcome: "name-taken" } | TRefused> {
  if (!can(actor, "advice:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  try {
    return await withTenantSql(
      tenantId,
      async (sql) => {
        const before = await sql.db.selectFrom("AdvicePartner").select(["name", "kind", "contactEmail", "active"]).where("id", "=", partnerId).forUpdate().executeTakeFirst();
        if (!before) return { outcome: "not-found" as const };
        await sql.db
          .updateTable("AdvicePartner")
          .set({ name: input.name, kind: input.kind, contactEmail: input.contactEmail, active: input.active, updatedAt: q<Date>`now()` })
          .where("id", "=", partnerId)
          .execute();
        const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => before[k] !== input[k]);
        await recordAuditSql(sql, {
          tenantId,
          actor,
          action: "advice.partner-changed",
          entityType: "AdvicePartner",
          entityId: partnerId,
          summary: `Changed advice partner ${input.name}: ${changed.join(", ") || "nothing"}`,
          metadata: { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, input[k]])) },
          ip,
        });
        return { outcome: "saved" as const };
      },
      actorUserId(actor),
    );
  } catch (error) {
    if (isNameClash(error)) return { outcome: "name-taken" };
    throw error;
  }
}
