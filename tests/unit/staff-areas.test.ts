import { describe, expect, it } from "vitest";
import { ROLES, permissionsFor } from "@/lib/auth/permissions";
import { staffAreas, staffNavigation } from "@/lib/auth/staff-areas";

describe("staff areas", () => {
  it("gives every staff role a home page with at least one thing to do (no dead ends)", () => {
    for (const role of ROLES.filter((r) => r !== "REFERRER")) {
      const p = permissionsFor([role]);
      expect(staffNavigation("hackwell", p)[0]).toMatchObject({ href: "/hackwell/staff", label: "Home" });
      expect(staffAreas("hackwell", p).length, role).toBeGreaterThan(0);
    }
  });

  it("lists only what the permissions allow", () => {
    const officer = staffAreas("hackwell", permissionsFor(["OFFICER"])).map((a) => a.label);
    expect(officer).toEqual(["Cases", "Apply on a resident's behalf", "Check an application's status"]);
    // A manager reads the queue (cases:read); a council admin configures and does not work cases.
    expect(staffAreas("hackwell", permissionsFor(["MANAGER"])).map((a) => a.label)[0]).toBe("Cases");
    const admin = staffAreas("hackwell", permissionsFor(["COUNCIL_ADMIN"])).map((a) => a.label);
    expect(admin).toEqual(["Funds", "People", "Audit log"]);
    expect(staffNavigation("hackwell", permissionsFor(["REFERRER"])).map((a) => a.label)).toEqual(["Partner portal"]);
    expect(staffNavigation("hackwell", new Set())).toEqual([]);
  });

  it("builds links inside the council's own area", () => {
    for (const a of staffNavigation("fenshire", permissionsFor(["MANAGER", "APPROVER"]))) expect(a.href.startsWith("/fenshire/")).toBe(true);
  });
});
