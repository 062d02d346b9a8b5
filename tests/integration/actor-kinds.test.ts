// "By whom" for every kind of actor (issue 16 §2): a background job and a partner's API client
// each write a line on a case's timeline and an event in the audit log through the real writers
// (transitionCase → recordCaseEvent, recordAudit, recordAuditSql), recorded as kind, person and
// reference by the one mapping (lib/actor actorColumns), and read back by the case page and the
// audit log with their label. The columns' check refuses a row that does not say who.
import { beforeAll, describe, expect, it } from "vitest";
import type { TActor, TMemberActor } from "@/lib/actor";
import { recordAudit, recordAuditSql } from "@/lib/audit/record-audit";
import { describeActor } from "@/lib/audit/policy";
import { listAuditEvents } from "@/lib/audit/queries";
import { loadCasePage } from "@/lib/cases/case-page";
import { claimCase } from "@/lib/cases/claim-case";
import { transitionCase } from "@/lib/cases/transition";
import { withTenant, withTenantSql } from "@/lib/db/tenant-scope";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil;
let officer: TMemberActor;
let job: TActor, partner: TActor;
const CLIENT_ID = "5f0b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";
const owner = () => testDb().owner;

beforeAll(async () => {
  await createCouncil(owner(), { slug: "actor-kinds-a", postcodeAreas: ["E8"], settings: { referencePrefix: "AKA" } });
  council = (await findCouncilBySlug("actor-kinds-a"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  job = { kind: "system", council: { id: council.id }, name: "duplicate-sweep", grants: ["cases:work"] };
  partner = { kind: "api-client", council: { id: council.id }, client: { id: CLIENT_ID, name: "Citizens Advice" }, grants: ["cases:work"] };
});

const timeline = (caseId: string) => owner().caseEvent.findMany({ where: { caseId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

describe("a job and an API client", () => {
  it("a job closes a duplicate: its timeline line and audit event say system and its name, and read as its label", async () => {
    const c = await applyFor(council);
    const done = await withTenantSql(council.id, async (sql) => {
      const r = await transitionCase(sql, job, c.caseId, "close-duplicate", { eventData: { reason: "same application twice" } });
      await recordAuditSql(sql, { tenantId: council.id, actor: job, action: "cases.duplicate-closed", entityType: "Case", entityId: c.caseId, summary: `Closed ${c.reference} as a duplicate` });
      return r;
    });
    expect(done).toMatchObject({ outcome: "done", to: "CLOSED_DUPLICATE" });
    const lines = await timeline(c.caseId);
    expect(lines.find((e) => e.kind === "status.close-duplicate")).toMatchObject({ actorKind: "system", actorUserId: null, actorRef: "duplicate-sweep" });
    // Every line the transition wrote (the resident's message too) is the job's.
    for (const e of lines) expect([e.kind, e.actorKind, e.actorRef]).toEqual([e.kind, "system", "duplicate-sweep"]);
    const audit = await owner().auditEvent.findFirstOrThrow({ where: { tenantId: council.id, action: "cases.duplicate-closed", entityId: c.caseId } });
    expect(audit).toMatchObject({ actorKind: "system", actorUserId: null, actorEmail: null, actorRef: "duplicate-sweep" });

    const page = await loadCasePage(officer, c.caseId, null);
    const line = page!.file.events.find((e) => e.kind === "status.close-duplicate")!;
    expect([line.actorUserId, line.actorLabel]).toEqual([null, "system (duplicate-sweep)"]);
    const { rows } = await listAuditEvents(council.id, 1);
    expect(describeActor(rows.find((r) => r.action === "cases.duplicate-closed")!)).toBe("system (duplicate-sweep)");
  });

  it("an API client withdraws a case: its timeline line and audit event say api-client and the client's id, and read as its label", async () => {
    const c = await applyFor(council);
    expect(await withTenantSql(council.id, (sql) => transitionCase(sql, partner, c.caseId, "withdraw", { eventData: { reason: "the resident asked their adviser" } }))).toMatchObject({ outcome: "done", to: "WITHDRAWN" });
    await withTenant(council.id, (tx) => recordAudit(tx, { tenantId: council.id, actor: partner, action: "cases.withdrawn-by-partner", entityType: "Case", entityId: c.caseId, summary: `Withdrew ${c.reference}` }));
    const line = (await timeline(c.caseId)).find((e) => e.kind === "status.withdraw");
    expect(line).toMatchObject({ actorKind: "api-client", actorUserId: null, actorRef: CLIENT_ID });
    const audit = await owner().auditEvent.findFirstOrThrow({ where: { tenantId: council.id, action: "cases.withdrawn-by-partner" } });
    expect(audit).toMatchObject({ actorKind: "api-client", actorUserId: null, actorEmail: null, actorRef: CLIENT_ID });

    const page = await loadCasePage(officer, c.caseId, null);
    expect(page!.file.events.find((e) => e.kind === "status.withdraw")!.actorLabel).toBe(`API client ${CLIENT_ID}`);
    const { rows } = await listAuditEvents(council.id, 1);
    expect(describeActor(rows.find((r) => r.action === "cases.withdrawn-by-partner")!)).toBe(`API client ${CLIENT_ID}`);
  });

  it("staff are recorded as before: kind staff, their user, no reference, named by the page", async () => {
    const c = await applyFor(council);
    expect((await claimCase(officer, c.caseId)).outcome).toBe("done");
    expect((await timeline(c.caseId)).find((e) => e.kind === "claimed")).toMatchObject({ actorKind: "staff", actorUserId: officer.user.userId, actorRef: null });
    const page = await loadCasePage(officer, c.caseId, null);
    const line = page!.file.events.find((e) => e.kind === "claimed")!;
    expect([line.actorUserId, line.actorLabel, page!.names.get(officer.user.userId)]).toEqual([officer.user.userId, null, "Olu Officer"]);
    // Reading the case page is audited by the same mapping, with the officer's email.
    const viewed = await owner().auditEvent.findFirstOrThrow({ where: { action: "case.viewed", entityId: c.caseId } });
    expect(viewed).toMatchObject({ actorKind: "staff", actorUserId: officer.user.userId, actorEmail: officer.user.email, actorRef: null });
  });
});

describe("the columns' check", () => {
  it("refuses an unknown kind, a person's kind without the person, a job's kind naming a person, and an API client without its id", async () => {
    const c = await applyFor(council);
    const insert = (kind: string, userId: string | null, ref: string | null) =>
      owner().$executeRawUnsafe(
        `insert into "CaseEvent" (id, "tenantId", "caseId", kind, "actorKind", "actorUserId", "actorRef") values (gen_random_uuid(), $1::uuid, $2::uuid, 'note', $3, $4::uuid, $5)`,
        council.id,
        c.caseId,
        kind,
        userId,
        ref,
      );
    await expect(insert("robot", null, "x")).rejects.toThrow(/CaseEvent_actor_check/);
    await expect(insert("staff", null, null)).rejects.toThrow(/CaseEvent_actor_check/);
    await expect(insert("system", officer.user.userId, "sweep")).rejects.toThrow(/CaseEvent_actor_check/);
    await expect(insert("api-client", null, null)).rejects.toThrow(/CaseEvent_actor_check/);
    await expect(insert("anonymous", null, null)).rejects.toThrow(/CaseEvent_actor_check/);
    await expect(insert("system", null, "sweep")).resolves.toBe(1);
    const audit = (kind: string, userId: string | null) =>
      owner().$executeRawUnsafe(`insert into "AuditEvent" (id, "tenantId", "actorKind", "actorUserId", action, "entityType", summary) values (gen_random_uuid(), $1::uuid, $2, $3::uuid, 'test', 'Test', 'x')`, council.id, kind, userId);
    await expect(audit("person", null)).rejects.toThrow(/AuditEvent_actor_check/);
    await expect(audit("anonymous", null)).resolves.toBe(1);
  });
});
