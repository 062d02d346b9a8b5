import { describe, expect, it } from "vitest";
import { ROLE_PERMISSIONS, ROLES, can, isStaffRole, permissionsFor } from "@/lib/auth/permissions";
import { memberActor } from "@/lib/actor";

/** A member of one council with these roles (a referrer when REFERRER is among them). */
const member = (roles: string[]) => memberActor({ council: { id: "council" }, user: { userId: "user", email: "user@example.com" }, roles, organisationId: null });

describe("role → permission map", () => {
  it("gives unknown roles nothing", () => {
    expect(permissionsFor(["SUPERUSER", "toString", "__proto__", "constructor"]).size).toBe(0);
    expect(can(member(["hasOwnProperty"]), "staff:access")).toBe(false);
  });

  it("keeps referrers out of staff pages and staff out of referrals", () => {
    expect(can(member(["REFERRER"]), "staff:access")).toBe(false);
    expect(can(member(["REFERRER"]), "cases:read")).toBe(false);
    expect(can(member(["REFERRER"]), "referrals:submit")).toBe(true);
    for (const role of ["OFFICER", "APPROVER", "MANAGER", "COUNCIL_ADMIN"]) {
      expect(can(member([role]), "staff:access")).toBe(true);
      expect(can(member([role]), "referrals:submit")).toBe(false);
    }
  });

  it("lets only council admins manage people", () => {
    const admins = ROLES.filter((r) => can(member([r]), "people:manage"));
    expect(admins).toEqual(["COUNCIL_ADMIN"]);
  });

  it("lets only approvers approve awards", () => {
    expect(ROLES.filter((r) => can(member([r]), "awards:approve"))).toEqual(["APPROVER"]);
  });

  it("unions the permissions of several roles", () => {
    const p = permissionsFor(["OFFICER", "MANAGER"]);
    expect(p.has("cases:work")).toBe(true);
    expect(p.has("funds:manage")).toBe(true);
    expect(p.has("people:manage")).toBe(false);
  });

  it("has an entry for every role and classifies staff roles", () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
    expect(ROLES.filter(isStaffRole)).toEqual(["OFFICER", "APPROVER", "MANAGER", "COUNCIL_ADMIN"]);
  });
});
