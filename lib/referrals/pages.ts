import "server-only";
// What the referrer's journey pages need before rendering: the signed-in member (a referrer of
// an organisation in the council in the URL), the English words, the member's own draft and the
// resident journey's verdict. The step pages are the resident's own (lib/applications/pages.ts
// stepCopy, components/applications/step-form.tsx); only the paths and the owner differ.
import { notFound, redirect } from "next/navigation";
import type { TReferrerActor } from "@/lib/actor";
import { memberActor } from "@/lib/actor";
import { requireCouncilPermission, type TCouncilAccess } from "@/lib/auth/access";
import type { Permission } from "@/lib/auth/permissions";
import { canVisit, firstIncomplete, previousStep, type TDestination } from "@/lib/applications/journey";
import type { TApplyContext } from "@/lib/applications/pages";
import { parseAnswers } from "@/lib/applications/steps";
import { getMessages } from "@/lib/i18n/server";
import { readReferralDraft, type TReferralDraft } from "@/lib/referrals/drafts";

/** The referrer's pages after the application's own: the referrer section, then check and send. */
export type TReferralPage = TDestination | "referrer" | "check";

export const referralsPath = (slug: string) => `/${slug}/partner/referrals`;
export const referralPath = (slug: string, caseId: string) => `/${slug}/partner/referrals/${caseId}`;
export const draftPath = (slug: string, draftId: string, page: TReferralPage, change = false) =>
  `/${slug}/partner/referrals/drafts/${draftId}/${page === "check-answers" ? "check" : page}${change ? "?change=1" : ""}`;

/** The signed-in referrer of the council in the URL, as an actor (403 for staff; the sign-in page when signed out). */
export async function requireReferrer(slug: string, permission: Permission = "referrals:read-own"): Promise<{ access: TCouncilAccess; actor: TReferrerActor }> {
  const access = await requireCouncilPermission(slug, permission, `/${slug}/partner/sign-in`);
  const actor = memberActor({ council: access.council, user: access.user, roles: access.roles, organisationId: access.organisationId });
  if (actor.kind !== "referrer" || !actor.organisationId) notFound();
  return { access, actor };
}

export type TReferralContext = TApplyContext & { actor: TReferrerActor; draft: TReferralDraft };

/** Guards a page of a referral draft: the member's own, not sent, and no skipping ahead. */
export async function guardReferralPage(slug: string, draftId: string, page: TReferralPage): Promise<TReferralContext> {
  const { access, actor } = await requireReferrer(slug, "referrals:submit");
  const draft = await readReferralDraft(access.council, actor, draftId);
  if (!draft) notFound();
  if (draft.submittedAt) redirect(referralsPath(slug));
  const { m, locale } = await getMessages(access.council);
  const answers = parseAnswers(draft.answers);
  const journey = { postcodeAreas: access.council.postcodeAreas };
  const first = firstIncomplete(answers, journey);
  const target = page === "referrer" || page === "check" ? "check-answers" : page;
  if (!canVisit(target, answers, journey)) redirect(draftPath(slug, draftId, first));
  if (page === "check" && !draft.section) redirect(draftPath(slug, draftId, "referrer"));
  return { council: access.council, m, locale, draft, answers, journey, actor };
}

/** Where "Back" goes from a page of the referral. */
export function referralBackHref(ctx: TReferralContext, page: TReferralPage, change: boolean): string {
  const slug = ctx.council.slug;
  if (change) return draftPath(slug, ctx.draft.id, "check");
  if (page === "check") return draftPath(slug, ctx.draft.id, "referrer");
  const prev = previousStep(page === "referrer" ? "check-answers" : page, ctx.answers, ctx.journey);
  return prev ? draftPath(slug, ctx.draft.id, prev) : `${referralsPath(slug)}/new`;
}

/** After the application's pages: the referrer section until it is saved, then check and send. */
export function afterApplication(slug: string, draft: TReferralDraft, next: TDestination, change: boolean): string {
  if (next !== "check-answers") return draftPath(slug, draft.id, next, change);
  return draftPath(slug, draft.id, draft.section ? "check" : "referrer");
}
