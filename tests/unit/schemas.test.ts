import { describe, expect, it } from "vitest";
import { ZStaffSignIn, ZSignInCode } from "@/lib/auth/schemas";
import { zodFieldErrors } from "@/lib/forms/form-state";
import { ZChangeRoles, ZInviteStaff } from "@/lib/people/schemas";
import { ZCreateCouncil } from "@/lib/tenancy/schemas";
import { appUrlFromOwnerUrl, databaseName, withDatabase } from "@/lib/db/urls";

describe("input schemas are strict", () => {
  it("refuses unknown fields such as tenantId or status", () => {
    const r = ZInviteStaff.safeParse({ name: "A", email: "a@b.example", role: "OFFICER", tenantId: "x", status: "ACTIVE" });
    expect(r.success).toBe(false);
    const errors = zodFieldErrors(r.error!);
    expect(errors[0]).toEqual({ field: "form", message: "This form does not accept: tenantId, status" });
  });

  it("gives GOV.UK-style messages per field, in order", () => {
    const r = ZStaffSignIn.safeParse({ email: "not-an-email", password: "" });
    expect(zodFieldErrors(r.error!)).toEqual([
      { field: "email", message: "Enter an email address in the correct format, like name@example.com" },
      { field: "password", message: "Enter your password" },
    ]);
  });

  it("normalises codes and emails", () => {
    expect(ZSignInCode.parse({ code: " 123 456 " })).toEqual({ code: "123456" });
    expect(ZStaffSignIn.parse({ email: " Officer@Hackwell.Example ", password: "x" }).email).toBe("officer@hackwell.example");
  });

  it("accepts one or several roles and refuses made-up ones", () => {
    const id = "00000000-0000-4000-8000-000000000000";
    expect(ZChangeRoles.parse({ userId: id, roles: "OFFICER" }).roles).toEqual(["OFFICER"]);
    expect(ZChangeRoles.parse({ userId: id, roles: ["OFFICER", "MANAGER"] }).roles).toEqual(["OFFICER", "MANAGER"]);
    expect(ZChangeRoles.safeParse({ userId: id, roles: ["PLATFORM_OPERATOR"] }).success).toBe(false);
    expect(zodFieldErrors(ZChangeRoles.safeParse({ userId: id }).error!)[0]?.message).toBe("Select at least one role");
  });

  it("parses a new council's postcode areas", () => {
    const r = ZCreateCouncil.parse({
      name: "Test Council",
      slug: "test-council",
      kind: "UNITARY",
      contactEmail: "a@test.example",
      contactPhone: "01632 960000",
      postcodeAreas: "e8, N16 cb1",
      adminName: "Ann",
      adminEmail: "ANN@test.example",
    });
    expect(r.postcodeAreas).toEqual(["E8", "N16", "CB1"]);
    expect(r.adminEmail).toBe("ann@test.example");
    expect(ZCreateCouncil.safeParse({ ...r, postcodeAreas: "E8, 12345", slug: "Bad Slug" }).success).toBe(false);
  });
});

describe("database URLs", () => {
  it("derive the app role's URL from the owner's", () => {
    const app = appUrlFromOwnerUrl("postgresql://postgres:pw@127.0.0.1:5432/moneyhub?sslmode=disable", "s3cr/t");
    expect(app).toBe("postgresql://moneyhub_app:s3cr%2Ft@127.0.0.1:5432/moneyhub?sslmode=disable");
    expect(databaseName(withDatabase(app, "other"))).toBe("other");
  });
});
