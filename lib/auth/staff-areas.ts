// What a staff member can reach in a council, from their permissions: the service navigation on
// every staff page and the staff home page are built from this one list. Pure, unit-tested.
import type { Permission } from "@/lib/auth/permissions";

export type TStaffArea = { href: string; label: string; description: string };

const AREAS: readonly { permission: Permission; path: string; label: string; description: string }[] = [
  { permission: "cases:read", path: "staff/cases", label: "Cases", description: "The queue of applications and referrals: claim, work and decide cases" },
  { permission: "funds:read", path: "staff/funds", label: "Funds", description: "Budgets, pots and spend against each allocation" },
  { permission: "people:manage", path: "staff/people", label: "People", description: "Invite staff and partners, change roles" },
  { permission: "organisations:manage", path: "staff/partners", label: "Partners", description: "Partner organisations, their members, training and leads" },
  { permission: "reports:read", path: "staff/reports", label: "Reports", description: "The dashboard of money, outputs and outcomes, and the funder's returns" },
  { permission: "audit:read", path: "staff/audit", label: "Audit log", description: "Who viewed and changed what, and when" },
  { permission: "referrals:submit", path: "partner", label: "Partner portal", description: "Refer a resident for emergency support" },
  { permission: "payments:manage", path: "staff/payments", label: "Payments", description: "Pay approved awards in batches (bank files and voucher orders), and release what a colleague batched" },
  { permission: "awards:approve", path: "staff/cases/awaiting-approval", label: "Awaiting approval", description: "Awards above the officer's limit, waiting for an approver" },
  { permission: "advice:manage", path: "staff/advice-partners", label: "Advice partners", description: "Where officers refer residents for advice that raises their income, and the income gained" },
  { permission: "outreach:manage", path: "staff/outreach", label: "Outreach", description: "Invite households the council knows are struggling to apply, and see who did" },
  { permission: "settings:manage", path: "staff/cases/settings", label: "Casework settings", description: "Priority weights, SLA days, the officer's approval limit and reason codes" },
];

/** Counts shown beside an area's name in the navigation ("Awaiting approval (3)"), by path. */
export type TAreaCounts = Partial<Record<string, string>>;

/** Areas for the navigation: "Home" first for staff, then each area the permissions allow. */
export function staffNavigation(slug: string, permissions: ReadonlySet<Permission>, counts: TAreaCounts = {}): TStaffArea[] {
  const home: TStaffArea[] = permissions.has("staff:access") ? [{ href: `/${slug}/staff`, label: "Home", description: "" }] : [];
  // Taking an application is linked from the home page and the queue; the navigation stays one line.
  const inNavigation = staffAreas(slug, permissions).filter((a) => a.href !== `/${slug}/staff/apply`);
  return [...home, ...inNavigation].map((a) => {
    const count = counts[a.href.slice(slug.length + 2)];
    return count === undefined ? a : { ...a, label: `${a.label} (${count})` };
  });
}

/**
 * What the staff home page lists. Casework staff also get the staff journey for taking an
 * application by phone or in person (its own channel, OFFICER_PHONE / OFFICER_IN_PERSON, never the
 * public form, which would record "Online application by the resident") and the resident-facing
 * status check they use on the phone.
 */
export function staffAreas(slug: string, permissions: ReadonlySet<Permission>): TStaffArea[] {
  const areas = AREAS.filter((a) => permissions.has(a.permission)).map((a) => ({ href: `/${slug}/${a.path}`, label: a.label, description: a.description }));
  if (permissions.has("cases:work")) {
    areas.push({ href: `/${slug}/staff/apply`, label: "Take an application by phone or in person", description: "Enter an application for a resident on the phone or face to face, with their consent witnessed" });
    areas.push({ href: `/${slug}/status`, label: "Check an application's status", description: "With the reference number and the resident's date of birth" });
  }
  return areas;
}
