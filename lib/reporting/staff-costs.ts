// What the staff working on the scheme cost over a period, as a manager enters it on the dashboard
// (issue 20): the "£ of extra income per £1 of staff cost" divides by it. Append-only: the newest
// entry for a fund (or all funds) and period counts. Writes need funds:manage and are audited.
import "server-only";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant-scope";
import { formatPence } from "@/lib/money";
import type { TDashboardFilter } from "@/lib/reporting/dashboard-types";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/** The staff cost entered for exactly this fund (or all funds) and period, newest entry; null: none entered. */
export async function staffCostFor(tx: Tx, filter: TDashboardFilter): Promise<bigint | null> {
  const row = await tx.staffCost.findFirst({
    where: { fundId: filter.fundId, fromDate: day(filter.from), toDate: day(filter.to) },
    orderBy: [{ enteredAt: "desc" }, { id: "desc" }],
    select: { pence: true },
  });
  return row?.pence ?? null;
}

export type TStaffCostRow = { id: string; fundName: string | null; from: string; to: string; pence: bigint; enteredAt: Date };

/** The council's entries, newest first (reports:read). */
export async function listStaffCosts(actor: TActor): Promise<TStaffCostRow[] | null> {
  if (!can(actor, "reports:read")) return null;
  return withTenant(councilIdOf(actor), async (tx) => {
    const rows = await tx.staffCost.findMany({ orderBy: [{ enteredAt: "desc" }, { id: "desc" }], take: 50, include: { fund: { select: { name: true } } } });
    return rows.map((r) => ({ id: r.id, fundName: r.fund?.name ?? null, from: isoOf(r.fromDate), to: isoOf(r.toDate), pence: r.pence, enteredAt: r.enteredAt }));
  });
}

export type TStaffCostInput = { fundId: string | null; from: string; to: string; pence: bigint };

export async function recordStaffCost(actor: TActor, input: TStaffCostInput, ip: string | null = null): Promise<{ outcome: "recorded"; id: string } | { outcome: "forbidden" | "not-found" }> {
  if (!can(actor, "funds:manage")) return { outcome: "forbidden" };
  const userId = actorUserId(actor);
  if (!userId) return { outcome: "forbidden" };
  return withTenant(
    councilIdOf(actor),
    async (tx) => {
      const fund = input.fundId ? await tx.fund.findUnique({ where: { id: input.fundId }, select: { name: true } }) : null;
      if (input.fundId && !fund) return { outcome: "not-found" as const };
      const row = await tx.staffCost.create({ data: { tenantId: councilIdOf(actor), fundId: input.fundId, fromDate: day(input.from), toDate: day(input.to), pence: input.pence, enteredById: userId }, select: { id: true } });
      await recordAudit(tx, {
        tenantId: councilIdOf(actor),
        actor,
        action: "reporting.staff-cost-recorded",
        entityType: "StaffCost",
        entityId: row.id,
        summary: `Recorded a staff cost of ${formatPence(input.pence)} for ${fund?.name ?? "all funds"}, ${input.from} to ${input.to}`,
        ip,
      });
      return { outcome: "recorded" as const, id: row.id };
    },
    userId,
  );
}
