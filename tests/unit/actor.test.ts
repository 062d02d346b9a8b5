// One actor for every service, the timeline and the audit log; one permission check for all of them.
import { describe, expect, it } from "vitest";
import { actorColumns, actorEmail, actorLabel, actorUserId, councilIdOf, memberActor, personActor, personOf, recordedActorLabel, residentActor, rolesOf, staffActor, systemActor, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";

const council = { id: "council-a" };
const user = { userId: "user-1", email: "officer@a.example" };
const officer = staffActor({ council, user, roles: ["OFFICER"] });
const referrer = memberActor({ council, user: { userId: "user-2", email: "hv@nhs.example" }, roles: ["REFERRER"], organisationId: "org-1" });
const apiClient: TActor = { kind: "api-client", council, client: { id: "client-1", name: "Citizens Advice" }, grants: ["referrals:submit"] };
const resident = residentActor(council, "application-1");
const job = systemActor("notifications:sweep");
const jobInCouncil: TActor = { kind: "system", council, name: "sla-check", grants: ["cases:read"] };
const operator = personActor({ userId: "user-9", email: "op@platform.example" });

describe("the actor", () => {
  it("says by whom the same way for every kind: a person's user id and email, nobody's for the rest", () => {
    expect([officer, referrer, apiClient, resident, job, operator].map((a) => [a.kind, actorUserId(a), actorEmail(a)])).toEqual([
      ["staff", "user-1", "officer@a.example"],
      ["referrer", "user-2", "hv@nhs.example"],
      ["api-client", null, null],
      ["resident", null, null],
      ["system", null, null],
      ["person", "user-9", "op@platform.example"],
    ]);
    expect([officer, apiClient, resident, job].map(actorLabel)).toEqual(["officer@a.example", "API client Citizens Advice", "resident", "system (notifications:sweep)"]);
  });

  it("is recorded as kind, person and reference by one mapping (the timeline's and the audit log's columns), and labelled from them", () => {
    const rows = [officer, referrer, apiClient, resident, job, operator, null].map((a) => actorColumns(a));
    expect(rows).toEqual([
      { actorKind: "staff", actorUserId: "user-1", actorRef: null },
      { actorKind: "referrer", actorUserId: "user-2", actorRef: null },
      { actorKind: "api-client", actorUserId: null, actorRef: "client-1" },
      { actorKind: "resident", actorUserId: null, actorRef: "application-1" },
      { actorKind: "system", actorUserId: null, actorRef: "notifications:sweep" },
      { actorKind: "person", actorUserId: "user-9", actorRef: null },
      { actorKind: "anonymous", actorUserId: null, actorRef: null },
    ]);
    // A person is named by the reader from the user; every other kind by its label, actorLabel's words.
    expect(rows.map(recordedActorLabel)).toEqual([null, null, "API client client-1", "resident", "system (notifications:sweep)", null, "someone not signed in"]);
    expect(recordedActorLabel(actorColumns(job))).toBe(actorLabel(job));
    expect(recordedActorLabel(actorColumns(resident))).toBe(actorLabel(resident));
  });

  it("is a referrer when the member's role is REFERRER, staff otherwise", () => {
    expect(referrer).toMatchObject({ kind: "referrer", organisationId: "org-1" });
    expect(memberActor({ council, user, roles: ["APPROVER"], organisationId: null }).kind).toBe("staff");
    expect(rolesOf(officer)).toEqual(["OFFICER"]);
    expect(rolesOf(apiClient)).toEqual([]);
  });

  it("refuses council work to an actor with no council, and person-only work to a non-person", () => {
    expect(councilIdOf(officer)).toBe("council-a");
    expect(() => councilIdOf(job)).toThrow("acts in no council");
    expect(() => councilIdOf(operator)).toThrow("acts in no council");
    expect(personOf(referrer).userId).toBe("user-2");
    expect(() => personOf(resident)).toThrow("is not a person");
    expect(() => personOf(apiClient)).toThrow("is not a person");
  });
});

describe("can(actor, permission): the one permission check", () => {
  it("reads staff and referrers' roles", () => {
    expect(can(officer, "cases:work")).toBe(true);
    expect(can(officer, "awards:approve")).toBe(false);
    expect(can(referrer, "referrals:submit")).toBe(true);
    expect(can(referrer, "cases:read")).toBe(false);
  });

  it("reads an API client's and a job's grants, and gives a job of no council nothing", () => {
    expect(can(apiClient, "referrals:submit")).toBe(true);
    expect(can(apiClient, "cases:read")).toBe(false);
    expect(can(jobInCouncil, "cases:read")).toBe(true);
    expect(can({ ...job, grants: ["cases:read"] }, "cases:read")).toBe(false);
  });

  it("gives residents and people outside a council no council permission", () => {
    for (const p of ["staff:access", "cases:read", "cases:work", "referrals:submit"] as const) {
      expect(can(resident, p)).toBe(false);
      expect(can(operator, p)).toBe(false);
    }
  });
});
