import "server-only";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { sql as q } from "kysely";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { withTenant } from "@/lib/db/tenant-scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import { postLedger } from "@/lib/ledger/post";
import { LedgerRefused } from "@/lib/ledger/refusals";
import { formatPence } from "@/lib/money";
import { ADMIN_COST_LINES, categoryLabel, LAYOUT_NAMES, type TAdminCostLine, type TReturnLayout } from "@/lib/reporting/categories";
import { computeFigures, figuresFromJson, figuresToJson, type TReturnFigures } from "@/lib/reporting/figures";
import { sheetsToCsv, sheetsToXlsx } from "@/lib/reporting/files";
import { returnFileName, sheetsOf, type TReturnInputs, type TReturnMeta, type TSheet } from "@/lib/reporting/layouts";

// The funder's return (docs/funder-returns.md): the council's mapping of pots and needs to the
// funder's categories, drafts and versions, the Section 151 officer's sign-off that freezes the
// figures, the downloads, and administration spend (ledger kind ADMIN). Every service checks the
// permission itself (reports:read to read and download, funds:manage to change anything), works
// in the council's scope (row-level security: another council's fund or return is "not found")
// and audits what changes and what leaves the system.

type TRefused = { outcome: "forbidden" } | { outcome: "not-found" };
const FORBIDDEN = { outcome: "forbidden" } as const;
const NOT_FOUND = { outcome: "not-found" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

function inCouncil<T>(actor: TActor & { council: { id: string } }, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withTenant(councilIdOf(actor), fn, actorUserId(actor) ?? undefined);
}

/** The council's funds, for the screens' choices (reports:read). */
export async function fundsForReturns(actor: TActor) {
  if (!can(actor, "reports:read")) return null;
  return inCouncil(actor, (tx) =>
    tx.fund.findMany({ select: { id: true, name: true, funder: true, periodStart: true, periodEnd: true, adminCapBasisPoints: true, allocationPence: true }, orderBy: { name: "asc" } }),
  );
}

export type TReturnListRow = { id: string; fundName: string; layout: TReturnLayout; periodStart: string; periodEnd: string; version: number; status: "DRAFT" | "SIGNED"; signedAt: Date | null; createdAt: Date };

/** Every return of the council, newest first (reports:read). */
export async function listReturns(actor: TActor): Promise<TReturnListRow[] | null> {
  if (!can(actor, "reports:read")) return null;
  const rows = await inCouncil(actor, (tx) =>
    tx.funderReturn.findMany({
      select: { id: true, layout: true, periodStart: true, periodEnd: true, version: true, status: true, signedAt: true, createdAt: true, fund: { select: { name: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 200,
    }),
  );
  return rows.map((r) => ({ ...r, layout: r.layout as TReturnLayout, fundName: r.fund.name, periodStart: isoOf(r.periodStart), periodEnd: isoOf(r.periodEnd) }));
}

// ===== The mapping =====

export type TMappingView = {
  fund: { id: string; name: string };
  pots: { id: string; name: string; eligibleNeeds: string[]; potCategory: string; needCategories: Record<string, string> }[];
};

/** A fund's pots with their mapping (funds:manage). */
export async function readMapping(actor: TActor, fundId: string): Promise<TMappingView | null> {
  if (!can(actor, "funds:manage") || !UUID.test(fundId)) return null;
  return inCouncil(actor, async (tx) => {
    const fund = await tx.fund.findUnique({ where: { id: fundId }, select: { id: true, name: true, pots: { select: { id: true, name: true, eligibleNeeds: true }, orderBy: { name: "asc" } } } });
    if (!fund) return null;
    const mappings = await tx.funderMapping.findMany({ where: { fundId } });
    return {
      fund: { id: fund.id, name: fund.name },
      pots: fund.pots.map((p) => {
        const own = mappings.filter((m) => m.potId === p.id);
        return {
          ...p,
          potCategory: own.find((m) => m.needCategory === "*")?.category ?? "",
          needCategories: Object.fromEntries(own.filter((m) => m.needCategory !== "*").map((m) => [m.needCategory, m.category])),
        };
      }),
    };
  });
}

/** Replaces a fund's mapping with the form's (funds:manage); pots not of this fund are refused. */
export async function saveMapping(actor: TActor, fundId: string, entries: readonly { potId: string; needCategory: string; category: string }[], ip: string | null = null): Promise<{ outcome: "saved" } | TRefused> {
  if (!can(actor, "funds:manage")) return FORBIDDEN;
  if (!UUID.test(fundId)) return NOT_FOUND;
  return inCouncil(actor, async (tx) => {
    const fund = await tx.fund.findUnique({ where: { id: fundId }, select: { name: true, pots: { select: { id: true } } } });
    if (!fund) return NOT_FOUND;
    const potIds = new Set(fund.pots.map((p) => p.id));
    if (entries.some((e) => !potIds.has(e.potId))) return NOT_FOUND;
    await tx.funderMapping.deleteMany({ where: { fundId } });
    if (entries.length)
      await tx.funderMapping.createMany({ data: entries.map((e) => ({ tenantId: councilIdOf(actor), fundId, potId: e.potId, needCategory: e.needCategory, category: e.category, updatedById: actorUserId(actor) })) });
    await recordAudit(tx, {
      tenantId: councilIdOf(actor),
      actor,
      action: "reporting.mapping-saved",
      entityType: "Fund",
      entityId: fundId,
      summary: `Mapped ${fund.name}'s pots to the funder's categories (${entries.length} ${entries.length === 1 ? "mapping" : "mappings"})`,
      metadata: { entries: entries.map((e) => ({ ...e, label: categoryLabel(e.category) })) },
      ip,
    });
    return { outcome: "saved" as const };
  });
}

// ===== Returns =====

/** A new draft (version 1, or the next version of the same fund, layout and period) (funds:manage). */
export async function draftReturn(
  actor: TActor,
  input: { fundId: string; layout: TReturnLayout; periodStart: string; periodEnd: string; inputs: TReturnInputs },
  ip: string | null = null,
): Promise<{ outcome: "drafted"; returnId: string; version: number } | TRefused> {
  if (!can(actor, "funds:manage")) return FORBIDDEN;
  if (!UUID.test(input.fundId)) return NOT_FOUND;
  return inCouncil(actor, async (tx) => {
    const fund = await tx.fund.findUnique({ where: { id: input.fundId }, select: { id: true, name: true } });
    if (!fund) return NOT_FOUND;
    const same = { fundId: fund.id, layout: input.layout, periodStart: new Date(`${input.periodStart}T00:00:00Z`), periodEnd: new Date(`${input.periodEnd}T00:00:00Z`) };
    // Serialise drafting of one fund's returns so two at once cannot take the same version.
    await prismaSql(tx).db.selectNoFrom(q<string>`pg_advisory_xact_lock(hashtextextended(${`funder-return:${fund.id}`}, 0))::text`.as("locked")).execute();
    const last = await tx.funderReturn.findFirst({ where: same, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const row = await tx.funderReturn.create({
      data: { tenantId: councilIdOf(actor), ...same, version, inputs: input.inputs as Prisma.InputJsonValue, createdById: actorUserId(actor)! },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: councilIdOf(actor),
      actor,
      action: "reporting.return-drafted",
      entityType: "FunderReturn",
      entityId: row.id,
      summary: `Drafted the ${LAYOUT_NAMES[input.layout]} return for ${fund.name}, ${input.periodStart} to ${input.periodEnd}, version ${version}`,
      ip,
    });
    return { outcome: "drafted" as const, returnId: row.id, version };
  });
}

/** Changes what the council typed on a draft (funds:manage); a signed return is refused. */
export async function changeReturnInputs(actor: TActor, returnId: string, inputs: TReturnInputs, ip: string | null = null): Promise<{ outcome: "changed" } | { outcome: "signed" } | TRefused> {
  if (!can(actor, "funds:manage")) return FORBIDDEN;
  if (!UUID.test(returnId)) return NOT_FOUND;
  return inCouncil(actor, async (tx) => {
    const row = await tx.funderReturn.findUnique({ where: { id: returnId }, select: { status: true } });
    if (!row) return NOT_FOUND;
    if (row.status === "SIGNED") return { outcome: "signed" as const };
    const changed = await tx.funderReturn.updateMany({ where: { id: returnId, status: "DRAFT" }, data: { inputs: inputs as Prisma.InputJsonValue } });
    if (!changed.count) return { outcome: "signed" as const };
    await recordAudit(tx, { tenantId: councilIdOf(actor), actor, action: "reporting.return-changed", entityType: "FunderReturn", entityId: returnId, summary: "Changed a draft return's governance, notes or delivery plan", ip });
    return { outcome: "changed" as const };
  });
}

export type TReturnView = {
  id: string;
  fundId: string;
  fundName: string;
  layout: TReturnLayout;
  periodStart: string;
  periodEnd: string;
  version: number;
  status: "DRAFT" | "SIGNED";
  inputs: TReturnInputs;
  signed: { name: string; email: string; statement: string; at: Date } | null;
  /** A later version of the same fund, layout and period exists. */
  superseded: boolean;
  figures: TReturnFigures;
  sheets: TSheet[];
  meta: TReturnMeta;
};

type TSnapshot = { councilName: string; figures: unknown };

async function viewOf(tx: Tx, tenantId: string, returnId: string): Promise<TReturnView | null> {
  const r = await tx.funderReturn.findUnique({ where: { id: returnId }, include: { fund: { select: { name: true } } } });
  if (!r) return null;
  const periodStart = isoOf(r.periodStart);
  const periodEnd = isoOf(r.periodEnd);
  const signed = r.status === "SIGNED" && r.signedAt ? { name: r.signedByName!, email: r.signedByEmail!, statement: r.signedStatement!, at: r.signedAt } : null;
  let figures: TReturnFigures;
  let councilName: string;
  if (signed) {
    // Signed: the figures as they were signed, never the ledger's figures today.
    const snap = r.snapshot as TSnapshot;
    figures = figuresFromJson(snap.figures);
    councilName = snap.councilName;
  } else {
    figures = (await computeFigures(tx, r.fundId, { start: periodStart, end: periodEnd }))!;
    councilName = (await tx.tenant.findUnique({ where: { id: tenantId }, select: { name: true } }))?.name ?? "";
  }
  const later = await tx.funderReturn.count({ where: { fundId: r.fundId, layout: r.layout, periodStart: r.periodStart, periodEnd: r.periodEnd, version: { gt: r.version } } });
  const inputs = (r.inputs ?? {}) as TReturnInputs;
  const meta: TReturnMeta = { layout: r.layout as TReturnLayout, councilName, version: r.version, inputs, signed };
  return {
    id: r.id,
    fundId: r.fundId,
    fundName: r.fund.name,
    layout: r.layout as TReturnLayout,
    periodStart,
    periodEnd,
    version: r.version,
    status: r.status,
    inputs,
    signed,
    superseded: later > 0,
    figures,
    sheets: sheetsOf(figures, meta),
    meta,
  };
}

/** One return with its figures and sheets (reports:read). A draft is computed from the ledger now; a signed one is its snapshot. */
export async function readReturn(actor: TActor, returnId: string): Promise<TReturnView | null> {
  if (!can(actor, "reports:read") || !UUID.test(returnId)) return null;
  return inCouncil(actor, (tx) => viewOf(tx, councilIdOf(actor), returnId));
}

/**
 * The Section 151 officer's typed approval (funds:manage; the schema checked the statement):
 * the figures are computed once more in this transaction, stored, and the return is SIGNED,
 * after which the database refuses any change to it (trigger funder_return_frozen).
 */
export async function signReturn(
  actor: TActor,
  returnId: string,
  approval: { signedByName: string; signedByEmail: string; statement: string },
  ip: string | null = null,
): Promise<{ outcome: "signed" } | { outcome: "already-signed" } | TRefused> {
  if (!can(actor, "funds:manage")) return FORBIDDEN;
  if (!UUID.test(returnId)) return NOT_FOUND;
  return inCouncil(actor, async (tx) => {
    // Lock the draft: two sign-offs at once, or a change while signing, wait for this one.
    const locked = await prismaSql(tx).db.selectFrom("FunderReturn").select("status").where("id", "=", returnId).forUpdate().executeTakeFirst();
    if (!locked) return NOT_FOUND;
    if (locked.status === "SIGNED") return { outcome: "already-signed" as const };
    const view = (await viewOf(tx, councilIdOf(actor), returnId))!;
    const snapshot: TSnapshot = { councilName: view.meta.councilName, figures: figuresToJson(view.figures) };
    await tx.funderReturn.update({
      where: { id: returnId },
      data: {
        status: "SIGNED",
        snapshot: snapshot as Prisma.InputJsonValue,
        signedByName: approval.signedByName,
        signedByEmail: approval.signedByEmail,
        signedStatement: approval.statement,
        signedById: actorUserId(actor),
        signedAt: new Date(),
      },
    });
    await recordAudit(tx, {
      tenantId: councilIdOf(actor),
      actor,
      action: "reporting.return-signed",
      entityType: "FunderReturn",
      entityId: returnId,
      summary: `${approval.signedByName} (${approval.signedByEmail}) signed off the ${LAYOUT_NAMES[view.layout]} return for ${view.fundName}, ${view.periodStart} to ${view.periodEnd}, version ${view.version}: ${formatPence(view.figures.total.spendPence)} spent`,
      metadata: { totalSpendPence: view.figures.total.spendPence.toString(), unmapped: view.figures.unmapped.length },
      ip,
    });
    return { outcome: "signed" as const };
  });
}

/** A return as a file (reports:read); the download is audited (it leaves the system). */
export async function exportReturn(actor: TActor, returnId: string, format: "xlsx" | "csv", ip: string | null = null): Promise<{ fileName: string; mediaType: string; body: Buffer | string } | null> {
  if (!can(actor, "reports:read") || !UUID.test(returnId)) return null;
  return inCouncil(actor, async (tx) => {
    const view = await viewOf(tx, councilIdOf(actor), returnId);
    if (!view) return null;
    const fileName = returnFileName(view.meta, view.periodEnd, format);
    const body = format === "xlsx" ? await sheetsToXlsx(view.sheets, `${LAYOUT_NAMES[view.layout]} return: ${view.fundName}`) : sheetsToCsv(view.sheets);
    await recordAudit(tx, {
      tenantId: councilIdOf(actor),
      actor,
      action: "reporting.return-downloaded",
      entityType: "FunderReturn",
      entityId: returnId,
      summary: `Downloaded ${fileName} (${view.status === "SIGNED" ? "signed" : "draft"}, version ${view.version})`,
      metadata: { format, status: view.status },
      ip,
    });
    return { fileName, mediaType: format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8", body };
  });
}

// ===== Administration and evaluation spend =====

export type TAdminCostRow = { id: string; createdAt: Date; costLine: string; amountPence: bigint; reason: string; reversal: { createdAt: Date; reason: string } | null };

/** A fund's administration spend, newest first, each with its reversal if it has one, the net used and the cap (funds:manage). */
export async function adminCostsOf(actor: TActor, fundId: string) {
  if (!can(actor, "funds:manage") || !UUID.test(fundId)) return null;
  return inCouncil(actor, async (tx) => {
    const fund = await tx.fund.findUnique({ where: { id: fundId }, select: { id: true, name: true, allocationPence: true, adminCapBasisPoints: true } });
    if (!fund) return null;
    const rows = await tx.ledgerTransaction.findMany({
      where: { fundId, kind: "ADMIN" },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true, createdAt: true, costLine: true, amountPence: true, reason: true, reversedBy: { select: { createdAt: true, reason: true, amountPence: true } } },
    });
    // Net of reversals, as the ledger's cap check counts it.
    const usedPence = rows.reduce((a, r) => a + r.amountPence - (r.reversedBy?.amountPence ?? 0n), 0n);
    const capPence = fund.adminCapBasisPoints === null ? null : (fund.allocationPence * BigInt(fund.adminCapBasisPoints)) / 10000n;
    return {
      fund,
      usedPence,
      capPence,
      rows: rows.map(({ reversedBy, ...r }): TAdminCostRow => ({ ...r, costLine: r.costLine ?? "", reversal: reversedBy ? { createdAt: reversedBy.createdAt, reason: reversedBy.reason } : null })),
    };
  });
}

/** Records administration or evaluation spend against a fund and cost line (funds:manage); the ledger refuses it beyond the fund's admin cap. */
export async function recordAdminCost(
  actor: TActor,
  input: { fundId: string; costLine: TAdminCostLine; amountPence: bigint; reason: string; formKey: string },
  ip: string | null = null,
): Promise<{ outcome: "recorded"; replayed: boolean } | { outcome: "refused"; refusal: LedgerRefused } | TRefused> {
  if (!can(actor, "funds:manage")) return FORBIDDEN;
  if (!UUID.test(input.fundId)) return NOT_FOUND;
  try {
    return await inCouncil(actor, async (tx) => {
      const fund = await tx.fund.findUnique({ where: { id: input.fundId }, select: { name: true } });
      if (!fund) return NOT_FOUND;
      const result = await postLedger(tx, {
        kind: "ADMIN",
        fundId: input.fundId,
        amountPence: input.amountPence,
        idempotencyKey: `form:${input.formKey}`,
        reason: input.reason,
        actorUserId: actorUserId(actor),
        costLine: input.costLine,
      });
      if (!result.replayed)
        await recordAudit(tx, {
          tenantId: councilIdOf(actor),
          actor,
          action: "reporting.admin-cost-recorded",
          entityType: "LedgerTransaction",
          entityId: result.transactionId,
          summary: `Recorded ${formatPence(input.amountPence)} of ${ADMIN_COST_LINES.find((l) => l.id === input.costLine)?.label.toLowerCase() ?? input.costLine} against ${fund.name}: ${input.reason}`,
          ip,
        });
      return { outcome: "recorded" as const, replayed: result.replayed };
    });
  } catch (error) {
    if (error instanceof LedgerRefused) return { outcome: "refused", refusal: error };
    throw error;
  }
}

/**
 * Reverses an administration cost recorded in error (funds:manage: a manager), with a reason: the
 * ledger's ADMIN_REVERSE gives the whole amount back from the fund's SPENT to its unallocated money
 * through the one posting function, naming the cost it reverses. Once per cost: the key is the
 * cost's own (a second try replays) and the ledger refuses a second reversal under another key.
 * Returns already signed keep their snapshot; a draft or a new return counts it (net admin).
 */
export async function reverseAdminCost(
  actor: TActor,
  input: { fundId: string; transactionId: string; reason: string },
  ip: string | null = null,
): Promise<{ outcome: "reversed" } | { outcome: "already-reversed" } | { outcome: "refused"; refusal: LedgerRefused } | TRefused> {
  if (!can(actor, "funds:manage")) return FORBIDDEN;
  if (!UUID.test(input.fundId) || !UUID.test(input.transactionId)) return NOT_FOUND;
  try {
    return await inCouncil(actor, async (tx) => {
      const cost = await tx.ledgerTransaction.findFirst({
        where: { id: input.transactionId, fundId: input.fundId, kind: "ADMIN" },
        select: { id: true, amountPence: true, costLine: true, reason: true, fund: { select: { name: true } }, reversedBy: { select: { id: true } } },
      });
      if (!cost) return NOT_FOUND;
      if (cost.reversedBy) return { outcome: "already-reversed" as const };
      const result = await postLedger(tx, {
        kind: "ADMIN_REVERSE",
        fundId: input.fundId,
        amountPence: cost.amountPence,
        idempotencyKey: `admin-reverse:${cost.id}`,
        reason: input.reason,
        actorUserId: actorUserId(actor),
        reversesId: cost.id,
      });
      if (result.replayed) return { outcome: "already-reversed" as const };
      await recordAudit(tx, {
        tenantId: councilIdOf(actor),
        actor,
        action: "reporting.admin-cost-reversed",
        entityType: "LedgerTransaction",
        entityId: result.transactionId,
        summary: `Reversed ${formatPence(cost.amountPence)} of ${ADMIN_COST_LINES.find((l) => l.id === cost.costLine)?.label.toLowerCase() ?? cost.costLine} against ${cost.fund.name} ("${cost.reason}"): ${input.reason}`,
        metadata: { reverses: cost.id },
        ip,
      });
      return { outcome: "reversed" as const };
    });
  } catch (error) {
    if (error instanceof LedgerRefused) return { outcome: "refused", refusal: error };
    throw error;
  }
}
