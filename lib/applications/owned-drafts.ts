import "server-only";
// Drafts owned by a signed-in person instead of a resident's cookie: a referrer's (the referral
// portal, lib/referrals/drafts.ts) and an officer's (assisted applications, lib/assisted/drafts.ts).
// They are the resident's own draft rows (ApplicationDraft: the same answers, pages and journey);
// one person keeps several at once, and each is found by its id AND its owner in the council in
// scope, so another owner's or council's draft id reads as not found. Answers are saved by the
// resident journey's own writer (saveDraftAnswer), given the draft's token hash, which never
// leaves the server. Who may own a draft (a trained referrer of an organisation, an officer with
// cases:work) and what is kept beside the answers is the caller's.
import { sql as q } from "kysely";
import { saveDraftAnswer, openAnswers, DRAFT_TTL_DAYS, type TDraft } from "@/lib/applications/drafts";
import { SCHEMA_VERSION } from "@/lib/applications/schemas";
import type { TStepId } from "@/lib/applications/steps";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { withTenant } from "@/lib/db/tenant-scope";
import { newToken } from "@/lib/security/crypto";
import type { TApplicationChannel } from "@/lib/vocabulary";

/** Whose draft: an officer's, or a referrer's within their organisation. */
export type TDraftOwner = { officerUserId: string } | { referrerUserId: string; organisationId: string };

/** The draft with what an owner's journey keeps beside the answers (the officer's channel, the referrer section). */
export type TOwnedDraft = TDraft & { tokenHash: string; officerChannel: TApplicationChannel | null; referral: unknown };
export type TOwnedDraftListItem = { id: string; name: string | null; officerChannel: TApplicationChannel | null; updatedAt: Date };

export const isDraftId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);
export const ownedDraftExpiry = () => new Date(Date.now() + DRAFT_TTL_DAYS * 24 * 3600 * 1000);
/** The person whose scope the owner's transactions run in. */
export const ownerUserId = (owner: TDraftOwner) => ("officerUserId" in owner ? owner.officerUserId : owner.referrerUserId);

/** The owner's draft in this council (unexpired), or null: never another owner's. */
export async function findOwnedDraft(tx: Tx, council: { id: string }, owner: TDraftOwner, draftId: string, { lock = false } = {}): Promise<TOwnedDraft | null> {
  if (!isDraftId(draftId)) return null;
  let query = prismaSql(tx)
    .db.selectFrom("ApplicationDraft as d")
    .leftJoin("Application as a", "a.draftId", "d.id")
    .select(["d.id", "d.answers", "d.locale", "d.submittedAt", "d.tokenHash", "d.officerChannel", "d.referral", "a.reference"])
    .where("d.id", "=", draftId)
    .where("d.tenantId", "=", council.id)
    .where("d.expiresAt", ">", q<Date>`now()`);
  query = "officerUserId" in owner ? query.where("d.officerUserId", "=", owner.officerUserId) : query.where("d.referrerUserId", "=", owner.referrerUserId).where("d.organisationId", "=", owner.organisationId);
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
    officerChannel: row.officerChannel,
    referral: row.referral ?? null,
  };
}

export async function readOwnedDraft(council: { id: string }, owner: TDraftOwner, draftId: string): Promise<TOwnedDraft | null> {
  return withTenant(council.id, (tx) => findOwnedDraft(tx, council, owner, draftId), ownerUserId(owner));
}

/** A new empty draft for one resident; its id is what the owner's pages name. */
export async function startOwnedDraft(council: { id: string }, owner: TDraftOwner, officerChannel?: TApplicationChannel): Promise<string> {
  const { hash } = newToken();
  return withTenant(
    council.id,
    async (tx) => {
      const draft = await tx.applicationDraft.create({
        data: { tenantId: council.id, tokenHash: hash, answers: {}, locale: "en", schemaVersion: SCHEMA_VERSION, expiresAt: ownedDraftExpiry(), ...owner, ...(officerChannel ? { officerChannel } : {}) },
        select: { id: true },
      });
      return draft.id;
    },
    ownerUserId(owner),
  );
}

/** The owner's drafts not yet sent, newest first, with the resident's name once given. */
export async function listOwnedDrafts(council: { id: string }, owner: TDraftOwner): Promise<TOwnedDraftListItem[]> {
  const rows = await withTenant(
    council.id,
    (tx) => {
      let query = prismaSql(tx)
        .db.selectFrom("ApplicationDraft as d")
        .select(["d.id", "d.updatedAt", "d.officerChannel", q<string | null>`d.answers -> 'full-name' ->> 'fullName'`.as("name")])
        .where("d.tenantId", "=", council.id)
        .where("d.submittedAt", "is", null)
        .where("d.expiresAt", ">", q<Date>`now()`);
      query = "officerUserId" in owner ? query.where("d.officerUserId", "=", owner.officerUserId) : query.where("d.referrerUserId", "=", owner.referrerUserId).where("d.organisationId", "=", owner.organisationId);
      return query.orderBy("d.updatedAt", "desc").limit(100).execute();
    },
    ownerUserId(owner),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, officerChannel: r.officerChannel, updatedAt: new Date(r.updatedAt) }));
}

/**
 * Saves one (already validated) page of the application to the owner's draft, read by the
 * caller's own reader (which also checks who may own it). null: not theirs, sent or expired.
 */
export async function saveOwnedAnswer<D extends TDraft & { tokenHash: string }>(council: { id: string }, read: () => Promise<D | null>, step: TStepId, raw: Record<string, string>): Promise<D | null> {
  const draft = await read();
  if (!draft || draft.submittedAt) return null;
  await saveDraftAnswer(council, draft.tokenHash, step, raw, "en");
  return read();
}
