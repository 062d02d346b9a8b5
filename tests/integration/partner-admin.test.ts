// Partner organisations and their members, managed by council admins (issue 17), through the
// services and the server actions (real PostgreSQL, the app's RLS-bound role, real sessions):
// add and change with domain validation, members' lead flag and training, deactivating a member
// or the whole organisation cuts a live session off on its next request, everything audited,
// and another council's admin (or anyone without organisations:manage) can neither read nor edit.
import { encode } from "next-auth/jwt";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { memberActor, staffActor, type TMemberActor } from "@/lib/actor";
import { getCouncilAccess } from "@/lib/auth/access";
import { SESSION_COOKIE } from "@/lib/auth/cookies";
import { createAuthSession } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import { changeMember, createOrganisation, setOrganisationActive, updateOrganisation } from "@/lib/partners/manage";
import { getLeadView, getPartnerOrganisation, listPartnerOrganisations } from "@/lib/partners/queries";
import { isTrained } from "@/lib/partners/training";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createFund, createMember, createOrganisation as createOrgRow } from "@/prisma/factories";
import { testDb } from "../support/globals";

const request = vi.hoisted(() => ({ headers: new Headers(), cookie: null as null | { name: string; value: string } }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.cookie?.name === name ? request.cookie : undefined),
    getAll: () => (request.cookie ? [request.cookie] : []),
    set: () => {},
    delete: () => {},
    has: (name: string) => request.cookie?.name === name,
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const owner = () => testDb().owner;
let a: TCouncil, b: TCouncil;
let adminA: TMemberActor, adminB: TMemberActor, officerA: TMemberActor;

const org = { name: "Northside Health Visiting", type: "HEALTH_VISITING" as const, allowedEmailDomains: ["nhs.example"], contactName: "Jo Lead", contactEmail: "jo@nhs.example", contactPhone: "01632 960 001" };

async function staff(c: TCouncil, role: "COUNCIL_ADMIN" | "OFFICER", email: string): Promise<TMemberActor> {
  const u = await createMember(owner(), c.id, role, { email });
  return staffActor({ council: c, user: { userId: u.id, email: u.email }, roles: [role] });
}

/** A referrer of an organisation, with a real session cookie in `request`. */
async function signedInReferrer(c: TCouncil, organisationId: string, email: string) {
  const u = await createMember(owner(), c.id, "REFERRER", { email, organisationId });
  await signIn(u.id);
  return u;
}

async function signIn(userId: string) {
  const user = await owner().user.findUniqueOrThrow({ where: { id: userId } });
  const sid = await createAuthSession(user.id, "magic-link");
  const value = await encode({ token: { sub: user.id, sid, email: user.email, name: user.name }, secret: env().AUTH_SECRET, maxAge: 3600 });
  request.cookie = { name: SESSION_COOKIE, value };
}

const fd = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

/** Runs a server action; a redirect comes back as its location. */
async function run(action: (slug: string, prev: TFormState, f: FormData) => Promise<TFormState>, slug: string, values: Record<string, string>): Promise<TFormState | { location: string }> {
  try {
    return await action(slug, EMPTY_FORM_STATE, fd(values));
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { location: digest.split(";")[2]! };
  }
}

beforeAll(async () => {
  await createCouncil(owner(), { slug: "partners-a" });
  await createCouncil(owner(), { slug: "partners-b" });
  a = (await findCouncilBySlug("partners-a"))!;
  b = (await findCouncilBySlug("partners-b"))!;
  adminA = await staff(a, "COUNCIL_ADMIN", "admin@partners-a.example");
  adminB = await staff(b, "COUNCIL_ADMIN", "admin@partners-b.example");
  officerA = await staff(a, "OFFICER", "officer@partners-a.example");
});

beforeEach(() => {
  request.headers = new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
  request.cookie = null;
});

describe("council admins manage partner organisations", () => {
  it("adds, changes, lists with members count, and audits; a second organisation of the same name is refused", async () => {
    const created = await createOrganisation(adminA, org);
    expect(created.outcome).toBe("created");
    const id = (created as { organisationId: string }).organisationId;
    expect(await createOrganisation(adminA, org)).toEqual({ outcome: "name-taken" });
    expect(await updateOrganisation(adminA, id, { ...org, allowedEmailDomains: ["nhs.example", "northside.example"], contactPhone: null })).toEqual({ outcome: "saved" });
    await createMember(owner(), a.id, "REFERRER", { email: "m1@nhs.example", organisationId: id });
    const list = await listPartnerOrganisations(adminA);
    expect(list?.find((o) => o.id === id)).toMatchObject({ name: org.name, allowedEmailDomains: ["nhs.example", "northside.example"], members: 1, active: true });
    const audit = await owner().auditEvent.findMany({ where: { tenantId: a.id, entityId: id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["people.organisation-created", "people.organisation-changed"]);
    expect(audit[1]!.summary).toContain("allowedEmailDomains, contactPhone");
    expect(audit[0]!.actorEmail).toBe("admin@partners-a.example");
  });

  it("the form refuses nonsense with a specific error on each field (domains validated as domains) and saves nothing", async () => {
    const { createOrganisationAction } = await import("@/lib/partners/actions");
    const adminUser = await owner().user.findUniqueOrThrow({ where: { email: "admin@partners-a.example" } });
    await signIn(adminUser.id);
    const before = await owner().organisation.count();
    const state = (await run(createOrganisationAction, "partners-a", { name: "", type: "SPACESHIP", allowedEmailDomains: "nhs, @@bad", contactEmail: "nope", contactPhone: "call me" })) as TFormState;
    expect(state.errors).toEqual([
      { field: "name", message: "Enter the organisation’s name" },
      { field: "type", message: "Select the type of organisation" },
      { field: "allowedEmailDomains", message: "Enter each email domain in the correct format, like nhs.net, without spaces or the name before the @" },
      { field: "contactEmail", message: "Enter the contact’s email address in the correct format, like name@example.org" },
      { field: "contactPhone", message: "Enter the contact’s phone number, like 01632 960 001 or +44 1632 960 001" },
    ]);
    const webmail = (await run(createOrganisationAction, "partners-a", { name: "Webmail partner", type: "OTHER", allowedEmailDomains: "gmail.com" })) as TFormState;
    expect(webmail.errors[0]!.message).toMatch(/public one such as gmail.com/);
    expect(await owner().organisation.count()).toBe(before);
    // A council cannot be named in the form: tenantId is an unknown field, refused.
    const smuggled = (await run(createOrganisationAction, "partners-a", { name: "Smuggled", type: "OTHER", allowedEmailDomains: "smuggled.example", tenantId: b.id })) as TFormState;
    expect(smuggled.errors[0]!.field).toBe("form");
    const ok = await run(createOrganisationAction, "partners-a", { name: "Eastside Social Prescribing", type: "SOCIAL_PRESCRIBING", allowedEmailDomains: "eastside.example\nnhs.example" });
    expect(ok).toMatchObject({ location: expect.stringMatching(/^\/partners-a\/staff\/partners\/[0-9a-f-]{36}\?created=1$/) });
    expect((await owner().organisation.findFirstOrThrow({ where: { name: "Eastside Social Prescribing" } })).allowedEmailDomains).toEqual(["eastside.example", "nhs.example"]);
  });

  it("invites a member only from an allowed domain (the error names the domains); the invitation is the people one, bound to the address", async () => {
    const { inviteOrganisationMemberAction } = await import("@/lib/people/actions");
    const o = await createOrgRow(owner(), a.id, { name: "Invite test org", allowedEmailDomains: ["invite.example", "nhs.example"] });
    const adminUser = await owner().user.findUniqueOrThrow({ where: { email: "admin@partners-a.example" } });
    await signIn(adminUser.id);
    const wrong = (await run(inviteOrganisationMemberAction, "partners-a", { organisationId: o.id, name: "Wrong Domain", email: "someone@gmail.com" })) as TFormState;
    expect(wrong.errors).toEqual([{ field: "email", message: "Enter an email address ending in @invite.example or @nhs.example" }]);
    expect(await owner().invitation.count({ where: { email: "someone@gmail.com" } })).toBe(0);
    const ok = await run(inviteOrganisationMemberAction, "partners-a", { organisationId: o.id, name: "Right Domain", email: "right@invite.example" });
    expect(ok).toEqual({ location: `/partners-a/staff/partners/${o.id}?invited=right%40invite.example` });
    expect(await owner().invitation.findFirstOrThrow({ where: { email: "right@invite.example" } })).toMatchObject({ role: "REFERRER", organisationId: o.id, tenantId: a.id });
    expect((await getPartnerOrganisation(adminA, o.id))!.invitations.map((i) => i.email)).toEqual(["right@invite.example"]);
    // An officer may not invite partners.
    const officerUser = await owner().user.findUniqueOrThrow({ where: { email: "officer@partners-a.example" } });
    await signIn(officerUser.id);
    const refused = (await run(inviteOrganisationMemberAction, "partners-a", { organisationId: o.id, name: "X", email: "x@invite.example" })) as TFormState;
    expect(refused.errors[0]!.message).toMatch(/You do not have permission/);
  });

  it("marks a lead and records training (expired and untrained shown as such); all audited", async () => {
    const o = await createOrgRow(owner(), a.id, { name: "Training org" });
    const u1 = await createMember(owner(), a.id, "REFERRER", { email: "t1@nhs.example", organisationId: o.id });
    await createMember(owner(), a.id, "REFERRER", { email: "t2@nhs.example", organisationId: o.id });
    const m1 = await owner().membership.findFirstOrThrow({ where: { userId: u1.id } });
    expect(await changeMember(adminA, o.id, m1.id, { kind: "lead", lead: true })).toEqual({ outcome: "saved" });
    const today = new Date();
    const lastYear = new Date(Date.UTC(today.getUTCFullYear() - 1, 0, 10));
    const expired = new Date(Date.UTC(today.getUTCFullYear() - 1, 11, 1));
    expect(await changeMember(adminA, o.id, m1.id, { kind: "training", completedOn: lastYear, expiresOn: expired })).toEqual({ outcome: "saved" });
    let detail = (await getPartnerOrganisation(adminA, o.id))!;
    expect(detail.members.map((m) => [m.email, m.lead, m.training])).toEqual([
      ["t1@nhs.example", true, "expired"],
      ["t2@nhs.example", false, "untrained"],
    ]);
    const nextYear = new Date(Date.UTC(today.getUTCFullYear() + 1, 0, 10));
    await changeMember(adminA, o.id, m1.id, { kind: "training", completedOn: lastYear, expiresOn: nextYear });
    detail = (await getPartnerOrganisation(adminA, o.id))!;
    expect(detail.members[0]!.training).toBe("trained");
    expect(isTrained(await owner().membership.findUniqueOrThrow({ where: { id: m1.id } }), today)).toBe(true);
    const actions = (await owner().auditEvent.findMany({ where: { entityId: m1.id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["people.member-lead-changed", "people.member-training-recorded", "people.member-training-recorded"]);
    // A membership of another organisation cannot be changed through this one.
    const other = await createOrgRow(owner(), a.id, { name: "Other org" });
    expect(await changeMember(adminA, other.id, m1.id, { kind: "lead", lead: false })).toEqual({ outcome: "not-found" });
  });
});

describe("deactivation cuts access on the next request", () => {
  it("a deactivated member's live session is refused next request; reactivated, it works again", async () => {
    const o = await createOrgRow(owner(), a.id, { name: "Member deactivation org" });
    const u = await signedInReferrer(a, o.id, "leaving@nhs.example");
    const before = await getCouncilAccess("partners-a");
    expect(before && before !== "no-council" && before.permissions.has("referrals:submit")).toBe(true);
    const m = await owner().membership.findFirstOrThrow({ where: { userId: u.id, tenantId: a.id } });
    expect(await changeMember(adminA, o.id, m.id, { kind: "active", active: false })).toEqual({ outcome: "saved" });
    // The next request (React's per-request cache is not in play outside a server render).
    const after = await getCouncilAccess("partners-a");
    expect(after && after !== "no-council" ? [...after.permissions] : "none").toEqual([]);
    await changeMember(adminA, o.id, m.id, { kind: "active", active: true });
    const back = await getCouncilAccess("partners-a");
    expect(back && back !== "no-council" && back.permissions.has("referrals:submit")).toBe(true);
  });

  it("every member of a deactivated organisation is refused next request (a server action too); its open invitations are withdrawn; staff roles are untouched", async () => {
    const { createOrganisationAction } = await import("@/lib/partners/actions");
    const o = await createOrgRow(owner(), a.id, { name: "Org deactivation org" });
    const u = await signedInReferrer(a, o.id, "member@nhs.example");
    await owner().invitation.create({ data: { tenantId: a.id, email: "pending@nhs.example", name: "Pending", role: "REFERRER", organisationId: o.id, tokenHash: "h-pending", expiresAt: new Date(Date.now() + 86_400_000) } });
    expect(await setOrganisationActive(adminA, o.id, false)).toEqual({ outcome: "saved" });
    const access = await getCouncilAccess("partners-a");
    expect(access && access !== "no-council" ? { roles: access.roles, organisationId: access.organisationId } : null).toEqual({ roles: [], organisationId: null });
    // The same live session, through a server action: nothing it may do.
    const state = (await run(createOrganisationAction, "partners-a", { name: "X", type: "OTHER", allowedEmailDomains: "x.example" })) as TFormState;
    expect(state.errors[0]!.message).toMatch(/You do not have permission/);
    expect((await owner().invitation.findFirstOrThrow({ where: { tokenHash: "h-pending" } })).revokedAt).not.toBeNull();
    expect(await getLeadView({ council: a, user: { userId: u.id, email: u.email, name: u.name, isPlatformOperator: false, sessionId: "x" }, roles: ["REFERRER"], organisationId: o.id })).toBeNull();
    // The admin's own access does not depend on any organisation.
    const adminUser = await owner().user.findUniqueOrThrow({ where: { email: "admin@partners-a.example" } });
    await signIn(adminUser.id);
    const adminAccess = await getCouncilAccess("partners-a");
    expect(adminAccess && adminAccess !== "no-council" && adminAccess.permissions.has("organisations:manage")).toBe(true);
    expect(await owner().auditEvent.count({ where: { entityId: o.id, action: "people.organisation-deactivated" } })).toBe(1);
    await setOrganisationActive(adminA, o.id, true);
    await signIn(u.id);
    const again = await getCouncilAccess("partners-a");
    expect(again && again !== "no-council" && again.organisationId).toBe(o.id);
  });
});

describe("the organisation lead's view", () => {
  it("shows a lead their own organisation's members and allowance pots with committed and remaining; not a plain member", async () => {
    const o = await createOrgRow(owner(), a.id, { name: "Lead view org" });
    const lead = await createMember(owner(), a.id, "REFERRER", { email: "lead@nhs.example", name: "Lena Lead", organisationId: o.id });
    const plain = await createMember(owner(), a.id, "REFERRER", { email: "plain@nhs.example", name: "Pat Plain", organisationId: o.id });
    await owner().membership.updateMany({ where: { userId: lead.id }, data: { organisationLead: true } });
    await createFund(owner(), a.id, { pots: [{ name: "Direct awards: lead view", allocatePence: 50_000n, ownerOrganisationId: o.id }] });
    const access = (u: { id: string; email: string; name: string }) => ({ council: a, user: { userId: u.id, email: u.email, name: u.name, isPlatformOperator: false, sessionId: "x" }, roles: ["REFERRER" as const], organisationId: o.id });
    const view = await getLeadView(access(lead));
    expect(view).toMatchObject({ organisation: "Lead view org", allowances: [{ name: "Direct awards: lead view", committedPence: 0n, remainingPence: 50_000n }] });
    expect(view!.members.map((m) => m.name)).toEqual(["Lena Lead", "Pat Plain"]);
    expect(await getLeadView(access(plain))).toBeNull();
    // A lead who names another organisation gets nothing: the membership must be theirs.
    const other = await createOrgRow(owner(), a.id, { name: "Not mine" });
    expect(await getLeadView({ ...access(lead), organisationId: other.id })).toBeNull();
    expect(await owner().auditEvent.count({ where: { entityId: o.id, action: "people.organisation-viewed-by-lead" } })).toBe(1);
  });
});

describe("another council, and other roles", () => {
  it("another council's admin can neither read nor change an organisation, even by exact id; an officer cannot either", async () => {
    const o = await createOrgRow(owner(), a.id, { name: "Isolated org" });
    const u = await createMember(owner(), a.id, "REFERRER", { email: "iso@nhs.example", organisationId: o.id });
    const m = await owner().membership.findFirstOrThrow({ where: { userId: u.id } });
    expect(await getPartnerOrganisation(adminB, o.id)).toBeNull();
    expect((await listPartnerOrganisations(adminB))!.map((x) => x.id)).not.toContain(o.id);
    expect(await updateOrganisation(adminB, o.id, { ...org, name: "Hijacked" })).toEqual({ outcome: "not-found" });
    expect(await setOrganisationActive(adminB, o.id, false)).toEqual({ outcome: "not-found" });
    expect(await changeMember(adminB, o.id, m.id, { kind: "lead", lead: true })).toEqual({ outcome: "not-found" });
    expect(await changeMember(adminB, o.id, m.id, { kind: "active", active: false })).toEqual({ outcome: "not-found" });
    for (const who of [officerA, memberActor({ council: a, user: { userId: u.id, email: u.email }, roles: ["REFERRER"], organisationId: o.id })]) {
      expect(await listPartnerOrganisations(who)).toBeNull();
      expect(await getPartnerOrganisation(who, o.id)).toBeNull();
      expect(await updateOrganisation(who, o.id, { ...org, name: "Hijacked" })).toEqual({ outcome: "forbidden" });
      expect(await setOrganisationActive(who, o.id, false)).toEqual({ outcome: "forbidden" });
    }
    expect(await owner().organisation.findUniqueOrThrow({ where: { id: o.id } })).toMatchObject({ name: "Isolated org", active: true });
    expect(await owner().membership.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ organisationLead: false, status: "ACTIVE" });
  });

  it("through the actions: council B's admin posting A's organisation id in B's URL changes nothing", async () => {
    const { deactivateOrganisationAction, updateOrganisationAction } = await import("@/lib/partners/actions");
    const o = await createOrgRow(owner(), a.id, { name: "Action isolation org" });
    const adminUser = await owner().user.findUniqueOrThrow({ where: { email: "admin@partners-b.example" } });
    await signIn(adminUser.id);
    const d = (await run(deactivateOrganisationAction, "partners-b", { organisationId: o.id })) as TFormState;
    expect(d.errors[0]!.message).toBe("That organisation is not one of this council’s partners");
    const u = (await run(updateOrganisationAction, "partners-b", { organisationId: o.id, name: "Hijacked", type: "OTHER", allowedEmailDomains: "evil.example" })) as TFormState;
    expect(u.errors[0]!.field).toBe("form");
    // And in A's URL, B's admin holds no role at all.
    const inA = (await run(deactivateOrganisationAction, "partners-a", { organisationId: o.id })) as TFormState;
    expect(inA.errors[0]!.message).toMatch(/You do not have permission/);
    expect(await owner().organisation.findUniqueOrThrow({ where: { id: o.id } })).toMatchObject({ name: "Action isolation org", active: true });
  });
});

