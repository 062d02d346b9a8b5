// Officer-assisted applications (issue 18), as the app's role: an officer takes an application by
// phone or in person in drafts they own (several, resumable, never another's), sends it once
// through the one writer with its channel, who entered it and the witnessed consent; the resident
// hears in their own language. Four eyes: whoever entered it cannot approve an award on it, and
// when they decide it every line waits for an approver. Referrers, managers (read-only) and other
// councils cannot use the journey.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TStaffActor, TReferrerActor } from "@/lib/actor";
import { memberActor } from "@/lib/actor";
import { assistedFactsOfCase, listAssistedDrafts, readAssistedDraft, saveAssistedAnswer, startAssistedDraft, submitAssistedDraft } from "@/lib/assisted/drafts";
import type { TStepId } from "@/lib/applications/steps";
import { approveAward } from "@/lib/awards/approve-award";
import { rejectAward } from "@/lib/awards/reject-award";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { addMembership, createCouncil, createFund, createMember, createOrganisation, createUser } from "@/prisma/factories";
import { DEMO_ASSISTED, seedDemoAssisted } from "@/prisma/demo-assisted";
import { DEMO_COUNCILS } from "@/prisma/demo-data";
import { FULL } from "../support/application-answers";
import { caseActor } from "../support/casework";
import { testDb } from "../support/globals";

// The drafts module sits beside the resident's, which reads a cookie; an officer's draft never does.
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }), headers: async () => new Headers() }));

const owner = () => testDb().owner;
let council: TCouncil, other: TCouncil;
let olu: TStaffActor, priya: TStaffActor, alex: TStaffActor, sam: TStaffActor, mo: TStaffActor, elsewhere: TStaffActor;
let referrer: TReferrerActor;
let pot: { id: string };
let dob = 1950;

const staff = async (c: TCouncil, role: "OFFICER" | "APPROVER" | "MANAGER", name: string) => (await caseActor(c, role, name)) as TStaffActor;
const line = (amountPence: bigint) => ({ potId: pot.id, needCategory: "food", amountPence, paymentMethod: "voucher-email" });
const decision = (...amounts: bigint[]) => ({ decision: amounts.length > 1 ? "part-approve" : "approve", reasonCode: "need-met", explanation: "We will send you a food voucher.", lines: amounts.map(line) });

/** An application taken by `by` end to end (a household of its own), sent; its case. */
async function taken(by: TStaffActor, channel: "OFFICER_PHONE" | "OFFICER_IN_PERSON" = "OFFICER_PHONE") {
  const draftId = (await startAssistedDraft(council, by, channel))!;
  const answers = { ...FULL, "date-of-birth": { "dateOfBirth-day": "3", "dateOfBirth-month": "4", "dateOfBirth-year": String(dob++) } };
  for (const [step, raw] of Object.entries(answers)) expect(await saveAssistedAnswer(council, by, draftId, step as TStepId, raw as Record<string, string>)).not.toBeNull();
  const sent = await submitAssistedDraft(council, by, draftId, null);
  if (sent.outcome !== "sent") throw new Error(JSON.stringify(sent));
  return { draftId, ...sent };
}

beforeAll(async () => {
  await createCouncil(owner(), { slug: "assist-a", postcodeAreas: ["E8"], settings: { referencePrefix: "ASA" } });
  const b = await createCouncil(owner(), { slug: "assist-b", postcodeAreas: ["E8"], settings: { referencePrefix: "ASB" } });
  council = (await findCouncilBySlug("assist-a"))!;
  other = (await findCouncilBySlug("assist-b"))!;
  olu = await staff(council, "OFFICER", "Olu Officer");
  priya = await staff(council, "OFFICER", "Priya Officer");
  alex = await staff(council, "APPROVER", "Alex Approver");
  sam = await staff(council, "APPROVER", "Sam Approver");
  mo = await staff(council, "MANAGER", "Mo Manager");
  elsewhere = await staff(other, "OFFICER", "Ola Other-council");
  void b;
  const orgId = (await createOrganisation(owner(), council.id, { name: "Health visiting" })).id;
  const user = await createMember(owner(), council.id, "REFERRER", { email: "hv@nhs.example", organisationId: orgId });
  referrer = memberActor({ council: { id: council.id }, user: { userId: user.id, email: user.email }, roles: ["REFERRER"], organisationId: orgId }) as TReferrerActor;
  pot = (await createFund(owner(), council.id, { pots: [{ name: "Food and energy", allocatePence: 5_000_000n }] })).pots[0]!;
});
afterAll(() => {});

describe("taking an application", () => {
  it("keeps several drafts per officer, each only theirs, and sends one once with its channel, who entered it and the witnessed consent", async () => {
    const first = (await startAssistedDraft(council, olu, "OFFICER_PHONE"))!;
    const second = (await startAssistedDraft(council, olu, "OFFICER_IN_PERSON"))!;
    for (const [step, raw] of Object.entries(FULL)) expect(await saveAssistedAnswer(council, olu, first, step as TStepId, raw as Record<string, string>)).not.toBeNull();
    const mine = await listAssistedDrafts(council, olu);
    expect(mine.map((d) => d.id)).toEqual(expect.arrayContaining([first, second]));
    expect(mine.find((d) => d.id === first)).toMatchObject({ channel: "OFFICER_PHONE", name: "Ayşe Yılmaz" });
    expect(mine.find((d) => d.id === second)).toMatchObject({ channel: "OFFICER_IN_PERSON", name: null });
    // Another officer, another council's officer: not found, cannot write or send.
    for (const who of [priya, elsewhere]) {
      expect(await readAssistedDraft(council, who, first)).toBeNull();
      expect(await saveAssistedAnswer(council, who, first, "full-name", { fullName: "Mallory" })).toBeNull();
      expect((await submitAssistedDraft(council, who, first, null)).outcome).toBe("no-draft");
      expect((await listAssistedDrafts(council, who)).map((d) => d.id)).not.toContain(first);
    }
    // The officer in another council's scope: row-level security hides it.
    expect(await readAssistedDraft(other, olu, first)).toBeNull();
    // Not finished: not sent.
    expect((await submitAssistedDraft(council, olu, second, null)).outcome).toBe("incomplete");

    const sent = await Promise.all([1, 2, 3, 4].map(() => submitAssistedDraft(council, olu, first, "203.0.113.9")));
    expect(sent.filter((s) => s.outcome === "sent")).toHaveLength(1);
    expect(sent.every((s) => s.outcome === "sent" || s.outcome === "already-sent")).toBe(true);
    const apps = await owner().application.findMany({ where: { draftId: first }, include: { case: true } });
    expect(apps).toHaveLength(1);
    const app = apps[0]!;
    expect(app).toMatchObject({ channel: "OFFICER_PHONE", enteredById: olu.user.userId, consentWitnessedById: olu.user.userId, locale: "tr" });
    expect(app.consentWitnessedAt).toBeInstanceOf(Date);
    expect(app.case).toMatchObject({ channel: "OFFICER_PHONE", status: "NEW" });
    // The resident's confirmation, in the language they chose (Turkish), as for an online application.
    const messages = await owner().outboundMessage.findMany({ where: { tenantId: council.id, to: "ayse@example.com" } });
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.locale === "tr")).toBe(true);
    // Timeline, audit and the case page's line.
    expect(await owner().caseEvent.findFirst({ where: { caseId: app.case!.id, kind: "application.entered-by-officer" } })).toMatchObject({ actorUserId: olu.user.userId, data: { channel: "OFFICER_PHONE" } });
    expect(await owner().auditEvent.count({ where: { action: "application.consent-witnessed", entityId: app.case!.id } })).toBe(1);
    expect(await owner().auditEvent.findFirst({ where: { action: "application.submitted", entityId: app.id } })).toMatchObject({ actorUserId: olu.user.userId });
    expect(await assistedFactsOfCase(council, mo, app.case!.id)).toMatchObject({ channel: "OFFICER_PHONE", enteredByName: "Olu Officer", witnessedByName: "Olu Officer" });
    expect(await assistedFactsOfCase(other, elsewhere, app.case!.id)).toBeNull();
    // Sent: no longer in the officer's list; its pages are closed.
    expect((await listAssistedDrafts(council, olu)).map((d) => d.id)).not.toContain(first);
    expect((await readAssistedDraft(council, olu, first))?.submittedAt).toBeInstanceOf(Date);
  });

  it("a referrer or a manager (who only reads cases) cannot start, read or send an assisted application", async () => {
    const draftId = (await startAssistedDraft(council, olu, "OFFICER_IN_PERSON"))!;
    expect(await startAssistedDraft(council, mo, "OFFICER_PHONE")).toBeNull();
    expect(await startAssistedDraft(council, referrer as unknown as TStaffActor, "OFFICER_PHONE")).toBeNull();
    // Even with the officer's own user id, a referrer's or a manager's actor is refused.
    const asReferrer = { ...referrer, user: olu.user } as unknown as TStaffActor;
    const asManager = { ...mo, user: olu.user };
    for (const who of [asReferrer, asManager]) {
      expect(await readAssistedDraft(council, who, draftId)).toBeNull();
      expect(await saveAssistedAnswer(council, who, draftId, "full-name", { fullName: "Mallory" })).toBeNull();
      expect((await submitAssistedDraft(council, who, draftId, null)).outcome).toBe("no-draft");
      expect(await listAssistedDrafts(council, who)).toEqual([]);
    }
    // A channel that is not an officer's is refused, in the service and by the database.
    expect(await startAssistedDraft(council, olu, "RESIDENT_ONLINE" as "OFFICER_PHONE")).toBeNull();
    await expect(owner().applicationDraft.update({ where: { id: draftId }, data: { officerChannel: "REFERRAL_API" } })).rejects.toThrow();
  });
});

describe("four eyes on an application an officer entered", () => {
  it("the approver who entered it cannot approve or reject its award; another approver can", async () => {
    const made = await taken(alex);
    expect((await claimCase(priya, made.caseId)).outcome).toBe("done");
    const r = await decideCase(priya, made.caseId, decision(30_000n, 31_000n));
    if (r.outcome !== "decided") throw new Error(r.outcome);
    const [a, b] = r.awards.map((x) => x.id);
    expect(await approveAward(alex, a!)).toEqual({ outcome: "four-eyes", problem: "entered-the-application" });
    expect(await rejectAward(alex, b!, "Too much")).toEqual({ outcome: "four-eyes", problem: "entered-the-application" });
    expect(await owner().award.count({ where: { id: { in: [a!, b!] }, status: "AWAITING_APPROVAL" } })).toBe(2);
    expect((await approveAward(sam, a!)).outcome).toBe("done");
    expect((await rejectAward(sam, b!, "One award is enough")).outcome).toBe("done");
  });

  it("when the officer who entered it decides it, every line waits for an approver whatever its amount", async () => {
    const made = await taken(olu, "OFFICER_IN_PERSON");
    expect((await claimCase(olu, made.caseId)).outcome).toBe("done");
    const r = await decideCase(olu, made.caseId, decision(2_000n, 3_000n));
    if (r.outcome !== "decided") throw new Error(r.outcome);
    const awards = await owner().award.findMany({ where: { caseId: made.caseId } });
    expect(awards.map((x) => x.status)).toEqual(["AWAITING_APPROVAL", "AWAITING_APPROVAL"]);
    expect((await approveAward(alex, awards[0]!.id)).outcome).toBe("done");

    // Another officer deciding the same kind of application: small lines are approved at once.
    const theirs = await taken(olu);
    expect((await claimCase(priya, theirs.caseId)).outcome).toBe("done");
    expect((await decideCase(priya, theirs.caseId, decision(2_000n))).outcome).toBe("decided");
    expect((await owner().award.findMany({ where: { caseId: theirs.caseId } })).map((x) => x.status)).toEqual(["APPROVED"]);
  });
});

describe("the demo's assisted applications", () => {
  it("each is a complete application the journey accepts and sends", async () => {
    for (const a of DEMO_ASSISTED) {
      const draftId = (await startAssistedDraft(council, priya, a.channel))!;
      for (const [step, raw] of Object.entries(a.answers("E8 1AA"))) {
        const parsed = (await import("@/lib/applications/steps")).STEPS[step as TStepId].schema.safeParse(raw);
        expect(parsed.success, `${a.channel} ${step}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        expect(await saveAssistedAnswer(council, priya, draftId, step as TStepId, raw as Record<string, string>)).not.toBeNull();
      }
      expect((await submitAssistedDraft(council, priya, draftId, null)).outcome).toBe("sent");
    }
  });
});

describe("the demo seeder", () => {
  it("has each demo council's officer take one application by phone and one in person, once", { timeout: 120_000 }, async () => {
    for (const c of DEMO_COUNCILS) {
      const tenant = await createCouncil(owner(), c);
      for (const st of c.staff) await addMembership(owner(), tenant.id, (await createUser(owner(), { email: st.email, name: st.name })).id, st.role);
    }
    await seedDemoAssisted(owner(), () => {});
    await seedDemoAssisted(owner(), () => {});
    for (const c of DEMO_COUNCILS) {
      const tenant = await owner().tenant.findUniqueOrThrow({ where: { slug: c.slug } });
      const officer = await owner().user.findUniqueOrThrow({ where: { email: c.staff.find((st) => st.role === "OFFICER")!.email } });
      const apps = await owner().application.findMany({ where: { tenantId: tenant.id }, orderBy: { channel: "asc" } });
      expect(apps.map((a) => [a.channel, a.enteredById, a.consentWitnessedById])).toEqual([
        ["OFFICER_PHONE", officer.id, officer.id],
        ["OFFICER_IN_PERSON", officer.id, officer.id],
      ]);
    }
  });
});
