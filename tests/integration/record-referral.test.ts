// recordReferral(): the contract both referral channels (portal, API) use, as the app's role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TApiClientActor, TReferrerActor } from "@/lib/actor";
import { assemble } from "@/lib/applications/schemas";
import { parseAnswers, type TRawAnswers } from "@/lib/applications/steps";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { withTenant } from "@/lib/db/tenant-scope";
import { recordReferral, REFERRAL_ERRORS, type TReferralInput } from "@/lib/referrals/referral";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createMember, createOrganisation } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { testDb } from "../support/globals";

let council: TCouncil, other: TCouncil;
let orgId: string, otherOrgId: string, inactiveOrgId: string, untrainedOrgId: string;
let trained: TReferrerActor, untrained: TReferrerActor, colleagueOfOther: TReferrerActor;

const application = (answers: TRawAnswers = FULL): unknown => assemble(parseAnswers(answers), true);
const section = (over: Record<string, unknown> = {}) => ({
  role: "Health visitor",
  relationship: "Health visitor to the family since May",
  consentMethod: "in-person",
  consentDate: londonIsoDate(new Date()),
  alreadyTried: "Food bank voucher last week",
  fastTrack: false,
  ...over,
});
const actorOf = (c: TCouncil, user: { id: string; email: string }, organisationId: string): TReferrerActor => ({
  kind: "referrer",
  council: { id: c.id },
  user: { userId: user.id, email: user.email },
  organisationId,
  roles: ["REFERRER"],
});
const apiClient = (organisationId: string): [TApiClientActor, string] => [{ kind: "api-client", council: { id: council.id }, client: { id: organisationId, name: "HV records" }, grants: ["referrals:submit"] }, organisationId];

async function record(actor: TReferrerActor | TApiClientActor, over: Partial<TReferralInput> = {}) {
  const input: TReferralInput = {
    application: application(),
    referrer: section(),
    channel: actor.kind === "referrer" ? "REFERRAL_PORTAL" : "REFERRAL_API",
    organisationId: actor.kind === "referrer" ? actor.organisationId! : "",
    draftId: null,
    ...over,
  };
  return withTenant(council.id, (tx) => recordReferral(tx, council, actor, input));
}

async function setTraining(userId: string, expiresOn: string | null) {
  await testDb().owner.membership.updateMany({ where: { userId }, data: { trainingCompletedOn: expiresOn ? new Date("2019-01-01") : null, trainingExpiresOn: expiresOn ? new Date(expiresOn) : null } });
}

beforeAll(async () => {
  const db = testDb().owner;
  const a = await createCouncil(db, { slug: "referral-a", postcodeAreas: ["E8"], settings: { referencePrefix: "RFA" } });
  const b = await createCouncil(db, { slug: "referral-b", postcodeAreas: ["E8"], settings: { referencePrefix: "RFB" } });
  council = (await findCouncilBySlug("referral-a"))!;
  other = (await findCouncilBySlug("referral-b"))!;
  orgId = (await createOrganisation(db, a.id, { name: "HV" })).id;
  inactiveOrgId = (await createOrganisation(db, a.id, { name: "Closed" })).id;
  await db.organisation.update({ where: { id: inactiveOrgId }, data: { active: false } });
  untrainedOrgId = (await createOrganisation(db, a.id, { name: "New partner" })).id;
  otherOrgId = (await createOrganisation(db, b.id, { name: "HV elsewhere" })).id;
  const t = await createMember(db, a.id, "REFERRER", { email: "trained@nhs.example", organisationId: orgId });
  await setTraining(t.id, "2099-12-31");
  const u = await createMember(db, a.id, "REFERRER", { email: "untrained@nhs.example", organisationId: orgId });
  const x = await createMember(db, b.id, "REFERRER", { email: "elsewhere@nhs.example", organisationId: otherOrgId });
  await setTraining(x.id, "2099-12-31");
  await createMember(db, a.id, "REFERRER", { email: "fresh@nhs.example", organisationId: untrainedOrgId });
  trained = actorOf(council, t, orgId);
  untrained = actorOf(council, u, orgId);
  colleagueOfOther = actorOf(other, x, otherOrgId);
});
afterAll(async () => {});

describe("recordReferral", () => {
  it("records the canonical application with the referrer section, the organisation and the referrer on the application and the case", async () => {
    const result = await record(trained, { referrer: section({ fastTrack: true }) });
    expect(result.outcome).toBe("recorded");
    if (result.outcome !== "recorded") return;
    const app = await testDb().owner.application.findUniqueOrThrow({ where: { id: result.id }, include: { case: true } });
    expect(app).toMatchObject({ channel: "REFERRAL_PORTAL", referrerUserId: trained.user.userId, tenantId: council.id });
    expect(app.referral).toMatchObject({ role: "Health visitor", consentMethod: "in-person", fastTrack: true });
    expect(app.case).toMatchObject({ organisationId: orgId, referrerUserId: trained.user.userId, channel: "REFERRAL_PORTAL" });
    expect(app.case!.priorityReasons).toContain("fast-track-referral");
    expect(await testDb().owner.auditEvent.count({ where: { action: "application.submitted", entityId: result.id, actorUserId: trained.user.userId } })).toBe(1);
  });

  it("refuses an untrained (or expired) member's fast-track, and records the same referral without it", async () => {
    const before = await testDb().owner.application.count();
    expect(await record(untrained, { referrer: section({ fastTrack: true }) })).toEqual({ outcome: "invalid", issues: [{ path: ["referrer", "fastTrack"], message: REFERRAL_ERRORS.untrainedFastTrack }] });
    await setTraining(untrained.user.userId, "2020-01-31");
    expect((await record(untrained, { referrer: section({ fastTrack: true }) })).outcome).toBe("invalid");
    expect(await testDb().owner.application.count()).toBe(before);
    const plain = await record(untrained);
    expect(plain.outcome).toBe("recorded");
    if (plain.outcome === "recorded") expect((await testDb().owner.case.findFirstOrThrow({ where: { applicationId: plain.id } })).priorityReasons).not.toContain("fast-track-referral");
  });

  it("refuses a postcode outside the council, an organisation not theirs, a deactivated organisation, a consent in the future, a wrong shape: nothing is written", async () => {
    const before = await testDb().owner.application.count();
    const outside = await record(trained, { application: application({ ...FULL, postcode: { postcode: "n1 1aa" }, address: { address: "manual" }, "address-manual": { line1: "1 High St", line2: "", town: "London" } } as TRawAnswers) });
    expect(outside.outcome).toBe("invalid");
    if (outside.outcome === "invalid") expect(outside.issues).toContainEqual({ path: ["application", "address", "postcode"], message: REFERRAL_ERRORS.outsideArea });
    expect(await record(trained, { organisationId: untrainedOrgId })).toMatchObject({ outcome: "invalid", issues: [{ path: ["organisationId"], message: REFERRAL_ERRORS.notMember }] });
    const tomorrow = londonIsoDate(new Date(Date.now() + 36 * 3600_000));
    const future = await record(trained, { referrer: section({ consentDate: tomorrow }) });
    expect(future).toMatchObject({ outcome: "invalid", issues: [{ path: ["referrer", "consentDate"], message: REFERRAL_ERRORS.consentInFuture }] });
    const shape = await record(trained, { referrer: { ...section(), extra: 1, role: "" }, application: { nope: true } });
    expect(shape.outcome).toBe("invalid");
    if (shape.outcome === "invalid") {
      expect(shape.issues.some((i) => i.path[0] === "referrer")).toBe(true);
      expect(shape.issues.some((i) => i.path[0] === "application")).toBe(true);
    }
    const [client] = apiClient(inactiveOrgId);
    expect(await record(client, { organisationId: inactiveOrgId })).toMatchObject({ outcome: "invalid", issues: [{ message: REFERRAL_ERRORS.organisationInactive }] });
    expect(await testDb().owner.application.count()).toBe(before);
  });

  it("API: fast-track only while the organisation has a trained active member; the case names the organisation and no member", async () => {
    const [fresh, freshOrg] = apiClient(untrainedOrgId);
    expect(await record(fresh, { organisationId: freshOrg, referrer: section({ fastTrack: true }) })).toMatchObject({ outcome: "invalid", issues: [{ path: ["referrer", "fastTrack"] }] });
    const [client, org] = apiClient(orgId);
    const result = await record(client, { organisationId: org, referrer: section({ fastTrack: true }) });
    expect(result.outcome).toBe("recorded");
    if (result.outcome !== "recorded") return;
    const app = await testDb().owner.application.findUniqueOrThrow({ where: { id: result.id }, include: { case: true } });
    expect(app).toMatchObject({ channel: "REFERRAL_API", referrerUserId: null, draftId: null });
    expect(app.case).toMatchObject({ organisationId: orgId, referrerUserId: null });
  });

  it("another council's organisation or member cannot record here", async () => {
    expect(await record(trained, { organisationId: otherOrgId })).toMatchObject({ outcome: "invalid" });
    const [client] = apiClient(otherOrgId);
    expect(await record(client, { organisationId: otherOrgId })).toMatchObject({ outcome: "invalid", issues: [{ message: REFERRAL_ERRORS.notMember }] });
    await expect(withTenant(council.id, (tx) => recordReferral(tx, council, colleagueOfOther, { application: application(), referrer: section(), channel: "REFERRAL_PORTAL", organisationId: otherOrgId, draftId: null }))).rejects.toThrow(/another council/);
  });
});
