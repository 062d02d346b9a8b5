// Duplicates and repeats (issue 18): found when an application arrives from any channel, kept
// with why, linked, dismissed or closed as a duplicate through the real services as the app's
// RLS-bound role; the resident is told the truth; another council's applications never match.
import { beforeAll, describe, expect, it } from "vitest";
import type { TApiClientActor, TMemberActor } from "@/lib/actor";
import { assemble } from "@/lib/applications/schemas";
import { parseAnswers, type TRawAnswers } from "@/lib/applications/steps";
import { claimCase } from "@/lib/cases/claim-case";
import { lookupStatus } from "@/lib/cases/lookup-status";
import { listCaseQueue } from "@/lib/cases/queue";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { withTenant } from "@/lib/db/tenant-scope";
import { decideCase } from "@/lib/decisions/decide-case";
import { closeAsDuplicate, decideMatch } from "@/lib/duplicates/manage";
import { readDuplicatesPanel } from "@/lib/duplicates/queries";
import { recordReferral } from "@/lib/referrals/referral";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund, createOrganisation } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil, other: TCouncil;
let officer: TMemberActor, manager: TMemberActor, outsider: TMemberActor;
let orgId: string;
const owner = () => testDb().owner;

type TPerson = { name?: string; dob?: [string, string, string]; email?: string; mobile?: string; bank?: [string, string]; address?: string; locale?: string };
const answers = (p: TPerson = {}): TRawAnswers => ({
  ...FULL,
  "full-name": { fullName: p.name ?? "Ayşe Yılmaz" },
  "date-of-birth": p.dob ? { "dateOfBirth-day": p.dob[0], "dateOfBirth-month": p.dob[1], "dateOfBirth-year": p.dob[2] } : FULL["date-of-birth"]!,
  contact: { email: p.email ?? "ayse@example.com", mobile: p.mobile ?? "07700 900982" },
  // "E8 4AB/2": the demo address lookup's second address at that postcode.
  postcode: { postcode: (p.address ?? "E8 1DY/2").split("/")[0]! },
  address: { address: `${(p.address ?? "E8 1DY/2").split("/")[0]!.replace(/\s+/g, "").toLowerCase()}-${(p.address ?? "E8 1DY/2").split("/")[1]}` },
  "bank-details": { accountName: "A Person", sortCode: p.bank?.[0] ?? "08-99-99", accountNumber: p.bank?.[1] ?? "66374958", rollNumber: "" },
});
const apply = (c: TCouncil, p: TPerson = {}) => applyFor(c, answers(p), p.locale ?? "en");
const matchesOf = (caseId: string) => owner().caseMatch.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  await createCouncil(owner(), { slug: "dup-a", postcodeAreas: ["E8"], settings: { referencePrefix: "DPA" } });
  await createCouncil(owner(), { slug: "dup-b", postcodeAreas: ["E8"], settings: { referencePrefix: "DPB" } });
  council = (await findCouncilBySlug("dup-a"))!;
  other = (await findCouncilBySlug("dup-b"))!;
  officer = await caseActor(council, "OFFICER", "Dee Officer");
  manager = await caseActor(council, "MANAGER", "Mo Manager");
  outsider = await caseActor(other, "OFFICER", "Bea Elsewhere");
  orgId = (await createOrganisation(owner(), council.id, { name: "Health visitors" })).id;
});

describe("finding duplicates when an application arrives", () => {
  it("matches a resident's online application and a referral for the same person, across channels, with why", async () => {
    const p: TPerson = { name: "Kwame Mensah", dob: ["4", "5", "1979"], email: "kwame@example.com", mobile: "07700 900111", bank: ["11-22-33", "12345680"], address: "E8 3AB/1" };
    const online = await apply(council, p);
    expect(await matchesOf(online.caseId)).toEqual([]);
    // The same person referred by a health visitor through the API: name in capitals, phone as +44, email in another case.
    const api: TApiClientActor = { kind: "api-client", council: { id: council.id }, client: { id: orgId, name: "HV records" }, grants: ["referrals:submit"] };
    const referred = await withTenant(council.id, (tx) =>
      recordReferral(tx, council, api, {
        application: assemble(parseAnswers(answers({ ...p, name: "KWAME  MENSAH", mobile: "+44 7700 900111", email: "Kwame@Example.com" })), true),
        referrer: { role: "Health visitor", relationship: "Visits the family", consentMethod: "in-person", consentDate: londonIsoDate(new Date()), alreadyTried: "", fastTrack: false },
        channel: "REFERRAL_API",
        organisationId: orgId,
        draftId: null,
      }),
    );
    expect(referred.outcome).toBe("recorded");
    if (referred.outcome !== "recorded") return;
    const referralCase = await owner().case.findFirstOrThrow({ where: { applicationId: referred.id } });
    const [match] = await matchesOf(referralCase.id);
    expect(match).toMatchObject({ matchedCaseId: online.caseId, state: "OPEN" });
    expect(match!.reasons).toEqual(["name-dob", "bank", "email", "phone", "address"]);
    expect(referralCase.possibleDuplicate).toBe(true);
    // The bank account is matched on a keyed hash beside the sealed details, never in clear.
    const app = await owner().application.findUniqueOrThrow({ where: { id: referred.id } });
    expect(app.bankHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(app)).not.toContain("12345678");
    // Both case pages show the match, each from its own side.
    const panel = await readDuplicatesPanel(officer, online.caseId);
    expect(panel!.matches).toMatchObject([{ direction: "later", reference: referralCase.reference, state: "OPEN" }]);
    // The queue's filter finds the flagged case.
    const queue = await listCaseQueue(officer, { duplicate: "yes", q: "Kwame" });
    expect(queue!.rows.map((r) => r.id)).toEqual([referralCase.id]);
    expect(queue!.rows[0]!.possibleDuplicate).toBe(true);
  });

  it("matches on each key alone: bank account, email, phone, address; not on a name with another birthday", async () => {
    const base = await apply(council, { name: "Base Person", dob: ["1", "1", "1960"], email: "base@example.com", mobile: "07700 900200", bank: ["20-00-00", "55555555"], address: "E8 4AB/1" });
    const cases = {
      bank: await apply(council, { name: "Bank Only", dob: ["2", "1", "1961"], email: "b1@example.com", mobile: "07700 900201", bank: ["20 00 00", "55555555"], address: "E8 5AB/1" }),
      email: await apply(council, { name: "Email Only", dob: ["3", "1", "1962"], email: " BASE@example.com", mobile: "07700 900202", bank: ["20-00-01", "11111205"], address: "E8 6AB/1" }),
      phone: await apply(council, { name: "Phone Only", dob: ["4", "1", "1963"], email: "b3@example.com", mobile: "+447700900200", bank: ["20-00-02", "22222248"], address: "E8 7AB/1" }),
      address: await apply(council, { name: "Address Only", dob: ["5", "1", "1964"], email: "b4@example.com", mobile: "07700 900204", bank: ["20-00-03", "33333333"], address: "E8 4AB/1" }),
      none: await apply(council, { name: "Base Person", dob: ["1", "1", "1961"], email: "b5@example.com", mobile: "07700 900205", bank: ["20-00-04", "44444444"], address: "E8 8AB/1" }),
    };
    for (const [reason, c] of Object.entries(cases)) {
      const found = (await matchesOf(c.caseId)).filter((m) => m.matchedCaseId === base.caseId);
      expect(found.map((m) => m.reasons), reason).toEqual(reason === "none" ? [] : [[reason]]);
    }
  });

  it("never matches another council's applications (row-level security)", async () => {
    const p: TPerson = { name: "Only Here", dob: ["9", "9", "1999"], email: "onlyhere@example.com", mobile: "07700 900300", bank: ["33-33-33", "33333333"], address: "E8 9AB/1" };
    const here = await apply(council, p);
    const there = await apply(other, p);
    expect((await matchesOf(there.caseId)).map((m) => m.matchedCaseId)).not.toContain(here.caseId);
    expect(await matchesOf(there.caseId)).toEqual([]);
    // Nor can another council's officer read or change this council's matches.
    const later = await apply(council, p);
    const [m] = await matchesOf(later.caseId);
    expect((await readDuplicatesPanel(outsider, later.caseId)) ?? null).toBeNull();
    expect(await decideMatch(outsider, m!.id, { dismiss: "not the same" })).toEqual({ outcome: "not-found" });
    expect(await closeAsDuplicate(outsider, later.caseId, here.caseId)).toEqual({ outcome: "not-found" });
    // Nor can this council's officer close their case as a duplicate of another council's case id:
    // the original is not found and nothing on either case changes.
    expect(await closeAsDuplicate(officer, later.caseId, there.caseId)).toEqual({ outcome: "not-found" });
    expect(await owner().case.findUniqueOrThrow({ where: { id: later.caseId } })).toMatchObject({ status: "NEW", duplicateOfCaseId: null });
    expect(await owner().caseEvent.count({ where: { caseId: there.caseId, kind: { startsWith: "duplicate." } } })).toBe(0);
  });
});

describe("an officer's answer to a match", () => {
  it("links as same person or same household, or dismisses with a reason, on both timelines and the audit log", async () => {
    const first = await apply(council, { name: "Lina Ortiz", dob: ["6", "6", "1990"], email: "lina@example.com", mobile: "07700 900400", bank: ["40-40-40", "40404101"], address: "E8 2AD/1" });
    const second = await apply(council, { name: "Lina Ortiz", dob: ["6", "6", "1990"], email: "lina2@example.com", mobile: "07700 900401", bank: ["40-40-41", "40404209"], address: "E8 3AD/1" });
    const neighbour = await apply(council, { name: "Sam Ortiz", dob: ["7", "7", "1992"], email: "sam@example.com", mobile: "07700 900400", bank: ["40-40-42", "40404349"], address: "E8 2AD/1" });
    const [m1] = await matchesOf(second.caseId);
    const household = (await matchesOf(neighbour.caseId)).find((m) => m.matchedCaseId === first.caseId)!;
    expect(household.reasons).toEqual(["phone", "address"]);

    expect(await decideMatch(manager, m1!.id, { link: "same-person" })).toEqual({ outcome: "forbidden" });
    expect(await decideMatch(officer, m1!.id, { dismiss: "  " })).toEqual({ outcome: "reason-required" });
    expect(await decideMatch(officer, m1!.id, { link: "same-person" })).toEqual({ outcome: "done", caseId: second.caseId });
    expect(await owner().caseMatch.findUniqueOrThrow({ where: { id: m1!.id } })).toMatchObject({ state: "LINKED_SAME_PERSON", decidedById: officer.user.userId });
    expect(await decideMatch(officer, household.id, { link: "same-household" })).toMatchObject({ outcome: "done" });
    const others = (await matchesOf(neighbour.caseId)).filter((m) => m.state === "OPEN");
    for (const m of others) expect(await decideMatch(officer, m.id, { dismiss: "Different people: checked by phone" })).toMatchObject({ outcome: "done" });
    // Nothing left to look at: the queue flag goes.
    expect((await owner().case.findUniqueOrThrow({ where: { id: neighbour.caseId } })).possibleDuplicate).toBe(false);
    expect((await owner().case.findUniqueOrThrow({ where: { id: second.caseId } })).possibleDuplicate).toBe(false);
    const events = await owner().caseEvent.findMany({ where: { caseId: { in: [first.caseId, second.caseId] }, kind: { startsWith: "duplicate." } } });
    expect(events.map((e) => [e.caseId === first.caseId ? "first" : "second", e.kind]).sort()).toEqual(
      [["first", "duplicate.linked"], ["first", "duplicate.linked"], ["second", "duplicate.linked"]].sort(),
    );
    expect(await owner().auditEvent.count({ where: { action: "case.duplicate.linked", entityId: m1!.id } })).toBe(1);
    expect(await owner().auditEvent.count({ where: { action: "case.duplicate.dismissed" } })).toBe(others.length);
  });

  it("closes a case as a duplicate: linked to the original, no award, and the resident told the truth in their language", async () => {
    const fund = await createFund(owner(), council.id, { pots: [{ name: "Food", allocatePence: 1_000_000n }] });
    const p: TPerson = { name: "Nadia Kowalska", dob: ["3", "3", "1985"], email: "nadia@example.com", mobile: "07700 900500", bank: ["50-50-50", "50505068"], address: "E8 4AD/1", locale: "pl" };
    const original = await apply(council, p);
    const again = await apply(council, p);
    expect((await claimCase(officer, again.caseId)).outcome).toBe("done");
    expect(await closeAsDuplicate(manager, again.caseId, original.caseId)).toEqual({ outcome: "forbidden" });
    expect(await closeAsDuplicate(officer, again.caseId, again.caseId)).toEqual({ outcome: "not-found" });
    expect(await closeAsDuplicate(officer, again.caseId, original.caseId, "Sent twice online")).toEqual({ outcome: "done", originalReference: original.reference });

    const closed = await owner().case.findUniqueOrThrow({ where: { id: again.caseId } });
    expect(closed).toMatchObject({ status: "CLOSED_DUPLICATE", duplicateOfCaseId: original.caseId, possibleDuplicate: false });
    expect((await matchesOf(again.caseId)).find((m) => m.matchedCaseId === original.caseId)).toMatchObject({ state: "LINKED_SAME_PERSON" });
    // The resident's status page: closed, and which application we are dealing with.
    const status = await lookupStatus(council.id, { reference: again.reference, dateOfBirth: "1985-03-03" }, null);
    expect(status).toMatchObject({ outcome: "found", status: "CLOSED", dealtWithUnder: original.reference });
    // One message, in Polish, naming the original; never "we cannot help".
    const messages = await owner().outboundMessage.findMany({ where: { template: "duplicate-closed", to: "nadia@example.com" } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.locale).toBe("pl");
    expect(messages[0]!.body).toContain(original.reference);
    expect(messages[0]!.body).toContain("Zajmujemy się");
    expect(await owner().outboundMessage.count({ where: { template: "decision-declined", personalisation: { path: ["reference"], equals: again.reference } } })).toBe(0);
    expect(await owner().caseEvent.count({ where: { caseId: again.caseId, kind: "resident.told-duplicate" } })).toBe(1);
    expect(await owner().caseEvent.count({ where: { caseId: original.caseId, kind: "duplicate.original" } })).toBe(1);
    expect(await owner().auditEvent.count({ where: { action: "case.closed-duplicate", entityId: again.caseId } })).toBe(1);

    // A closed duplicate gets no award, and cannot be closed twice.
    const decided = await decideCase(officer, again.caseId, { decision: "approve", reasonCode: "need-met", explanation: "x", lines: [{ potId: fund.pots[0]!.id, needCategory: "food", amountPence: 1_000n, paymentMethod: "voucher-email" }] });
    expect(decided.outcome).not.toBe("decided");
    expect(await owner().award.count({ where: { caseId: again.caseId } })).toBe(0);
    expect(await closeAsDuplicate(officer, again.caseId, original.caseId)).toEqual({ outcome: "not-open" });
    // Nor may another case be closed against a closed duplicate (the resident would be pointed at a closed application).
    const third = await apply(council, p);
    expect(await closeAsDuplicate(officer, third.caseId, again.caseId)).toEqual({ outcome: "original-closed" });
  });

  it("leaves a decided case alone: only an open case can be closed as a duplicate", async () => {
    const fund = await createFund(owner(), council.id, { pots: [{ name: "Energy", allocatePence: 1_000_000n }] });
    const p: TPerson = { name: "Omar Haddad", dob: ["8", "8", "1988"], email: "omar@example.com", mobile: "07700 900600", bank: ["60-60-60", "60606061"], address: "E8 5AD/1" };
    const original = await apply(council, p);
    const again = await apply(council, p);
    expect((await claimCase(officer, again.caseId)).outcome).toBe("done");
    expect((await decideCase(officer, again.caseId, { decision: "approve", reasonCode: "need-met", explanation: "x", lines: [{ potId: fund.pots[0]!.id, needCategory: "food", amountPence: 1_000n, paymentMethod: "voucher-email" }] })).outcome).toBe("decided");
    // A decided case is no longer open: closing it as a duplicate is refused, and its award stands.
    expect(await closeAsDuplicate(officer, again.caseId, original.caseId)).toEqual({ outcome: "not-open" });
    expect(await owner().award.count({ where: { caseId: again.caseId, status: { not: "CANCELLED" } } })).toBe(1);
  });
});

describe("repeats", () => {
  it("shows the household's awards within a pot's repeat window on the case page's panel", async () => {
    const fund = await createFund(owner(), council.id, { pots: [{ name: "Once a month", allocatePence: 1_000_000n, repeatWindowDays: 30 }] });
    const p: TPerson = { name: "Rosa Diaz", dob: ["2", "2", "1982"], email: "rosa@example.com", mobile: "07700 900700", bank: ["70-70-70", "70707070"], address: "E8 6AD/1" };
    const first = await apply(council, p);
    expect((await claimCase(officer, first.caseId)).outcome).toBe("done");
    expect((await decideCase(officer, first.caseId, { decision: "approve", reasonCode: "need-met", explanation: "x", lines: [{ potId: fund.pots[0]!.id, needCategory: "food", amountPence: 2_500n, paymentMethod: "voucher-email" }] })).outcome).toBe("decided");
    const again = await apply(council, p);
    const panel = await readDuplicatesPanel(officer, again.caseId);
    expect(panel!.repeats).toMatchObject([{ reference: first.reference, potName: "Once a month", amountPence: 2_500n, repeatWindowDays: 30 }]);
    expect(panel!.matches[0]!.awards).toMatchObject([{ potName: "Once a month", amountPence: 2_500n }]);
  });
});
