import "server-only";
// Requests for information (issue 18): an officer asks the resident (or, for a portal referral, its
// referrer) for information or evidence by a reply-by date; the case goes to AWAITING_INFORMATION
// (lib/cases/transition.ts); a message in the resident's language carries a one-time link (only
// its hash is stored, as lib/applications/resume-links.ts does) to a page where they answer without
// an account. The answer is kept on the request and on the timeline ("information.answered"),
// never written into the application, and the case returns to IN_REVIEW ("receive-information").
// No answer by the reply-by date: overdue; the officer chases (a fresh link, the old one dead) or
// decides anyway (the lifecycle allows deciding while awaiting information). docs/information-requests.md.
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, residentActor, type TActor, type TSystemActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { addWorkingDays, endOfLondonDay, londonIsoDate, type TIsoDate } from "@/lib/calendar/working-days";
import { correctedContact } from "@/lib/cases/corrected-answers";
import { transitionCase } from "@/lib/cases/transition";
import { recordAuditSql } from "@/lib/audit/record-audit";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { saveCaseDocument, type TDocumentProblem } from "@/lib/documents";
import { env } from "@/lib/env";
import { formatDateFor } from "@/lib/dates";
import { enqueueMessageSql } from "@/lib/notifications/enqueue-message";
import { hashToken, newToken } from "@/lib/security/crypto";
import { hitRateLimit, refundRateLimit, type RateLimit } from "@/lib/security/rate-limit";
import { ZTenantSettings } from "@/lib/tenancy/schemas";
import { recordCaseEvent } from "@/lib/timeline/case-events";

/** Default reply-by: this many working days from today (lib/calendar/working-days.ts). */
export const DEFAULT_REPLY_WORKING_DAYS = 5;
/** The link still works this many days after the reply-by date (a late answer is still welcome). */
export const LINK_GRACE_DAYS = 14;
/** The furthest reply-by date an officer may set. */
export const MAX_REPLY_DAYS = 60;
export const MAX_QUESTION_CHARS = 2000;
export const MAX_ANSWER_CHARS = 5000;
/** Documents with one answer (each up to lib/documents MAX_DOCUMENT_BYTES). */
export const ANSWER_MAX_FILES = 5;
/** Guessing links: every attempt counts per IP (when known) and per council, a right link is refunded. */
export const ANSWER_LINKS_PER_IP: RateLimit = { limit: 30, windowSeconds: 15 * 60 };
export const ANSWER_LINKS_PER_COUNCIL: RateLimit = { limit: 1000, windowSeconds: 15 * 60 };

export type TAskedOf = "resident" | "referrer";

/** The service acting on a valid answer link: it may move the case back to the officer, nothing else. */
function answerLinkActor(councilId: string): TSystemActor & { council: { id: string } } {
  return { kind: "system", council: { id: councilId }, name: "information-answer-link", grants: ["cases:work"] };
}

function addDays(iso: TIsoDate, days: number): TIsoDate {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A London date at noon (for formatting it as a date in any language). */
export function dateOf(iso: TIsoDate): Date {
  return new Date(`${iso}T12:00:00Z`);
}

/** The default reply-by date for a request made now. */
export function defaultReplyBy(now: Date = new Date()): TIsoDate {
  return addWorkingDays(now, DEFAULT_REPLY_WORKING_DAYS);
}

/** When a link made for this reply-by date stops working (never before now + the grace). */
export function linkExpiry(replyBy: TIsoDate, now: Date = new Date()): Date {
  const today = londonIsoDate(now);
  return endOfLondonDay(addDays(replyBy > today ? replyBy : today, LINK_GRACE_DAYS));
}

export type TRequestInput = { caseId: string; question: string; replyBy?: string };
export type TRequestProblem = "question-missing" | "question-too-long" | "reply-by-invalid" | "reply-by-past" | "reply-by-too-far";
export type TRequestResult =
  | { outcome: "done"; requestId: string; askedOf: TAskedOf; replyBy: TIsoDate; sentTo: string[] }
  | { outcome: "invalid"; problems: TRequestProblem[] }
  | { outcome: "forbidden" | "not-found" }
  | { outcome: "not-allowed"; status: string };

/** Checks the officer's words and date (pure). */
export function checkRequestInput(input: { question: string; replyBy?: string }, now: Date = new Date()): { problems: TRequestProblem[]; question: string; replyBy: TIsoDate } {
  const problems: TRequestProblem[] = [];
  const question = input.question.replace(/\r\n/g, "\n").trim();
  if (!question) problems.push("question-missing");
  else if (question.length > MAX_QUESTION_CHARS) problems.push("question-too-long");
  const today = londonIsoDate(now);
  let replyBy = defaultReplyBy(now);
  const given = input.replyBy?.trim();
  if (given) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(given) || Number.isNaN(new Date(`${given}T12:00:00Z`).getTime()) || new Date(`${given}T12:00:00Z`).toISOString().slice(0, 10) !== given)
      problems.push("reply-by-invalid");
    else if (given <= today) problems.push("reply-by-past");
    else if (given > addDays(today, MAX_REPLY_DAYS)) problems.push("reply-by-too-far");
    else replyBy = given;
  }
  return { problems, question, replyBy };
}

/** The case's facts a request needs (row-level security: another council's case is not found). */
function readCaseForRequest(sql: TSql, caseId: string) {
  return sql.db
    .selectFrom("Case as c")
    .innerJoin("Application as a", "a.id", "c.applicationId")
    .innerJoin("Tenant as t", "t.id", "c.tenantId")
    .leftJoin("User as r", (j) => j.onRef("r.id", "=", "c.referrerUserId").on("r.deactivatedAt", "is", null))
    .select(["c.id", "c.tenantId", "c.status", "c.reference", "c.channel", "c.applicationId", "c.referrerUserId", "r.email as referrerEmail", "a.data", "a.locale", "t.name", "t.slug", "t.settings"])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
}
type TCaseForRequest = NonNullable<Awaited<ReturnType<typeof readCaseForRequest>>>;

/**
 * Sends the request's message with this link: to the resident by email and text, as they gave
 * (corrected by officers), in their language; a portal referral's referrer in English (referrers
 * work in English, lib/cases/referrer-notice.ts). Returns where it went.
 */
async function sendRequestMessage(sql: TSql, actor: TActor, c: TCaseForRequest, askedOf: TAskedOf, facts: { question: string; replyBy: TIsoDate; token: string; chase: boolean }): Promise<string[]> {
  const council = { id: c.tenantId, settings: ZTenantSettings.parse(c.settings ?? {}) };
  const link = `${env().APP_URL}/${c.slug}/information/${facts.token}`;
  if (askedOf === "referrer") {
    if (!c.referrerEmail) return [];
    // The first request: the referrer was told by lib/cases/referrer-notice.ts when the case went to
    // AWAITING_INFORMATION (an email naming the reference only, to the portal, where the referral's
    // page shows what is asked with a button to answer). A chase sends the question and a fresh link.
    if (!facts.chase) return [c.referrerEmail];
    const params = { council: c.name, reference: c.reference, question: facts.question, date: formatDateFor(dateOf(facts.replyBy), "en"), link };
    await enqueueMessageSql(sql, { council, template: "information-referrer-chase", channel: "EMAIL", to: c.referrerEmail, locale: "en", params });
    await recordCaseEvent(sql, actor, c.id, "referrer.told", { template: "information-referrer-chase", to: c.referrerEmail });
    return [c.referrerEmail];
  }
  const amendments = await sql.db
    .selectFrom("CaseAmendment")
    .select(["field", "newValue"])
    .where("caseId", "=", c.id)
    .where("field", "in", ["aboutYou.email", "aboutYou.mobile"])
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .execute();
  const contact = correctedContact(c.data, amendments);
  const params = { council: c.name, reference: c.reference, question: facts.question, date: formatDateFor(dateOf(facts.replyBy), c.locale), link };
  const template = facts.chase ? "information-chase" : "information-request";
  const sent: string[] = [];
  if (contact.email) {
    await enqueueMessageSql(sql, { council, template, channel: "EMAIL", to: contact.email, locale: c.locale, params });
    sent.push(contact.email);
  }
  if (contact.mobile) {
    await enqueueMessageSql(sql, { council, template: facts.chase ? "information-chase-text" : "information-request-text", channel: "SMS", to: contact.mobile, locale: c.locale, params });
    sent.push(contact.mobile);
  }
  return sent;
}

/** Who answers: a portal referral's referrer (when they can still sign in), else the resident. */
function askedOfFor(c: TCaseForRequest): TAskedOf {
  return c.referrerUserId && c.referrerEmail ? "referrer" : "resident";
}

/** An officer asks for information; see the file comment. */
export async function requestInformation(actor: TActor, input: TRequestInput, now: Date = new Date()): Promise<TRequestResult> {
  if (!can(actor, "cases:work")) return { outcome: "forbidden" };
  const checked = checkRequestInput(input, now);
  if (checked.problems.length) return { outcome: "invalid", problems: checked.problems };
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const c = await readCaseForRequest(sql, input.caseId);
      if (!c) return { outcome: "not-found" } as const;
      const { token, hash } = newToken();
      const askedOf = askedOfFor(c);
      const requestId = crypto.randomUUID();
      const moved = await transitionCase(sql, actor, c.id, "request-information", { eventData: { requestId, question: checked.question, replyBy: checked.replyBy, askedOf } });
      if (moved.outcome !== "done") return moved.outcome === "not-allowed" || moved.outcome === "changed" ? { outcome: "not-allowed", status: moved.status } : moved.outcome === "not-found" ? { outcome: "not-found" } : { outcome: "forbidden" };
      await sql.db
        .insertInto("InformationRequest")
        .values({
          id: requestId,
          tenantId: c.tenantId,
          caseId: c.id,
          askedOf,
          question: checked.question,
          replyBy: q<Date>`${checked.replyBy}::date`,
          requestedById: actorUserId(actor)!,
          tokenHash: hash,
          tokenExpiresAt: linkExpiry(checked.replyBy, now),
          answerDocumentIds: [],
        })
        .execute();
      const sentTo = await sendRequestMessage(sql, actor, c, askedOf, { question: checked.question, replyBy: checked.replyBy, token, chase: false });
      await recordAuditSql(sql, { tenantId: c.tenantId, actor, action: "information.requested", entityType: "Case", entityId: c.id, summary: `Asked the ${askedOf} for information on ${c.reference}`, metadata: { requestId, replyBy: checked.replyBy, messages: sentTo.length } });
      return { outcome: "done", requestId, askedOf, replyBy: checked.replyBy, sentTo } as const;
    },
    actorUserId(actor),
  );
}

/** The open request of a case awaiting information (the newest, unanswered), locked. */
function openRequest(sql: TSql, caseId: string) {
  return sql.db
    .selectFrom("InformationRequest as r")
    .innerJoin("Case as c", "c.id", "r.caseId")
    .select(["r.id", "r.askedOf", "r.question", (eb) => q<string>`to_char(${eb.ref("r.replyBy")}, 'YYYY-MM-DD')`.as("replyBy"), "r.tokenExpiresAt", "r.chaseCount"])
    .where("r.caseId", "=", caseId)
    .where("c.status", "=", "AWAITING_INFORMATION")
    .where("r.answeredAt", "is", null)
    .orderBy("r.createdAt", "desc")
    .limit(1)
    .forUpdate("r")
    .executeTakeFirst();
}

export type TChaseResult = { outcome: "done"; sentTo: string[] } | { outcome: "forbidden" | "not-found" | "nothing-open" };

/** Sends the request again with a fresh link (the old link stops working); a timeline line says so. */
export async function chaseInformation(actor: TActor, caseId: string, now: Date = new Date()): Promise<TChaseResult> {
  if (!can(actor, "cases:work")) return { outcome: "forbidden" };
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const c = await readCaseForRequest(sql, caseId);
      if (!c) return { outcome: "not-found" } as const;
      const open = await openRequest(sql, caseId);
      if (!open) return { outcome: "nothing-open" } as const;
      const { token, hash } = newToken();
      const expires = linkExpiry(open.replyBy, now);
      await sql.db
        .updateTable("InformationRequest")
        .set({ tokenHash: hash, tokenExpiresAt: expires > open.tokenExpiresAt ? expires : open.tokenExpiresAt, chaseCount: q<number>`"chaseCount" + 1`, lastChasedAt: now })
        .where("id", "=", open.id)
        .execute();
      const askedOf = open.askedOf as TAskedOf;
      const sentTo = await sendRequestMessage(sql, actor, c, askedOf, { question: open.question, replyBy: open.replyBy, token, chase: true });
      await recordCaseEvent(sql, actor, caseId, "information.chased", { requestId: open.id, askedOf, replyBy: open.replyBy, chase: open.chaseCount + 1, messages: sentTo.length });
      await recordAuditSql(sql, { tenantId: c.tenantId, actor, action: "information.chased", entityType: "Case", entityId: caseId, summary: `Chased the ${askedOf} for information on ${c.reference}`, metadata: { requestId: open.id } });
      return { outcome: "done", sentTo } as const;
    },
    actorUserId(actor),
  );
}

export type TReceiveResult = { outcome: "done" } | { outcome: "forbidden" | "not-found" | "nothing-open" } | { outcome: "invalid"; problems: ("note-missing" | "note-too-long")[] };

/** An officer records that the information came another way (a phone call, a visit) with a note; the link stops working. */
export async function receiveInformationManually(actor: TActor, caseId: string, noteRaw: string): Promise<TReceiveResult> {
  if (!can(actor, "cases:work")) return { outcome: "forbidden" };
  const note = noteRaw.replace(/\r\n/g, "\n").trim();
  if (!note) return { outcome: "invalid", problems: ["note-missing"] };
  if (note.length > MAX_ANSWER_CHARS) return { outcome: "invalid", problems: ["note-too-long"] };
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      // A case may await information without a stored request (asked before requests were recorded): it still returns to review.
      const open = await openRequest(sql, caseId);
      if (open)
        await sql.db
          .updateTable("InformationRequest")
          .set({ answeredAt: q<Date>`now()`, answeredBy: "staff", answerText: note, tokenUsedAt: q<Date>`now()` })
          .where("id", "=", open.id)
          .execute();
      const moved = await transitionCase(sql, actor, caseId, "receive-information", { eventData: { requestId: open?.id ?? null, note, by: "staff" } });
      if (moved.outcome === "not-found" || moved.outcome === "forbidden") return { outcome: moved.outcome } as const;
      if (moved.outcome !== "done") {
        if (open) throw new Error(`receive-information refused: ${moved.outcome}`);
        return { outcome: "nothing-open" } as const;
      }
      await recordAuditSql(sql, { tenantId: councilIdOf(actor), actor, action: "information.received", entityType: "Case", entityId: caseId, summary: "Recorded information received by an officer", metadata: { requestId: open?.id ?? null } });
      return { outcome: "done" } as const;
    },
    actorUserId(actor),
  );
}

// ——— The answer link (no account) ———

export type TLinkView =
  | { state: "open"; requestId: string; reference: string; question: string; replyBy: TIsoDate; askedOf: TAskedOf }
  /** Used (answered, or the case moved on): the reference, for the thank-you page after an answer. */
  | { state: "used"; reference: string }
  | { state: "expired" | "unknown" | "throttled" };

/** What a link shows, given its token (the hash is looked up, the token is never stored). */
function readLink(sql: TSql, token: string) {
  return sql.db
    .selectFrom("InformationRequest as r")
    .innerJoin("Case as c", "c.id", "r.caseId")
    .select([
      "r.id",
      "r.caseId",
      "r.askedOf",
      "r.question",
      (eb) => q<string>`to_char(${eb.ref("r.replyBy")}, 'YYYY-MM-DD')`.as("replyBy"),
      "r.tokenExpiresAt",
      "r.tokenUsedAt",
      "r.answeredAt",
      "c.status",
      "c.reference",
      "c.applicationId",
      "c.referrerUserId",
      "c.organisationId",
    ])
    .where("r.tokenHash", "=", hashToken(token))
    .executeTakeFirst();
}
type TLinkRow = NonNullable<Awaited<ReturnType<typeof readLink>>>;

function linkState(row: TLinkRow | undefined, now: Date): TLinkView["state"] {
  if (!row) return "unknown";
  // Answered (by this link or otherwise), or the officer decided or closed the case meanwhile.
  if (row.tokenUsedAt || row.answeredAt || row.status !== "AWAITING_INFORMATION") return "used";
  if (row.tokenExpiresAt.getTime() <= now.getTime()) return "expired";
  return "open";
}

const tokenShape = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** Guessing is throttled: every look counts (per IP when known, and per council), a real link is refunded. */
async function throttled(councilId: string, ip: string | null): Promise<{ refund: () => Promise<void> } | null> {
  const keys: string[] = [];
  if (ip) {
    const key = `information:ip:${ip}`;
    if (!(await hitRateLimit(key, ANSWER_LINKS_PER_IP)).allowed) return null;
    keys.push(key);
  }
  const councilKey = `information:council:${councilId}`;
  if (!(await hitRateLimit(councilKey, ANSWER_LINKS_PER_COUNCIL)).allowed) return null;
  keys.push(councilKey);
  return { refund: async () => void (await Promise.all(keys.map((k) => refundRateLimit(k)))) };
}

/** The answer page's view of a link. */
export async function viewAnswerLink(councilId: string, token: string, ip: string | null, now: Date = new Date()): Promise<TLinkView> {
  const limit = await throttled(councilId, ip);
  if (!limit) return { state: "throttled" };
  if (!tokenShape(token)) return { state: "unknown" };
  const row = await withTenantSql(councilId, (sql) => readLink(sql, token));
  const state = linkState(row, now);
  if (row) await limit.refund();
  if (!row) return { state: "unknown" };
  if (state === "used") return { state, reference: row.reference };
  if (state !== "open") return { state };
  return { state: "open", requestId: row.id, reference: row.reference, question: row.question, replyBy: row.replyBy, askedOf: row.askedOf as TAskedOf };
}

export type TAnswerProblem = "answer-missing" | "answer-too-long";
export type TAnswerFile = { name: string; bytes: Uint8Array };
export type TAnswerResult =
  | { outcome: "done"; reference: string; documentIds: string[] }
  | { outcome: "invalid"; problems: TAnswerProblem[] }
  | { outcome: "file-refused"; file: string; problem: TDocumentProblem }
  | { outcome: "used" | "expired" | "unknown" | "throttled" };

/** Checks the answer's words (pure): text, or at least one file. */
export function checkAnswer(textRaw: string, files: number): { text: string; problems: TAnswerProblem[] } {
  const text = textRaw.replace(/\r\n/g, "\n").trim();
  if (!text && files === 0) return { text, problems: ["answer-missing"] };
  if (text.length > MAX_ANSWER_CHARS) return { text, problems: ["answer-too-long"] };
  return { text, problems: [] };
}

/**
 * Answers through the link: spends it (conditionally, so of two submissions one wins), stores the
 * text and the files' document ids on the request, writes "information.answered" on the timeline
 * by the resident (or the referrer), and moves the case back to IN_REVIEW. Files are saved through
 * lib/documents (type from the content, scanned, audited). All or nothing: a refused file rolls
 * everything back and leaves the link unspent.
 */
export async function answerByLink(councilId: string, token: string, input: { text: string; files: TAnswerFile[] }, ip: string | null, now: Date = new Date()): Promise<TAnswerResult> {
  const limit = await throttled(councilId, ip);
  if (!limit) return { outcome: "throttled" };
  if (!tokenShape(token)) return { outcome: "unknown" };
  const checked = checkAnswer(input.text, input.files.length);
  const result = await withTenantSql(councilId, async (sql): Promise<TAnswerResult> => {
    const row = await readLink(sql, token);
    const state = linkState(row, now);
    if (row) await limit.refund();
    if (!row || state !== "open") return { outcome: state === "open" ? "unknown" : state };
    if (checked.problems.length) return { outcome: "invalid", problems: checked.problems };
    const actor: TActor =
      row.askedOf === "referrer" && row.referrerUserId
        ? { kind: "referrer", council: { id: councilId }, user: { userId: row.referrerUserId, email: "" }, organisationId: row.organisationId, roles: ["REFERRER"] }
        : residentActor({ id: councilId }, row.applicationId);
    // Spend the link first: a second submission finds it spent and changes nothing.
    const spent = await sql.db
      .updateTable("InformationRequest")
      .set({ tokenUsedAt: q<Date>`now()` })
      .where("id", "=", row.id)
      .where("tokenUsedAt", "is", null)
      .where("answeredAt", "is", null)
      .where("tokenExpiresAt", ">", now)
      .returning("id")
      .execute();
    if (!spent.length) return { outcome: "used" };
    const documentIds: string[] = [];
    for (const file of input.files) {
      const saved = await saveCaseDocument(sql, { tenantId: councilId, caseId: row.caseId, bytes: file.bytes, originalName: file.name, actor, source: "information-answer" });
      if (!saved.ok) throw new FileRefused(file.name, saved.problem);
      documentIds.push(saved.documentId);
    }
    await sql.db
      .updateTable("InformationRequest")
      .set({ answerText: checked.text || null, answerDocumentIds: documentIds, answeredBy: row.askedOf, answeredAt: q<Date>`now()` })
      .where("id", "=", row.id)
      .execute();
    await recordCaseEvent(sql, actor, row.caseId, "information.answered", { requestId: row.id, text: checked.text, documentIds, by: row.askedOf });
    const moved = await transitionCase(sql, answerLinkActor(councilId), row.caseId, "receive-information", { eventData: { requestId: row.id, by: row.askedOf } });
    if (moved.outcome !== "done") throw new Error(`receive-information refused: ${moved.outcome}`);
    await recordAuditSql(sql, { tenantId: councilId, actor, action: "information.answered", entityType: "Case", entityId: row.caseId, summary: `Information answered by the ${row.askedOf} on ${row.reference}`, metadata: { requestId: row.id, documents: documentIds.length }, ip });
    return { outcome: "done", reference: row.reference, documentIds };
  }).catch((e: unknown) => {
    // A refused file rolls the whole answer back (the link stays unspent); say which file.
    if (e instanceof FileRefused) return { outcome: "file-refused", file: e.file, problem: e.problem } as const;
    throw e;
  });
  return result;
}

class FileRefused extends Error {
  constructor(
    readonly file: string,
    readonly problem: TDocumentProblem,
  ) {
    super(`file refused: ${problem}`);
  }
}

/**
 * For a portal referral's signed-in referrer (their referral's page): a fresh link to answer the
 * open request now (the emailed one stops working). Null when nothing is open or it is not theirs.
 */
export async function freshLinkForReferrer(actor: TActor, caseId: string, now: Date = new Date()): Promise<{ token: string } | null> {
  if (actor.kind !== "referrer") return null;
  const userId = actorUserId(actor);
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const c = await sql.db.selectFrom("Case").select(["id", "referrerUserId"]).where("id", "=", caseId).executeTakeFirst();
      if (!c || c.referrerUserId !== userId) return null;
      const open = await openRequest(sql, caseId);
      if (!open || open.askedOf !== "referrer") return null;
      const { token, hash } = newToken();
      const expires = linkExpiry(open.replyBy, now);
      await sql.db.updateTable("InformationRequest").set({ tokenHash: hash, tokenExpiresAt: expires > open.tokenExpiresAt ? expires : open.tokenExpiresAt }).where("id", "=", open.id).execute();
      return { token };
    },
    userId,
  );
}
