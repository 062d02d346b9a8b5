// Who a case can be assigned to (issue 15, hole 6): only someone who can sign in and work cases
// here — an active user account, an ACTIVE membership of this council, a role with cases:work.
// Checked by the one writer (transitionCase's assign path), and the same rule picks the people
// the case page offers.
import { beforeAll, describe, expect, it } from "vitest";
import { assignCase, claimCase } from "@/lib/cases/claim-case";
import { listCaseworkers } from "@/lib/cases/options";
import { transitionCase, type TCaseActor } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil;
let officer: TCaseActor, colleague: TCaseActor, gone: TCaseActor, left: TCaseActor, manager: TCaseActor;
const owner = () => testDb().owner;

beforeAll(async () => {
  await createCouncil(owner(), { slug: "assignees-a", postcodeAreas: ["E8"], settings: { referencePrefix: "ASA" } });
  council = (await findCouncilBySlug("assignees-a"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  colleague = await caseActor(council, "APPROVER", "Alex Approver");
  manager = await caseActor(council, "MANAGER", "Mo Manager");
  // Account deactivated, membership still ACTIVE: the attack in the issue.
  gone = await caseActor(council, "OFFICER", "Gail Gone");
  await owner().user.update({ where: { id: gone.user.userId }, data: { deactivatedAt: new Date() } });
  // Account fine, membership of this council deactivated.
  left = await caseActor(council, "OFFICER", "Len Left");
  await owner().membership.updateMany({ where: { userId: left.user.userId, tenantId: council.id }, data: { status: "DEACTIVATED" } });
});

async function claimed() {
  const { caseId } = await applyFor(council);
  expect((await claimCase(officer, caseId)).outcome).toBe("done");
  return caseId;
}

const assigneeOf = async (caseId: string) => (await owner().case.findUniqueOrThrow({ where: { id: caseId } })).assignedToId;

describe("assigning a case", () => {
  it("refuses a user whose account is deactivated even though their membership is still active", async () => {
    const caseId = await claimed();
    expect(await assignCase(officer, caseId, gone.user.userId)).toEqual({ outcome: "not-a-caseworker" });
    expect(await assigneeOf(caseId)).toBe(officer.user.userId);
  });

  it("refuses a deactivated membership, a role without cases:work and a made-up id", async () => {
    const caseId = await claimed();
    for (const to of [left.user.userId, manager.user.userId, "00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      expect(await assignCase(officer, caseId, to)).toEqual({ outcome: "not-a-caseworker" });
    }
    expect(await assigneeOf(caseId)).toBe(officer.user.userId);
  });

  it("checks in the one writer, not only in the assign service", async () => {
    const caseId = await claimed();
    const r = await withTenantSql(council.id, (sql) => transitionCase(sql, officer, caseId, "assign", { assignTo: gone.user.userId }), officer.user.userId);
    expect(r).toEqual({ outcome: "not-a-caseworker" });
    expect(await assigneeOf(caseId)).toBe(officer.user.userId);
    expect(await owner().caseEvent.count({ where: { caseId, kind: "assigned" } })).toBe(0);
  });

  it("assigns to an active officer or approver", async () => {
    const caseId = await claimed();
    expect((await assignCase(officer, caseId, colleague.user.userId)).outcome).toBe("done");
    expect(await assigneeOf(caseId)).toBe(colleague.user.userId);
  });

  it("offers only the people it would accept", async () => {
    const names = (await listCaseworkers(officer)).map((o) => o.label);
    expect(names).toEqual(["Alex Approver", "Olu Officer"]);
  });
});
