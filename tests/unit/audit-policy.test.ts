import { describe, expect, it } from "vitest";
import { AUDIT_KINDS, describeActor, isAuditKind, kindOf } from "@/lib/audit/policy";

describe("audit wording", () => {
  it("names a resident by their application, never 'System'", () => {
    const resident = { actorKind: "resident", actorRef: "application-1", actorEmail: null, action: "application.submitted" };
    expect(describeActor({ ...resident, metadata: { reference: "HKW-7C4K-P2Q9" } })).toBe("Resident (application HKW-7C4K-P2Q9)");
    expect(describeActor({ ...resident, metadata: {} })).toBe("Resident");
    expect(describeActor({ actorKind: "staff", actorRef: null, actorEmail: "admin@hackwell.example", action: "people.invited", metadata: {} })).toBe("admin@hackwell.example");
    expect(describeActor({ actorKind: "anonymous", actorRef: null, actorEmail: null, action: "auth.sign-in.failed", metadata: null })).toBe("Someone not signed in");
  });

  it("names a job and an API client by their label, and the service itself 'System'", () => {
    const event = { actorEmail: null, action: "funds.pot-created", metadata: {} };
    expect(describeActor({ ...event, actorKind: "system", actorRef: "notifications:sweep" })).toBe("system (notifications:sweep)");
    expect(describeActor({ ...event, actorKind: "api-client", actorRef: "client-1" })).toBe("API client client-1");
    expect(describeActor({ ...event, actorKind: "system", actorRef: null })).toBe("System");
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
