import "server-only";
import { councilIdOf, memberActor, type TActor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TCouncilAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant-scope";
import type { OrganisationType } from "@/lib/generated/prisma/enums";
import { balancesOf, potBalances } from "@/lib/ledger/read-model";
import { trainingStatus, type TTrainingStatus } from "@/lib/partners/training";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Read models for the partner (referrer) pages. Inside withTenant, so row-level security keeps
// them to the council in the URL whatever organisation id a membership names.

export type TPartnerHome = { council: string; organisation: string | null; userName: string };

/** What the partner portal's home page shows the signed-in referrer. */
export async function getPartnerHome(access: Pick<TCouncilAccess, "council" | "user" | "organisationId">): Promise<TPartnerHome> {
  const organisation = access.organisationId
    ? await withTenant(access.council.id, (tx) => tx.organisation.findUnique({ where: { id: access.organisationId! }, select: { name: true } }))
    : null;
  return { council: access.council.name, organisation: organisation?.name ?? null, userName: access.user.name };
}

// ---- Council admins: partner organisations and their members (organisations:manage) ----

export type TOrganisationRow = { id: string; name: string; type: OrganisationType; allowedEmailDomains: string[]; active: boolean; members: number };

/** The council's partner organisations with their active members' count; null without the permission. */
export async function listPartnerOrganisations(actor: TActor): Promise<TOrganisationRow[] | null> {
  if (!can(actor, "organisations:manage")) return null;
  const rows = await withTenant(councilIdOf(actor), (tx) =>
    tx.organisation.findMany({
      orderBy: [{ active: "desc" }, { name: "asc" }],
      include: { _count: { select: { memberships: { where: { role: "REFERRER", status: "ACTIVE" } } } } },
    }),
  );
  return rows.map((o) => ({ id: o.id, name: o.name, type: o.type, allowedEmailDomains: o.allowedEmailDomains, active: o.active, members: o._count.memberships }));
}

export type TMemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  active: boolean;
  lead: boolean;
  trainingCompletedOn: Date | null;
  trainingExpiresOn: Date | null;
  training: TTrainingStatus;
};

export type TOrganisationDetail = {
  id: string;
  name: string;
  type: OrganisationType;
  allowedEmailDomains: string[];
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  active: boolean;
  members: TMemberRow[];
  invitations: { id: string; name: string; email: string; expiresAt: Date }[];
};

function memberRows(memberships: { id: string; userId: string; status: string; organisationLead: boolean; trainingCompletedOn: Date | null; trainingExpiresOn: Date | null; user: { name: string; email: string; deactivatedAt: Date | null } }[], today: Date): TMemberRow[] {
  return memberships
    .map((m) => ({
      membershipId: m.id,
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      active: m.status === "ACTIVE" && !m.user.deactivatedAt,
      lead: m.organisationLead,
      trainingCompletedOn: m.trainingCompletedOn,
      trainingExpiresOn: m.trainingExpiresOn,
      training: trainingStatus(m, today),
    }))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
}

const MEMBER_SELECT = {
  id: true,
  userId: true,
  status: true,
  organisationLead: true,
  trainingCompletedOn: true,
  trainingExpiresOn: true,
  user: { select: { name: true, email: true, deactivatedAt: true } },
} as const;

/** One organisation of the council with its members and open invitations; null if not found or not allowed. */
export async function getPartnerOrganisation(actor: TActor, organisationId: string, today = new Date()): Promise<TOrganisationDetail | null> {
  if (!can(actor, "organisations:manage") || !UUID.test(organisationId)) return null;
  const org = await withTenant(councilIdOf(actor), (tx) =>
    tx.organisation.findUnique({
      where: { id: organisationId },
      include: {
        memberships: { where: { role: "REFERRER" }, select: MEMBER_SELECT },
        invitations: { where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" }, select: { id: true, name: true, email: true, expiresAt: true } },
      },
    }),
  );
  if (!org) return null;
  const { memberships, invitations, ...rest } = org;
  return {
    id: rest.id,
    name: rest.name,
    type: rest.type,
    allowedEmailDomains: rest.allowedEmailDomains,
    contactName: rest.contactName,
    contactEmail: rest.contactEmail,
    contactPhone: rest.contactPhone,
    active: rest.active,
    members: memberRows(memberships, today),
    invitations,
  };
}

// ---- The organisation lead's view in the partner portal ----

export type TAllowance = { id: string; name: string; active: boolean; maxSingleAwardPence: bigint | null; committedPence: bigint; remainingPence: bigint };
export type TLeadView = { organisation: string; members: TMemberRow[]; allowances: TAllowance[] };

/**
 * What an organisation lead sees of their own organisation: its members with their training,
 * and the allowance pots it owns with what is committed and what remains. Null for a referrer
 * who is not a lead (or anyone else). The organisation is the signed-in member's own, never one
 * named in the URL.
 */
export async function getLeadView(access: Pick<TCouncilAccess, "council" | "user" | "roles" | "organisationId">, today = new Date()): Promise<TLeadView | null> {
  const actor = memberActor(access);
  if (!can(actor, "referrals:read-own") || !access.organisationId) return null;
  const organisationId = access.organisationId;
  return withTenant(access.council.id, async (tx) => {
    const me = await tx.membership.findFirst({ where: { userId: access.user.userId, role: "REFERRER", status: "ACTIVE", organisationId, organisationLead: true, organisation: { active: true } } });
    if (!me) return null;
    const org = await tx.organisation.findUniqueOrThrow({
      where: { id: organisationId },
      include: { memberships: { where: { role: "REFERRER" }, select: MEMBER_SELECT }, pots: { orderBy: { name: "asc" }, select: { id: true, name: true, active: true, fundId: true, maxSingleAwardPence: true } } },
    });
    const balances = await balancesOf(tx, [...new Set(org.pots.map((p) => p.fundId))]);
    await recordAudit(tx, {
      tenantId: access.council.id,
      actor,
      action: "people.organisation-viewed-by-lead",
      entityType: "Organisation",
      entityId: organisationId,
      summary: `Organisation lead viewed ${org.name}'s members and allowance`,
    });
    return {
      organisation: org.name,
      members: memberRows(org.memberships, today),
      allowances: org.pots.map((p) => {
        const b = potBalances(balances, p.id);
        return { id: p.id, name: p.name, active: p.active, maxSingleAwardPence: p.maxSingleAwardPence, committedPence: b.committed + b.spent, remainingPence: b.available };
      }),
    };
  });
}

/** Whether the signed-in referrer leads their organisation (the portal's link to the organisation page). */
export async function isOrganisationLead(access: Pick<TCouncilAccess, "council" | "user" | "organisationId">): Promise<boolean> {
  if (!access.organisationId) return false;
  const n = await withTenant(access.council.id, (tx) =>
    tx.membership.count({ where: { userId: access.user.userId, role: "REFERRER", status: "ACTIVE", organisationId: access.organisationId!, organisationLead: true } }),
  );
  return n > 0;
}
