import { beforeAll, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/auth/session";
import { createAuthSession } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { runDueJobs } from "@/lib/worker";
import { acceptInvitation } from "@/lib/people/accept-invitation";
import { changeMemberRoles } from "@/lib/people/change-member-roles";
import { deactivateMember } from "@/lib/people/deactivate-member";
import { invitationTotpSecret } from "@/lib/people/invitation-secret";
import { inviteMember } from "@/lib/people/invite-member";
import { listCouncilPeople } from "@/lib/people/queries";
import { createCouncil as createCouncilOnPlatform } from "@/lib/platform/create-council";
import { currentTotp } from "@/lib/security/totp";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { verifyPasswordStep } from "@/lib/auth/sign-in";
import { DEMO_PASSWORD, createCouncil, createMember, createOrganisation, createUser } from "@/prisma/factories";
import { testDb } from "../support/globals";

let a: TCouncil, b: TCouncil;
let adminA: TSessionUser;
let officerB: { id: string };
let orgA: { id: string };

const asUser = (u: { id: string; email: string; name: string }, extra: Partial<TSessionUser> = {}): TSessionUser => ({
  userId: u.id,
  email: u.email,
  name: u.name,
  isPlatformOperator: false,
  sessionId: "00000000-0000-4000-8000-000000000000",
  ...extra,
});

beforeAll(async () => {
  const { owner } = testDb();
  await createCouncil(owner, { slug: "a" });
  await createCouncil(owner, { slug: "b" });
  a = (await findCouncilBySlug("a"))!;
  b = (await findCouncilBySlug("b"))!;
  adminA = asUser(await createMember(owner, a.id, "COUNCIL_ADMIN", { email: "admin@a.example" }));
  officerB = await createMember(owner, b.id, "OFFICER", { email: "officer@b.example" });
  orgA = await createOrganisation(owner, a.id, { allowedEmailDomains: ["nhs.example"] });
});

function tokenFromMail(text: string): string {
  return text.match(/\/invitations\/([A-Za-z0-9_-]+)/)![1]!;
}

describe("people in a council", () => {
  it("invites staff by email; the invitee sets a password and enrols MFA in one step; the link works once", async () => {
    const result = await inviteMember({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, { name: "New Officer", email: "new@a.example", role: "OFFICER" });
    expect(result.outcome).toBe("invited");
    await runDueJobs(); // the outbox is delivered by the job queue
    const mail = await db().devMailboxMessage.findFirstOrThrow({ where: { to: "new@a.example" } });
    const token = tokenFromMail(mail.text);
    const secret = invitationTotpSecret(token);
    expect(await acceptInvitation(a, { token, password: "a long enough password", totpSecret: secret, code: "000000" })).toEqual({ outcome: "wrong-code" });
    const accepted = await acceptInvitation(a, { token, password: "a long enough password", totpSecret: secret, code: currentTotp(secret) });
    expect(accepted.outcome).toBe("accepted");
    const user = await testDb().owner.user.findUniqueOrThrow({ where: { email: "new@a.example" } });
    expect(user.mfaEnrolledAt).not.toBeNull();
    expect(user.totpSecretEnc).not.toContain(secret);
    expect((await acceptInvitation(a, { token, password: "a long enough password", totpSecret: secret, code: currentTotp(secret) })).outcome).toBe("invalid");
    const people = await listCouncilPeople(a.id);
    expect(people.find((p) => p.email === "new@a.example")?.roles).toEqual(["OFFICER"]);
  });

  // Attack (issue 7, finding 1): council A's admin invites council B's officer (or the platform
  // operator) and, holding the link, sets a new password and second factor for that account.
  for (const target of ["victim@b.example", "operator@platform.example"]) {
    it(`an invitation to an existing account (${target}) never changes its credentials, and needs that person signed in`, async () => {
      const { owner } = testDb();
      if (target.startsWith("operator")) await createUser(owner, { email: target, isPlatformOperator: true });
      else await createMember(owner, b.id, "OFFICER", { email: target });
      const before = await owner.user.findUniqueOrThrow({ where: { email: target } });
      expect((await inviteMember({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, { name: "Takeover", email: target, role: "COUNCIL_ADMIN" })).outcome).toBe("invited");
      await runDueJobs(); // the outbox is delivered by the job queue
      const mail = await db().devMailboxMessage.findFirstOrThrow({ where: { to: target }, orderBy: { createdAt: "desc" } });
      const token = tokenFromMail(mail.text);
      const secret = invitationTotpSecret(token);
      const attack = { token, password: "attacker chosen password", totpSecret: secret, code: currentTotp(secret) };

      // Whoever holds the link, signed out or signed in as someone else (the inviting admin):
      expect(await acceptInvitation(a, attack)).toEqual({ outcome: "sign-in-required" });
      expect(await acceptInvitation(a, { ...attack, signedIn: { userId: adminA.userId, email: adminA.email } })).toEqual({ outcome: "wrong-account" });
      const after = await owner.user.findUniqueOrThrow({ where: { email: target } });
      expect({ hash: after.passwordHash, totp: after.totpSecretEnc, enrolled: after.mfaEnrolledAt }).toEqual({
        hash: before.passwordHash,
        totp: before.totpSecretEnc,
        enrolled: before.mfaEnrolledAt,
      });
      expect(await owner.membership.count({ where: { tenantId: a.id, userId: before.id } })).toBe(0);
      // The attacker's password does not open the account; the owner's own still does.
      expect((await verifyPasswordStep({ email: target, password: attack.password, ip: null })).outcome).toBe("invalid");
      expect((await verifyPasswordStep({ email: target, password: DEMO_PASSWORD, ip: null })).outcome).toBe("mfa-required");

      // The person themselves, signed in with their own credentials, accepts: membership only.
      const accepted = await acceptInvitation(a, { token, signedIn: { userId: before.id, email: before.email } });
      expect(accepted).toMatchObject({ outcome: "accepted", newAccount: false });
      expect((await owner.user.findUniqueOrThrow({ where: { email: target } })).passwordHash).toBe(before.passwordHash);
      expect(await owner.membership.count({ where: { tenantId: a.id, userId: before.id, role: "COUNCIL_ADMIN", status: "ACTIVE" } })).toBe(1);
      expect((await acceptInvitation(a, { token, signedIn: { userId: before.id, email: before.email } })).outcome).toBe("invalid");
    });
  }

  it("an account created for the address after the invitation was opened is not overwritten (race)", async () => {
    const { owner } = testDb();
    await inviteMember({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, { name: "Late", email: "late@a.example", role: "OFFICER" });
    await runDueJobs(); // the outbox is delivered by the job queue
    const token = tokenFromMail((await db().devMailboxMessage.findFirstOrThrow({ where: { to: "late@a.example" } })).text);
    const secret = invitationTotpSecret(token);
    // Two acceptances in parallel: exactly one creates the account; the other changes nothing.
    const results = await Promise.all(
      [1, 2].map((i) => acceptInvitation(a, { token, password: `parallel password ${i}!`, totpSecret: secret, code: currentTotp(secret) })),
    );
    expect(results.filter((r) => r.outcome === "accepted")).toHaveLength(1);
    expect(await owner.user.count({ where: { email: "late@a.example" } })).toBe(1);
  });

  it("invites referrers only at their organisation's allowed domains", async () => {
    expect((await inviteMember({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, { name: "X", email: "x@gmail.example", role: "REFERRER", organisationId: orgA.id })).outcome).toBe("domain-not-allowed");
    expect((await inviteMember({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, { name: "HV", email: "hv@nhs.example", role: "REFERRER", organisationId: orgA.id })).outcome).toBe("invited");
  });

  it("cannot invite into another council's organisation by crafted id", async () => {
    const orgB = await createOrganisation(testDb().owner, b.id, { allowedEmailDomains: ["nhs.example"] });
    expect((await inviteMember({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, { name: "Y", email: "y@nhs.example", role: "REFERRER", organisationId: orgB.id })).outcome).toBe("bad-organisation");
  });

  it("changes roles and records who did it", async () => {
    const officer = await createMember(testDb().owner, a.id, "OFFICER", { email: "promote@a.example" });
    expect(await changeMemberRoles({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, officer.id, ["OFFICER", "APPROVER"])).toEqual({ outcome: "changed" });
    expect((await listCouncilPeople(a.id)).find((p) => p.userId === officer.id)?.roles.sort()).toEqual(["APPROVER", "OFFICER"]);
    const event = await testDb().owner.auditEvent.findFirstOrThrow({ where: { action: "people.roles-changed", entityId: officer.id } });
    expect(event.actorEmail).toBe("admin@a.example");
    expect(event.tenantId).toBe(a.id);
  });

  it("will not let an admin remove their own admin role", async () => {
    expect(await changeMemberRoles({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, adminA.userId, ["OFFICER"])).toEqual({ outcome: "own-admin-role" });
  });

  it("cannot change or deactivate a person of another council, even with their real id", async () => {
    expect(await changeMemberRoles({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, officerB.id, ["COUNCIL_ADMIN"])).toEqual({ outcome: "not-found" });
    expect(await deactivateMember({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, officerB.id)).toEqual({ outcome: "not-found" });
    const stillThere = await testDb().owner.membership.findFirstOrThrow({ where: { userId: officerB.id } });
    expect(stillThere.status).toBe("ACTIVE");
  });

  it("deactivating someone ends all their sessions at once", async () => {
    const officer = await createMember(testDb().owner, a.id, "OFFICER", { email: "leaver@a.example" });
    const s1 = await createAuthSession(officer.id, "password+totp");
    await createAuthSession(officer.id, "password+totp");
    const result = await deactivateMember({ council: a, user: adminA, roles: ["COUNCIL_ADMIN"] }, officer.id);
    expect(result).toEqual({ outcome: "deactivated", sessionsEnded: 2 });
    const session = await testDb().owner.authSession.findUniqueOrThrow({ where: { id: s1 } });
    expect(session.revokedAt).not.toBeNull();
    expect((await listCouncilPeople(a.id)).find((p) => p.userId === officer.id)?.active).toBe(false);
  });
});

describe("platform operator", () => {
  it("creates a council and invites its first admin", async () => {
    const operator = await testDb().owner.user.create({ data: { email: "op@platform.example", name: "Op", isPlatformOperator: true } });
    const result = await createCouncilOnPlatform(asUser(operator, { isPlatformOperator: true }), {
      name: "New Council",
      slug: "new-council",
      kind: "DISTRICT",
      contactEmail: "help@new.example",
      contactPhone: "01632 960111",
      postcodeAreas: ["PE1"],
      adminName: "First Admin",
      adminEmail: "first.admin@new.example",
    });
    expect(result).toEqual({ outcome: "created", slug: "new-council" });
    const again = await createCouncilOnPlatform(asUser(operator, { isPlatformOperator: true }), {
      name: "Dup",
      slug: "new-council",
      kind: "DISTRICT",
      contactEmail: "help@new.example",
      contactPhone: "01632 960111",
      postcodeAreas: ["PE1"],
      adminName: "X",
      adminEmail: "x@new.example",
    });
    expect(again).toEqual({ outcome: "slug-taken" });
    await runDueJobs(); // the outbox is delivered by the job queue
    const mail = await db().devMailboxMessage.findFirstOrThrow({ where: { to: "first.admin@new.example" } });
    expect(mail.text).toContain("/new-council/invitations/");
    const platformEvent = await testDb().owner.auditEvent.findFirstOrThrow({ where: { action: "platform.council-created" } });
    expect(platformEvent.tenantId).toBeNull();
  });
});
