import "server-only";
import { notFound, redirect } from "next/navigation";
import { lookupAddresses } from "@/lib/applications/address-lookup";
import { readDraft, type TDraft } from "@/lib/applications/drafts";
import { canVisit, firstIncomplete, previousStep, type TDestination, type TJourneyContext } from "@/lib/applications/journey";
import { parseAnswers, STEPS, type TStepId, type TStepOutputs } from "@/lib/applications/steps";
import type { TFieldCopy, TStepWords } from "@/lib/forms/field-types";
import { format, type TLocale } from "@/lib/i18n";
import type { TMessages } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";

// What the resident pages need before rendering: the council, the words, the draft, and the
// journey's verdict (a page that cannot be visited yet redirects to the first unanswered one).

export type TApplyContext = { council: TCouncil; m: TMessages; locale: TLocale; draft: TDraft | null; answers: TStepOutputs; journey: TJourneyContext };

export const applyPath = (slug: string, page: string, change = false) => `/${slug}/apply/${page}${change ? "?change=1" : ""}`;

export async function loadApplyContext(slug: string): Promise<TApplyContext> {
  const council = await findCouncilBySlug(slug);
  if (!council) notFound();
  const { m, locale } = await getMessages(council);
  const draft = await readDraft(council);
  return { council, m, locale, draft, answers: parseAnswers(draft?.answers ?? {}), journey: { postcodeAreas: council.postcodeAreas } };
}

/** Guards every journey page: open route, draft not yet sent, no skipping ahead. */
export async function guardJourneyPage(slug: string, page: TDestination): Promise<TApplyContext> {
  const ctx = await loadApplyContext(slug);
  if (ctx.council.settings.applicationRoute !== "open") redirect(`/${slug}/apply`);
  if (ctx.draft?.submittedAt) redirect(applyPath(slug, "confirmation"));
  if (!canVisit(page, ctx.answers, ctx.journey)) redirect(applyPath(slug, firstIncomplete(ctx.answers, ctx.journey)));
  return ctx;
}

export function stepWords(m: TMessages): TStepWords {
  const c = m.common;
  return { continue: c.continue, thereIsAProblem: c.thereIsAProblem, errorPrefix: c.errorPrefix, optional: c.optional, or: c.or, day: c.day, month: c.month, year: c.year, pounds: c.pounds };
}

export function backHref(ctx: TApplyContext, page: TDestination, change: boolean): string {
  if (change) return applyPath(ctx.council.slug, "check-answers");
  const prev = previousStep(page, ctx.answers, ctx.journey);
  return prev ? applyPath(ctx.council.slug, prev) : `/${ctx.council.slug}/apply`;
}

type TStepCopy = { title: string; intro?: string; noResults?: string; fields: Record<string, { label: string; hint?: string; options?: Record<string, string>; optionHints?: Record<string, string> }> };

/** The page's words, with the address options from the postcode lookup. */
export function stepCopy(ctx: TApplyContext, step: TStepId): { title: string; intro?: string; fields: TFieldCopy[]; oneQuestion: boolean } {
  const copy = ctx.m.steps[step] as TStepCopy;
  const postcode = ctx.answers.postcode?.postcode ?? "";
  const fields = STEPS[step].fields.map((def): TFieldCopy => {
    const f = copy.fields[def.name]!;
    let options: TFieldCopy["options"] = f.options ? Object.entries(f.options).map(([value, label]) => ({ value, label, hint: f.optionHints?.[value] || undefined })) : undefined;
    if (def.kind === "address") {
      const found = lookupAddresses(postcode).map((a) => ({ value: a.id, label: [a.line1, a.line2, a.town].filter(Boolean).join(", ") }));
      options = [...found, ...(options ?? [])];
    }
    return { name: def.name, label: f.label, hint: f.hint ? format(f.hint, { postcode }) : undefined, options };
  });
  const noResults = step === "address" && lookupAddresses(postcode).length === 0 ? format(copy.noResults ?? "", { postcode }) : undefined;
  return { title: copy.title, intro: noResults ?? copy.intro, fields, oneQuestion: STEPS[step].fields.length === 1 };
}
