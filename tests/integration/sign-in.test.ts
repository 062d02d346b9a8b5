import { beforeAll, describe, expect, it } from "vitest";
import { lookupStatus } from "@/lib/cases/lookup-status";
import { consumeMagicLink, requestMagicLink, verifyMfaStep, verifyPasswordStep } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { runDueJobs } from "@/lib/worker";
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

// Attacks of issue 7 (findings 3, 4 and 5), against the real services and database.
describe("second-factor guessing, racing the limits, and replaying a code", () => {
  const wrongCode = (email: string) => String((Number(currentTotp(demoTotpSecret(email))) + 500_000) % 1_000_000).padStart(6, "0");

  it("counts wrong codes towards the account's lock across fresh challenges, then refuses even the right code", async () => {
    const { owner } = testDb();
    const email = "mfa-target@hackwell.example";
    await createMember(owner, hackwell.id, "OFFICER", { email });
    // Before: each right password opened a fresh challenge with 5 tries, and 60 wrong codes were tried.
    let wrongCodesChecked = 0;
    for (let i = 0; i < 60; i++) {
      const step1 = await verifyPasswordStep({ email, password: DEMO_PASSWORD, ip: null });
      if (step1.outcome !== "mfa-required") {
        expect(step1.outcome).toBe("throttled");
        break;
      }
      const r = await verifyMfaStep({ challengeId: step1.challengeId, code: wrongCode(email), ip: null });
      if (r.outcome === "invalid-code") wrongCodesChecked++;
      else expect(r.outcome).toBe("throttled");
    }
    expect(wrongCodesChecked).toBe(5);
    // Locked: the right password and the right code both get the same "locked" answer.
    expect((await verifyPasswordStep({ email, password: DEMO_PASSWORD, ip: null })).outcome).toBe("throttled");
    expect(await owner.auditEvent.count({ where: { action: "auth.sign-in.succeeded", actorEmail: email } })).toBe(0);
  });

  it("locks on wrong codes within one challenge too, without saying which factor was wrong", async () => {
    const { owner } = testDb();
    const email = "mfa-target2@hackwell.example";
    await createMember(owner, hackwell.id, "OFFICER", { email });
    for (let i = 0; i < 3; i++) expect((await verifyPasswordStep({ email, password: "wrong password", ip: null })).outcome).toBe("invalid");
    const step1 = await verifyPasswordStep({ email, password: DEMO_PASSWORD, ip: null });
    expect(step1.outcome).toBe("mfa-required");
    if (step1.outcome !== "mfa-required") return;
    expect((await verifyMfaStep({ challengeId: step1.challengeId, code: wrongCode(email), ip: null })).outcome).toBe("invalid-code");
    expect((await verifyMfaStep({ challengeId: step1.challengeId, code: wrongCode(email), ip: null })).outcome).toBe("invalid-code");
    // 3 wrong passwords + 2 wrong codes = 5: the sixth try is refused, even with the right code.
    expect((await verifyMfaStep({ challengeId: step1.challengeId, code: currentTotp(demoTotpSecret(email)), ip: null })).outcome).toBe("throttled");
  });

  it("checks at most 5 of 40 parallel wrong passwords for one account (atomic check-and-count)", async () => {
    const { owner } = testDb();
    const email = "race-target@hackwell.example";
    await createMember(owner, hackwell.id, "OFFICER", { email });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => verifyPasswordStep({ email, password: `parallel-guess-${i}`, ip: null })));
    const checked = results.filter((r) => r.outcome === "invalid").length;
    expect(checked).toBe(5);
    expect(results.filter((r) => r.outcome === "throttled")).toHaveLength(35);
    expect(await owner.auditEvent.count({ where: { action: "auth.sign-in.failed", actorEmail: email } })).toBe(5);
  });

  it("looks up at most 5 of 100 parallel status guesses for one reference", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        lookupStatus(hackwell.id, { reference: "HKW-RACE-01", dateOfBirth: `19${String(10 + (i % 80)).padStart(2, "0")}-01-01` }, null),
      ),
    );
    expect(results.filter((r) => r.outcome === "not-found")).toHaveLength(5);
    expect(results.filter((r) => r.outcome === "throttled")).toHaveLength(95);
  });

  it("refuses a second-factor code that has already been used, even in parallel", async () => {
    const { owner } = testDb();
    const email = "replay@hackwell.example";
    await createMember(owner, hackwell.id, "OFFICER", { email });
    const challenge = async () => {
      const r = await verifyPasswordStep({ email, password: DEMO_PASSWORD, ip: null });
      if (r.outcome !== "mfa-required") throw new Error(r.outcome);
      return r.challengeId;
    };
    const code = currentTotp(demoTotpSecret(email));
    expect((await verifyMfaStep({ challengeId: await challenge(), code, ip: null })).outcome).toBe("signed-in");
    // Before: the same code opened a second session.
    expect((await verifyMfaStep({ challengeId: await challenge(), code, ip: null })).outcome).toBe("invalid-code");
    // A code from the step before the last one used is refused too (the one-step drift allowance is no way back).
    const earlier = currentTotp(demoTotpSecret(email), Math.floor(Date.now() / 1000) - 30);
    expect((await verifyMfaStep({ challengeId: await challenge(), code: earlier, ip: null })).outcome).toBe("invalid-code");

    // Parallel: a fresh user, two challenges, one code, at once: exactly one session.
    const email2 = "replay2@hackwell.example";
    await createMember(owner, hackwell.id, "OFFICER", { email: email2 });
    const ids = await Promise.all([1, 2, 3].map(async () => {
      const r = await verifyPasswordStep({ email: email2, password: DEMO_PASSWORD, ip: null });
      return r.outcome === "mfa-required" ? r.challengeId : "";
    }));
    const code2 = currentTotp(demoTotpSecret(email2));
    const outcomes = await Promise.all(ids.map((challengeId) => verifyMfaStep({ challengeId, code: code2, ip: null })));
    expect(outcomes.filter((o) => o.outcome === "signed-in")).toHaveLength(1);
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
