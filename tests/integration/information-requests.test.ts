// Requests for information (issue 18), through the real services on the real Postgres as the
// app's RLS-bound role: the officer asks, the message goes out in the resident's language by
// email and text with a one-time link (only its hash stored); the answer through the link is kept
// on the request and the timeline, never in the application, and the case returns to review
// marked "answered" until an officer acts; the link works once and expires; overdue, chase,
// received by hand, deciding while awaiting information; another council sees nothing.
import { beforeAll, describe, expect, it } from "vitest";
import type { TMemberActor } from "@/lib/actor";
import { addCaseNote } from "@/lib/cases/add-case-note";
import { claimCase } from "@/lib/cases/claim-case";
import { listCaseQueue } from "@/lib/cases/queue";
import { lookupStatus } from "@/lib/cases/lookup-status";
import { addWorkingDays, endOfLondonDay } from "@/lib/calendar/working-days";
import { decideCase } from "@/lib/decisions/decide-case";
import { answerByLink, chaseInformation, receiveInformationManually, requestInformation, viewAnswerLink } from "@/lib/information/requests";
import { loadInformationPanel } from "@/lib/information/queries";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

const owner = () => testDb().owner;
let council: TCouncil, other: TCouncil;
let officer: TMemberActor, outsider: TMemberActor;
let pot: { id: string };
let ipCounter = 0;
/** Each test guesses from its own address, so the per-IP guessing limit of one never touches another. */
const ip = () => `192.0.2.${++ipCounter}`;

// A 1×1 PNG (a photo of a letter, as far as the type check is concerned).
const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"));

async function openCase(locale = "en", dobYear = 1970) {
  const answers = { ...FULL, "date-of-birth": { "dateOfBirth-day": "3", "dateOfBirth-month": "4", "dateOfBirth-year": String(dobYear) } };
  const c = await applyFor(council, answers, locale);
  expect((await claimCase(officer, c.caseId)).outcome).toBe("done");
  return c;
}

/** The link in the newest message to this case's reference (the token is only ever in the message). */
async function tokenFromOutbox(reference: string, channel: "EMAIL" | "SMS" = "EMAIL"): Promise<string> {
  const m = await owner().outboundMessage.findFirstOrThrow({
    where: { template: { startsWith: "information-" }, channel, personalisation: { path: ["reference"], equals: reference } },
    orderBy: { createdAt: "desc" },
  });
  const match = /\/information\/([A-Za-z0-9_-]+)/.exec(m.body);
  if (!match) throw new Error(`no link in ${m.body}`);
  return match[1]!;
}

const caseRow = (caseId: string) => owner().case.findUniqueOrThrow({ where: { id: caseId } });

beforeAll(async () => {
  await createCouncil(owner(), { slug: "info-a", postcodeAreas: ["E8"], settings: { referencePrefix: "INA" } });
  await createCouncil(owner(), { slug: "info-b", postcodeAreas: ["E8"], settings: { referencePrefix: "INB" } });
  council = (await findCouncilBySlug("info-a"))!;
  other = (await findCouncilBySlug("info-b"))!;
  officer = await caseActor(council, "OFFICER", "Ife Officer");
  outsider = await caseActor(other, "OFFICER", "Oskar Outsider");
  const fund = await createFund(owner(), council.id, { pots: [{ name: "Food", allocatePence: 100_000n }] });
  pot = fund.pots[0]!;
});

describe("asking for information", () => {
  it("moves the case to awaiting information, stores only the link's hash and sends it in the resident's language by email and text", async () => {
    const c = await openCase("tr", 1971);
    const r = await requestInformation(officer, { caseId: c.caseId, question: "Son kira sözleşmenizin fotoğrafı" });
    expect(r).toMatchObject({ outcome: "done", askedOf: "resident", replyBy: addWorkingDays(new Date(), 5) });
    expect((await caseRow(c.caseId)).status).toBe("AWAITING_INFORMATION");
    const messages = await owner().outboundMessage.findMany({ where: { template: { startsWith: "information-" }, personalisation: { path: ["reference"], equals: c.reference } } });
    expect(messages.map((m) => [m.template, m.channel, m.locale]).sort()).toEqual([
      ["information-request", "EMAIL", "tr"],
      ["information-request-text", "SMS", "tr"],
    ]);
    const email = messages.find((m) => m.channel === "EMAIL")!;
    expect(email.subject).toContain("daha fazla bilgiye");
    expect(email.body).toContain("Son kira sözleşmenizin fotoğrafı");
    const token = await tokenFromOutbox(c.reference);
    const stored = await owner().informationRequest.findFirstOrThrow({ where: { caseId: c.caseId } });
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    // The resident's status page says what was asked and by when, from the same request.
    const status = await lookupStatus(council.id, { reference: c.reference, dateOfBirth: "1971-04-03" }, null);
    expect(status).toMatchObject({ outcome: "found", status: "MORE_INFO_NEEDED", moreInfo: { question: "Son kira sözleşmenizin fotoğrafı" } });
    // The timeline says who asked what.
    expect(await owner().caseEvent.count({ where: { caseId: c.caseId, kind: "status.request-information" } })).toBe(1);
  });

  it("refuses an empty question, a past or far reply-by date, a case not in review, and another council's case", async () => {
    const c = await openCase("en", 1972);
    expect(await requestInformation(officer, { caseId: c.caseId, question: "  " })).toEqual({ outcome: "invalid", problems: ["question-missing"] });
    expect(await requestInformation(officer, { caseId: c.caseId, question: "Payslip", replyBy: "2020-01-01" })).toEqual({ outcome: "invalid", problems: ["reply-by-past"] });
    expect(await requestInformation(officer, { caseId: c.caseId, question: "Payslip", replyBy: "2099-01-01" })).toEqual({ outcome: "invalid", problems: ["reply-by-too-far"] });
    expect(await requestInformation(outsider, { caseId: c.caseId, question: "Payslip" })).toEqual({ outcome: "not-found" });
    expect((await requestInformation(officer, { caseId: c.caseId, question: "Payslip" })).outcome).toBe("done");
    expect(await requestInformation(officer, { caseId: c.caseId, question: "Again" })).toEqual({ outcome: "not-allowed", status: "AWAITING_INFORMATION" });
  });
});

describe("the answer link", () => {
  it("is one-time: the answer lands on the request and the timeline, never in the application, and the case returns to review marked answered until an officer acts", async () => {
    const c = await openCase("en", 1973);
    await requestInformation(officer, { caseId: c.caseId, question: "A photo of your eviction letter" });
    const token = await tokenFromOutbox(c.reference);
    const applicationBefore = await owner().application.findUniqueOrThrow({ where: { id: c.applicationId } });
    expect(await viewAnswerLink(council.id, token, ip())).toMatchObject({ state: "open", question: "A photo of your eviction letter", reference: c.reference });
    const answered = await answerByLink(council.id, token, { text: "The letter says I must leave by 31 January.", files: [{ name: "letter.png", bytes: PNG }] }, ip());
    expect(answered).toMatchObject({ outcome: "done", reference: c.reference });
    if (answered.outcome !== "done") throw new Error("not answered");
    expect(answered.documentIds).toHaveLength(1);
    expect((await caseRow(c.caseId)).status).toBe("IN_REVIEW");
    const applicationAfter = await owner().application.findUniqueOrThrow({ where: { id: c.applicationId } });
    expect(applicationAfter.data).toEqual(applicationBefore.data);
    const request = await owner().informationRequest.findFirstOrThrow({ where: { caseId: c.caseId } });
    expect(request).toMatchObject({ answerText: "The letter says I must leave by 31 January.", answeredBy: "resident", answerDocumentIds: answered.documentIds });
    const line = await owner().caseEvent.findFirstOrThrow({ where: { caseId: c.caseId, kind: "information.answered" } });
    expect(line).toMatchObject({ actorKind: "resident", actorRef: c.applicationId, data: { text: "The letter says I must leave by 31 January.", documentIds: answered.documentIds } });
    const doc = await owner().caseDocument.findUniqueOrThrow({ where: { id: answered.documentIds[0]! } });
    expect(doc).toMatchObject({ caseId: c.caseId, mediaType: "image/png", source: "information-answer" });
    // Once only.
    expect(await answerByLink(council.id, token, { text: "Again", files: [] }, ip())).toEqual({ outcome: "used" });
    expect(await viewAnswerLink(council.id, token, ip())).toEqual({ state: "used", reference: c.reference });
    // Answered in the queue (tag and filter) until an officer next acts.
    const answeredQueue = await listCaseQueue(officer, { info: "answered" });
    expect(answeredQueue!.rows.map((r) => r.id)).toContain(c.caseId);
    expect(answeredQueue!.rows.find((r) => r.id === c.caseId)).toMatchObject({ informationAnswered: true, informationOverdue: false });
    expect((await addCaseNote(officer, c.caseId, { text: "Read the letter." })).outcome).toBe("added");
    expect((await listCaseQueue(officer, { info: "answered" }))!.rows.map((r) => r.id)).not.toContain(c.caseId);
  });

  it("of two answers at once, exactly one is taken", async () => {
    const c = await openCase("en", 1974);
    await requestInformation(officer, { caseId: c.caseId, question: "Your tenancy end date" });
    const token = await tokenFromOutbox(c.reference);
    const results = await Promise.all([answerByLink(council.id, token, { text: "One", files: [] }, ip()), answerByLink(council.id, token, { text: "Two", files: [] }, ip())]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["done", "used"]);
    expect(await owner().caseEvent.count({ where: { caseId: c.caseId, kind: "information.answered" } })).toBe(1);
  });

  it("expires, and a refused file or an empty answer leaves the link unspent", async () => {
    const c = await openCase("en", 1975);
    await requestInformation(officer, { caseId: c.caseId, question: "Your bank statement" });
    const token = await tokenFromOutbox(c.reference);
    expect(await answerByLink(council.id, token, { text: "", files: [] }, ip())).toEqual({ outcome: "invalid", problems: ["answer-missing"] });
    const script = new TextEncoder().encode("#!/bin/sh\nrm -rf /\n");
    expect(await answerByLink(council.id, token, { text: "Here", files: [{ name: "statement.pdf", bytes: script }] }, ip())).toEqual({ outcome: "file-refused", file: "statement.pdf", problem: "type-not-allowed" });
    expect(await owner().caseDocument.count({ where: { caseId: c.caseId } })).toBe(0);
    expect((await caseRow(c.caseId)).status).toBe("AWAITING_INFORMATION");
    const request = await owner().informationRequest.findFirstOrThrow({ where: { caseId: c.caseId } });
    expect(request.tokenUsedAt).toBeNull();
    const later = new Date(request.tokenExpiresAt.getTime() + 1000);
    expect(request.tokenExpiresAt.getTime()).toBeGreaterThan(endOfLondonDay(addWorkingDays(new Date(), 5)).getTime());
    expect(await viewAnswerLink(council.id, token, ip(), later)).toEqual({ state: "expired" });
    expect(await answerByLink(council.id, token, { text: "Late", files: [] }, ip(), later)).toEqual({ outcome: "expired" });
    // Still good before it expires.
    expect((await answerByLink(council.id, token, { text: "On time", files: [] }, ip())).outcome).toBe("done");
  });

  it("works only in its own council, and guessing is throttled per address", async () => {
    const c = await openCase("en", 1976);
    await requestInformation(officer, { caseId: c.caseId, question: "Proof of address" });
    const token = await tokenFromOutbox(c.reference);
    expect(await viewAnswerLink(other.id, token, ip())).toEqual({ state: "unknown" });
    expect(await answerByLink(other.id, token, { text: "x", files: [] }, ip())).toEqual({ outcome: "unknown" });
    const guesser = ip();
    const guesses = await Promise.all(Array.from({ length: 35 }, (_, i) => viewAnswerLink(council.id, `guess${String(i).padStart(30, "x")}`, guesser)));
    expect(guesses.filter((g) => g.state === "throttled").length).toBe(5);
    expect(await viewAnswerLink(council.id, token, guesser)).toEqual({ state: "throttled" });
  });
});

describe("no answer", () => {
  it("is overdue after the reply-by date; a chase sends a fresh link and the old one stops working", async () => {
    const c = await openCase("en", 1977);
    const r = await requestInformation(officer, { caseId: c.caseId, question: "Your payslips" });
    if (r.outcome !== "done") throw new Error(r.outcome);
    const oldToken = await tokenFromOutbox(c.reference);
    const afterReplyBy = new Date(endOfLondonDay(r.replyBy).getTime() + 2 * 86_400_000);
    const overdue = await listCaseQueue(officer, { info: "overdue" }, afterReplyBy);
    expect(overdue!.rows.find((row) => row.id === c.caseId)).toMatchObject({ informationOverdue: true });
    expect((await listCaseQueue(officer, { info: "overdue" }))!.rows.map((row) => row.id)).not.toContain(c.caseId);
    expect(await loadInformationPanel(officer, c.caseId, afterReplyBy)).toMatchObject({ overdue: true, open: { question: "Your payslips" } });
    expect(await chaseInformation(officer, c.caseId)).toMatchObject({ outcome: "done" });
    const newToken = await tokenFromOutbox(c.reference);
    expect(newToken).not.toBe(oldToken);
    expect(await viewAnswerLink(council.id, oldToken, ip())).toEqual({ state: "unknown" });
    expect(await viewAnswerLink(council.id, newToken, ip())).toMatchObject({ state: "open" });
    expect(await owner().caseEvent.count({ where: { caseId: c.caseId, kind: "information.chased" } })).toBe(1);
    expect(await owner().outboundMessage.count({ where: { template: "information-chase", personalisation: { path: ["reference"], equals: c.reference } } })).toBe(1);
  });

  it("an officer may record information received another way, or decide while awaiting information", async () => {
    const byPhone = await openCase("en", 1978);
    await requestInformation(officer, { caseId: byPhone.caseId, question: "Your landlord's name" });
    const token = await tokenFromOutbox(byPhone.reference);
    expect(await receiveInformationManually(officer, byPhone.caseId, "")).toEqual({ outcome: "invalid", problems: ["note-missing"] });
    expect(await receiveInformationManually(outsider, byPhone.caseId, "Phoned")).toEqual({ outcome: "not-found" });
    expect(await receiveInformationManually(officer, byPhone.caseId, "Phoned: Mr Smith")).toEqual({ outcome: "done" });
    expect((await caseRow(byPhone.caseId)).status).toBe("IN_REVIEW");
    expect(await viewAnswerLink(council.id, token, ip())).toMatchObject({ state: "used" });

    const deciding = await openCase("en", 1979);
    await requestInformation(officer, { caseId: deciding.caseId, question: "Anything else?" });
    const decided = await decideCase(officer, deciding.caseId, { decision: "approve", reasonCode: "need-met", explanation: "Food now.", lines: [{ potId: pot.id, needCategory: "food", amountPence: 3_000n, paymentMethod: "voucher-email" }] });
    expect(decided.outcome).toBe("decided");
    const token2 = await tokenFromOutbox(deciding.reference);
    expect(await viewAnswerLink(council.id, token2, ip())).toMatchObject({ state: "used" });
  });
});

describe("row-level security", () => {
  it("another council's staff see none of the requests", async () => {
    const c = await openCase("en", 1980);
    await requestInformation(officer, { caseId: c.caseId, question: "Council tax bill" });
    expect(await loadInformationPanel(outsider, c.caseId)).toBeNull();
    expect(await chaseInformation(outsider, c.caseId)).toEqual({ outcome: "not-found" });
    const seen = await withTenantSql(other.id, (sql) => sql.db.selectFrom("InformationRequest").select("id").where("caseId", "=", c.caseId).execute());
    expect(seen).toEqual([]);
    const own = await withTenantSql(council.id, (sql) => sql.db.selectFrom("InformationRequest").select("id").where("caseId", "=", c.caseId).execute());
    expect(own).toHaveLength(1);
  });
});
