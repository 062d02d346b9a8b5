import { beforeAll, describe, expect, it } from "vitest";
import { consumeMagicLink, requestMagicLink, verifyMfaStep, verifyPasswordStep } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { runDueJobs } from "@/lib/jobs/worker";
import { currentTotp } from "@/lib/security/totp";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { DEMO_PASSWORD, addMembership, createCouncil, createMember, createOrganisation, createUser, demoTotpSecret } from "@/prisma/factories";
import { testDb } from "../support/globals";

let hackwell: TCouncil, other: TCouncil;

beforeAll(async () => {
  const { owner } = testDb();
  await createCouncil(owner, { slug: "hackwell", name: "Hackwell" });
  await createCouncil(owner, { slug: "other", name: "Other" });
  hackwell = (await findCouncilBySlug("hackwell"))!;
  other = (await findCouncilBySlug("other"))!;
  await createMember(owner, hackwell.id, "OFFICER", { email: "officer@hackwell.example" });
  const org = await createOrganisation(owner, hackwell.id, { allowedEmailDomains: ["nhs.example"] });
  await createMember(owner, hackwell.id, "REFERRER", { email: "hv@nhs.example", organisationId: org.id });
  await createOrganisation(owner, other.id, { allowedEmailDomains: ["other.example"] });
});

async function lastMail(to: string) {
  await runDueJobs(); // the outbox is delivered by the job queue
  return db().devMailboxMessage.findFirst({ where: { to }, orderBy: { createdAt: "desc" } });
}

describe("staff sign-in: password, then authenticator code", () => {
  it("asks for the second factor after a right password, and signs in with the right code", async () => {
    const step1 = await verifyPasswordStep({ email: "Officer@Hackwell.example", password: DEMO_PASSWORD, ip: null });
    expect(step1.outcome).toBe("mfa-required");
    if (step1.outcome !== "mfa-required") return;
    expect((await verifyMfaStep({ challengeId: step1.challengeId, code: "000000", ip: null })).outcome).toBe("invalid-code");
    const ok = await verifyMfaStep({ challengeId: step1.challengeId, code: currentTotp(demoTotpSecret("officer@hackwell.example")), ip: null });
    expect(ok.outcome).toBe("signed-in");
    // A challenge works once.
    const again = await verifyMfaStep({ challengeId: step1.challengeId, code: currentTotp(demoTotpSecret("officer@hackwell.example")), ip: null });
    expect(again.outcome).toBe("expired");
  });

  it("gives the same answer for a wrong password and an unknown account", async () => {
    const wrongPassword = await verifyPasswordStep({ email: "officer@hackwell.example", password: "wrong", ip: null });
    const unknown = await verifyPasswordStep({ email: "nobody@hackwell.example", password: DEMO_PASSWORD, ip: null });
    expect(wrongPassword).toEqual({ outcome: "invalid" });
    expect(unknown).toEqual({ outcome: "invalid" });
  });

  it("stops guessing after 5 failures on one account, even with the right password", async () => {
    const { owner } = testDb();
    await createMember(owner, hackwell.id, "MANAGER", { email: "target@hackwell.example" });
    for (let i = 0; i < 5; i++) expect((await verifyPasswordStep({ email: "target@hackwell.example", password: `guess-${i}`, ip: null })).outcome).toBe("invalid");
    expect((await verifyPasswordStep({ email: "target@hackwell.example", password: DEMO_PASSWORD, ip: null })).outcome).toBe("throttled");
    const audit = await owner.auditEvent.count({ where: { action: "auth.sign-in.failed", actorEmail: "target@hackwell.example" } });
    expect(audit).toBe(5);
  });

  it("throttles by client IP across accounts", async () => {
    for (let i = 0; i < 50; i++) await verifyPasswordStep({ email: `spray-${i}@hackwell.example`, password: "x", ip: "203.0.113.9" });
    expect((await verifyPasswordStep({ email: "officer@hackwell.example", password: DEMO_PASSWORD, ip: "203.0.113.9" })).outcome).toBe("throttled");
    expect((await verifyPasswordStep({ email: "officer@hackwell.example", password: DEMO_PASSWORD, ip: "203.0.113.10" })).outcome).toBe("mfa-required");
  });

  it("refuses referrers, deactivated people and staff without a second factor", async () => {
    const { owner } = testDb();
    expect((await verifyPasswordStep({ email: "hv@nhs.example", password: DEMO_PASSWORD, ip: null })).outcome).toBe("invalid");
    const gone = await createMember(owner, hackwell.id, "OFFICER", { email: "gone@hackwell.example" });
    await owner.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    expect((await verifyPasswordStep({ email: "gone@hackwell.example", password: DEMO_PASSWORD, ip: null })).outcome).toBe("invalid");
    const noMfa = await createUser(owner, { email: "nomfa@hackwell.example", mfa: false });
    await addMembership(owner, hackwell.id, noMfa.id, "OFFICER");
    expect((await verifyPasswordStep({ email: "nomfa@hackwell.example", password: DEMO_PASSWORD, ip: null })).outcome).toBe("invalid");
  });
});

describe("referrer magic links", () => {
  it("refuses addresses outside every partner's allowed domains", async () => {
    expect(await requestMagicLink(hackwell, "someone@gmail.example")).toEqual({ outcome: "domain-not-allowed" });
    // Allowed in another council is not allowed here.
    expect(await requestMagicLink(hackwell, "someone@other.example")).toEqual({ outcome: "domain-not-allowed" });
    expect(await lastMail("someone@gmail.example")).toBeNull();
  });

  it("answers the same for unknown people in an allowed domain, and sends them nothing", async () => {
    expect(await requestMagicLink(hackwell, "stranger@nhs.example")).toEqual({ outcome: "sent-if-known" });
    expect(await lastMail("stranger@nhs.example")).toBeNull();
  });

  it("emails a one-time link that signs a referrer in once, only in its own council", async () => {
    expect(await requestMagicLink(hackwell, "HV@nhs.example")).toEqual({ outcome: "sent-if-known" });
    const mail = await lastMail("hv@nhs.example");
    const token = new URL(mail!.text.match(/https?:\/\/\S+/)![0]).searchParams.get("token")!;
    expect(mail!.text).toContain("/hackwell/partner/sign-in/link?token=");
    expect((await consumeMagicLink(other, token)).outcome).toBe("invalid");
    const first = await consumeMagicLink(hackwell, token);
    expect(first.outcome).toBe("signed-in");
    expect((await consumeMagicLink(hackwell, token)).outcome).toBe("used");
  });

  it("refuses an expired link", async () => {
    await requestMagicLink(hackwell, "hv@nhs.example");
    const token = new URL((await lastMail("hv@nhs.example"))!.text.match(/https?:\/\/\S+/)![0]).searchParams.get("token")!;
    await testDb().owner.magicLinkToken.updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await consumeMagicLink(hackwell, token)).outcome).toBe("expired");
  });
});
