"use server";
// Thin server actions for the officer's assisted-application pages. Each goes through staffAction
// (Origin check, session, the council from the URL, cases:work, a strict Zod parse of the form);
// the work is in lib/assisted/drafts.ts, which checks again who may do what.
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffActor } from "@/lib/actor";
import { staffAction } from "@/lib/auth/action-client";
import { assertSameOrigin } from "@/lib/security/request";
import { canVisit, firstIncomplete, nextDestination } from "@/lib/applications/journey";
import { cleanFormData } from "@/lib/applications/form-helpers";
import { crossStepErrors, isStepId, parseAnswers, STEPS, type TStepId } from "@/lib/applications/steps";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { errorText } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { ASSISTED_CHANNELS, readAssistedDraft, saveAssistedAnswer, startAssistedDraft, submitAssistedDraft } from "@/lib/assisted/drafts";
import { assistedHome, assistedPath, assistedWords } from "@/lib/assisted/pages";

const en = () => messagesFor("en");
const ZId = z.uuid();
const expired = () => formError(assistedWords.errors.expired);

/** Start an assisted application: a new draft by the chosen channel, then its first page. */
export async function startAssisted(councilSlug: string, prev: TFormState, formData: FormData): Promise<TFormState> {
  // The channel is checked in the body, so its error speaks the officer's words.
  const schema = z.strictObject({ channel: z.string().optional() });
  const action = staffAction({ permission: "cases:work", schema, name: "start assisted application" }, async (ctx, input) => {
    const channel = ASSISTED_CHANNELS.find((c) => c === input.channel);
    if (!channel) return { errors: [{ field: "channel", message: assistedWords.start.chooseChannel }], values: {} };
    const draftId = await startAssistedDraft(ctx.council, staffActor(ctx), channel);
    if (!draftId) return expired();
    redirect(assistedPath(ctx.council.slug, draftId, "full-name"));
  });
  return action(councilSlug, prev, formData);
}

/** One page of the application, saved to the officer's draft; then the page the journey picks. */
export async function saveAssistedStep(councilSlug: string, draftId: string, stepId: string, change: boolean, prev: TFormState, formData: FormData): Promise<TFormState> {
  await assertSameOrigin(); // first, before anything is looked at (staffAction checks it again)
  if (!isStepId(stepId) || !ZId.safeParse(draftId).success) return expired();
  const step: TStepId = stepId;
  const action = staffAction({ permission: "cases:work", schema: STEPS[step].schema, name: `assisted ${step}` }, async (ctx, input, raw) => {
    const actor = staffActor(ctx);
    const slug = ctx.council.slug;
    const journey = { postcodeAreas: ctx.council.postcodeAreas };
    const draft = await readAssistedDraft(ctx.council, actor, draftId);
    if (!draft) return expired();
    if (draft.submittedAt) redirect(assistedHome(slug));
    const before = parseAnswers(draft.answers);
    if (!canVisit(step, before, journey)) redirect(assistedPath(slug, draftId, firstIncomplete(before, journey)));
    const crossErrors = crossStepErrors(step, { ...before, [step]: input });
    if (crossErrors.length) return { errors: crossErrors.map((e) => ({ ...e, message: errorText(en(), e.message) })), values: raw };
    const saved = await saveAssistedAnswer(ctx.council, actor, draftId, step, raw);
    if (!saved) return expired();
    const next = nextDestination(step, parseAnswers(saved.answers), journey, { change });
    redirect(assistedPath(slug, draftId, next, change && next !== "check-answers"));
  });
  return action(councilSlug, prev, cleanFormData(formData));
}

/** Witness consent and send: recorded once through recordApplication, however often it is pressed. */
export async function sendAssisted(councilSlug: string, draftId: string, prev: TFormState, formData: FormData): Promise<TFormState> {
  await assertSameOrigin(); // first, before anything is looked at (staffAction checks it again)
  if (!ZId.safeParse(draftId).success) return expired();
  const schema = z.strictObject({ declaration: z.string().optional() });
  const action = staffAction({ permission: "cases:work", schema, name: "send assisted application" }, async (ctx, input) => {
    if (input.declaration !== "yes") return { errors: [{ field: "declaration", message: assistedWords.check.confirmError }], values: {} };
    const slug = ctx.council.slug;
    const result = await submitAssistedDraft(ctx.council, staffActor(ctx), draftId, ctx.ip);
    switch (result.outcome) {
      case "sent":
        redirect(`/${slug}/staff/cases/${result.caseId}?done=entered`);
      case "already-sent":
        redirect(result.caseId ? `/${slug}/staff/cases/${result.caseId}` : assistedHome(slug));
      case "incomplete":
        redirect(assistedPath(slug, draftId, "check"));
      case "no-draft":
        return expired();
    }
  });
  return action(councilSlug, prev, formData);
}
