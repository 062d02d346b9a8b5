"use server";
// Thin server actions for the referrer's pages. Each goes through referrerAction (Origin check,
// session, the council from the URL, the permission, a strict Zod parse of the form); the work is
// in the lib/referrals services, which check again who may do what.
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberActor, type TReferrerActor } from "@/lib/actor";
import { referrerAction } from "@/lib/auth/action-client";
import { assertSameOrigin } from "@/lib/security/request";
import type { TCouncilAccess } from "@/lib/auth/access";
import { canVisit, firstIncomplete, nextDestination } from "@/lib/applications/journey";
import { cleanFormData } from "@/lib/applications/form-helpers";
import { crossStepErrors, isStepId, parseAnswers, STEPS, type TStepId } from "@/lib/applications/steps";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { errorText } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { translate } from "@/lib/i18n/translate";
import { directAward, ZDirectAwardForm } from "@/lib/referrals/direct-award";
import { readReferralDraft, saveReferralAnswer, saveReferrerSection, sendReferralDraft, startReferralDraft } from "@/lib/referrals/drafts";
import { handOverReferral, ZHandoverForm } from "@/lib/referrals/handover";
import { afterApplication, draftPath, referralPath, referralsPath } from "@/lib/referrals/pages";
import { ZSectionForm, type TSectionRaw } from "@/lib/referrals/section-form";

const en = () => messagesFor("en");
const words = (key: string, params: Record<string, string> = {}) => translate("en", en(), `errors.${key}`, params);
const actorOf = (ctx: TCouncilAccess & { organisationId: string }): TReferrerActor =>
  memberActor({ council: ctx.council, user: ctx.user, roles: ctx.roles, organisationId: ctx.organisationId }) as TReferrerActor;
const ZId = z.uuid();

/** Start a referral: a new draft for one family, then its first page. */
export async function startReferral(councilSlug: string, prev: TFormState, formData: FormData): Promise<TFormState> {
  const action = referrerAction({ permission: "referrals:submit", schema: z.strictObject({}), name: "start referral" }, async (ctx) => {
    const draftId = await startReferralDraft(ctx.council, actorOf(ctx));
    redirect(draftPath(ctx.council.slug, draftId, "full-name"));
  });
  return action(councilSlug, prev, formData);
}

/** One page of the application, saved to the member's draft; then the page the journey picks. */
export async function saveReferralStep(councilSlug: string, draftId: string, stepId: string, change: boolean, prev: TFormState, formData: FormData): Promise<TFormState> {
  await assertSameOrigin(); // first, before anything is looked at (referrerAction checks it again)
  if (!isStepId(stepId) || !ZId.safeParse(draftId).success) return formError(errorText(en(), "form.expired"));
  const step: TStepId = stepId;
  const action = referrerAction({ permission: "referrals:submit", schema: STEPS[step].schema, name: `referral ${step}` }, async (ctx, input, raw) => {
    const actor = actorOf(ctx);
    const journey = { postcodeAreas: ctx.council.postcodeAreas };
    const draft = await readReferralDraft(ctx.council, actor, draftId);
    if (!draft) return formError(errorText(en(), "form.expired"));
    if (draft.submittedAt) redirect(referralsPath(ctx.council.slug));
    const before = parseAnswers(draft.answers);
    if (!canVisit(step, before, journey)) redirect(draftPath(ctx.council.slug, draftId, firstIncomplete(before, journey)));
    const crossErrors = crossStepErrors(step, { ...before, [step]: input });
    if (crossErrors.length) return { errors: crossErrors.map((e) => ({ ...e, message: errorText(en(), e.message) })), values: raw };
    const saved = await saveReferralAnswer(ctx.council, actor, draftId, step, raw);
    if (!saved) return formError(errorText(en(), "form.expired"));
    const next = nextDestination(step, parseAnswers(saved.answers), journey, { change });
    redirect(afterApplication(ctx.council.slug, saved, next, change && next !== "check-answers"));
  });
  return action(councilSlug, prev, cleanFormData(formData));
}

/** The referrer section: who refers, consent, what was tried, fast-track. */
export async function saveReferrerSectionAction(councilSlug: string, draftId: string, prev: TFormState, formData: FormData): Promise<TFormState> {
  await assertSameOrigin(); // first, before anything is looked at (referrerAction checks it again)
  if (!ZId.safeParse(draftId).success) return formError(errorText(en(), "form.expired"));
  const action = referrerAction({ permission: "referrals:submit", schema: ZSectionForm, name: "referral referrer section" }, async (ctx, _input, raw) => {
    const saved = await saveReferrerSection(ctx.council, actorOf(ctx), draftId, raw as unknown as TSectionRaw);
    if (!saved) return formError(errorText(en(), "form.expired"));
    redirect(draftPath(ctx.council.slug, draftId, "check"));
  });
  return action(councilSlug, prev, cleanFormData(formData));
}

/** Check and send: recorded once through recordReferral, however often it is pressed. */
export async function sendReferral(councilSlug: string, draftId: string, prev: TFormState, formData: FormData): Promise<TFormState> {
  await assertSameOrigin(); // first, before anything is looked at (referrerAction checks it again)
  if (!ZId.safeParse(draftId).success) return formError(errorText(en(), "form.expired"));
  const schema = z.strictObject({ declaration: z.literal("yes", { error: "referrals.declaration" }) });
  const action = referrerAction({ permission: "referrals:submit", schema, name: "send referral" }, async (ctx) => {
    const result = await sendReferralDraft(ctx.council, actorOf(ctx), draftId, ctx.ip);
    switch (result.outcome) {
      case "sent":
        redirect(`${referralPath(ctx.council.slug, result.caseId)}?sent=1`);
      case "already-sent":
        redirect(result.caseId ? referralPath(ctx.council.slug, result.caseId) : referralsPath(ctx.council.slug));
      case "incomplete":
        redirect(draftPath(ctx.council.slug, draftId, "referrer"));
      case "no-draft":
        redirect(referralsPath(ctx.council.slug));
      case "refused":
        return { errors: result.issues.map((i) => ({ field: "form", message: words(i.message, { council: ctx.council.name }) })), values: {} };
    }
  });
  return action(councilSlug, prev, formData);
}

/** A direct award from the organisation's allowance, or the reasons it stays in the queue. */
export async function directAwardAction(councilSlug: string, prev: TFormState, formData: FormData): Promise<TFormState> {
  const action = referrerAction({ permission: "referrals:submit", schema: ZDirectAwardForm, name: "direct award" }, async (ctx, input, raw) => {
    const result = await directAward(actorOf(ctx), input);
    if (result.outcome === "not-found") return formError(words("referrals.notFound"), raw);
    if (result.outcome === "awarded") redirect(`${referralPath(ctx.council.slug, input.caseId)}?awarded=1`);
    return { errors: result.reasons.map((r) => ({ field: "form", message: words(r.key, r.params) })), values: raw, message: "queued" };
  });
  return action(councilSlug, prev, cleanFormData(formData));
}

/** Hand a referral to a colleague in the same organisation. */
export async function handOverAction(councilSlug: string, prev: TFormState, formData: FormData): Promise<TFormState> {
  const action = referrerAction({ permission: "referrals:read-own", schema: ZHandoverForm, name: "hand over referral" }, async (ctx, input, raw) => {
    const result = await handOverReferral(actorOf(ctx), input, ctx.ip);
    if (result.outcome === "not-found") return formError(words("referrals.notFound"), raw);
    if (result.outcome === "not-a-colleague") return { errors: [{ field: "toUserId", message: words("referrals.handoverTo") }], values: raw };
    redirect(`${referralsPath(ctx.council.slug)}?handedOver=${encodeURIComponent(input.caseId)}`);
  });
  return action(councilSlug, prev, cleanFormData(formData));
}
