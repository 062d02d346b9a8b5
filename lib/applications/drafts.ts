import "server-only";
import { cookies } from "next/headers";
import { secureCookie } from "@/lib/auth/cookies";
import { sql as q } from "kysely";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { withTenant } from "@/lib/db/tenant-scope";
import { Prisma } from "@/lib/generated/prisma/client";
import { SCHEMA_VERSION } from "@/lib/applications/schemas";
import { SENSITIVE_STEPS, STEP_IDS, type TRawAnswers, type TStepId } from "@/lib/applications/steps";
import type { TLocale } from "@/lib/i18n";
import { decryptSecret, encryptSecret, hashToken, newToken } from "@/lib/security/crypto";

// A resident's draft is found only through the random token in their cookie (never an id
// from a form or URL). One cookie per council, so applying to two councils does not mix drafts.
// Answers are written with a single JSONB merge, so two tabs saving different pages both keep.

export const DRAFT_TTL_DAYS = 30;

export function draftCookieName(councilSlug: string): string {
  return `__Host-moneyhub.apply-${councilSlug}`;
}

export type TDraft = { id: string; answers: TRawAnswers; locale: string; submittedAt: Date | null; reference: string | null };

/** Stored form → answers: sealed pages (bank details) are opened; anything unknown is dropped. */
export function openAnswers(stored: unknown): TRawAnswers {
  const out: TRawAnswers = {};
  if (!stored || typeof stored !== "object") return out;
  for (const id of STEP_IDS) {
    const value = (stored as Record<string, unknown>)[id];
    if (!value || typeof value !== "object") continue;
    if (SENSITIVE_STEPS.includes(id)) {
      const sealed = (value as { sealed?: unknown }).sealed;
      if (typeof sealed === "string") out[id] = JSON.parse(decryptSecret(sealed)) as Record<string, string>;
    } else {
      out[id] = value as Record<string, string>;
    }
  }
  return out;
}

function sealAnswer(step: TStepId, raw: Record<string, string>): Prisma.InputJsonValue {
  return SENSITIVE_STEPS.includes(step) ? { sealed: encryptSecret(JSON.stringify(raw)) } : raw;
}

export async function draftTokenHash(councilSlug: string): Promise<string | null> {
  const token = (await cookies()).get(draftCookieName(councilSlug))?.value;
  return token && token.length <= 100 ? hashToken(token) : null;
}

export async function findDraftByTokenHash(tx: Tx, tenantId: string, tokenHash: string): Promise<TDraft | null> {
  const row = await tx.applicationDraft.findFirst({
    where: { tokenHash, tenantId, expiresAt: { gt: new Date() } },
    select: { id: true, answers: true, locale: true, submittedAt: true, application: { select: { reference: true } } },
  });
  if (!row) return null;
  return { id: row.id, answers: openAnswers(row.answers), locale: row.locale, submittedAt: row.submittedAt, reference: row.application?.reference ?? null };
}

/** The resident's current draft in this council, or null (no cookie, expired, or another council's). */
export async function readDraft(council: { id: string; slug: string }): Promise<TDraft | null> {
  const hash = await draftTokenHash(council.slug);
  if (!hash) return null;
  return withTenant(council.id, (tx) => findDraftByTokenHash(tx, council.id, hash));
}

export async function setDraftCookie(councilSlug: string, token: string): Promise<void> {
  // A session cookie: on a shared computer the draft is not reachable after the browser closes
  // (the resident can ask for a link to continue instead).
  (await cookies()).set(draftCookieName(councilSlug), token, secureCookie);
}

export async function clearDraftCookie(councilSlug: string): Promise<void> {
  (await cookies()).delete(draftCookieName(councilSlug));
}

function expiry(): Date {
  return new Date(Date.now() + DRAFT_TTL_DAYS * 24 * 3600 * 1000);
}

/**
 * Saves one page's (already validated) answer to the draft the token hash names, creating a
 * draft when there is none (or it was sent or has expired). Returns the draft after the save and,
 * for a new draft, the token for the resident's cookie.
 */
export async function saveDraftAnswer(
  council: { id: string },
  tokenHash: string | null,
  step: TStepId,
  raw: Record<string, string>,
  locale: TLocale,
): Promise<{ draft: TDraft; token: string | null }> {
  const value = sealAnswer(step, raw);
  return withTenant(council.id, async (tx) => {
    if (tokenHash) {
      // One JSONB merge: two tabs saving different pages both keep theirs.
      const rows = await prismaSql(tx)
        .db.updateTable("ApplicationDraft")
        .set({ answers: q`answers || jsonb_build_object(${step}::text, ${JSON.stringify(value)}::jsonb)`, locale, expiresAt: expiry(), updatedAt: q<Date>`now()` })
        .where("tokenHash", "=", tokenHash)
        .where("tenantId", "=", council.id)
        .where("expiresAt", ">", q<Date>`now()`)
        .where("submittedAt", "is", null)
        .returning("id")
        .execute();
      if (rows.length) return { draft: (await findDraftByTokenHash(tx, council.id, tokenHash))!, token: null };
    }
    const { token, hash } = newToken();
    await tx.applicationDraft.create({
      data: { tenantId: council.id, tokenHash: hash, answers: { [step]: value }, locale, schemaVersion: SCHEMA_VERSION, expiresAt: expiry() },
    });
    return { draft: (await findDraftByTokenHash(tx, council.id, hash))!, token };
  });
}

/** saveDraftAnswer for the resident of this request: their cookie's draft, and a cookie for a new one. */
export async function saveAnswer(council: { id: string; slug: string }, step: TStepId, raw: Record<string, string>, locale: TLocale): Promise<TDraft> {
  const saved = await saveDraftAnswer(council, await draftTokenHash(council.slug), step, raw, locale);
  if (saved.token) await setDraftCookie(council.slug, saved.token);
  return saved.draft;
}
