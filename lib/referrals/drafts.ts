import "server-only";
// A referrer's drafts: the resident's own draft rows owned by the member and their organisation
// instead of a cookie (lib/applications/owned-drafts.ts, as an officer's assisted drafts), one per
// family, so another member's, organisation's or council's draft id reads as not found. The
// referrer section's answers are kept as typed (ApplicationDraft.referral) and checked when the
// referral is sent.
import { sql as q } from "kysely";
import type { TReferrerActor } from "@/lib/actor";
import type { TDraft } from "@/lib/applications/drafts";
import { findOwnedDraft, isDraftId, listOwnedDrafts, ownedDraftExpiry, saveOwnedAnswer, startOwnedDraft, type TDraftOwner } from "@/lib/applications/owned-drafts";
import { assemble } from "@/lib/applications/schemas";
import { parseAnswers, type TStepId } from "@/lib/applications/steps";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { withTenant } from "@/lib/db/tenant-scope";
import { recordReferral } from "@/lib/referrals/referral";
import { sectionFromForm, type TSectionRaw } from "@/lib/referrals/section-form";
import type { TRecordResult } from "@/lib/intake/record-application";
import type { TCouncil } from "@/lib/tenancy/queries";

export type TReferralDraft = TDraft & { tokenHash: string; section: TSectionRaw | null };
export type TDraftListItem = { id: string; name: string | null; updatedAt: Date };

/** The member's drafts are theirs within their organisation. */
const ownerOf = (actor: TReferrerActor): TDraftOwner | null => (actor.organisationId ? { referrerUserId: actor.user.userId, organisationId: actor.organisationId } : null);

/** The member's own draft in this council (unexpired), or null: never another member's. */
export async function findReferralDraft(tx: Tx, council: { id: string }, actor: TReferrerActor, draftId: string, { lock = false } = {}): Promise<TReferralDraft | null> {
  const owner = ownerOf(actor);
  const draft = owner && (await findOwnedDraft(tx, council, owner, draftId, { lock }));
  if (!draft) return null;
  const { id, answers, locale, submittedAt, reference, tokenHash, referral } = draft;
  return { id, answers, locale, submittedAt, reference, tokenHash, section: (referral as TSectionRaw | null) ?? null };
}

export async function readReferralDraft(council: { id: string }, actor: TReferrerActor, draftId: string): Promise<TReferralDraft | null> {
  return withTenant(council.id, (tx) => findReferralDraft(tx, council, actor, draftId), actor.user.userId);
}

/** A new empty draft for one family; its id is what the referrer's pages name. */
export async function startReferralDraft(council: { id: string }, actor: TReferrerActor): Promise<string> {
  const owner = ownerOf(actor);
  if (!owner) throw new Error("startReferralDraft: a referrer without an organisation");
  return startOwnedDraft(council, owner);
}

/** The member's drafts not yet sent, newest first, with the resident's name once given. */
export async function listReferralDrafts(council: { id: string }, actor: TReferrerActor): Promise<TDraftListItem[]> {
  const owner = ownerOf(actor);
  if (!owner) return [];
  return (await listOwnedDrafts(council, owner)).map(({ id, name, updatedAt }) => ({ id, name, updatedAt }));
}

/** Saves one (already validated) page of the application to the member's draft. null: not theirs, sent or expired. */
export async function saveReferralAnswer(council: { id: string }, actor: TReferrerActor, draftId: string, step: TStepId, raw: Record<string, string>): Promise<TReferralDraft | null> {
  return saveOwnedAnswer(council, () => readReferralDraft(council, actor, draftId), step, raw);
}

/** Saves the referrer section's answers as typed (validated by the page's form schema). */
export async function saveReferrerSection(council: { id: string }, actor: TReferrerActor, draftId: string, raw: TSectionRaw): Promise<boolean> {
  if (!isDraftId(draftId) || !actor.organisationId) return false;
  const rows = await withTenant(
    council.id,
    (tx) =>
      prismaSql(tx)
        .db.updateTable("ApplicationDraft")
        .set({ referral: q`${JSON.stringify(raw)}::jsonb`, expiresAt: ownedDraftExpiry(), updatedAt: q<Date>`now()` })
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
