import "server-only";
// The council's voucher providers (docs/vouchers.md), managed by finance (payments:manage). Every
// service checks the permission itself, works inside the council's scope (row-level security:
// another council's provider is simply not found) and audits. Providers are taken out of use,
// never deleted: their payments and batches point at them.
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { penceToPoundsText } from "@/lib/money";
import type { TVoucherProviderInput } from "@/lib/payments/voucher-schemas";
import type { TVoucherProviderKind } from "@/lib/payments/voucher-csv";

export type TVoucherProviderRow = { id: string; name: string; kind: TVoucherProviderKind; capPence: bigint; expiryDays: number; channels: string[]; active: boolean };
type TRefused = { outcome: "forbidden" } | { outcome: "not-found" };
const FORBIDDEN = { outcome: "forbidden" } as const;
const COLUMNS = ["id", "name", "kind", "capPence", "expiryDays", "channels", "active"] as const;

const isNameClash = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";

/** Every provider of the council, in use first, by name (payments:manage). */
export async function listVoucherProviders(actor: TActor): Promise<TVoucherProviderRow[] | null> {
  if (!can(actor, "payments:manage")) return null;
  return withTenantSql(actor.council.id, (sql) => sql.db.selectFrom("VoucherProvider").select([...COLUMNS]).orderBy("active", "desc").orderBy("name").execute());
}

/** One provider, to change it (payments:manage). */
export async function findVoucherProvider(actor: TActor, providerId: string): Promise<TVoucherProviderRow | null> {
  if (!can(actor, "payments:manage") || !/^[0-9a-f-]{36}$/i.test(providerId)) return null;
  return (await withTenantSql(actor.council.id, (sql) => sql.db.selectFrom("VoucherProvider").select([...COLUMNS]).where("id", "=", providerId).executeTakeFirst())) ?? null;
}

const describe = (p: TVoucherProviderInput) => `${p.kind}, ${penceToPoundsText(p.cap)} per voucher, codes last ${p.expiryDays} days, by ${p.channels.join(" and ")}`;

export async function createVoucherProvider(actor: TActor, input: TVoucherProviderInput, ip: string | null = null): Promise<{ outcome: "created"; providerId: string } | { outcome: "name-taken" } | TRefused> {
  if (!can(actor, "payments:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  try {
    return await withTenantSql(
      tenantId,
      async (sql) => {
        const row = await sql.db
          .insertInto("VoucherProvider")
          .values({ id: q<string>`gen_random_uuid()`, tenantId, name: input.name, kind: input.kind, capPence: input.cap, expiryDays: input.expiryDays, channels: input.channels })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAuditSql(sql, {
          tenantId,
          actor,
          action: "vouchers.provider-created",
          entityType: "VoucherProvider",
          entityId: row.id,
          summary: `Added voucher provider ${input.name} (${describe(input)})`,
          metadata: { ...input, cap: input.cap.toString() },
          ip,
        });
        return { outcome: "created" as const, providerId: row.id };
      },
      actorUserId(actor),
    );
  } catch (error) {
    if (isNameClash(error)) return { outcome: "name-taken" };
    throw error;
  }
}

export async function updateVoucherProvider(
  actor: TActor,
  providerId: string,
  input: TVoucherProviderInput & { active: boolean },
  ip: string | null = null,
): Promise<{ outcome: "saved" } | { outcome: "name-taken" } | TRefused> {
  if (!can(actor, "payments:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  try {
    return await withTenantSql(
      tenantId,
      async (sql) => {
        const before = await sql.db.selectFrom("VoucherProvider").select([...COLUMNS]).where("id", "=", providerId).forUpdate().executeTakeFirst();
        if (!before) return { outcome: "not-found" as const };
        await sql.db
          .updateTable("VoucherProvider")
          .set({ name: input.name, kind: input.kind, capPence: input.cap, expiryDays: input.expiryDays, channels: input.channels, active: input.active, updatedAt: q<Date>`now()` })
          .where("id", "=", providerId)
          .execute();
        const after = { name: input.name, kind: input.kind, capPence: input.cap, expiryDays: input.expiryDays, channels: input.channels, active: input.active };
        const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => String(before[k]) !== String(after[k]));
        const show = (v: unknown): string => (Array.isArray(v) ? v.join(",") : String(v));
        await recordAuditSql(sql, {
          tenantId,
          actor,
          action: "vouchers.provider-changed",
          entityType: "VoucherProvider",
          entityId: providerId,
          summary: `Changed voucher provider ${input.name}: ${changed.join(", ") || "nothing"}`,
          metadata: { before: Object.fromEntries(changed.map((k) => [k, show(before[k])])), after: Object.fromEntries(changed.map((k) => [k, show(after[k])])) },
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
