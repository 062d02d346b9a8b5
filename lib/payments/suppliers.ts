import "server-only";
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { SupplierKind, SupplierStatus } from "@/lib/generated/prisma/enums";
import { openBankDetails, sealBankDetails } from "@/lib/payments/bank-details";
import { lockBatchMaking } from "@/lib/payments/batches";
import type { TBankDetails, TSupplierInput } from "@/lib/payments/supplier-schemas";

// The council's suppliers, paid directly (docs/suppliers.md, ADR 0035): finance only
// (payments:manage). Every service checks the permission itself and works inside the council's
// scope (row-level security: another council's supplier is simply not found). Bank details are
// sealed and shown as "ending 1234"; a supplier is used only once a SECOND person has checked
// its details (PENDING_CHECK → CHECKED; the database refuses the same person too); seeing the
// full details is audited every time. Suppliers are withdrawn, never deleted.

type TRefused = { outcome: "forbidden" } | { outcome: "not-found" };
const FORBIDDEN = { outcome: "forbidden" } as const;
const NOT_FOUND = { outcome: "not-found" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TSupplierRow = {
  id: string;
  name: string;
  kind: SupplierKind;
  bankLast4: string;
  status: SupplierStatus;
  addedById: string;
  addedBy: string | null;
  createdAt: Date;
  checkedBy: string | null;
  checkedAt: Date | null;
  withdrawnBy: string | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  payments: number;
};

function isNameClash(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";
}

function supplierRows(sql: Parameters<Parameters<typeof withTenantSql>[1]>[0]) {
  return sql.db
    .selectFrom("Supplier as s")
    .leftJoin("User as ua", "ua.id", "s.addedById")
    .leftJoin("User as uc", "uc.id", "s.checkedById")
    .leftJoin("User as uw", "uw.id", "s.withdrawnById")
    .select(["s.id", "s.name", "s.kind", "s.bankLast4", "s.status", "s.addedById", "ua.name as addedBy", "s.createdAt", "uc.name as checkedBy", "s.checkedAt", "uw.name as withdrawnBy", "s.withdrawnAt", "s.withdrawnReason"])
    .select((eb) => eb.selectFrom("Payment as pm").whereRef("pm.supplierId", "=", "s.id").select(q<number>`count(*)::int`.as("n")).as("payments"));
}

/** Every supplier of the council: in use first, by name (payments:manage). */
export async function listSuppliers(actor: TActor): Promise<TSupplierRow[] | null> {
  if (!can(actor, "payments:manage")) return null;
  const rows = await withTenantSql(councilIdOf(actor), (sql) =>
    supplierRows(sql)
      .orderBy(q`s.status = 'WITHDRAWN'`)
      .orderBy("s.name")
      .execute(),
  );
  return rows.map((r) => ({ ...r, payments: r.payments ?? 0 }));
}

/** One supplier (payments:manage); null when it is not this council's. */
export async function findSupplier(actor: TActor, supplierId: string): Promise<TSupplierRow | null> {
  if (!can(actor, "payments:manage") || !UUID.test(supplierId)) return null;
  const row = await withTenantSql(councilIdOf(actor), (sql) => supplierRows(sql).where("s.id", "=", supplierId).executeTakeFirst());
  return row ? { ...row, payments: row.payments ?? 0 } : null;
}

/** The suppliers a payment may go to now: CHECKED ones, by name. */
export async function checkedSuppliers(actor: TActor): Promise<{ id: string; name: string; kind: SupplierKind; bankLast4: string }[]> {
  if (!can(actor, "payments:manage")) return [];
  return withTenantSql(councilIdOf(actor), (sql) => sql.db.selectFrom("Supplier").select(["id", "name", "kind", "bankLast4"]).where("status", "=", "CHECKED").orderBy("name").execute());
}

/** A new supplier, waiting for a second person to check its bank details. */
export async function addSupplier(actor: TActor, input: TSupplierInput, ip: string | null = null): Promise<{ outcome: "added"; supplierId: string } | { outcome: "name-taken" } | TRefused> {
  if (!can(actor, "payments:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  const userId = actorUserId(actor);
  if (!userId) return FORBIDDEN;
  const sealed = sealBankDetails(input.bank);
  try {
    return await withTenantSql(
      tenantId,
      async (sql) => {
        const row = await sql.db
          .insertInto("Supplier")
          .values({ id: q<string>`gen_random_uuid()`, tenantId, name: input.name, kind: input.kind, bankDetailsEnc: sealed.enc, bankLast4: sealed.last4, addedById: userId, updatedAt: q<Date>`now()` })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAuditSql(sql, {
          tenantId,
          actor,
          action: "payments.supplier-added",
          entityType: "Supplier",
          entityId: row.id,
          summary: `Added supplier ${input.name} (${input.kind}), bank account ending ${sealed.last4}: waiting for a second person to check it`,
          metadata: { name: input.name, kind: input.kind, bankLast4: sealed.last4 },
          ip,
        });
        return { outcome: "added" as const, supplierId: row.id };
      },
      userId,
    );
  } catch (error) {
    if (isNameClash(error)) return { outcome: "name-taken" };
    throw error;
  }
}

export type TCheckSupplierResult = { outcome: "checked" } | { outcome: "same-person" } | { outcome: "not-pending"; status: SupplierStatus } | TRefused;

/** A second person confirms the supplier's bank details: from now on it can be paid. */
export async function checkSupplier(actor: TActor, supplierId: string, ip: string | null = null): Promise<TCheckSupplierResult> {
  if (!can(actor, "payments:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  const userId = actorUserId(actor);
  if (!userId) return FORBIDDEN;
  if (!UUID.test(supplierId)) return NOT_FOUND;
  return withTenantSql(
    tenantId,
    async (sql) => {
      const s = await sql.db.selectFrom("Supplier").select(["name", "status", "addedById", "bankLast4"]).where("id", "=", supplierId).forUpdate().executeTakeFirst();
      if (!s) return NOT_FOUND;
      if (s.status !== "PENDING_CHECK") return { outcome: "not-pending" as const, status: s.status };
      if (s.addedById === userId) return { outcome: "same-person" as const };
      await sql.db.updateTable("Supplier").set({ status: "CHECKED", checkedById: userId, checkedAt: q<Date>`now()`, updatedAt: q<Date>`now()` }).where("id", "=", supplierId).execute();
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "payments.supplier-checked",
        entityType: "Supplier",
        entityId: supplierId,
        summary: `Checked the bank details of supplier ${s.name} (ending ${s.bankLast4}): it can now be paid`,
        metadata: { bankLast4: s.bankLast4, addedById: s.addedById },
        ip,
      });
      return { outcome: "checked" as const };
    },
    userId,
  );
}

/** No more payments to this supplier (payments already made keep pointing at it). */
export async function withdrawSupplier(actor: TActor, supplierId: string, reason: string, ip: string | null = null): Promise<{ outcome: "withdrawn" } | { outcome: "already-withdrawn" } | TRefused> {
  if (!can(actor, "payments:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  const userId = actorUserId(actor);
  if (!userId) return FORBIDDEN;
  if (!UUID.test(supplierId)) return NOT_FOUND;
  return withTenantSql(
    tenantId,
    async (sql) => {
      // Not while a batch is being made (lockBatchMaking): a batch waiting for one of the
      // supplier's payments would meet the withdrawal in the database's guard and fail whole.
      await lockBatchMaking(sql, tenantId);
      const s = await sql.db.selectFrom("Supplier").select(["name", "status"]).where("id", "=", supplierId).forUpdate().executeTakeFirst();
      if (!s) return NOT_FOUND;
      if (s.status === "WITHDRAWN") return { outcome: "already-withdrawn" as const };
      await sql.db
        .updateTable("Supplier")
        .set({ status: "WITHDRAWN", withdrawnById: userId, withdrawnAt: q<Date>`now()`, withdrawnReason: reason, updatedAt: q<Date>`now()` })
        .where("id", "=", supplierId)
        .execute();
      await recordAuditSql(sql, { tenantId, actor, action: "payments.supplier-withdrawn", entityType: "Supplier", entityId: supplierId, summary: `Withdrew supplier ${s.name}: ${reason}`, metadata: { reason, from: s.status }, ip });
      return { outcome: "withdrawn" as const };
    },
    userId,
  );
}

/** The supplier's bank details in full, for finance only; audited every time they are shown. */
export async function revealSupplierBankDetails(actor: TActor, supplierId: string, ip: string | null = null): Promise<{ outcome: "shown"; bank: TBankDetails } | { outcome: "unreadable" } | TRefused> {
  if (!can(actor, "payments:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  if (!UUID.test(supplierId)) return NOT_FOUND;
  return withTenantSql(
    tenantId,
    async (sql) => {
      const s = await sql.db.selectFrom("Supplier").select(["name", "bankDetailsEnc", "bankLast4"]).where("id", "=", supplierId).executeTakeFirst();
      if (!s) return NOT_FOUND;
      const bank = openBankDetails(s.bankDetailsEnc);
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "payments.bank-details-shown",
        entityType: "Supplier",
        entityId: supplierId,
        summary: `Showed the full bank details of supplier ${s.name} (ending ${s.bankLast4})`,
        metadata: { bankLast4: s.bankLast4, readable: Boolean(bank) },
        ip,
      });
      return bank ? { outcome: "shown" as const, bank } : { outcome: "unreadable" as const };
    },
    actorUserId(actor),
  );
}
