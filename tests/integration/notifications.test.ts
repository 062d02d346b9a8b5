// The outbox and the job queue, end to end against real PostgreSQL: a real SMTP server, a local
// stand-in for the GOV.UK Notify API checked through the official client, a worker process
// killed with SIGKILL mid-run, and two councils' messages kept apart by row-level security.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { withPlatformJob, withTenant } from "@/lib/db/tenant-scope";
import { resetEnvForTests } from "@/lib/env";
import { runDueJobs } from "@/lib/worker";
import { deliverMessage } from "@/lib/notifications/deliver-message";
import { enqueueMessage } from "@/lib/notifications/enqueue-message";
import { MAX_DELIVERY_ATTEMPTS, MAX_RECEIPT_CHECKS } from "@/lib/notifications/policy";
import { resetProviderForTests } from "@/lib/notifications/providers";
import { listOutboundMessages } from "@/lib/notifications/queries";
import { requestResumeLink } from "@/lib/applications/resume-links";
import { saveDraftAnswer } from "@/lib/applications/drafts";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil } from "@/prisma/factories";
import { startNotifyStub } from "../support/notify-stub";
import { startSmtpSink } from "../support/smtp-sink";
import { testDb } from "../support/globals";

let a: TCouncil, b: TCouncil;
const NOTIFY_KEY = "moneyhub_test-4b3c2a1e-0f9d-4c8b-a7e6-5d4c3b2a1f0e-9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
const EMAIL_TEMPLATE = "11111111-2222-4333-8444-555555555555";
const SMS_TEMPLATE = "66666666-7777-4888-9999-aaaaaaaaaaaa";
const COUNCIL_TEMPLATE = "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff";

function useProvider(vars: Record<string, string | undefined>) {
  for (const name of ["NOTIFICATIONS_PROVIDER", "SMTP_URL", "NOTIFY_API_KEY", "NOTIFY_BASE_URL", "NOTIFY_EMAIL_TEMPLATE_ID", "NOTIFY_SMS_TEMPLATE_ID", "NOTIFY_TIMEOUT_MS"]) delete process.env[name];
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) process.env[k] = v;
  resetEnvForTests();
  resetProviderForTests();
}

async function outbox(where: object = {}) {
  return testDb().owner.outboundMessage.findMany({ where, orderBy: { createdAt: "asc" } });
}

/** The queue's waiting jobs of one task, oldest first. */
async function jobs(task: string) {
  return testDb().owner.$queryRawUnsafe<{ key: string | null; run_at: Date; payload: { messageId: string; check?: number } }[]>(
    `select j.key, j.run_at, j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = $1 order by j.id`,
    task,
  );
}

/** Makes every waiting retry due now (the clock is not what we test here). */
async function fastForward() {
  await testDb().owner.$executeRawUnsafe(`update "OutboundMessage" set "nextAttemptAt" = now() where status = 'QUEUED'`);
  await testDb().owner.$executeRawUnsafe(`update graphile_worker._private_jobs set run_at = now() where locked_at is null`);
}

function message(council: TCouncil | null, to: string, over: Partial<Parameters<typeof enqueueMessage>[1]> = {}) {
  const params = { council: council?.name ?? "Platform", link: "https://example.invalid/x", date: "1 May" };
  return { council, template: "resume-link" as const, channel: "EMAIL" as const, to, locale: "en", params, ...over };
}

beforeAll(async () => {
  const { owner } = testDb();
  await createCouncil(owner, { slug: "council-a", name: "Council A", settings: { wordingOverrides: { "save.messageSubject": { en: "Pick up where you left off with {council}" } }, notifyTemplateIds: { "application-received": COUNCIL_TEMPLATE } } });
  await createCouncil(owner, { slug: "council-b", name: "Council B" });
  a = (await findCouncilBySlug("council-a"))!;
  b = (await findCouncilBySlug("council-b"))!;
});

afterEach(() => useProvider({ NOTIFICATIONS_PROVIDER: "dev-mailbox" }));

describe("the outbox", () => {
  it("is written in the event's own transaction: a rolled-back event leaves no message and no job", async () => {
    await expect(
      withTenant(a.id, async (tx) => {
        await enqueueMessage(tx, message(a, "rollback@example.com"));
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await outbox({ to: "rollback@example.com" })).toEqual([]);
    const jobs = await testDb().owner.$queryRawUnsafe<{ n: bigint }[]>(`select count(*) as n from graphile_worker._private_jobs`);
    expect(Number(jobs[0]!.n)).toBe(0);
  });

  it("renders in the resident's language with the council's own wording, and falls back to English with a log line", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "en@example.com")));
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "tr@example.com", { locale: "tr" })));
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "fr@example.com", { locale: "fr" })));
    // A language we do not offer (an old record, say) is sent in English, and the log says so.
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "de@example.com", { locale: "de" })));
    const [en] = await outbox({ to: "en@example.com" });
    const [tr] = await outbox({ to: "tr@example.com" });
    const [fr] = await outbox({ to: "fr@example.com" });
    const [de] = await outbox({ to: "de@example.com" });
    expect(en!.subject).toBe("Pick up where you left off with Council A");
    expect(tr!.body).toContain("bağlantı");
    expect(tr!.locale).toBe("tr");
    // French has its catalogues now: sent in French (the council's override is English-only).
    expect(fr!.locale).toBe("fr");
    expect(fr!.subject).toBe("Reprenez votre demande auprès de Council A");
    expect(de!.locale).toBe("en");
    expect(de!.body).toContain("Continue your application for emergency help from Council A");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('resume-link is missing in "de": sent in English'));
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('"fr"'));
    warn.mockRestore();
    await runDueJobs();
    expect((await outbox({ to: "en@example.com" }))[0]!.status).toBe("SENT");
  });

  it("keeps two councils' messages apart, and platform messages out of every council", async () => {
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "only-a@example.com")));
    await withTenant(b.id, (tx) => enqueueMessage(tx, message(b, "only-b@example.com")));
    await withPlatformJob((tx) => enqueueMessage(tx, message(null, "operator@platform.example")));
    const seenByA = (await listOutboundMessages(a.id)).map((m) => m.to);
    const seenByB = (await listOutboundMessages(b.id)).map((m) => m.to);
    expect(seenByA).toContain("only-a@example.com");
    expect(seenByA).not.toContain("only-b@example.com");
    expect(seenByB).toEqual(["only-b@example.com"]);
    expect([...seenByA, ...seenByB]).not.toContain("operator@platform.example");
    // By exact id, with raw SQL, from the other council: nothing.
    const [bRow] = await outbox({ to: "only-b@example.com" });
    expect(await withTenant(a.id, (tx) => tx.$queryRaw`select id from "OutboundMessage" where id = ${bRow!.id}::uuid`)).toEqual([]);
    expect(await withTenant(a.id, (tx) => tx.$executeRaw`update "OutboundMessage" set "to" = 'x' where id = ${bRow!.id}::uuid`)).toBe(0);
    // A council cannot write a message as another council, nor a platform message.
    await expect(withTenant(a.id, (tx) => enqueueMessage(tx, message(b, "forged@example.com")))).rejects.toThrow(/row-level security/);
    await expect(withTenant(a.id, (tx) => enqueueMessage(tx, message(null, "forged@platform.example")))).rejects.toThrow(/row-level security/);
    // The platform scope sees its own messages only.
    const platform = await withPlatformJob((tx) => tx.outboundMessage.findMany({ select: { to: true } }));
    expect(platform.map((m) => m.to)).toEqual(["operator@platform.example"]);
    await runDueJobs();
    expect((await outbox({ to: "operator@platform.example" }))[0]!.status).toBe("SENT");
  });
});

describe("SMTP, against a real SMTP server", () => {
  it("delivers the save-and-return link with its recipient, subject, body and language", async () => {
    const sink = await startSmtpSink();
    try {
      useProvider({ NOTIFICATIONS_PROVIDER: "smtp", SMTP_URL: sink.url });
      const draft = await saveDraftAnswer(a, null, "full-name", { fullName: "Ayşe" }, "tr");
      expect(await requestResumeLink(a, draft.draft.id, "tr", { channel: "email", to: "ayse@example.com" })).toEqual({ outcome: "sent" });
      await runDueJobs();
      const [row] = await outbox({ to: "ayse@example.com" });
      expect(row).toMatchObject({ status: "SENT", provider: "smtp", attempts: 1, locale: "tr" });
      const mail = sink.received.find((m) => m.to.includes("ayse@example.com"))!;
      expect(mail.to).toEqual(["ayse@example.com"]);
      expect(mail.subject).toBe("Council A başvurunuza devam edin");
      expect(mail.text).toContain("Council A belediyesine acil yardım başvurunuza devam edin");
      expect(mail.text).toMatch(/http:\/\/localhost:3000\/council-a\/apply\/resume\/[A-Za-z0-9_-]+/);
      expect(mail.messageId).toBe(`<${row!.id}@moneyhub.outbox>`);
      // SMTP cannot say more than "sent": nobody will ask it for a delivery receipt.
      expect(await jobs("notifications:receipt")).toEqual([]);
    } finally {
      await sink.close();
    }
  });

  it("fails a message at once when the server refuses the recipient (5xx), naming the reason", async () => {
    const sink = await startSmtpSink({ rejectRecipient: (to) => (to.startsWith("nobody@") ? "5.1.1 No such user here" : null) });
    try {
      useProvider({ NOTIFICATIONS_PROVIDER: "smtp", SMTP_URL: sink.url });
      await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "nobody@example.com")));
      await runDueJobs();
      const [row] = await outbox({ to: "nobody@example.com" });
      expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
      expect(row!.failureReason).toContain("No such user here");
      expect(row!.failedAt).not.toBeNull();
    } finally {
      await sink.close();
    }
  });

  it("two workers at once, and a job added twice, still send each message exactly once", async () => {
    const sink = await startSmtpSink({ delayMs: () => 5 + Math.random() * 20 });
    try {
      useProvider({ NOTIFICATIONS_PROVIDER: "smtp", SMTP_URL: sink.url });
      const ids: string[] = [];
      await withTenant(a.id, async (tx) => {
        for (let i = 0; i < 40; i++) ids.push((await enqueueMessage(tx, message(a, `pair${i}@example.com`))).id);
      });
      // Two workers, plus every message delivered directly a third time, all at once.
      await Promise.all([runDueJobs(), runDueJobs(), ...ids.map((messageId) => deliverMessage({ messageId, tenantId: a.id }))]);
      await runDueJobs();
      const counts = new Map<string, number>();
      for (const m of sink.received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      expect(ids.map((id) => counts.get(`<${id}@moneyhub.outbox>`))).toEqual(ids.map(() => 1));
      expect((await outbox({ id: { in: ids } })).every((m) => m.status === "SENT")).toBe(true);
    } finally {
      await sink.close();
    }
  });
});

describe("GOV.UK Notify, through the official client against a local stand-in", () => {
  let stub: Awaited<ReturnType<typeof startNotifyStub>>;
  beforeAll(async () => {
    stub = await startNotifyStub(NOTIFY_KEY);
  });
  afterAll(async () => {
    await stub.close();
  });
  const useNotify = () =>
    useProvider({ NOTIFICATIONS_PROVIDER: "notify", NOTIFY_API_KEY: NOTIFY_KEY, NOTIFY_BASE_URL: stub.url, NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE, NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE });

  it("sends email and SMS with a valid JWT to the right endpoint, template id and personalisation", async () => {
    useNotify();
    stub.answerWith({ status: 201 });
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "notify@example.com")));
    await withTenant(a.id, (tx) => enqueueMessage(tx, { ...message(a, "+447700900123"), channel: "SMS" }));
    await withTenant(a.id, (tx) => enqueueMessage(tx, { ...message(a, "received@example.com"), template: "application-received", params: { council: "Council A", reference: "AAA-1234-BC", date: "Friday", link: "x", phone: "0" } }));
    await runDueJobs();
    const email = stub.calls.find((c) => c.body.email_address === "notify@example.com")!;
    expect(email.jwtOk).toBe(true);
    expect(email.path).toBe("/v2/notifications/email");
    expect(email.body.template_id).toBe(EMAIL_TEMPLATE);
    expect(email.body.personalisation).toMatchObject({ subject: "Pick up where you left off with Council A", council: "Council A", link: "https://example.invalid/x" });
    expect(email.body.personalisation.body).toContain("Continue your application");
    const sms = stub.calls.find((c) => c.body.phone_number === "+447700900123")!;
    expect(sms.path).toBe("/v2/notifications/sms");
    expect(sms.body.template_id).toBe(SMS_TEMPLATE);
    // The council chose its own Notify template for this message.
    expect(stub.calls.find((c) => c.body.email_address === "received@example.com")!.body.template_id).toBe(COUNCIL_TEMPLATE);
    const [row] = await outbox({ to: "notify@example.com" });
    expect(row).toMatchObject({ status: "SENT", provider: "notify" });
    expect(email.body.reference).toBe(row!.id);
    expect(row!.providerRef).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("retries a 500 with backoff, then fails the message visibly after the last try", async () => {
    useNotify();
    stub.answerWith({ status: 500, error: "Exception", message: "Internal server error" });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "flaky@example.com")));
    await runDueJobs();
    let [row] = await outbox({ to: "flaky@example.com" });
    expect(row).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(row!.failureReason).toContain("Notify 500");
    for (let i = 1; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await fastForward();
      await runDueJobs();
    }
    [row] = await outbox({ to: "flaky@example.com" });
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_DELIVERY_ATTEMPTS });
    expect(row!.failureReason).toBe(`Gave up after ${MAX_DELIVERY_ATTEMPTS} tries: Notify 500: Exception: Internal server error`);
    expect(stub.calls.filter((c) => c.body.email_address === "flaky@example.com")).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    // Visible to the council's staff.
    expect((await listOutboundMessages(a.id, { status: "FAILED" })).map((m) => m.to)).toContain("flaky@example.com");
    warn.mockRestore();
  });

  it("fails at once on a 400 (no retries), and retries a 429 (rate limited) instead of dropping it", async () => {
    useNotify();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    stub.answerWith({ status: 400, error: "BadRequestError", message: "Can't send to this recipient using a team-only API key" });
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "team-only@example.com")));
    await runDueJobs();
    await fastForward();
    await runDueJobs();
    const [bad] = await outbox({ to: "team-only@example.com" });
    expect(bad).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(bad!.failureReason).toBe("Notify 400: BadRequestError: Can't send to this recipient using a team-only API key");
    expect(stub.calls.filter((c) => c.body.email_address === "team-only@example.com")).toHaveLength(1);

    stub.answerWith({ status: 429, error: "RateLimitError", message: "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds" });
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "busy@example.com")));
    await runDueJobs();
    expect((await outbox({ to: "busy@example.com" }))[0]).toMatchObject({ status: "QUEUED", attempts: 1 });
    stub.answerWith({ status: 201 });
    await fastForward();
    await runDueJobs();
    expect((await outbox({ to: "busy@example.com" }))[0]).toMatchObject({ status: "SENT", attempts: 2 });
    warn.mockRestore();
  });

  it("asks Notify for the delivery receipt through the queue: DELIVERED, FAILED with the reason, or asked again later", async () => {
    useNotify();
    stub.answerWith({ status: 201 });
    stub.answerStatusWith({ status: 200 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const to = ["arrives", "bounces", "full-inbox", "notify-broke", "slow"].map((w) => `${w}@receipt.example`);
    for (const address of to) await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, address)));
    const before = Date.now();
    await runDueJobs();
    const rows = await outbox({ to: { in: to } });
    expect(rows.map((r) => r.status)).toEqual(to.map(() => "SENT"));
    const byTo = (address: string) => rows.find((r) => r.to === address)!;
    // One receipt check per message, a minute or so after the hand-over, behind any delivery.
    const waiting = await jobs("notifications:receipt");
    const ours = waiting.filter((j) => rows.some((r) => r.id === j.payload.messageId));
    expect(ours).toHaveLength(to.length);
    for (const j of ours) {
      expect(j.key).toBe(`outbox-receipt:${j.payload.messageId}`);
      expect(j.payload.check).toBe(1);
      expect(j.run_at.getTime() - before).toBeGreaterThanOrEqual(48_000);
      expect(j.run_at.getTime() - before).toBeLessThanOrEqual(72_000 + 10_000);
    }
    // Nothing is asked before it is due.
    const ourPaths = new Set(rows.map((r) => `/v2/notifications/${r.providerRef}`));
    const asked = () => stub.calls.filter((c) => c.method === "GET" && ourPaths.has(c.path));
    await runDueJobs();
    expect(asked()).toHaveLength(0);

    stub.setStatus(byTo("arrives@receipt.example").providerRef!, "delivered");
    stub.setStatus(byTo("bounces@receipt.example").providerRef!, "permanent-failure");
    stub.setStatus(byTo("full-inbox@receipt.example").providerRef!, "temporary-failure");
    stub.setStatus(byTo("notify-broke@receipt.example").providerRef!, "technical-failure");
    await fastForward();
    await runDueJobs();
    const after = new Map((await outbox({ to: { in: to } })).map((r) => [r.to, r]));
    expect(after.get("arrives@receipt.example")).toMatchObject({ status: "DELIVERED", failureReason: null });
    expect(after.get("arrives@receipt.example")!.deliveredAt).not.toBeNull();
    expect(after.get("bounces@receipt.example")).toMatchObject({ status: "FAILED", failureReason: "Notify permanent-failure: the email address or phone number is wrong or no longer in use" });
    expect(after.get("bounces@receipt.example")!.failedAt).not.toBeNull();
    expect(after.get("full-inbox@receipt.example")).toMatchObject({ status: "FAILED", failureReason: "Notify temporary-failure: the inbox was full or the phone was off for too long" });
    expect(after.get("notify-broke@receipt.example")).toMatchObject({ status: "FAILED", failureReason: "Notify technical-failure: a technical failure at Notify; the message was not sent" });
    expect(after.get("slow@receipt.example")).toMatchObject({ status: "SENT" });
    // Asked with the official client: GET /v2/notifications/{Notify's id}, with a valid JWT.
    expect(asked().map((c) => c.path).sort()).toEqual([...ourPaths].sort());
    expect(asked().every((c) => c.jwtOk)).toBe(true);
    // The council's staff see the failure.
    expect((await listOutboundMessages(a.id, { status: "FAILED" })).map((m) => m.to)).toContain("bounces@receipt.example");

    // Still "sending": asked again later, a few times (a failed question counts as one), then left as sent.
    const slowId = byTo("slow@receipt.example").id;
    expect((await jobs("notifications:receipt")).filter((j) => j.payload.messageId === slowId).map((j) => j.payload.check)).toEqual([2]);
    stub.answerStatusWith({ status: 500, error: "Exception", message: "Internal server error" });
    await fastForward();
    await runDueJobs();
    expect((await jobs("notifications:receipt")).filter((j) => j.payload.messageId === slowId).map((j) => j.payload.check)).toEqual([3]);
    stub.answerStatusWith({ status: 200 });
    for (let check = 3; check <= MAX_RECEIPT_CHECKS; check++) {
      await fastForward();
      await runDueJobs();
    }
    expect((await jobs("notifications:receipt")).filter((j) => j.payload.messageId === slowId)).toEqual([]);
    expect((await outbox({ id: slowId }))[0]).toMatchObject({ status: "SENT" });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`message ${slowId}: still sending after ${MAX_RECEIPT_CHECKS} receipt checks; left as sent`));
    expect(stub.calls.filter((c) => c.method === "GET" && c.path.endsWith(byTo("slow@receipt.example").providerRef!))).toHaveLength(MAX_RECEIPT_CHECKS);
    // A receipt never undoes anything: the delivered one was not asked again.
    expect(stub.calls.filter((c) => c.method === "GET" && c.path.endsWith(byTo("arrives@receipt.example").providerRef!))).toHaveLength(1);
    warn.mockRestore();
  });

  it("gives up on a Notify API that does not answer after NOTIFY_TIMEOUT_MS, and retries the message later", async () => {
    useProvider({ NOTIFICATIONS_PROVIDER: "notify", NOTIFY_API_KEY: NOTIFY_KEY, NOTIFY_BASE_URL: stub.url, NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE, NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE, NOTIFY_TIMEOUT_MS: "300" });
    stub.answerWith({ status: 201 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "hung@example.com")));
    stub.hang(true);
    try {
      const started = Date.now();
      await runDueJobs();
      expect(Date.now() - started).toBeLessThan(5_000); // the worker was not held
      expect(stub.calls.filter((c) => c.body.email_address === "hung@example.com")).toHaveLength(1); // it did ask
    } finally {
      stub.hang(false);
    }
    const [row] = await outbox({ to: "hung@example.com" });
    expect(row).toMatchObject({ status: "QUEUED", attempts: 1, failureReason: "Notify timeout: no answer within 300 ms" });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    await fastForward();
    await runDueJobs();
    expect((await outbox({ to: "hung@example.com" }))[0]).toMatchObject({ status: "SENT", attempts: 2, failureReason: null });
    expect(stub.calls.filter((c) => c.body.email_address === "hung@example.com")).toHaveLength(2);
    warn.mockRestore();
  });

  it("a wrong API key is refused by the stand-in's JWT check and fails the message (403)", async () => {
    useProvider({ NOTIFICATIONS_PROVIDER: "notify", NOTIFY_API_KEY: NOTIFY_KEY.slice(0, -4) + "0000", NOTIFY_BASE_URL: stub.url, NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE, NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE });
    stub.answerWith({ status: 201 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await withTenant(a.id, (tx) => enqueueMessage(tx, message(a, "wrong-key@example.com")));
    await runDueJobs();
    expect((await outbox({ to: "wrong-key@example.com" }))[0]).toMatchObject({ status: "FAILED", failureReason: "Notify 403: AuthError: Invalid token: signature" });
    warn.mockRestore();
  });
});

describe("a worker killed mid-run", () => {
  it("is restarted and every message reaches the SMTP server exactly once", async () => {
    const sink = await startSmtpSink({ delayMs: () => 20 + Math.random() * 40 });
    const workers: ChildProcess[] = [];
    const startWorker = () => {
      // Node itself (not the tsx wrapper, which would leave its child running when killed).
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
        env: { ...process.env, APP_DATABASE_URL: testDb().appUrl, NOTIFICATIONS_PROVIDER: "smtp", SMTP_URL: sink.url, WORKER_CONCURRENCY: "6", NODE_ENV: "test" },
        stdio: ["ignore", "ignore", "inherit"],
      });
      workers.push(child);
      return child;
    };
    try {
      const N = 150;
      const ids: string[] = [];
      await withTenant(b.id, async (tx) => {
        for (let i = 0; i < N; i++) ids.push((await enqueueMessage(tx, message(b, `kill${i}@example.com`))).id);
      });
      const first = startWorker();
      await vi.waitFor(() => expect(sink.received.length).toBeGreaterThanOrEqual(40), { timeout: 30_000, interval: 20 });
      // Kill it while it is mid-send: the server holds the messages in flight (no 250 yet) and
      // the worker holds their rows and jobs. (Between a 250 and the worker's commit, a few
      // milliseconds, a kill would mean a second copy: SMTP cannot be asked what it already has;
      // docs/decisions/0011 explains the choice of "at least once" in that window.)
      sink.hold();
      await vi.waitFor(() => expect(sink.heldCount()).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 10 });
      // Everything the server acknowledged is recorded as sent (the worker's commits landed).
      await vi.waitFor(async () => expect(await testDb().owner.outboundMessage.count({ where: { id: { in: ids }, status: "SENT" } })).toBe(sink.received.length), { timeout: 20_000, interval: 50 });
      first.kill("SIGKILL");
      await new Promise((r) => first.once("exit", r));
      expect(first.signalCode).toBe("SIGKILL");
      // The server notices the dead connections a moment after the process exits; only then
      // does releasing the held messages find their clients gone (nothing handed over).
      await vi.waitFor(() => expect(sink.heldOpen()).toBe(0), { timeout: 10_000, interval: 10 });
      sink.release();
      const atKill = sink.received.length;
      expect(atKill).toBeLessThan(N); // it really died mid-run
      const held = await testDb().owner.outboundMessage.count({ where: { id: { in: ids }, status: "QUEUED" } });
      expect(held).toBe(N - atKill);
      startWorker();
      await vi.waitFor(async () => expect(await testDb().owner.outboundMessage.count({ where: { id: { in: ids }, status: "SENT" } })).toBe(N), { timeout: 60_000, interval: 200 });
      const counts = new Map<string, number>();
      for (const m of sink.received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      const perMessage = ids.map((id) => counts.get(`<${id}@moneyhub.outbox>`) ?? 0);
      expect(perMessage.filter((n) => n !== 1)).toEqual([]);
      expect(sink.received.filter((m) => m.to[0]!.startsWith("kill"))).toHaveLength(N);
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGTERM");
      await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once("exit", r)) : null)));
      await sink.close();
    }
  }, 120_000);
});

afterAll(() => resetProviderForTests());
