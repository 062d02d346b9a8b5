import "server-only";
// A referral is the canonical application (lib/applications/schemas.ts) plus the referrer
// section below; both channels (the partner portal and the partner API) record it here and only
// here, through the one writer of applications (recordApplication, lib/intake). This file is the
// contract the portal and the API share (issue 17): the section's schema and recordReferral().
//
// Refusals (nothing is written, result "invalid" with the reason):
// - the canonical application or the section fails its schema (paths under "application" / "referrer");
// - the resident's postcode is outside the council (the resident journey's own test, postcodeInAreas);
// - the organisation is not this council's, or is deactivated;
// - a referrer who is not an active member of that organisation;
// - a fast-track from a member whose training is missing or expired (trained = trainingExpiresOn
//   >= today in London). For the API there is no person: an API client may fast-track only while
//   its organisation has at least one active member whose training is current (the organisation
//   is then a trained service; with no trained member left, its systems cannot fast-track either).
import { sql as q } from "kysely";
import { z } from "zod";
import type { TApiClientActor, TReferrerActor } from "@/lib/actor";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { zLine, zText } from "@/lib/forms/text";
import { isLocale } from "@/lib/i18n";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { postcodeInAreas } from "@/lib/applications/formats";
import { ZApplication } from "@/lib/applications/schemas";
import { recordApplication, type TRecordResult } from "@/lib/intake/record-application";
import type { TCouncil } from "@/lib/tenancy/queries";
import { CONSENT_METHODS } from "@/lib/referrals/section-form";

/** How the resident's consent to the referral was obtained (one list, the portal's form's too). */
export { CONSENT_METHODS };
export type TConsentMethod = (typeof CONSENT_METHODS)[number];

/** Message keys of the refusals (messages/en/referrals.json, errors.referrals). */
export const REFERRAL_ERRORS = {
  consentInFuture: "referrals.consentInFuture",
  outsideArea: "referrals.outsideArea",
  notMember: "referrals.notMember",
  organisationInactive: "referrals.organisationInactive",
  untrainedFastTrack: "referrals.untrainedFastTrack",
} as const;

/** The referrer section: who refers and why, the resident's consent, what was tried, fast-track. */
export const ZReferrerSection = z.strictObject({
  /** The referrer's role, e.g. "Health visitor". */
  role: zLine().trim().min(1).max(100),
  /** The referrer's relationship to the resident, e.g. "Health visitor to the family since May". */
  relationship: zLine().trim().min(1).max(200),
  consentMethod: z.enum(CONSENT_METHODS),
  /** The day consent was given (YYYY-MM-DD, London), not in the future. */
  consentDate: z.iso.date().refine((d) => d <= londonIsoDate(new Date()), REFERRAL_ERRORS.consentInFuture),
  /** What has already been tried (other funds, benefits checks, food bank…). */
  alreadyTried: zText().trim().max(2000),
  fastTrack: z.boolean(),
});
export type TReferrerSection = z.infer<typeof ZReferrerSection>;

export type TReferralChannel = "REFERRAL_PORTAL" | "REFERRAL_API";

export type TReferralInput = {
  application: unknown;
  referrer: unknown;
  channel: TReferralChannel;
  organisationId: string;
  /** The referrer's draft (portal: one application per draft, so submitting twice records once); null for the API. */
  draftId: string | null;
  /** The language to write to the resident in (default English). */
  locale?: string;
  ip?: string | null;
};

type TIssue = { path: PropertyKey[]; message: string };
const refused = (path: PropertyKey[], message: string): TRecordResult => ({ outcome: "invalid", issues: [{ path, message }] });

/** Whether the organisation exists in this council and is active, and whether the actor may fast-track for it. */
async function standing(tx: Tx, council: TCouncil, actor: TReferrerActor | TApiClientActor, organisationId: string) {
  const db = prismaSql(tx).db;
  const org = await db.selectFrom("Organisation").select(["id", "active"]).where("tenantId", "=", council.id).where("id", "=", organisationId).executeTakeFirst();
  if (!org) return { member: false, active: false, trained: false } as const;
  const today = londonIsoDate(new Date());
  let members = db
    .selectFrom("Membership")
    .select(q<boolean>`coalesce(bool_or("trainingExpiresOn" >= ${today}::date), false)`.as("trained"))
    .select(q<number>`count(*)::int`.as("n"))
    .where("tenantId", "=", council.id)
    .where("organisationId", "=", organisationId)
    .where("role", "=", "REFERRER")
    .where("status", "=", "ACTIVE");
  if (actor.kind === "referrer") members = members.where("userId", "=", actor.user.userId);
  const row = await members.executeTakeFirstOrThrow();
  return { member: actor.kind === "api-client" || row.n > 0, active: org.active, trained: row.trained } as const;
}

/**
 * Records a referral: validates the referrer section and the canonical application, applies the
 * refusals above, then writes the application and its case with recordApplication (channel,
 * organisation, fast-track priority reason, Application.referral, and for the portal the
 * referrer as Application.referrerUserId and Case.referrerUserId). Same result shape as
 * recordApplication; issue paths start with "application" or "referrer". Runs in the caller's
 * transaction (council in scope).
 */
export async function recordReferral(tx: Tx, council: TCouncil, actor: TReferrerActor | TApiClientActor, input: TReferralInput): Promise<TRecordResult> {
  if (actor.council.id !== council.id) throw new Error("recordReferral: the actor acts in another council");
  if (actor.kind === "referrer" && actor.organisationId !== input.organisationId) return refused(["organisationId"], REFERRAL_ERRORS.notMember);

  const issues: TIssue[] = [];
  const section = ZReferrerSection.safeParse(input.referrer);
  if (!section.success) issues.push(...section.error.issues.map((i) => ({ path: ["referrer", ...i.path], message: i.message })));
  const application = ZApplication.safeParse(input.application);
  if (!application.success) issues.push(...application.error.issues.map((i) => ({ path: ["application", ...i.path], message: i.message })));
  else if (!postcodeInAreas(application.data.address.postcode, council.postcodeAreas))
    issues.push({ path: ["application", "address", "postcode"], message: REFERRAL_ERRORS.outsideArea });
  if (!section.success || !application.success || issues.length) return { outcome: "invalid", issues };

  const who = await standing(tx, council, actor, input.organisationId);
  if (!who.member) return refused(["organisationId"], REFERRAL_ERRORS.notMember);
  if (!who.active) return refused(["organisationId"], REFERRAL_ERRORS.organisationInactive);
  if (section.data.fastTrack && !who.trained) return refused(["referrer", "fastTrack"], REFERRAL_ERRORS.untrainedFastTrack);

  const referrerUserId = actor.kind === "referrer" ? actor.user.userId : null;
  return recordApplication(tx, council, application.data, {
    channel: input.channel,
    draftId: input.draftId,
    locale: input.locale ?? (isLocale(application.data.aboutYou.preferredLanguage) ? application.data.aboutYou.preferredLanguage : "en"),
    actor,
    ip: input.ip ?? null,
    organisationId: input.organisationId,
    fastTrack: section.data.fastTrack,
    referral: section.data,
    referrerUserId,
  });
}
