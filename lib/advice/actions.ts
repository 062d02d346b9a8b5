"use server";
import { redirect } from "next/navigation";
import { staffActor } from "@/lib/actor";
import { createAdvicePartner, updateAdvicePartner } from "@/lib/advice/partners";
import { recordAdviceOutcome, referToAdvicePartner } from "@/lib/advice/referrals";
import { ZAdvicePartner, ZAdvicePartnerEdit, ZOutcome, ZReferral } from "@/lib/advice/schemas";
import { staffAction } from "@/lib/auth/action-client";
import { formError, type TFormState } from "@/lib/forms/form-state";
import words from "@/messages/en/advice.json";

// Thin actions for the advice partner pages (advice:manage) and a case's onward referrals
// (cases:work): the action client checks the origin, the session, the council and the
// permission; the services check the permission again and decide.

const e = words.errors;
const partnersPath = (slug: string) => `/${slug}/staff/advice-partners`;
const casePath = (slug: string, caseId: string, done: string) => `/${slug}/staff/cases/${caseId}?done=${done}`;
const refused = (outcome: "forbidden" | "not-found", raw: Record<string, string>): TFormState => formError(outcome === "forbidden" ? e.forbidden : e.notFound, raw);
const nameTaken = (raw: Record<string, string>): TFormState => ({ errors: [{ field: "name", message: e.name.taken }], values: raw });

export const createAdvicePartnerAction = staffAction({ permission: "advice:manage", schema: ZAdvicePartner, name: "add advice partner" }, async (ctx, input, raw) => {
  const result = await createAdvicePartner(staffActor(ctx), input, ctx.ip);
  if (result.outcome === "name-taken") return nameTaken(raw);
  if (result.outcome !== "created") return refused(result.outcome, raw);
  redirect(`${partnersPath(ctx.council.slug)}?done=added`);
});

export const updateAdvicePartnerAction = staffAction({ permission: "advice:manage", schema: ZAdvicePartnerEdit, name: "change advice partner" }, async (ctx, input, raw) => {
  const { partnerId, ...fields } = input;
  const result = await updateAdvicePartner(staffActor(ctx), partnerId, fields, ctx.ip);
  if (result.outcome === "name-taken") return nameTaken(raw);
  if (result.outcome !== "saved") return refused(result.outcome, raw);
  redirect(`${partnersPath(ctx.council.slug)}?done=saved`);
});

export const referToAdvicePartnerAction = staffAction({ permission: "cases:work", schema: ZReferral, name: "refer to advice partner" }, async (ctx, input, raw) => {
  const { caseId, ...referral } = input;
  const result = await referToAdvicePartner(staffActor(ctx), caseId, referral, ctx.ip);
  if (result.outcome === "no-consent") return formError(e.noConsent, raw);
  if (result.outcome === "partner-unavailable") return { errors: [{ field: "partnerId", message: e.partnerId.inactive }], values: raw };
  if (result.outcome !== "referred") return refused(result.outcome, raw);
  redirect(casePath(ctx.council.slug, caseId, "advice-referred"));
});

export const recordAdviceOutcomeAction = staffAction({ permission: "cases:work", schema: ZOutcome, name: "record advice outcome" }, async (ctx, input, raw) => {
  const result = await recordAdviceOutcome(staffActor(ctx), input.caseId, input.referralId, input.outcome, ctx.ip);
  if (result.outcome === "invalid") return formError(result.problems[0]!, raw);
  if (result.outcome !== "recorded") return refused(result.outcome, raw);
  redirect(casePath(ctx.council.slug, input.caseId, "advice-outcome"));
});
