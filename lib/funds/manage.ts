import "server-only";
import { staffActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TCouncilAccess } from "@/lib/auth/access";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant-scope";
import { changeFund, openFund, openPot, type TFundInput, type TPotRules } from "@/lib/funds/write";
import { postLedger } from "@/lib/ledger/post";
import { LedgerRefused } from "@/lib/ledger/refusals";
import { formatPence } from "@/lib/money";

// Managers' changes to funds and pots, each one database transaction with its audit event.
// The council comes from the caller's checked access; ids from the form are looked up inside
// it (row-level security hides other councils' rows, so a crafted id is simply "not found").

type TCtx = Pick<TCouncilAccess, "council" | "user" | "roles">;
const actorOf = (ctx: TCtx) => ({ tenantId: ctx.council.id, actorUserId: ctx.user.userId });
const auditActor = (ctx: TCtx) => staffActor(ctx);

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: string }).code === "P2002";
}

async function inCouncil<T>(ctx: TCtx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withTenant(ctx.council.id, fn, ctx.user.userId);
}

export type TCreateFundResult = { outcome: "created" | "replayed"; fundId: string } | { outcome: "name-taken" };

export async function createFund(ctx: TCtx, fund: TFundInput, formKey: string, ip: string | null): Promise<TCreateFundResult> {
  const key = `form:${formKey}`;
  try {
    return await inCouncil(ctx, async (tx) => {
      const created = await openFund(tx, actorOf(ctx), fund, key);
      await recordAudit(tx, {
        tenantId: ctx.council.id,
        actor: auditActor(ctx),
        action: "funds.created",
        entityType: "Fund",
        entityId: created.id,
        summary: `Created fund ${fund.name} (${formatPence(fund.allocationPence)} from ${fund.funder})`,
        ip,
      });
      return { outcome: "created" as const, fundId: created.id };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same form sent twice (double click, retry): show the fund the first one made.
    const earlier = await inCouncil(ctx, (tx) => tx.ledgerTransaction.findUnique({ where: { tenantId_idempotencyKey: { tenantId: ctx.council.id, idempotencyKey: key } }, select: { fundId: true } }));
    return earlier ? { outcome: "replayed", fundId: earlier.fundId } : { outcome: "name-taken" };
  }
}

export type TChangeFundResult =
  | { outcome: "changed" }
  | { outcome: "not-found" }
  | { outcome: "name-taken" }
  | { outcome: "reason-required" }
  | { outcome: "allocation-too-low"; unallocatedPence: bigint };

export async function updateFund(ctx: TCtx, fundId: string, fund: TFundInput, reason: string, formKey: string, ip: string | null): Promise<TChangeFundResult> {
  try {
    return await inCouncil(ctx, async (tx) => {
      const before = await tx.fund.findUnique({ where: { id: fundId } });
      if (!before) return { outcome: "not-found" as const };
      const allocationChanged = before.allocationPence !== fund.allocationPence;
      if (allocationChanged && !reason) return { outcome: "reason-required" as const };
      const changed = await changeFund(tx, actorOf(ctx), fundId, fund, reason || "Fund details changed", `form:${formKey}`);
      if (!changed) return { outcome: "not-found" as const };
      const what = [
        before.name !== fund.name ? `name "${before.name}" → "${fund.name}"` : null,
        allocationChanged ? `allocation ${formatPence(before.allocationPence)} → ${formatPence(fund.allocationPence)}` : null,
        before.periodStart.getTime() !== fund.periodStart.getTime() || before.periodEnd.getTime() !== fund.periodEnd.getTime() ? "period" : null,
        before.funder !== fund.funder ? "funder" : null,
        before.adminCapBasisPoints !== fund.adminCapBasisPoints ? "admin-spend cap" : null,
      ].filter(Boolean);
      await recordAudit(tx, {
        tenantId: ctx.council.id,
        actor: auditActor(ctx),
        action: "funds.changed",
        entityType: "Fund",
        entityId: fundId,
        summary: `Changed fund ${fund.name}: ${what.join(", ") || "no changes"}${reason ? ` (${reason})` : ""}`,
        ip,
      });
      return { outcome: "changed" as const };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: "name-taken" };
    if (error instanceof LedgerRefused && error.code === "insufficient") {
      const unallocated = await inCouncil(ctx, (tx) => tx.ledgerAccount.findFirst({ where: { fundId, kind: "UNALLOCATED" }, select: { balancePence: true } }));
      return { outcome: "allocation-too-low", unallocatedPence: unallocated?.balancePence ?? 0n };
    }
    throw error;
  }
}

export type TPotResult = { outcome: "saved"; potId: string } | { outcome: "not-found" } | { outcome: "name-taken" } | { outcome: "bad-organisation" };

async function checkOrganisation(tx: Tx, organisationId: string | null): Promise<boolean> {
  if (!organisationId) return true;
  return (await tx.organisation.count({ where: { id: organisationId } })) === 1;
}

export async function createPot(ctx: TCtx, fundId: string, rules: TPotRules, ip: string | null): Promise<TPotResult> {
  try {
    return await inCouncil(ctx, async (tx) => {
      const fund = await tx.fund.findUnique({ where: { id: fundId }, select: { name: true } });
      if (!fund) return { outcome: "not-found" as const };
      if (!(await checkOrganisation(tx, rules.ownerOrganisationId))) return { outcome: "bad-organisation" as const };
      const pot = await openPot(tx, actorOf(ctx), fundId, rules);
      await recordAudit(tx, { tenantId: ctx.council.id, actor: auditActor(ctx), action: "funds.pot-created", entityType: "Pot", entityId: pot.id, summary: `Created pot ${rules.name} in ${fund.name}`, ip });
      return { outcome: "saved" as const, potId: pot.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: "name-taken" };
    throw error;
  }
}

export async function updatePot(ctx: TCtx, potId: string, rules: TPotRules, active: boolean, ip: string | null): Promise<TPotResult> {
  try {
    return await inCouncil(ctx, async (tx) => {
      const before = await tx.pot.findUnique({ where: { id: potId }, include: { fund: { select: { name: true } } } });
      if (!before) return { outcome: "not-found" as const };
      if (!(await checkOrganisation(tx, rules.ownerOrganisationId))) return { outcome: "bad-organisation" as const };
      await tx.pot.update({ where: { id: potId }, data: { ...rules, active } });
      await recordAudit(tx, {
        tenantId: ctx.council.id,
        actor: auditActor(ctx),
        action: "funds.pot-changed",
        entityType: "Pot",
        entityId: potId,
        summary: `Changed the rules of pot ${rules.name} in ${before.fund.name}${before.active !== active ? (active ? " and reopened it" : " and closed it to new awards") : ""}`,
        ip,
      });
      return { outcome: "saved" as const, potId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: "name-taken" };
    throw error;
  }
}

export type TMoneyResult = { outcome: "done"; replayed: boolean } | { outcome: "refused"; refusal: LedgerRefused };

/** Fund → pot, or pot → pot / back to the fund, with the reason audited. */
export async function moveMoney(
  ctx: TCtx,
  m: { fundId: string; fromPotId: string | null; toPotId: string | null; amountPence: bigint; reason: string; formKey: string },
  ip: string | null,
): Promise<TMoneyResult> {
  try {
    return await inCouncil(ctx, async (tx) => {
      const allocating = m.fromPotId === null;
      const result = await postLedger(tx, {
        kind: allocating ? "ALLOCATE" : "MOVE",
        fundId: m.fundId,
        potId: m.fromPotId,
        toPotId: m.toPotId,
        amountPence: m.amountPence,
        idempotencyKey: `form:${m.formKey}`,
        reason: m.reason,
        actorUserId: ctx.user.userId,
      });
      if (!result.replayed) {
        const names = await tx.pot.findMany({ where: { id: { in: [m.fromPotId, m.toPotId].filter((x): x is string => !!x) } }, select: { id: true, name: true } });
        const name = (id: string | null) => (id ? (names.find((n) => n.id === id)?.name ?? "a pot") : "the fund's unallocated money");
        await recordAudit(tx, {
          tenantId: ctx.council.id,
          actor: auditActor(ctx),
          action: allocating ? "funds.allocated" : "funds.moved",
          entityType: "LedgerTransaction",
          entityId: result.transactionId,
          summary: `${allocating ? "Allocated" : "Moved"} ${formatPence(m.amountPence)} from ${name(m.fromPotId)} to ${name(m.toPotId)}: ${m.reason}`,
          ip,
        });
      }
      return { outcome: "done" as const, replayed: result.replayed };
    });
  } catch (error) {
    if (error instanceof LedgerRefused) return { outcome: "refused", refusal: error };
    throw error;
  }
}
