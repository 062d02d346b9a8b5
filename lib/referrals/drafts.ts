import "server-only";
// A referrer's drafts: the resident's own draft rows (ApplicationDraft, the same answers, pages
// and journey), owned by the member instead of a cookie. A referrer keeps several at once, one
// per family; each is found by its id AND its owner (member and organisation) in the council in
// scope, so another member's, organisation's or council's draft id reads as not found. Answers are
// saved by the resident journey's own writer (saveDraftAnswer), given the draft's token hash,
// which never leaves the server. The referrer section's answers are kept as typed
// (ApplicationDraft.referral) and checked when the referral is sent.
import { sql as q } from "kysely";
import type { TReferrerActor } from "@/lib/actor";
import { openAnswers, saveDraftAnswer, DRAFT_TTL_DAYS, type TDraft } from "@/lib/applications/drafts";
import { SCHEMA_VERSION, assemble } from "@/lib/applications/schemas";
import { parseAnswers, type TStepId } from "@/lib/applications/steps";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { withTenant } from "@/lib/db/tenant-scope";
import { newToken } from "@/lib/security/crypto";
import { recordReferral } from "@/lib/referrals/referral";
import { sectionFromForm, type TSectionRaw } from "@/lib/referrals/section-form";
import type { TRecordResult } from "@/lib/intake/record-application";
import type { TCouncil } from "@/lib/tenancy/queries";

export type TReferralDraft = TDraft & { tokenHash: string; section: TSectionRaw | null };
export type TDraftListItem = { id: string; name: string | null; updatedAt: Date };

const isId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);
const expiry = () => new Date(Date.now() + DRAFT_TTL_DAYS * 24 * 3600 * 1000);

/** The member's own draft in this council (unexpired), or null: never another member's. */
export async function findReferralDraft(tx: Tx, council: { id: string }, actor: TReferrerActor, draftId: string, { lock = false } = {}): Promise<TReferralDraft | null> {
  if (!isId(draftId) || !actor.organisationId) return null;
  let query = prismaSql(tx)
    .db.selectFrom("ApplicationDraft as d")
    .leftJoin("Application as a", "a.draftId", "d.id")
    .select(["d.id", "d.answers", "d.locale", "d.submittedAt", "d.tokenHash", "d.referral", "a.reference"])
    .where("d.id", "=", draftId)
    .where("d.tenantId", "=", council.id)
    .where("d.referrerUserId", "=", actor.user.userId)
    .where("d.organisationId", "=", actor.organisationId)
    .where("d.expiresAt", ">", q<Date>`now()`);
  if (lock) query = query.forUpdate("d");
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    answers: openAnswers(row.answers),
    locale: row.locale,
    submittedAt: row.submittedAt,
    reference: row.reference ?? null,
    tokenHash: row.tokenHash,
    section: (row.referral as TSectionRaw | null) ?? null,
  };
}

export async function readReferralDraft(council: { id: string }, actor: TReferrerActor, draftId: string): Promise<TReferralDraft | null> {
  return withTenant(council.id, (tx) => findReferralDraft(tx, council, actor, draftId), actor.user.userId);
}

/** A new empty draft for one family; its id is what the referrer's pages name. */
export async function startReferralDraft(council: { id: string }, actor: TReferrerActor): Promise<string> {
  if (!actor.organisationId) throw new Error("startReferralDraft: a referrer without an organisation");
  const { hash } = newToken();
  return withTenant(
    council.id,
    async (tx) => {
      const draft = await tx.applicationDraft.create({
        data: { tenantId: council.id, tokenHash: hash, answers: {}, locale: "en", schemaVersion: SCHEMA_VERSION, expiresAt: expiry(), referrerUserId: actor.user.userId, organisationId: actor.organisationId },
        select: { id: true },
      });
      return draft.id;
    },
    actor.user.userId,
  );
}

/** The member's drafts not yet sent, newest first, with the resident's name once given. */
export async function listReferralDrafts(council: { id: string }, actor: TReferrerActor): Promise<TDraftListItem[]> {
  if (!actor.organisationId) return [];
  const rows = await withTenant(
    council.id,
    (tx) =>
      prismaSql(tx)
        .db.selectFrom("ApplicationDraft")
        .select(["id", "updatedAt", q<string | null>`answers -> 'full-name' ->> 'fullName'`.as("name")])
        .where("tenantId", "=", council.id)
        .where("referrerUserId", "=", actor.user.userId)
        .where("organisationId", "=", actor.organisationId!)
        .where("submittedAt", "is", null)
        .where("expiresAt", ">", q<Date>`now()`)
        .orderBy("updatedAt", "desc")
        .limit(100)
        .execute(),
    actor.user.userId,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, updatedAt: new Date(r.updatedAt) }));
}

/** Saves one (already validated) page of the application to the member's draft. null: not theirs, sent or expired. */
export async function saveReferralAnswer(council: { id: string }, actor: TReferrerActor, draftId: string, step: TStepId, raw: Record<string, string>): Promise<TReferralDraft | null> {
  const draft = await readReferralDraft(council, actor, draftId);
  if (!draft || draft.submittedAt) return null;
  await saveDraftAnswer(council, draft.tokenHash, step, raw, "en");
  return readReferralDraft(council, actor, draftId);
}

/** Saves the referrer section's answers as typed (validated by the page's form schema). */
export async function saveReferrerSection(council: { id: string }, actor: TReferrerActor, draftId: string, raw: TSectionRaw): Promise<boolean> {
  if (!isId(draftId) || !actor.organisationId) return false;
  const rows = await withTenant(
    council.id,
    (tx) =>
      prismaSql(tx)
        .db.updateTable("ApplicationDraft")
        .set({ referral: q`${JSON.stringify(raw)}::jsonb`, expiresAt: expiry(), updatedAt: q<Date>`now()` })
        .where("id", "=", draftId)
        .where("tenantId", "=", council.id)
        .where("referrerUserId", "=", actor.user.userId)
        .where("organisationId", "=", actor.organisationId!)
        .where("submittedAt", "is", null)
        .where("expiresAt", ">", q<Date>`now()`)
        .returning("id")
        .execute(),
    actor.user.userId,
  );
  return rows.length > 0;
}

export type TSendReferralResult =
  | { outcome: "sent"; reference: string; caseId: string }
  | { outcome: "already-sent"; reference: string; caseId: string | null }
  | { outcome: "incomplete" }
  | { outcome: "refused"; issues: { path: PropertyKey[]; message: string }[] }
  | { outcome: "no-draft" };

/**
 * Sends the member's draft as a referral, exactly once however often it is pressed: the draft
 * row is locked, (tenantId, draftId) is unique, and recordReferral writes it through the one
 * writer with channel REFERRAL_PORTAL.
 */
export async function sendReferralDraft(council: TCouncil, actor: TReferrerActor, draftId: string, ip: string | null): Promise<TSendReferralResult> {
  return withTenant(
    council.id,
    async (tx) => {
      const draft = await findReferralDraft(tx, council, actor, draftId, { lock: true });
      if (!draft) return { outcome: "no-draft" } as const;
      const existing = await tx.application.findUnique({ where: { tenantId_draftId: { tenantId: council.id, draftId: draft.id } }, select: { reference: true, case: { select: { id: true } } } });
      if (existing) return { outcome: "already-sent", reference: existing.reference, caseId: existing.case?.id ?? null } as const;
      const section = draft.section ? sectionFromForm(draft.section) : null;
      if (!section) return { outcome: "incomplete" } as const;
      const result: TRecordResult = await recordReferral(tx, council, actor, {
        application: assemble(parseAnswers(draft.answers), true),
        referrer: section,
        channel: "REFERRAL_PORTAL",
        organisationId: actor.organisationId!,
        draftId: draft.id,
        ip,
      });
      if (result.outcome === "invalid") {
        const own = result.issues.filter((i) => typeof i.message === "string" && i.message.startsWith("referrals."));
        return own.length ? ({ outcome: "refused", issues: own } as const) : ({ outcome: "incomplete" } as const);
      }
      await tx.applicationDraft.update({ where: { id: draft.id }, data: { submittedAt: new Date() } });
      const c = await tx.case.findUniqueOrThrow({ where: { tenantId_applicationId: { tenantId: council.id, applicationId: result.id } }, select: { id: true } });
      await recordAudit(tx, {
        tenantId: council.id,
        actor,
        action: "referral.submitted",
        entityType: "Case",
        entityId: c.id,
        summary: `Referral ${result.reference} from the partner portal`,
        metadata: { reference: result.reference, organisationId: actor.organisationId, fastTrack: section.fastTrack },
        ip,
      });
      return { outcome: "sent", reference: result.reference, caseId: c.id } as const;
    },
    actor.user.userId,
  );
}
