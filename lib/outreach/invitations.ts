import "server-only";
// The resident's side of an invitation: the personal link opens a landing page (in the
// household's language) whose button spends it, once: a draft application is made, owned by that
// link (its cookie goes to this browser), pre-filled with what the council holds (name, date of
// birth, contact, language, address), each answer checked by the application's own page schema
// so nothing the journey would refuse is put in. The resident checks and changes them, answers
// the rest and gives consent as anyone applying online does; the application is recorded with the
// channel PROACTIVE_INVITATION (lib/intake/submit-application.ts reads the draft's invitationId).
import { randomUUID } from "node:crypto";
import { sql as q } from "kysely";
import { DRAFT_TTL_DAYS } from "@/lib/applications/drafts";
import { SCHEMA_VERSION } from "@/lib/applications/schemas";
import { STEPS, type TRawAnswers, type TStepId } from "@/lib/applications/steps";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { hashToken, newToken } from "@/lib/security/crypto";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { residentActor } from "@/lib/actor";

export const isInvitationToken = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

export type THeldDetails = {
  fullName: string;
  dateOfBirth: string;
  email: string | null;
  mobile: string | null;
  locale: string;
  postcode: string;
  line1: string;
  line2: string | null;
  town: string | null;
};

/** What the council holds, as the application's pages would have saved it; an answer its page would refuse is left out. */
export function prefilledAnswers(h: THeldDetails): TRawAnswers {
  const [year, month, day] = h.dateOfBirth.split("-");
  const candidates: Partial<Record<TStepId, Record<string, string>>> = {
    "full-name": { fullName: h.fullName },
    "date-of-birth": { "dateOfBirth-day": String(Number(day)), "dateOfBirth-month": String(Number(month)), "dateOfBirth-year": year ?? "" },
    ...(h.email || h.mobile ? { contact: { email: h.email ?? "", mobile: h.mobile ?? "" } } : {}),
    language: { preferredLanguage: h.locale },
    postcode: { postcode: h.postcode },
    ...(h.town ? { address: { address: "manual" }, "address-manual": { line1: h.line1, line2: h.line2 ?? "", town: h.town } } : {}),
  };
  const out: TRawAnswers = {};
  for (const [id, raw] of Object.entries(candidates) as [TStepId, Record<string, string>][]) if (STEPS[id].schema.safeParse(raw).success) out[id] = raw;
  // The address page's "manual" choice is only kept with its manual address.
  if (!out["address-manual"]) delete out.address;
  return out;
}

export type TLanding = { state: "open"; locale: string } | { state: "used" | "expired" | "unknown" };

/** What the landing page shows for a link (nothing is changed: mail scanners open links too). */
export async function readInvitationLanding(council: { id: string }, token: string): Promise<TLanding> {
  if (!isInvitationToken(token)) return { state: "unknown" };
  const row = await withTenantSql(council.id, (sql) =>
    sql.db.selectFrom("OutreachInvitation").select(["locale", "usedAt", "expiresAt"]).where("tokenHash", "=", hashToken(token)).where("tenantId", "=", council.id).executeTakeFirst(),
  );
  if (!row) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.expiresAt <= new Date()) return { state: "expired" };
  return { state: "open", locale: row.locale };
}

/**
 * Spends the link (the landing page's button): one pre-filled draft, its cookie token returned
 * for this browser. Of two clicks at once only one spends it; a used, expired or unknown link
 * gives null.
 */
export async function openInvitation(council: { id: string }, token: string, ip: string | null = null): Promise<{ draftToken: string } | null> {
  if (!isInvitationToken(token)) return null;
  return withTenantSql(council.id, async (sql) => {
    const invitation = await sql.db
      .selectFrom("OutreachInvitation as i")
      .innerJoin("OutreachHousehold as h", "h.id", "i.householdId")
      .select(["i.id", "i.expiresAt", "i.locale", "h.fullName", q<string>`to_char(h."dateOfBirth", 'YYYY-MM-DD')`.as("dateOfBirth"), "h.email", "h.mobile", "h.postcode", "h.line1", "h.line2", "h.town"])
      .where("i.tokenHash", "=", hashToken(token))
      .where("i.tenantId", "=", council.id)
      .where("i.usedAt", "is", null)
      .where("i.expiresAt", ">", q<Date>`now()`)
      .forUpdate("i")
      .executeTakeFirst();
    if (!invitation) return null;
    const fresh = newToken();
    const draftId = randomUUID();
    const answers = prefilledAnswers(invitation);
    await sql.db
      .insertInto("ApplicationDraft")
      .values({
        id: draftId,
        tenantId: council.id,
        tokenHash: fresh.hash,
        answers: q`${JSON.stringify(answers)}::jsonb`,
        locale: invitation.locale,
        schemaVersion: SCHEMA_VERSION,
        expiresAt: new Date(Date.now() + DRAFT_TTL_DAYS * 24 * 3600 * 1000),
        invitationId: invitation.id,
        updatedAt: q<Date>`now()`,
      })
      .execute();
    const spent = await sql.db.updateTable("OutreachInvitation").set({ usedAt: q<Date>`now()`, draftId }).where("id", "=", invitation.id).where("usedAt", "is", null).executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) throw new Error("openInvitation: the invitation was spent under its lock");
    await recordAuditSql(sql, { tenantId: council.id, actor: residentActor(council), action: "outreach.invitation-opened", entityType: "OutreachInvitation", entityId: invitation.id, summary: "Opened an outreach invitation: a pre-filled draft was made", ip });
    return { draftToken: fresh.token };
  });
}
