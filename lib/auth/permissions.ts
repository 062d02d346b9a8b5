// Role → permission map. Pure: no I/O, unit-tested. A role not in the map gets nothing.
import type { TActor, TCouncilActor } from "@/lib/actor";

export const ROLES = ["OFFICER", "APPROVER", "MANAGER", "COUNCIL_ADMIN", "REFERRER"] as const;
export type TRole = (typeof ROLES)[number];

export const STAFF_ROLES: readonly TRole[] = ["OFFICER", "APPROVER", "MANAGER", "COUNCIL_ADMIN"];

export type Permission =
  | "staff:access"
  | "cases:read"
  | "cases:work"
  | "awards:approve"
  | "payments:manage"
  | "funds:read"
  | "funds:manage"
  | "reports:read"
  | "people:manage"
  | "organisations:manage"
  | "settings:manage"
  /** The council's advice partners, for onward referrals (lib/advice): managers and council admins. */
  | "advice:manage"
  | "audit:read"
  /** Proactive outreach (lib/outreach): upload lists of households, run invitation campaigns. Managers and council admins. */
  | "outreach:manage"
  | "referrals:submit"
  | "referrals:read-own"
  /** A trusted referrer awarding from their organisation's allowance (lib/referrals/direct-award.ts checks training, fast-track and every money rule first). */
  | "awards:direct";

const CASEWORK: Permission[] = ["staff:access", "cases:read", "cases:work"];

export const ROLE_PERMISSIONS: Readonly<Record<TRole, readonly Permission[]>> = {
  OFFICER: CASEWORK,
  APPROVER: [...CASEWORK, "awards:approve", "payments:manage", "funds:read"],
  MANAGER: ["staff:access", "cases:read", "funds:read", "funds:manage", "reports:read", "audit:read", "advice:manage", "outreach:manage"],
  COUNCIL_ADMIN: [
    "staff:access",
    "funds:read",
    "funds:manage",
    "reports:read",
    "people:manage",
    "organisations:manage",
    "settings:manage",
    "audit:read",
    "advice:manage",
    "outreach:manage",
  ],
  REFERRER: ["referrals:submit", "referrals:read-own", "awards:direct"],
};

export function permissionsFor(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    const perms = Object.hasOwn(ROLE_PERMISSIONS, role) ? ROLE_PERMISSIONS[role as TRole] : [];
    for (const p of perms) granted.add(p);
  }
  return granted;
}

/**
 * The one permission check, whoever acts (lib/actor): staff and referrers by their roles in the
 * council, an API client or a job by the permissions it was given; a resident, or anyone without
 * a council, holds none of a council's permissions. True means the actor acts within a council.
 */
export function can(actor: TActor, permission: Permission): actor is TCouncilActor {
  switch (actor.kind) {
    case "staff":
    case "referrer":
      return permissionsFor(actor.roles).has(permission);
    case "api-client":
      return actor.grants.includes(permission);
    case "system":
      return actor.council !== null && actor.grants.includes(permission);
    case "resident":
    case "person":
      return false;
  }
}

export function isStaffRole(role: string): boolean {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export const ROLE_LABELS: Record<TRole, string> = {
  OFFICER: "Money Hub officer",
  APPROVER: "Approver (finance)",
  MANAGER: "Manager",
  COUNCIL_ADMIN: "Council admin",
  REFERRER: "Trusted referrer",
};
