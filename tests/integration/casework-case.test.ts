// Casework, the case file: the person's history (one matching rule), everything the case page
// reads (another council's case reads as nothing), and the decision message through the outbox
// in the resident's language, written in the decision's own transaction. Real Postgres, the
// app's RLS-bound role, through the real services.
import { beforeAll, describe, expect, it } from "vitest";
import { type TRawAnswers } from "@/lib/applications/steps";
import { approveAward } from "@/lib/awards/approve-award";
import { cancelAward } from "@/lib/awards/cancel-award";
import { loadCasePage } from "@/lib/cases/case-page";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/cases/decide-case";
import { listAwardPots, listCaseworkers, queueFilterOptions } from "@/lib/cases/options";
import { readPersonHistory } from "@/lib/cases/person-history";
import { listCaseQueue } from "@/lib/cases/queue";
import type { TCaseActor } from "@/lib/cases/transition";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil, other: TCouncil;
let officer: TCaseActor, approver: TCaseActor, manager: TCaseActor, referrer: TCaseActor, outsider: TCaseActor;
let pot: { id: string; fundId: string };
const owner = () => testDb().owner;

const actor = caseActor;

type TPerson = { name?: string; dob?: [string, string, string]; email?: string; mobile?: string; locale?: string };

async function apply(c: TCouncil, p: TPerson = {}): Promise<{ caseId: string; applicationId: string; reference: string }> {
  const answers: TRawAnswers = {
    ...FULL,
    "full-name": { fullName: p.name ?? "Ayşe Yılmaz" },
    "date-of-birth": p.dob ? { "dateOfBirth-day": p.dob[0], "dateOfBirth-month": p.dob[1], "dateOfBirth-year": p.dob[2] } : FULL["date-of-birth"]!,
    contact: { email: p.email ?? "ayse@example.com", mobile: p.mobile ?? "07700 900982" },
  };
  return applyFor(c, answers, p.locale ?? "en");
}

const decisionMessages = (reference: string) =>
  owner().outboundMessage.findMany({ where: { template: { startsWith: "decision-" }, personalisation: { path: ["reference"], equals: reference } } });

beforeAll(async () => {
  await createCouncil(owner(), { slug: "casefile-a", postcodeAreas: ["E8"], settings: { referencePrefix: "CFA" } });
  await createCouncil(owner(), { slug: "casefile-b", postcodeAreas: ["E8"], settings: { referencePrefix: "CFB" } });
  council = (await findCouncilBySlug("casefile-a"))!;
  other = (await findCouncilBySlug("casefile-b"))!;
  officer = await actor(council, "OFFICER", "Olu Officer");
  approver = await actor(council, "APPROVER", "Alex Approver");
  manager = await actor(council, "MANAGER", "Mo Manager");
  referrer = await actor(council, "REFERRER", "Rita Referrer");
  outsider = await actor(other, "OFFICER", "Bea Other-council");
  const fund = await createFund(owner(), council.id, { pots: [{ name: "Crisis food pot", allocatePence: 1_000_000n }, { name: "Tiny pot", allocatePence: 4_000n }] });
  pot = fund.pots[0]!;
});

describe("the person's history", () => {
  it("matches the same date of birth with the same name (any case or accents), email or phone, in this council only", async () => {
    const dob: [string, string, string] = ["1", "2", "1970"];
    const me = await apply(council, { name: "Zeynep Kaya", dob, email: "zeynep@example.com", mobile: "07700 900001" });
    const sameName = await apply(council, { name: "ZEYNEP  KAYA", dob, email: "other1@example.com", mobile: "07700 900002" });
    const sameEmail = await apply(council, { name: "Z Kaya-Smith", dob, email: "Zeynep@Example.com", mobile: "07700 900003" });
    const samePhone = await apply(council, { name: "Zed Kaya", dob, email: "other2@example.com", mobile: "+44 7700 900001" });
    const otherBirthday = await apply(council, { name: "Zeynep Kaya", dob: ["2", "2", "1970"], email: "zeynep@example.com", mobile: "07700 900001" });
    const stranger = await apply(council, { name: "Someone Else", dob, email: "else@example.com", mobile: "07700 900009" });
    const elsewhere = await apply(other, { name: "Zeynep Kaya", dob, email: "zeynep@example.com", mobile: "07700 900001" });
    // An earlier award of the same person shows with its pot and status.
    expect((await claimCase(officer, sameName.caseId)).outcome).toBe("done");
    expect((await decideCase(officer, sameName.caseId, { decision: "approve", reasonCode: "need-met", explanation: "Food voucher.", lines: [{ potId: pot.id, needCategory: "food", amountPence: 4_500n, paymentMethod: "voucher-email" }] })).outcome).toBe("decided");

    const history = (await readPersonHistory(officer, me.caseId))!;
    const byRef = Object.fromEntries(history.map((h) => [h.reference, h]));
    expect(Object.keys(byRef).sort()).toEqual([sameName.reference, sameEmail.reference, samePhone.reference].sort());
    expect(byRef[sameName.reference]!.matchedOn).toEqual(["name"]);
    expect(byRef[sameEmail.reference]!.matchedOn).toEqual(["email"]);
    expect(byRef[samePhone.reference]!.matchedOn).toEqual(["phone"]);
    expect(byRef[sameName.reference]).toMatchObject({ caseStatus: "APPROVED", awards: [{ needCategory: "food", amountPence: 4_500n, status: "APPROVED", potName: "Crisis food pot" }] });
    for (const excluded of [otherBirthday, stranger, elsewhere, me]) expect(byRef[excluded.reference]).toBeUndefined();
    // The same rule from the other side, and never across councils.
    expect((await readPersonHistory(officer, sameEmail.caseId))!.map((h) => h.reference)).toContain(me.reference);
    expect(await readPersonHistory(outsider, me.caseId)).toBeNull();
    expect(await readPersonHistory(referrer, me.caseId)).toBeNull();
    expect((await readPersonHistory(outsider, elsewhere.caseId))!).toEqual([]);
  });
});

describe("the case page's reads", () => {
  it("gives the case file with its messages, names and settings, audited; another council's case id or a referrer reads nothing", async () => {
    const mine = await apply(council, { name: "Page Reader" });
    const page = (await loadCasePage(manager, mine.caseId, "203.0.113.9"))!;
    expect(page.file.reference).toBe(mine.reference);
    // The "received" message is on the timeline (found by the application's reference).
    expect(page.messages.map((m) => m.template)).toEqual(["application-received"]);
    expect(page.settings.reasonCodes.length).toBeGreaterThan(0);
    expect(await owner().auditEvent.count({ where: { action: "case.viewed", entityId: mine.caseId, actorUserId: manager.user.userId } })).toBe(1);

    expect(await loadCasePage(outsider, mine.caseId, null)).toBeNull();
    expect(await loadCasePage(referrer, mine.caseId, null)).toBeNull();
    expect(await loadCasePage(officer, "not-a-uuid", null)).toBeNull();
    expect(await owner().auditEvent.count({ where: { action: "case.viewed", entityId: mine.caseId, actorUserId: outsider.user.userId } })).toBe(0);
    // The queue and the lists the pages choose from are the council's own.
    const queue = (await listCaseQueue(outsider, { q: mine.reference }))!;
    expect(queue.rows).toEqual([]);
    expect((await listCaseQueue(officer, { q: mine.reference }))!.rows.map((r) => r.id)).toEqual([mine.caseId]);
    expect(await listCaseQueue(referrer, {})).toBeNull();
    const names = (await listCaseworkers(officer)).map((o) => o.label);
    expect(names).toEqual(expect.arrayContaining(["Olu Officer", "Alex Approver"]));
    expect(names).not.toContain("Mo Manager");
    expect(names).not.toContain("Bea Other-council");
    expect((await queueFilterOptions(referrer)).caseworkers).toEqual([]);
    expect((await listAwardPots(officer)).map((p) => p.name)).toEqual(expect.arrayContaining(["Crisis food pot", "Tiny pot"]));
    expect(await listAwardPots(outsider)).toEqual([]);
    expect(await listAwardPots(manager)).toEqual([]);
  });
});

describe("the decision message", () => {
  it("approving within the limit puts one message in the outbox, in the resident's language, with the amounts and the explanation", async () => {
    const c = await apply(council, { name: "Turkish Reader", locale: "tr", email: "tr-reader@example.com" });
    await claimCase(officer, c.caseId);
    expect(await decisionMessages(c.reference)).toHaveLength(0);
    const r = await decideCase(officer, c.caseId, {
      decision: "approve",
      reasonCode: "need-met",
      explanation: "Size bir gıda kuponu gönderiyoruz.",
      lines: [
        { potId: pot.id, needCategory: "food", amountPence: 6_000n, paymentMethod: "voucher-email" },
        { potId: pot.id, needCategory: "energy", amountPence: 2_550n, paymentMethod: "voucher-email" },
      ],
    });
    expect(r.outcome).toBe("decided");
    const [message, ...rest] = await decisionMessages(c.reference);
    expect(rest).toHaveLength(0);
    expect(message).toMatchObject({ template: "decision-approved", channel: "EMAIL", to: "tr-reader@example.com", locale: "tr", tenantId: council.id });
    expect(message!.subject).toContain(c.reference);
    expect(message!.body).toContain("Size yardım edebiliriz");
    expect(message!.body).toContain("£60,00");
    expect(message!.body).toContain("£25,50");
    expect(message!.body).toContain("Size bir gıda kuponu gönderiyoruz.");
    // Its delivery job exists too (same transaction).
    const [job] = await owner().$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from graphile_worker.jobs where key = $1`, `outbox:${message!.id}`);
    expect(job!.n).toBe(1);
  });

  it("declining tells the resident in English when that is their language", async () => {
    const c = await apply(council, { name: "Declined Reader", email: "declined@example.com" });
    await claimCase(officer, c.caseId);
    await decideCase(officer, c.caseId, { decision: "decline", reasonCode: "not-eligible", explanation: "You live outside the area we cover." });
    const messages = await decisionMessages(c.reference);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ template: "decision-declined", locale: "en" });
    expect(messages[0]!.body).toContain("we cannot give you an award this time");
    expect(messages[0]!.body).toContain("You live outside the area we cover.");
  });

  it("over the limit: nothing until a line is approved, then what is approved and that the rest is being checked, then the rest", async () => {
    const c = await apply(council, { name: "Waiting Reader", email: "waiting@example.com" });
    await claimCase(officer, c.caseId);
    const r = await decideCase(officer, c.caseId, {
      decision: "part-approve",
      reasonCode: "need-part-met",
      explanation: "We can help with food and part of the rent.",
      lines: [
        { potId: pot.id, needCategory: "food", amountPence: 30_000n, paymentMethod: "bank" },
        { potId: pot.id, needCategory: "rent-arrears", amountPence: 40_000n, paymentMethod: "bank" },
      ],
    });
    if (r.outcome !== "decided") throw new Error(r.outcome);
    expect(r.awards.map((a) => a.status)).toEqual(["AWAITING_APPROVAL", "AWAITING_APPROVAL"]);
    expect(await decisionMessages(c.reference)).toHaveLength(0);
    expect((await approveAward(approver, r.awards[0]!.id)).outcome).toBe("done");
    const first = await decisionMessages(c.reference);
    expect(first.map((m) => m.template)).toEqual(["decision-part-checking"]);
    expect(first[0]!.body).toContain("£300.00 for food");
    expect(first[0]!.body).toContain("- £400.00 for rent arrears");
    expect((await approveAward(approver, r.awards[1]!.id)).outcome).toBe("done");
    const messages = await decisionMessages(c.reference);
    expect(messages.map((m) => m.template).sort()).toEqual(["decision-part-checking", "decision-rest-settled"]);
    expect(messages.find((m) => m.template === "decision-rest-settled")!.body).toContain("The other £400.00 for rent arrears has also been approved.");
    // Cancelling from another case's page finds nothing; cancelling a committed line later, while
    // the other stands, tells the resident once that it will not be given after all (the
    // resident's word stays "decided"; docs/decisions/0018).
    expect(await cancelAward(officer, r.awards[0]!.id, "Wrong page", c.applicationId)).toEqual({ outcome: "not-found" });
    expect((await cancelAward(officer, r.awards[0]!.id, "Paid by another fund", c.caseId)).outcome).toBe("done");
    const after = await decisionMessages(c.reference);
    expect(after.map((m) => m.template).sort()).toEqual(["decision-line-cancelled", "decision-part-checking", "decision-rest-settled"]);
    expect(after.find((m) => m.template === "decision-line-cancelled")!.body).toContain("The £300.00 for food will not be given after all.");
    expect((await owner().application.findUniqueOrThrow({ where: { id: c.applicationId } })).residentStatus).toBe("DECIDED");
  });

  it("a refused decision (not enough in the pot) leaves no message, award or event behind", async () => {
    const tiny = (await owner().pot.findFirstOrThrow({ where: { tenantId: council.id, name: "Tiny pot" } })).id;
    const c = await apply(council, { name: "Refused Reader", email: "refused@example.com" });
    await claimCase(officer, c.caseId);
    const r = await decideCase(officer, c.caseId, { decision: "approve", reasonCode: "need-met", explanation: "Voucher.", lines: [{ potId: tiny, needCategory: "food", amountPence: 6_000n, paymentMethod: "voucher-email" }] });
    expect(r).toMatchObject({ outcome: "refused", pot: "Tiny pot", availablePence: 4_000n });
    expect(await decisionMessages(c.reference)).toHaveLength(0);
    expect(await owner().award.count({ where: { caseId: c.caseId } })).toBe(0);
    expect((await owner().application.findUniqueOrThrow({ where: { id: c.applicationId } })).residentStatus).toBe("IN_REVIEW");
  });
});
