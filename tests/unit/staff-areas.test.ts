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
    expect(officer).toEqual(["Cases", "Take an application by phone or in person", "Check an application's status"]);
    // Issue 15: the public form recorded an officer's application as "Online application by the
    // resident". Issue 18: officers take one through the staff journey, with its own channel.
    const hrefs = staffAreas("hackwell", permissionsFor(["OFFICER"])).map((a) => a.href);
    expect(hrefs).not.toContain("/hackwell/apply");
    expect(hrefs).toContain("/hackwell/staff/apply");
    expect(staffAreas("hackwell", permissionsFor(["MANAGER"])).map((a) => a.href)).not.toContain("/hackwell/staff/apply");
    expect(staffNavigation("hackwell", permissionsFor(["OFFICER"])).map((a) => a.href)).not.toContain("/hackwell/staff/apply");
    // A manager reads the queue (cases:read); a council admin configures and does not work cases.
    expect(staffAreas("hackwell", permissionsFor(["MANAGER"])).map((a) => a.label)[0]).toBe("Cases");
    const admin = staffAreas("hackwell", permissionsFor(["COUNCIL_ADMIN"])).map((a) => a.label);
    expect(admin).toEqual(["Funds", "People", "Partners", "Audit log", "Advice partners", "Casework settings"]);
    expect(staffAreas("hackwell", permissionsFor(["APPROVER"])).map((a) => a.label)).toContain("Awaiting approval");
    expect(staffAreas("hackwell", permissionsFor(["MANAGER"])).map((a) => a.label)).not.toContain("Awaiting approval");
    // Issue 19: finance (the approver role) pays approved awards; nobody else reaches the payments pages.
    expect(staffNavigation("hackwell", permissionsFor(["APPROVER"])).map((a) => a.href)).toContain("/hackwell/staff/payments");
    for (const role of ["OFFICER", "MANAGER", "COUNCIL_ADMIN"] as const) expect(staffAreas("hackwell", permissionsFor([role])).map((a) => a.label)).not.toContain("Payments");
    expect(staffNavigation("hackwell", permissionsFor(["REFERRER"])).map((a) => a.label)).toEqual(["Partner portal"]);
    expect(staffNavigation("hackwell", new Set())).toEqual([]);
  });

  it("shows a count beside an area when given one", () => {
    const nav = staffNavigation("hackwell", permissionsFor(["APPROVER"]), { "staff/cases/awaiting-approval": "3" });
    expect(nav.find((a) => a.href === "/hackwell/staff/cases/awaiting-approval")!.label).toBe("Awaiting approval (3)");
    expect(nav.find((a) => a.href === "/hackwell/staff/funds")!.label).toBe("Funds");
  });

  it("builds links inside the council's own area", () => {
    for (const a of staffNavigation("fenshire", permissionsFor(["MANAGER", "APPROVER"]))) expect(a.href.startsWith("/fenshire/")).toBe(true);
  });
});
