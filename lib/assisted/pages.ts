import "server-only";
// What the officer's assisted-application pages need before rendering: the signed-in officer
// (cases:work in the council in the URL), the resident journey's English words, the officer's own
// draft and the journey's verdict. The step pages are the resident's own (lib/applications/pages.ts
// stepCopy, components/applications/step-form.tsx); only the paths and the owner differ, as for a
// referral (lib/referrals/pages.ts).
import { notFound, redirect } from "next/navigation";
import { staffActor, type TStaffActor } from "@/lib/actor";
import { requireCouncilPermission, type TCouncilAccess } from "@/lib/auth/access";
import { canVisit, firstIncomplete, previousStep, type TDestination } from "@/lib/applications/journey";
import type { TApplyContext } from "@/lib/applications/pages";
import { parseAnswers } from "@/lib/applications/steps";
import { messagesFor } from "@/lib/i18n/catalogues";
import { readAssistedDraft, type TAssistedDraft } from "@/lib/assisted/drafts";
import words from "@/messages/en/assisted.json";

/** The officer's words (messages/en/assisted.json, English only). */
export const assistedWords = words;

/** The officer's pages after the application's own: check, witness consent and send. */
export type TAssistedPage = TDestination | "check";

export const assistedHome = (slug: string) => `/${slug}/staff/apply`;
export const assistedPath = (slug: string, draftId: string, page: TAssistedPage, change = false) =>
  `/${slug}/staff/apply/${draftId}/${page === "check-answers" ? "check" : page}${change ? "?change=1" : ""}`;

/** The signed-in officer who may take applications (cases:work): 403 for a viewer or a referrer, sign-in when signed out. */
export async function requireOfficer(slug: string): Promise<{ access: TCouncilAccess; actor: TStaffActor }> {
  const access = await requireCouncilPermission(slug, "cases:work");
  if (access.roles.includes("REFERRER")) notFound();
  return { access, actor: staffActor(access) };
}

export type TAssistedContext = TApplyContext & { actor: TStaffActor; draft: TAssistedDraft };

/** Guards a page of an assisted draft: the officer's own, not sent, and no skipping ahead. */
export async function guardAssistedPage(slug: string, draftId: string, page: TAssistedPage): Promise<TAssistedContext> {
  const { access, actor } = await requireOfficer(slug);
  const draft = await readAssistedDraft(access.council, actor, draftId);
  if (!draft) notFound();
  if (draft.submittedAt) redirect(assistedHome(slug));
  // Staff pages are English: the officer reads the resident's questions in English (the resident's
  // own messages go in the language they choose on the language page).
  const m = messagesFor("en");
  const answers = parseAnswers(draft.answers);
  const journey = { postcodeAreas: access.council.postcodeAreas };
  const target = page === "check" ? "check-answers" : page;
  if (!canVisit(target, answers, journey)) redirect(assistedPath(slug, draftId, firstIncomplete(answers, journey)));
  return { council: access.council, m, locale: "en", draft, answers, journey, actor };
}

/** Where "Back" goes from a page of the assisted application. */
export function assistedBackHref(ctx: TAssistedContext, page: TAssistedPage, change: boolean): string {
  const slug = ctx.council.slug;
  if (change) return assistedPath(slug, ctx.draft.id, "check");
  const prev = previousStep(page === "check" ? "check-answers" : page, ctx.answers, ctx.journey);
  return prev ? assistedPath(slug, ctx.draft.id, prev) : assistedHome(slug);
}
