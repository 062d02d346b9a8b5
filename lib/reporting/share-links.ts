// Read-only links to the dashboard for people without a sign-in (issue 20): a manager makes one
// for a fund (or all) and a period; the token is shown once and only its SHA-256 is kept. The
// token starts with the council's id (32 hex digits, not secret: the page names the council) so
// the lookup runs in that council's scope under row-level security, then 43 characters of
// randomness (256 bits). Lookup hashes first and finds by the hash's unique index: no comparison
// of the secret in code, so no timing oracle. Revoked or unknown: null (the page is a plain 404).
import "server-only";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant-scope";
import { hashToken, newToken } from "@/lib/security/crypto";
import type { TDashboardFilter } from "@/lib/reporting/dashboard-types";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SHARE_TOKEN = /^[0-9a-f]{32}[A-Za-z0-9_-]{43}$/;

const hexOf = (uuid: string) => uuid.replaceAll("-", "").toLowerCase();
const uuidOf = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

export type TShareLinkRow = { id: string; fundName: string | null; from: string; to: string; createdAt: Date; revokedAt: Date | null };

export async function createShareLink(actor: TActor, filter: TDashboardFilter, ip: string | null = null): Promise<{ outcome: "created"; id: string; token: string } | { outcome: "forbidden" | "not-found" }> {
  if (!can(actor, "funds:manage")) return { outcome: "forbidden" };
  const userId = actorUserId(actor);
  if (!userId) return { outcome: "forbidden" };
  const tenantId = councilIdOf(actor);
  const token = `${hexOf(tenantId)}${newToken().token}`;
  return withTenant(
    tenantId,
    async (tx) => {
      const fund = filter.fundId ? await tx.fund.findUnique({ where: { id: filter.fundId }, select: { name: true } }) : null;
      if (filter.fundId && !fund) return { outcome: "not-found" as const };
      const row = await tx.reportShareLink.create({
        data: { tenantId, tokenHash: hashToken(token), fundId: filter.fundId, fromDate: day(filter.from), toDate: day(filter.to), createdById: userId },
        select: { id: true },
      });
      await recordAudit(tx, {
        tenantId,
        actor,
        action: "reporting.share-link-created",
        entityType: "ReportShareLink",
        entityId: row.id,
        summary: `Shared a read-only dashboard for ${fund?.name ?? "all funds"}, ${filter.from} to ${filter.to}`,
        ip,
      });
      return { outcome: "created" as const, id: row.id, token };
    },
    userId,
  );
}

export async function listShareLinks(actor: TActor): Promise<TShareLinkRow[] | null> {
  if (!can(actor, "funds:manage")) return null;
  return withTenant(councilIdOf(actor), async (tx) =>
    (await tx.reportShareLink.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 100, include: { fund: { select: { name: true } } } })).map((r) => ({
      id: r.id,
      fundName: r.fund?.name ?? null,
      from: isoOf(r.fromDate),
      to: isoOf(r.toDate),
      createdAt: r.createdAt,
      revokedAt: r.revokedAt,
    })),
  );
}

export async function revokeShareLink(actor: TActor, id: string, ip: string | null = null): Promise<{ outcome: "revoked" | "already-revoked" | "forbidden" | "not-found" }> {
  if (!can(actor, "funds:manage")) return { outcome: "forbidden" };
  const userId = actorUserId(actor);
  if (!userId) return { outcome: "forbidden" };
  if (!UUID.test(id)) return { outcome: "not-found" };
  return withTenant(
    councilIdOf(actor),
    async (tx) => {
      const link = await tx.reportShareLink.findUnique({ where: { id }, select: { revokedAt: true } });
      if (!link) return { outcome: "not-found" as const };
      if (link.revokedAt) return { outcome: "already-revoked" as const };
      const changed = await tx.reportShareLink.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date(), revokedById: userId } });
      if (changed.count !== 1) return { outcome: "already-revoked" as const };
      await recordAudit(tx, { tenantId: councilIdOf(actor), actor, action: "reporting.share-link-revoked", entityType: "ReportShareLink", entityId: id, summary: "Revoked a read-only dashboard link", ip });
      return { outcome: "revoked" as const };
    },
    userId,
  );
}

export type TSharedReport = { linkId: string; tokenHash: string; council: { id: string; name: string }; filter: TDashboardFilter; fundName: string | null };

/** The link a token opens, or null (malformed, unknown, revoked, or its council no longer active). */
export async function findSharedReport(token: string): Promise<TSharedReport | null> {
  if (!SHARE_TOKEN.test(token)) return null;
  const tokenHash = hashToken(token);
  const tenantId = uuidOf(token.slice(0, 32));
  const council = await db().tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true, status: true } });
  if (!council || council.status !== "ACTIVE") return null;
  const link = await withTenant(council.id, (tx) => tx.reportShareLink.findUnique({ where: { tokenHash }, include: { fund: { select: { name: true } } } }));
  if (!link || link.revokedAt || link.tenantId !== council.id) return null;
  return { linkId: link.id, tokenHash, council: { id: council.id, name: council.name }, filter: { fundId: link.fundId, from: isoOf(link.fromDate), to: isoOf(link.toDate) }, fundName: link.fund?.name ?? null };
}
