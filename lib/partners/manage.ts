import "server-only";
import { councilIdOf, type TActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant-scope";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TOrganisationInput } from "@/lib/partners/schemas";

// Council admins manage their partner organisations and each organisation's members. Every
// service checks the permission itself (not only the action client), works inside the council's
// scope (row-level security: another council's organisation is simply not found) and audits.
// Audit actions start with "people." so the audit log's "Staff and partners" filter shows them.

type TRefused = { outcome: "forbidden" } | { outcome: "not-found" };
const FORBIDDEN = { outcome: "forbidden" } as const;
const NOT_FOUND = { outcome: "not-found" } as const;

function isNameClash(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createOrganisation(actor: TActor, input: TOrganisationInput, ip: string | null = null): Promise<{ outcome: "created"; organisationId: string } | { outcome: "name-taken" } | TRefused> {
  if (!can(actor, "organisations:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  try {
    return await withTenant(tenantId, async (tx) => {
      const org = await tx.organisation.create({ data: { tenantId, ...input } });
      await recordAudit(tx, {
        tenantId,
        actor,
        action: "people.organisation-created",
        entityType: "Organisation",
        entityId: org.id,
        summary: `Added partner organisation ${org.name} (${org.allowedEmailDomains.join(", ")})`,
        metadata: { ...input },
        ip,
      });
      return { outcome: "created" as const, organisationId: org.id };
    });
  } catch (error) {
    if (isNameClash(error)) return { outcome: "name-taken" };
    throw error;
  }
}

export async function updateOrganisation(actor: TActor, organisationId: string, input: TOrganisationInput, ip: string | null = null): Promise<{ outcome: "saved" } | { outcome: "name-taken" } | TRefused> {
  if (!can(actor, "organisations:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  try {
    return await withTenant(tenantId, async (tx) => {
      const before = await tx.organisation.findUnique({ where: { id: organisationId } });
      if (!before) return NOT_FOUND;
      await tx.organisation.update({ where: { id: organisationId }, data: input });
      const changed = (Object.keys(input) as (keyof TOrganisationInput)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input[k]));
      await recordAudit(tx, {
        tenantId,
        actor,
        action: "people.organisation-changed",
        entityType: "Organisation",
        entityId: organisationId,
        summary: `Changed partner organisation ${input.name}: ${changed.join(", ") || "nothing"}`,
        metadata: { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, input[k]])) },
        ip,
      });
      return { outcome: "saved" as const };
    });
  } catch (error) {
    if (isNameClash(error)) return { outcome: "name-taken" };
    throw error;
  }
}

/**
 * Deactivates or reactivates an organisation. Deactivated, its members lose access on their next
 * request (lib/auth/access.ts counts a referrer membership only while its organisation is active)
 * and its open invitations are withdrawn; reactivated, active members are back.
 */
export async function setOrganisationActive(actor: TActor, organisationId: string, active: boolean, ip: string | null = null): Promise<{ outcome: "saved" } | TRefused> {
  if (!can(actor, "organisations:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  return withTenant(tenantId, async (tx) => {
    const org = await tx.organisation.findUnique({ where: { id: organisationId } });
    if (!org) return NOT_FOUND;
    await tx.organisation.update({ where: { id: organisationId }, data: { active } });
    if (!active) await tx.invitation.updateMany({ where: { organisationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      tenantId,
      actor,
      action: active ? "people.organisation-reactivated" : "people.organisation-deactivated",
      entityType: "Organisation",
      entityId: organisationId,
      summary: active ? `Reactivated partner organisation ${org.name}` : `Deactivated partner organisation ${org.name}: its members lose access`,
      ip,
    });
    return { outcome: "saved" as const };
  });
}

type TMemberChange = { kind: "lead"; lead: boolean } | { kind: "active"; active: boolean } | { kind: "training"; completedOn: Date; expiresOn: Date };

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Changes one member of one organisation: lead or not, active or not, their training dates.
 * The membership must be a referrer's of that organisation in this council, or it is not found.
 */
export async function changeMember(actor: TActor, organisationId: string, membershipId: string, change: TMemberChange, ip: string | null = null): Promise<{ outcome: "saved" } | TRefused> {
  if (!can(actor, "organisations:manage")) return FORBIDDEN;
  const tenantId = councilIdOf(actor);
  return withTenant(tenantId, async (tx) => {
    const m = await tx.membership.findFirst({
      where: { id: membershipId, organisationId, role: "REFERRER" },
      include: { user: { select: { email: true } }, organisation: { select: { name: true } } },
    });
    if (!m || !m.organisation) return NOT_FOUND;
    const who = `${m.user.email} (${m.organisation.name})`;
    let action: string, summary: string, data: Prisma.MembershipUpdateInput;
    if (change.kind === "lead") {
      data = { organisationLead: change.lead };
      action = "people.member-lead-changed";
      summary = change.lead ? `Made ${who} an organisation lead` : `${who} is no longer an organisation lead`;
    } else if (change.kind === "active") {
      data = { status: change.active ? "ACTIVE" : "DEACTIVATED" };
      action = change.active ? "people.member-reactivated" : "people.member-deactivated";
      summary = change.active ? `Reactivated ${who}` : `Deactivated ${who}: no access from their next request`;
      if (!change.active) await tx.invitation.updateMany({ where: { email: m.user.email, organisationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    } else {
      data = { trainingCompletedOn: change.completedOn, trainingExpiresOn: change.expiresOn };
      action = "people.member-training-recorded";
      summary = `Recorded training for ${who}: completed ${iso(change.completedOn)}, valid until ${iso(change.expiresOn)}`;
    }
    await tx.membership.update({ where: { id: m.id }, data });
    await recordAudit(tx, { tenantId, actor, action, entityType: "Membership", entityId: m.id, summary, metadata: { organisationId, userId: m.userId }, ip });
    return { outcome: "saved" as const };
  });
}
