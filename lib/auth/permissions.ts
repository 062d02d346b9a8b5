// Role → permission map. Pure: no I/O, unit-tested. A role not in the map gets nothing.

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
  | "audit:read"
  | "referrals:submit"
  | "referrals:read-own";

const CASEWORK: Permission[] = ["staff:access", "cases:read", "cases:work"];

export const ROLE_PERMISSIONS: Readonly<Record<TRole, readonly Permission[]>> = {
  OFFICER: CASEWORK,
  APPROVER: [...CASEWORK, "awards:approve", "payments:manage", "funds:read"],
  MANAGER: ["staff:access", "cases:read", "funds:read", "funds:manage", "reports:read", "audit:read"],
  COUNCIL_ADMIN: [
    "staff:access",
    "funds:read",
    "funds:manage",
    "reports:read",
    "people:manage",
    "organisations:manage",
    "settings:manage",
    "audit:read",
  ],
  REFERRER: ["referrals:submit", "referrals:read-own"],
};

export function permissionsFor(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    const perms = Object.hasOwn(ROLE_PERMISSIONS, role) ? ROLE_PERMISSIONS[role as TRole] : [];
    for (const p of perms) granted.add(p);
  }
  return granted;
}

export function can(roles: readonly string[], permission: Permission): boolean {
  return permissionsFor(roles).has(permission);
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
