"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberActor, staffActor } from "@/lib/actor";
import { referrerAction, staffAction } from "@/lib/auth/action-client";
import { zLine, zText } from "@/lib/forms/text";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { chaseInformation, freshLinkForReferrer, receiveInformationManually, requestInformation } from "@/lib/information/requests";
import words from "@/messages/en/information.json";

// The case page's information forms (and the referral portal's "answer this request"). The action
// client checks Origin, session, council and permission; the services check again. Refusals come
// back as GOV.UK errors above the form; success returns to the case with a banner (?done=…).

type TErrorKey = keyof typeof words.errors;
const says = (key: TErrorKey) => words.errors[key];
const casePath = (slug: string, caseId: string, done: string) => `/${slug}/staff/cases/${caseId}?done=${done}#information`;

const ZRequestForm = z.strictObject({ caseId: z.uuid({ error: "case.notFound" }), question: zText().max(4000).optional().default(""), replyBy: zLine().max(40).optional().default("") });
const ZCaseForm = z.strictObject({ caseId: z.uuid({ error: "case.notFound" }) });
const ZReceiveForm = z.strictObject({ caseId: z.uuid({ error: "case.notFound" }), note: zText().max(6000).optional().default("") });

const FIELD_OF: Partial<Record<TErrorKey, string>> = {
  "question-missing": "question",
  "question-too-long": "question",
  "reply-by-invalid": "replyBy",
  "reply-by-past": "replyBy",
  "reply-by-too-far": "replyBy",
  "note-missing": "note",
  "note-too-long": "note",
};
const errorsOf = (keys: readonly TErrorKey[], values: Record<string, string>): TFormState => ({ errors: keys.map((k) => ({ field: FIELD_OF[k] ?? "form", message: says(k) })), values });

export const requestInformationAction = staffAction({ permission: "cases:work", schema: ZRequestForm, name: "request information" }, async (ctx, input, raw) => {
  const r = await requestInformation(staffActor(ctx), { caseId: input.caseId, question: input.question, replyBy: input.replyBy || undefined });
  if (r.outcome === "invalid") return errorsOf(r.problems, raw);
  if (r.outcome !== "done") return formError(says(r.outcome), raw);
  redirect(casePath(ctx.council.slug, input.caseId, r.sentTo.length ? "information-requested" : "information-requested-no-contact"));
});

export const chaseInformationAction = staffAction({ permission: "cases:work", schema: ZCaseForm, name: "chase information" }, async (ctx, input, raw) => {
  const r = await chaseInformation(staffActor(ctx), input.caseId);
  if (r.outcome !== "done") return formError(says(r.outcome), raw);
  redirect(casePath(ctx.council.slug, input.caseId, "information-chased"));
});

export const receiveInformationAction = staffAction({ permission: "cases:work", schema: ZReceiveForm, name: "receive information" }, async (ctx, input, raw) => {
  const r = await receiveInformationManually(staffActor(ctx), input.caseId, input.note);
  if (r.outcome === "invalid") return errorsOf(r.problems, raw);
  if (r.outcome !== "done") return formError(says(r.outcome), raw);
  redirect(casePath(ctx.council.slug, input.caseId, "information-received"));
});

/** The referral's referrer answers the open request from the portal: a fresh one-time link, then the answer page. */
export const answerAsReferrerAction = referrerAction({ permission: "referrals:read-own", schema: ZCaseForm, name: "answer information request" }, async (ctx, input, raw) => {
  const link = await freshLinkForReferrer(memberActor({ ...ctx, organisationId: ctx.organisationId }), input.caseId);
  if (!link) return formError(says("nothing-open"), raw);
  redirect(`/${ctx.council.slug}/information/${link.token}`);
});
