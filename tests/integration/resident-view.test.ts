// What the resident reads and is told, from one projection of the case and its award lines
// (lib/cases/resident-view.ts), written by one writer in the same transaction as each change
// (issue 15, holes 3–5): cancelling or rejecting the last standing line sends the case back to
// its officer and tells the resident nothing; a decision with lines above the officer's limit
// tells the resident at once what is approved and that the rest is being checked, then what
// happened to the rest, exactly once; every message goes to the answers as corrected. Real
// Postgres, the app's RLS-bound role, through the real services.
import { beforeAll, describe, expect, it } from "vitest";
import { type TRawAnswers } from "@/lib/applications/steps";
import { approveAward } from "@/lib/awards/approve-award";
import { cancelAward } from "@/lib/awards/cancel-award";
import { rejectAward } from "@/lib/awards/reject-award";
import { lookupStatus } from "@/lib/applications/lookup-status";
import { amendApplication } from "@/lib/cases/amend-application";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/cases/decide-case";
import type { TCaseActor } from "@/lib/cases/transition";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil;
let officer: TCaseActor, approver: TCaseActor, approver2: TCaseActor;
let pot: { id: string; fundId: string };
const owner = () => testDb().owner;

async function apply(email: string, locale = "en") {
  const answers: TRawAnswers = { ...FULL, contact: { email, mobile: "07700 900982" } };
  return applyFor(council, answers, locale);
}

const messages = (reference: string) =>
  owner().outboundMessage.findMany({ where: { template: { startsWith: "decision-" }, personalisation: { path: ["reference"], equals: reference } }, orderBy: [{ createdAt: "asc" }] });
const residentStatus = async (applicationId: string) => (await owner().application.findUniqueOrThrow({ where: { id: applicationId } })).residentStatus;
const caseStatus = async (caseId: string) => (await owner().case.findUniqueOrThrow({ where: { id: caseId } })).status;

const line = (amountPence: bigint, needCategory = "food") => ({ potId: pot.id, needCategory, amountPence, paymentMethod: "bank" });

/** A claimed case decided by the officer; lines above £250 wait for an approver. */
async function decided(email: string, lines: ReturnType<typeof line>[], locale = "en") {
  const made = await apply(email, locale);
  expect((await claimCase(officer, made.caseId)).outcome).toBe("done");
  const r = await decideCase(officer, made.caseId, {
    decision: lines.length > 1 ? "part-approve" : "approve",
    reasonCode: lines.length > 1 ? "need-part-met" : "need-met",
    explanation: "We can help with some of this.",
    lines,
  });
  if (r.outcome !== "decided") throw new Error(`not decided: ${r.outcome}`);
  return { ...made, awardIds: r.awards.map((a) => a.id) };
}

beforeAll(async () => {
  await createCouncil(owner(), { slug: "resview-a", postcodeAreas: ["E8"], settings: { referencePrefix: "RVA" } });
  council = (await findCouncilBySlug("resview-a"))!;
  officer = await caseActor(council, "OFFICER", "Olu Officer");
  approver = await caseActor(council, "APPROVER", "Alex Approver");
  approver2 = await caseActor(council, "APPROVER", "Sam Approver");
  pot = (await createFund(owner(), council.id, { pots: [{ name: "Crisis pot", allocatePence: 5_000_000n }] })).pots[0]!;
});

describe("the last standing line cancelled or rejected (hole 3)", () => {
  it("an officer cancelling the only waiting line sends the case back to them; the resident is told nothing and reads 'being looked at'", async () => {
    const c = await decided("cancel-only@example.com", [line(30_000n)]);
    expect(await messages(c.reference)).toHaveLength(0);
    const r = await cancelAward(officer, c.awardIds[0]!, "Proposed over the limit by mistake", c.caseId);
    expect(r.outcome).toBe("done");
    expect(await caseStatus(c.caseId)).toBe("IN_REVIEW");
    expect(await residentStatus(c.applicationId)).toBe("IN_REVIEW");
    expect(await messages(c.reference)).toHaveLength(0);
    const events = await owner().caseEvent.findMany({ where: { caseId: c.caseId, kind: "status.send-back" } });
    expect(events).toHaveLength(1);
    // The officer decides again and the resident hears that decision, once.
    expect((await decideCase(officer, c.caseId, { decision: "approve", reasonCode: "need-met", explanation: "Food voucher.", lines: [line(15_000n)] })).outcome).toBe("decided");
    const sent = await messages(c.reference);
    expect(sent.map((m) => m.template)).toEqual(["decision-approved"]);
    expect(sent[0]!.body).toContain("£150.00 for food");
  });

  it("an officer cancelling the only approved line sends the case back too (the same path as an approver's rejection); the resident is told, once, that it is being looked at again", async () => {
    const c = await decided("cancel-approved@example.com", [line(10_000n)]);
    expect((await messages(c.reference)).map((m) => m.template)).toEqual(["decision-approved"]);
    expect((await cancelAward(officer, c.awardIds[0]!, "Paid by another fund", c.caseId)).outcome).toBe("done");
    expect(await caseStatus(c.caseId)).toBe("IN_REVIEW");
    expect(await residentStatus(c.applicationId)).toBe("IN_REVIEW");
    const sent = await messages(c.reference);
    expect(sent.map((m) => m.template)).toEqual(["decision-approved", "decision-reopened"]);
    expect(sent[1]!.to).toBe("cancel-approved@example.com");
    expect(sent[1]!.body).toContain("£100.00 for food will not be given after all");
    expect(sent[1]!.body).toContain("looking at your application again");
    expect(sent[1]!.body).toContain(council.contactPhone);
    // The officer decides again: that decision is told afresh, and nothing else is sent.
    expect((await decideCase(officer, c.caseId, { decision: "approve", reasonCode: "need-met", explanation: "Food voucher.", lines: [line(8_000n)] })).outcome).toBe("decided");
    expect((await messages(c.reference)).map((m) => m.template)).toEqual(["decision-approved", "decision-reopened", "decision-approved"]);
  });

  it("an approver rejecting the only waiting line: the same — back to the officer, nothing sent, no empty list", async () => {
    const c = await decided("reject-only@example.com", [line(30_000n)]);
    expect(await rejectAward(approver, c.awardIds[0]!, "Over the usual amount")).toMatchObject({ outcome: "done", sentBack: true });
    expect(await caseStatus(c.caseId)).toBe("IN_REVIEW");
    expect(await residentStatus(c.applicationId)).toBe("IN_REVIEW");
    expect(await messages(c.reference)).toHaveLength(0);
  });
});

describe("a decision with lines waiting for an approver (hole 4)", () => {
  it("tells the resident at once what is approved and that the rest is being checked, then that the rest was approved", async () => {
    const c = await decided("mixed-approve@example.com", [line(10_000n), line(30_000n, "energy")]);
    const first = await messages(c.reference);
    expect(first.map((m) => m.template)).toEqual(["decision-part-checking"]);
    expect(first[0]!.to).toBe("mixed-approve@example.com");
    expect(first[0]!.body).toContain("£100.00 for food");
    expect(first[0]!.body).toContain("£300.00");
    expect(first[0]!.body).toContain("second person");
    expect(await residentStatus(c.applicationId)).toBe("IN_REVIEW");
    expect((await approveAward(approver, c.awardIds[1]!)).outcome).toBe("done");
    const after = await messages(c.reference);
    expect(after.map((m) => m.template)).toEqual(["decision-part-checking", "decision-rest-settled"]);
    expect(after[1]!.body).toContain("£300.00 for energy");
    expect(after[1]!.body).toContain("has also been approved");
    expect(await residentStatus(c.applicationId)).toBe("DECIDED");
  });

  it("then that the rest was not approved, in the resident's language", async () => {
    const c = await decided("mixed-reject@example.com", [line(10_000n), line(30_000n, "energy")], "tr");
    expect((await messages(c.reference)).map((m) => [m.template, m.locale])).toEqual([["decision-part-checking", "tr"]]);
    expect(await rejectAward(approver, c.awardIds[1]!, "Energy is covered by another scheme")).toMatchObject({ outcome: "done", sentBack: false });
    const after = await messages(c.reference);
    expect(after.map((m) => m.template)).toEqual(["decision-part-checking", "decision-rest-settled"]);
    expect(after[1]!.locale).toBe("tr");
    expect(after[1]!.body).toContain("£300,00");
    expect(after[1]!.body).toContain("onaylanmadı");
    expect(await residentStatus(c.applicationId)).toBe("DECIDED");
  });

  it("sends exactly one update when two approvers settle the two waiting lines at the same moment", async () => {
    for (let round = 0; round < 3; round++) {
      const c = await decided(`race-${round}@example.com`, [line(10_000n), line(30_000n), line(40_000n, "energy")]);
      const [x, y] = await Promise.all([approveAward(approver, c.awardIds[1]!), approveAward(approver2, c.awardIds[2]!)]);
      expect([x.outcome, y.outcome]).toEqual(["done", "done"]);
      const sent = await messages(c.reference);
      expect(sent.map((m) => m.template)).toEqual(["decision-part-checking", "decision-rest-settled"]);
      expect(sent[1]!.body).toContain("£300.00 for food");
      expect(sent[1]!.body).toContain("£400.00 for energy");
    }
  });
});

describe("an approved line cancelled while another stands (issue 15 follow-up)", () => {
  it("tells the resident once that it will not be given after all, with the council's phone", async () => {
    const c = await decided("cancel-one@example.com", [line(10_000n), line(8_000n, "energy")]);
    expect((await messages(c.reference)).map((m) => m.template)).toEqual(["decision-part-approved"]);
    expect((await cancelAward(officer, c.awardIds[1]!, "Energy paid by the supplier's fund", c.caseId)).outcome).toBe("done");
    expect(await caseStatus(c.caseId)).toBe("PART_APPROVED");
    expect(await residentStatus(c.applicationId)).toBe("DECIDED");
    const sent = await messages(c.reference);
    expect(sent.map((m) => m.template)).toEqual(["decision-part-approved", "decision-line-cancelled"]);
    expect(sent[1]!.to).toBe("cancel-one@example.com");
    expect(sent[1]!.body).toContain("£80.00 for energy and water will not be given after all");
    expect(sent[1]!.body).toContain(council.contactPhone);
    expect(sent[1]!.body).not.toContain("£100.00");
  });

  it("while the rest is being checked: the cancellation now, the rest's end later, each once", async () => {
    const c = await decided("cancel-while-checking@example.com", [line(10_000n), line(30_000n, "energy")], "tr");
    expect((await cancelAward(officer, c.awardIds[0]!, "Food bank voucher instead", c.caseId)).outcome).toBe("done");
    expect((await approveAward(approver, c.awardIds[1]!)).outcome).toBe("done");
    const sent = await messages(c.reference);
    expect(sent.map((m) => [m.template, m.locale])).toEqual([
      ["decision-part-checking", "tr"],
      ["decision-line-cancelled", "tr"],
      ["decision-rest-settled", "tr"],
    ]);
    expect(sent[1]!.body).toContain("£100,00");
    expect(await residentStatus(c.applicationId)).toBe("DECIDED");
  });
});

describe("the status page while lines wait (issue 15 follow-up)", () => {
  it("shows what is approved now and what a second person is checking, then only the word once settled", async () => {
    const c = await decided("status-page@example.com", [line(10_000n), line(30_000n, "energy")]);
    const found = await lookupStatus(council.id, { reference: c.reference, dateOfBirth: "1988-03-07" }, null);
    expect(found).toMatchObject({
      outcome: "found",
      status: "IN_REVIEW",
      partly: { approved: [{ amountPence: 10_000n, needCategory: "food" }], waiting: [{ amountPence: 30_000n, needCategory: "energy" }] },
    });
    expect((await approveAward(approver, c.awardIds[1]!)).outcome).toBe("done");
    expect(await lookupStatus(council.id, { reference: c.reference, dateOfBirth: "1988-03-07" }, null)).toMatchObject({ outcome: "found", status: "DECIDED", partly: null });
  });
});

describe("the answers as corrected (hole 5)", () => {
  it("the decision message goes to the email address the officer corrected, not the one sent", async () => {
    const c = await apply("wrong-address@example.com");
    expect((await claimCase(officer, c.caseId)).outcome).toBe("done");
    expect((await amendApplication(officer, c.caseId, { field: "aboutYou.email", value: "right-address@example.com", reason: "Resident phoned: typo" })).outcome).toBe("amended");
    expect((await decideCase(officer, c.caseId, { decision: "decline", reasonCode: "not-eligible", explanation: "Not this time." })).outcome).toBe("decided");
    const sent = await messages(c.reference);
    expect(sent.map((m) => m.to)).toEqual(["right-address@example.com"]);
  });
});
