"use server";
import { redirect } from "next/navigation";
import { publicAction } from "@/lib/auth/action-client";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { canVisit, firstIncomplete, nextDestination } from "@/lib/applications/journey";
import { clearDraftCookie, draftTokenHash, readDraft, saveAnswer, setDraftCookie } from "@/lib/applications/drafts";
import { cleanFormData, localiseState } from "@/lib/applications/form-helpers";
import { replyByText } from "@/lib/applications/policy";
import { formatDateFor } from "@/lib/dates";
import { lookupStatus } from "@/lib/cases/lookup-status";
import { partlyWords } from "@/lib/cases/decision-words";
import { requestResumeLink, spendResumeLink } from "@/lib/applications/resume-links";
import { ZDeclarationForm, ZResumeLinkRequest, ZStatusLookup } from "@/lib/applications/schemas";
import { crossStepErrors, isStepId, parseAnswers, STEPS } from "@/lib/applications/steps";
import { submitApplication } from "@/lib/intake/submit-application";
import { getMessages } from "@/lib/i18n/server";
import { assertSameOrigin } from "@/lib/security/request";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

// Thin server actions for the resident pages. Each goes through publicAction (Origin check,
// council from the URL, strict Zod parse); the work is in the lib/applications services.

import { applyPath } from "@/lib/applications/pages";

/** One page of the application: validate, save to the draft, go to the page the journey picks. */
export async function saveStep(councilSlug: string, stepId: string, change: boolean, prev: TFormState, formData: FormData): Promise<TFormState> {
  const council = await findCouncilBySlug(councilSlug);
  const { m } = await getMessages(council);
  if (!council || !isStepId(stepId)) return localiseState(formError("form.expired"), m);
  if (council.settings.applicationRoute !== "open") return localiseState(formError("form.closed"), m);
  const action = publicAction({ schema: STEPS[stepId].schema, name: `apply ${stepId}` }, async (ctx, input, raw) => {
    const ctxJourney = { postcodeAreas: council.postcodeAreas };
    const draft = await readDraft(council);
    if (draft?.submittedAt) redirect(applyPath(councilSlug, "confirmation"));
    const before = parseAnswers(draft?.answers ?? {});
    // A tampered page name (bound into the form) is caught here: no skipping ahead.
    if (!canVisit(stepId, before, ctxJourney)) redirect(applyPath(councilSlug, firstIncomplete(before, ctxJourney)));
    const crossErrors = crossStepErrors(stepId, { ...before, [stepId]: input });
    if (crossErrors.length) return { errors: crossErrors, values: raw };
    const { locale } = await getMessages(council);
    const saved = await saveAnswer(council, stepId, raw, locale);
    const next = nextDestination(stepId, parseAnswers(saved.answers), ctxJourney, { change });
    // A change that opened a new question keeps the "change" flag, so that page also returns to check your answers.
    redirect(applyPath(councilSlug, next, change && next !== "check-answers"));
  });
  return localiseState(await action(councilSlug, prev, cleanFormData(formData)), m);
}

/** "Accept and send": exactly one application per draft, however often it is pressed. */
export async function sendApplication(councilSlug: string, prev: TFormState, formData: FormData): Promise<TFormState> {
  const action = publicAction({ schema: ZDeclarationForm, name: "apply submit" }, async ({ council, ip }) => {
    const result = await submitApplication(council, await draftTokenHash(council.slug), { ip });
    switch (result.outcome) {
      case "submitted":
        redirect(applyPath(council.slug, "confirmation"));
      case "already-submitted":
        redirect(applyPath(council.slug, "confirmation"));
      case "incomplete":
        redirect(applyPath(council.slug, result.goTo));
      case "no-draft":
        redirect(`/${council.slug}/apply`);
      case "closed":
        return formError("form.closed");
    }
  });
  const state = await action(councilSlug, prev, formData);
  // Only a form that did not go through needs words (the council is looked up once on the way in).
  return localiseState(state, (await getMessages(await findCouncilBySlug(councilSlug))).m);
}

/** Start now: a finished application's cookie is dropped so the next one starts clean. */
export async function startApplication(councilSlug: string): Promise<void> {
  await assertSameOrigin();
  const council = await findCouncilBySlug(councilSlug);
  if (!council) redirect("/");
  const draft = await readDraft(council);
  if (draft?.submittedAt) await clearDraftCookie(council.slug);
  const answers = draft && !draft.submittedAt ? parseAnswers(draft.answers) : {};
  redirect(applyPath(council.slug, firstIncomplete(answers, { postcodeAreas: council.postcodeAreas })));
}

export async function requestResumeLinkAction(councilSlug: string, prev: TFormState, formData: FormData): Promise<TFormState> {
  const council = await findCouncilBySlug(councilSlug);
  const { m, locale } = await getMessages(council);
  const action = publicAction({ schema: ZResumeLinkRequest, name: "apply resume link" }, async ({ council }, input, raw) => {
    const draft = await readDraft(council);
    if (!draft || draft.submittedAt) redirect(`/${council.slug}/apply`);
    const result = await requestResumeLink(council, draft.id, locale, input);
    if (result.outcome === "throttled") return formError("form.throttled", raw);
    redirect(`${applyPath(council.slug, "save")}?sent=1`);
  });
  return localiseState(await action(councilSlug, prev, cleanFormData(formData)), m);
}

/** The button on the resume page (a POST, so link scanners in mail clients cannot spend the link). */
export async function spendResumeLinkAction(councilSlug: string, token: string): Promise<void> {
  await assertSameOrigin();
  const council = await findCouncilBySlug(councilSlug);
  if (!council) redirect("/");
  const spent = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await spendResumeLink(council, token) : null;
  if (!spent) redirect(applyPath(council.slug, "resume/expired"));
  await setDraftCookie(council.slug, spent.draftToken);
  const draft = await readDraft(council);
  redirect(applyPath(council.slug, firstIncomplete(parseAnswers(draft?.answers ?? {}), { postcodeAreas: council.postcodeAreas })));
}

export async function checkStatus(councilSlug: string, prev: TFormState, formData: FormData): Promise<TFormState> {
  const council = await findCouncilBySlug(councilSlug);
  const { m, locale } = await getMessages(council);
  const action = publicAction({ schema: ZStatusLookup, name: "application status" }, async ({ council, ip }, input, raw) => {
    const result = await lookupStatus(council.id, input, ip);
    if (result.outcome === "throttled") return { errors: [{ field: "form", message: m.status.throttled }], values: raw };
    if (result.outcome === "not-found") return { errors: [{ field: "form", message: m.status.notFound }], values: raw };
    return {
      errors: [],
      values: {},
      ok: true,
      result: {
        reference: result.reference,
        status: result.status,
        submittedAt: result.submittedAt.toISOString(),
        replyBy: result.promise ? replyByText(result.promise.dueOn, locale) : "",
        ...(result.partly ? partlyWords(result.partly, locale) : {}),
        ...(result.dealtWithUnder ? { dealtWithUnder: result.dealtWithUnder } : {}),
        ...(result.paymentFailed ? { paymentFailed: "yes" } : {}),
        ...(result.moreInfo ? { moreInfoAsked: result.moreInfo.question, moreInfoReplyBy: formatDateFor(result.moreInfo.replyBy, locale) } : {}),
      },
    };
  });
  return localiseState(await action(councilSlug, prev, cleanFormData(formData)), m);
}
