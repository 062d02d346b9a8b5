import { describe, expect, it } from "vitest";
import { AUDIT_KINDS, describeActor, isAuditKind, kindOf } from "@/lib/audit/policy";

describe("audit wording", () => {
  it("names a resident by their application, never 'System'", () => {
    expect(describeActor({ actorEmail: null, action: "application.submitted", metadata: { reference: "HKW-7C4K-P2Q9" } })).toBe("Resident (application HKW-7C4K-P2Q9)");
    expect(describeActor({ actorEmail: null, action: "application.submitted", metadata: {} })).toBe("Resident");
    expect(describeActor({ actorEmail: "admin@hackwell.example", action: "people.invited", metadata: {} })).toBe("admin@hackwell.example");
    expect(describeActor({ actorEmail: null, action: "auth.sign-in.failed", metadata: null })).toBe("Someone not signed in");
  });

  it("files every action the app records under a kind", () => {
    for (const action of ["application.submitted", "auth.magic-link.signed-in", "authz.refused", "funds.history-exported", "people.roles-changed", "platform.council-created"]) {
      expect(kindOf(action), action).not.toBeNull();
    }
    expect(isAuditKind("funds")).toBe(true);
    expect(isAuditKind("__proto__")).toBe(false);
    expect(isAuditKind("constructor")).toBe(false);
    expect(Object.keys(AUDIT_KINDS).length).toBeGreaterThan(3);
  });
});
