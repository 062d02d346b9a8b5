import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";
import { messagesFor } from "@/lib/i18n/catalogues";

const en = messagesFor("en");
import { afterFailure, httpStatusIsPermanent, MAX_DELIVERY_ATTEMPTS, MAX_RECEIPT_CHECKS, ProviderError, receiptCheckDelayMs, retryDelayMs, smtpCodeIsPermanent } from "@/lib/notifications/policy";
import { notifyReceipt, pacer } from "@/lib/notifications/providers/notify";
import { renderTemplate } from "@/lib/notifications/templates";

describe("retries", () => {
  it("back off exponentially with full jitter, within bounds", () => {
    expect(retryDelayMs(1, () => 1)).toBe(5_000);
    expect(retryDelayMs(4, () => 1)).toBe(40_000);
    expect(retryDelayMs(30, () => 1)).toBe(3_600_000); // capped at an hour
    expect(retryDelayMs(4, () => 0)).toBe(1_000); // never a busy loop
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(6)));
    expect(spread.size).toBeGreaterThan(40); // jitter: retries do not arrive together
  });

  it("fail at once on a final answer, retry a temporary one, and give up after the last try", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(afterFailure(new ProviderError("Notify 400: BadRequestError", true, 400), 1, now)).toEqual({ status: "FAILED", reason: "Notify 400: BadRequestError" });
    const retry = afterFailure(new ProviderError("Notify 500", false, 500), 1, now, () => 0.5);
    expect(retry).toEqual({ status: "QUEUED", retryAt: new Date(now.getTime() + 2_500), reason: "Notify 500" });
    expect(afterFailure(new Error("ECONNREFUSED"), MAX_DELIVERY_ATTEMPTS, now)).toEqual({ status: "FAILED", reason: `Gave up after ${MAX_DELIVERY_ATTEMPTS} tries: ECONNREFUSED` });
  });

  it("treat HTTP 4xx as final except 408 and 429, and SMTP 5xx as final but 4xx as temporary", () => {
    expect([400, 403, 404, 408, 429, 500, 503].map(httpStatusIsPermanent)).toEqual([true, true, true, false, false, false, false]);
    expect([undefined, 421, 450, 550, 554].map(smtpCodeIsPermanent)).toEqual([false, false, false, true, true]);
  });
});

describe("Notify pacing", () => {
  it("spaces 3,000 a minute 20 ms apart, queueing rather than dropping", async () => {
    let t = 1_000_000;
    const take = pacer(3000, () => t);
    const started: number[] = [];
    const real = Date.now();
    await Promise.all(Array.from({ length: 5 }, async () => {
      await take();
      started.push(Date.now() - real);
    }));
    expect(started).toHaveLength(5);
    expect(Math.max(...started)).toBeGreaterThanOrEqual(75); // the 5th waited 4 slots of 20 ms
    t += 60_000;
    const before = Date.now();
    await take(); // a quiet minute later: no wait
    expect(Date.now() - before).toBeLessThan(15);
  });
});

describe("templates", () => {
  it("use the language asked for, and the council's overrides", () => {
    const r = renderTemplate("application-received", "tr", { reference: "HKY-1", council: "Hackney", date: "Cuma", link: "L", phone: "P" });
    expect(r).toMatchObject({ locale: "tr", fellBackFrom: null, subject: "HKY-1 numaralı başvuru alındı" });
    const o = renderTemplate("sign-in-link", "en", { council: "Hackney", name: "Ada", link: "L" }, { "emails.signInLink.subject": { en: "Your {council} link" } });
    expect(o.subject).toBe("Your Hackney link");
  });

  it("fall back to English when a language lacks the template, and say so", () => {
    const partial = { ...en, emails: { ...en.emails, staffInvitation: undefined } } as unknown as typeof en;
    const r = renderTemplate("staff-invitation", "tr", { name: "Ada", inviter: "Bo", council: "C", role: "Officer", link: "L" }, {}, (l) => (l === "tr" ? partial : en));
    expect(r).toMatchObject({ locale: "en", fellBackFrom: "tr", subject: "You have been invited to C Money Hub" });
    expect(renderTemplate("resume-link", "xx", { council: "C", link: "L", date: "D" }).fellBackFrom).toBe("xx");
  });
});

describe("provider configuration", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetEnvForTests();
  });
  const problems = (vars: Record<string, string>) => {
    process.env = { ...saved, APP_DATABASE_URL: "postgresql://u@h/db", AUTH_SECRET: "x".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"), ...vars };
    delete process.env.DEMO_MODE;
    resetEnvForTests();
    try {
      env();
      return "";
    } catch (e) {
      return (e as Error).message;
    }
  };

  it("refuses an unknown provider, naming the variable", () => {
    expect(problems({ NOTIFICATIONS_PROVIDER: "carrier-pigeon" })).toContain("NOTIFICATIONS_PROVIDER: NOTIFICATIONS_PROVIDER must be dev-mailbox, smtp or notify");
  });
  it("refuses smtp without SMTP_URL, and notify without its key and templates", () => {
    expect(problems({ NOTIFICATIONS_PROVIDER: "smtp" })).toContain("SMTP_URL: SMTP_URL is required");
    const notify = problems({ NOTIFICATIONS_PROVIDER: "notify" });
    for (const name of ["NOTIFY_API_KEY", "NOTIFY_EMAIL_TEMPLATE_ID", "NOTIFY_SMS_TEMPLATE_ID"]) expect(notify).toContain(`${name}: ${name} is required`);
  });
  it("gives Notify calls a timeout of 10 s unless NOTIFY_TIMEOUT_MS says otherwise, and refuses a nonsense one", () => {
    problems({});
    expect(env().NOTIFY_TIMEOUT_MS).toBe(10_000);
    problems({ NOTIFY_TIMEOUT_MS: "2500" });
    expect(env().NOTIFY_TIMEOUT_MS).toBe(2_500);
    expect(problems({ NOTIFY_TIMEOUT_MS: "0" })).toContain("NOTIFY_TIMEOUT_MS");
  });
  it("refuses the dev mailbox in production, and accepts a complete notify set-up", () => {
    expect(problems({ NODE_ENV: "production", NOTIFICATIONS_PROVIDER: "dev-mailbox" })).toContain("NOTIFICATIONS_PROVIDER: Set NOTIFICATIONS_PROVIDER=notify or smtp in production");
    expect(
      problems({ NODE_ENV: "production", APP_URL: "https://moneyhub.example.gov.uk", NOTIFICATIONS_PROVIDER: "notify", NOTIFY_API_KEY: "k", NOTIFY_EMAIL_TEMPLATE_ID: "11111111-2222-4333-8444-555555555555", NOTIFY_SMS_TEMPLATE_ID: "11111111-2222-4333-8444-555555555556" }),
    ).toBe("");
  });
});

describe("delivery receipts", () => {
  it("read Notify's statuses: delivered, the three failures with a reason, final 'sent', and the rest still on the way", () => {
    expect(notifyReceipt("delivered")).toEqual({ state: "delivered" });
    expect(notifyReceipt("permanent-failure")).toEqual({ state: "failed", reason: "Notify permanent-failure: the email address or phone number is wrong or no longer in use" });
    expect(notifyReceipt("temporary-failure")).toMatchObject({ state: "failed" });
    expect(notifyReceipt("technical-failure")).toMatchObject({ state: "failed" });
    expect(notifyReceipt("sent")).toEqual({ state: "final" }); // an international text: Notify cannot know more
    for (const s of ["created", "sending", "pending", ""]) expect(notifyReceipt(s)).toEqual({ state: "pending", status: s });
  });

  it("are asked for a minute after the hand-over, then at doubling intervals with jitter, at most an hour apart", () => {
    expect(receiptCheckDelayMs(1, () => 0.5)).toBe(60_000);
    expect(receiptCheckDelayMs(2, () => 0.5)).toBe(120_000);
    expect(receiptCheckDelayMs(1, () => 0)).toBe(48_000);
    expect(receiptCheckDelayMs(1, () => 1)).toBe(72_000);
    expect(receiptCheckDelayMs(20, () => 0.5)).toBe(3_600_000);
    const total = Array.from({ length: MAX_RECEIPT_CHECKS }, (_, i) => receiptCheckDelayMs(i + 1, () => 0.5)).reduce((x, y) => x + y, 0);
    expect(total / 3_600_000).toBeGreaterThan(2.5); // a few hours in all
    expect(total / 3_600_000).toBeLessThan(4);
  });
});
