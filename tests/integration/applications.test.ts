// Drafts, idempotent submission, status look-ups and save-and-return links against a real
// PostgreSQL, through the app's own (non-owner, RLS-bound) connection.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDraftByTokenHash, saveDraftAnswer } from "@/lib/applications/drafts";
import { lookupStatus } from "@/lib/cases/lookup-status";
import { requestResumeLink, spendResumeLink } from "@/lib/applications/resume-links";
import type { TStepId } from "@/lib/applications/steps";
import { submitApplication } from "@/lib/intake/submit-application";
import { db } from "@/lib/db/client";
import { runDueJobs } from "@/lib/worker";
import { withTenant } from "@/lib/db/tenant-scope";
import { decryptSecret, hashToken } from "@/lib/security/crypto";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { testDb } from "../support/globals";

let hackwell: TCouncil, fenshire: TCouncil;

beforeAll(async () => {
  const { owner } = testDb();
  await createCouncil(owner, { slug: "hackwell", postcodeAreas: ["E8"], settings: { referencePrefix: "HKW" } });
  await createCouncil(owner, { slug: "fenshire", postcodeAreas: ["CB1"], settings: { referencePrefix: "FEN" } });
  hackwell = (await findCouncilBySlug("hackwell"))!;
  fenshire = (await findCouncilBySlug("fenshire"))!;
});

/** A resident who has answered every page: returns their cookie token's hash. */
async function completeDraft(council: TCouncil, answers = FULL): Promise<string> {
  let hash: string | null = null;
  for (const [step, raw] of Object.entries(answers)) {
    const saved = await saveDraftAnswer(council, hash, step as TStepId, raw, "en");
    if (saved.token) hash = hashToken(saved.token);
  }
  return hash!;
}

describe("drafts", () => {
  it("are created on the first answer and keep every page", async () => {
    const first = await saveDraftAnswer(hackwell, null, "full-name", { fullName: "Sam" }, "en");
    expect(first.token).toBeTruthy();
    const hash = hashToken(first.token!);
    const second = await saveDraftAnswer(hackwell, hash, "contact", { email: "sam@example.com", mobile: "" }, "tr");
    expect(second.token).toBeNull();
    expect(second.draft.answers).toEqual({ "full-name": { fullName: "Sam" }, contact: { email: "sam@example.com", mobile: "" } });
    expect(second.draft.locale).toBe("tr");
  });

  it("keep both answers when two tabs save different pages at once", async () => {
    const hash = hashToken((await saveDraftAnswer(hackwell, null, "full-name", { fullName: "Sam" }, "en")).token!);
    await Promise.all([
      saveDraftAnswer(hackwell, hash, "housing", { tenure: "owner" }, "en"),
      saveDraftAnswer(hackwell, hash, "nrpf", { nrpf: "no" }, "en"),
      saveDraftAnswer(hackwell, hash, "eviction", { evictionNotice: "no" }, "en"),
    ]);
    const draft = await withTenant(hackwell.id, (tx) => findDraftByTokenHash(tx, hackwell.id, hash));
    expect(Object.keys(draft!.answers).sort()).toEqual(["eviction", "full-name", "housing", "nrpf"]);
  });

  it("store bank details sealed, never in the clear", async () => {
    const hash = await completeDraft(hackwell);
    const row = await testDb().owner.applicationDraft.findUniqueOrThrow({ where: { tokenHash: hash } });
    const stored = JSON.stringify(row.answers);
    expect(stored).not.toContain("66374958");
    const sealed = (row.answers as Record<string, { sealed: string }>)["bank-details"]!.sealed;
    expect(JSON.parse(decryptSecret(sealed)).accountNumber).toBe("66374958");
  });

  it("are invisible to another council, even with the right token", async () => {
    const hash = await completeDraft(hackwell);
    expect(await withTenant(fenshire.id, (tx) => findDraftByTokenHash(tx, fenshire.id, hash))).toBeNull();
    expect(await withTenant(fenshire.id, (tx) => findDraftByTokenHash(tx, hackwell.id, hash))).toBeNull();
    // A save "into" the other council with that token starts a new, empty draft there instead.
    const saved = await saveDraftAnswer(fenshire, hash, "full-name", { fullName: "X" }, "en");
    expect(saved.token).toBeTruthy();
  });
});

describe("submitting", () => {
  it("twenty submissions of one draft at once make exactly one application, all with the same reference", async () => {
    const hash = await completeDraft(hackwell);
    const results = await Promise.all(Array.from({ length: 20 }, () => submitApplication(hackwell, hash, { ip: null })));
    const outcomes = results.map((r) => r.outcome).sort();
    expect(outcomes.filter((o) => o === "submitted")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "already-submitted")).toHaveLength(19);
    const refs = new Set(results.map((r) => ("reference" in r ? r.reference : null)));
    expect(refs.size).toBe(1);
    const [reference] = [...refs];
    expect(reference).toMatch(/^HKW-[3479ACDEFGHJKMNPQRTWXY6]{4}-[3479ACDEFGHJKMNPQRTWXY6]{2}$/);
    const { owner } = testDb();
    const draft = await owner.applicationDraft.findUniqueOrThrow({ where: { tokenHash: hash } });
    expect(await owner.application.count({ where: { draftId: draft.id } })).toBe(1);
    expect(await owner.auditEvent.count({ where: { action: "application.submitted", summary: { contains: reference! } } })).toBe(1);
    expect(await owner.application.findFirstOrThrow({ where: { reference: reference! }, select: { channel: true, draftId: true } })).toMatchObject({ channel: "RESIDENT_ONLINE", draftId: expect.any(String) });
  });

  it("records the schema version, masks bank details and seals them separately", async () => {
    const hash = await completeDraft(hackwell);
    const result = await submitApplication(hackwell, hash, { ip: "203.0.113.9" });
    expect(result.outcome).toBe("submitted");
    const app = await testDb().owner.application.findFirstOrThrow({ where: { reference: (result as { reference: string }).reference } });
    expect(app.schemaVersion).toBe(1);
    expect(JSON.stringify(app.data)).not.toContain("66374958");
    expect(app.data).toMatchObject({ payment: { method: "bank", bank: { accountNumberLast4: "4958" } } });
    expect(JSON.parse(decryptSecret(app.bankDetailsEnc!))).toMatchObject({ sortCode: "089999", accountNumber: "66374958" });
    expect(app.urgencyFlags).toEqual(expect.arrayContaining(["no-food-today", "meter-off", "pregnancy", "child-under-5"]));
  });

  it("the database itself refuses a second application for a draft or a repeated reference", async () => {
    const hash = await completeDraft(hackwell);
    const result = await submitApplication(hackwell, hash, { ip: null });
    const { owner } = testDb();
    const app = await owner.application.findFirstOrThrow({ where: { reference: (result as { reference: string }).reference } });
    const copy = { ...app, id: undefined, data: app.data as object, createdAt: undefined, referral: undefined };
    await expect(owner.application.create({ data: { ...copy, reference: "HKW-AAAA-AA" } })).rejects.toThrow(/Unique constraint/);
    const other = await completeDraft(hackwell);
    const otherDraft = await owner.applicationDraft.findUniqueOrThrow({ where: { tokenHash: other } });
    await expect(owner.application.create({ data: { ...copy, draftId: otherDraft.id } })).rejects.toThrow(/Unique constraint/);
  });

  it("sends an incomplete draft back to its first unanswered page, and saves nothing", async () => {
    const partial = Object.fromEntries(Object.entries(FULL).filter(([k]) => k !== "housing"));
    const hash = await completeDraft(hackwell, partial);
    expect(await submitApplication(hackwell, hash, { ip: null })).toEqual({ outcome: "incomplete", goTo: "housing" });
    expect(await submitApplication(hackwell, null, { ip: null })).toEqual({ outcome: "no-draft" });
    const draft = await testDb().owner.applicationDraft.findUniqueOrThrow({ where: { tokenHash: hash } });
    expect(await testDb().owner.application.count({ where: { draftId: draft.id } })).toBe(0);
  });

  it("is refused while the council's route is closed, and the draft is kept", async () => {
    const hash = await completeDraft(hackwell);
    const closed = { ...hackwell, settings: { ...hackwell.settings, applicationRoute: "paused" as const } };
    expect(await submitApplication(closed, hash, { ip: null })).toEqual({ outcome: "closed" });
    expect(await testDb().owner.applicationDraft.count({ where: { tokenHash: hash } })).toBe(1);
  });
});

describe("row-level security on applications, as the app's database role", () => {
  let app: pg.Client;
  beforeAll(async () => {
    app = new pg.Client({ connectionString: testDb().appUrl });
    await app.connect();
    await submitApplication(hackwell, await completeDraft(hackwell), { ip: null });
    await submitApplication(fenshire, await completeDraft(fenshire, { ...FULL, postcode: { postcode: "CB1 2AB" }, address: { address: "manual" }, "address-manual": { line1: "1 Mill Road", line2: "", town: "Cambridge" } }), { ip: null });
  });
  afterAll(() => app.end());

  async function inTenant<T>(tenantId: string | null, fn: () => Promise<T>): Promise<T> {
    await app.query("begin");
    try {
      await app.query("select set_config('app.tenant_id', $1, true)", [tenantId ?? ""]);
      return await fn();
    } finally {
      await app.query("rollback");
    }
  }

  it("shows each council only its own drafts and applications; nothing without a council", async () => {
    for (const table of ["Application", "ApplicationDraft"]) {
      const seen = await inTenant(hackwell.id, async () => (await app.query(`select distinct "tenantId" from "${table}"`)).rows.map((r) => r.tenantId));
      expect(seen).toEqual([hackwell.id]);
      expect(await inTenant(null, async () => (await app.query(`select count(*)::int as n from "${table}"`)).rows[0].n)).toBe(0);
    }
  });

  it("cannot write an application or draft into another council", async () => {
    await expect(
      inTenant(hackwell.id, () =>
        app.query(`insert into "ApplicationDraft" (id, "tenantId", "tokenHash", "schemaVersion", "expiresAt", "updatedAt") values (gen_random_uuid(), $1, 'x', 1, now(), now())`, [fenshire.id]),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await inTenant(hackwell.id, async () => (await app.query(`update "Application" set "residentStatus" = 'PAID' where "tenantId" = $1`, [fenshire.id])).rowCount)).toBe(0);
    await expect(inTenant(hackwell.id, () => app.query(`delete from "Application"`))).rejects.toThrow(/permission denied/);
  });
});

describe("status look-ups", () => {
  let reference: string;
  beforeAll(async () => {
    const r = await submitApplication(hackwell, await completeDraft(hackwell), { ip: null });
    reference = (r as { reference: string }).reference;
  });

  it("find the application with the reference and date of birth", async () => {
    expect(await lookupStatus(hackwell.id, { reference, dateOfBirth: "1988-03-07" }, null)).toMatchObject({ outcome: "found", reference, status: "RECEIVED" });
  });

  it("give one neutral answer for a wrong date of birth, a wrong reference or the wrong council", async () => {
    expect(await lookupStatus(hackwell.id, { reference: "HKW-AAAA-AA", dateOfBirth: "1988-03-07" }, null)).toEqual({ outcome: "not-found" });
    expect(await lookupStatus(fenshire.id, { reference, dateOfBirth: "1988-03-07" }, null)).toEqual({ outcome: "not-found" });
  });

  it("stop answering after repeated wrong guesses at one reference, even with the right details", async () => {
    for (let i = 0; i < 5; i++) expect((await lookupStatus(hackwell.id, { reference, dateOfBirth: "1970-01-01" }, null)).outcome).toBe("not-found");
    expect(await lookupStatus(hackwell.id, { reference, dateOfBirth: "1988-03-07" }, null)).toEqual({ outcome: "throttled" });
  });

  it("limit every look-up per client IP when the IP is known", async () => {
    let last = "";
    for (let i = 0; i < 31; i++) last = (await lookupStatus(hackwell.id, { reference: `HKW-AAAA-${i < 10 ? "A" : "C"}${"3479ACDEFGHJKMNPQRTWXY6"[i % 23]}`, dateOfBirth: "1970-01-01" }, "198.51.100.7")).outcome;
    expect(last).toBe("throttled");
  });
});

describe("save and return links", () => {
  async function draftIdFor(hash: string) {
    return (await testDb().owner.applicationDraft.findUniqueOrThrow({ where: { tokenHash: hash } })).id;
  }

  it("are sent to the dev mailbox, work once, and move the draft to a new cookie token", async () => {
    const first = await saveDraftAnswer(hackwell, null, "full-name", { fullName: "Sam" }, "en");
    const oldHash = hashToken(first.token!);
    expect(await requestResumeLink(hackwell, first.draft.id, "en", { channel: "email", to: "sam@example.com" })).toEqual({ outcome: "sent" });
    await runDueJobs(); // the outbox is delivered by the job queue
    const mail = await db().devMailboxMessage.findFirstOrThrow({ where: { to: "sam@example.com" }, orderBy: { createdAt: "desc" } });
    const token = /\/apply\/resume\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const spent = await spendResumeLink(hackwell, token);
    expect(spent).not.toBeNull();
    expect(await spendResumeLink(hackwell, token)).toBeNull();
    const moved = await withTenant(hackwell.id, (tx) => findDraftByTokenHash(tx, hackwell.id, hashToken(spent!.draftToken)));
    expect(moved?.answers["full-name"]).toEqual({ fullName: "Sam" });
    expect(await withTenant(hackwell.id, (tx) => findDraftByTokenHash(tx, hackwell.id, oldHash))).toBeNull();
  });

  it("can go by text message, cannot be spent in another council, and are rate-limited", async () => {
    const first = await saveDraftAnswer(hackwell, null, "full-name", { fullName: "Sam" }, "tr");
    const id = await draftIdFor(hashToken(first.token!));
    await requestResumeLink(hackwell, id, "tr", { channel: "sms", to: "+447700900111" });
    await runDueJobs(); // the outbox is delivered by the job queue
    const sms = await db().devMailboxMessage.findFirstOrThrow({ where: { to: "sms:+447700900111" } });
    expect(sms.text).toContain("bağlantı");
    const token = /\/apply\/resume\/([A-Za-z0-9_-]+)/.exec(sms.text)![1]!;
    expect(await spendResumeLink(fenshire, token)).toBeNull();
    for (let i = 0; i < 4; i++) await requestResumeLink(hackwell, id, "en", { channel: "sms", to: "+447700900111" });
    expect(await requestResumeLink(hackwell, id, "en", { channel: "sms", to: "+447700900111" })).toEqual({ outcome: "throttled" });
  });

  it("do not work once expired", async () => {
    const first = await saveDraftAnswer(hackwell, null, "full-name", { fullName: "Sam" }, "en");
    await requestResumeLink(hackwell, first.draft.id, "en", { channel: "email", to: "late@example.com" });
    await testDb().owner.applicationResumeLink.updateMany({ where: { draftId: first.draft.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await runDueJobs(); // the outbox is delivered by the job queue
    const mail = await db().devMailboxMessage.findFirstOrThrow({ where: { to: "late@example.com" } });
    expect(await spendResumeLink(hackwell, /\/apply\/resume\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!)).toBeNull();
  });
});
