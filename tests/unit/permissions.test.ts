import { describe, expect, it } from "vitest";
import { ROLE_PERMISSIONS, ROLES, can, isStaffRole, permissionsFor } from "@/lib/auth/permissions";

describe("role → permission map", () => {
  it("gives unknown roles nothing", () => {
    expect(permissionsFor(["SUPERUSER", "toString", "__proto__", "constructor"]).size).toBe(0);
    expect(can(["hasOwnProperty"], "staff:access")).toBe(false);
  });

  it("keeps referrers out of staff pages and staff out of referrals", () => {
    expect(can(["REFERRER"], "staff:access")).toBe(false);
    expect(can(["REFERRER"], "cases:read")).toBe(false);
    expect(can(["REFERRER"], "referrals:submit")).toBe(true);
    for (const role of ["OFFICER", "APPROVER", "MANAGER", "COUNCIL_ADMIN"]) {
      expect(can([role], "staff:access")).toBe(true);
      expect(can([role], "referrals:submit")).toBe(false);
    }
  });

  it("lets only council admins manage people", () => {
    const admins = ROLES.filter((r) => can([r], "people:manage"));
    expect(admins).toEqual(["COUNCIL_ADMIN"]);
  });

  it("lets only approvers approve awards", () => {
    expect(ROLES.filter((r) => can([r], "awards:approve"))).toEqual(["APPROVER"]);
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
