"use server";
import { redirect } from "next/navigation";
import { staffActor } from "@/lib/actor";
import { staffAction } from "@/lib/auth/action-client";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { messagesFor } from "@/lib/i18n/catalogues";
import { ledgerRefusalText } from "@/lib/ledger/refusals";
import { draftReturn, recordAdminCost, reverseAdminCost, saveMapping, signReturn } from "@/lib/reporting/returns";
import { ZAdminCost, ZDraftReturn, ZMapping, ZReverseAdminCost, ZSignReturn } from "@/lib/reporting/schemas";
import type { TAdminCostLine } from "@/lib/reporting/categories";
import words from "@/messages/en/reporting.json";

// Thin actions for the funder's return pages: the action client checks the origin, the session,
// the council and the permission; the services (lib/reporting/returns.ts) check it again and decide.

const e = words.errors;
const returnsPath = (slug: string) => `/${slug}/staff/reports/returns`;
const refused = (outcome: "forbidden" | "not-found", raw: Record<string, string>): TFormState => formError(outcome === "forbidden" ? e.forbidden : e.notFound, raw);

export const draftReturnAction = staffAction({ permission: "funds:manage", schema: ZDraftReturn, name: "draft funder return" }, async (ctx, input, raw) => {
  const result = await draftReturn(staffActor(ctx), input, ctx.ip);
  if (result.outcome !== "drafted") return refused(result.outcome, raw);
  redirect(`${returnsPath(ctx.council.slug)}/${result.returnId}?done=drafted`);
});

export const signReturnAction = staffAction({ permission: "funds:manage", schema: ZSignReturn, name: "sign off funder return" }, async (ctx, input, raw) => {
  const { returnId, ...approval } = input;
  const result = await signReturn(staffActor(ctx), returnId, approval, ctx.ip);
  if (result.outcome === "already-signed") return formError(e.signed, raw);
  if (result.outcome !== "signed") return refused(result.outcome, raw);
  redirect(`${returnsPath(ctx.council.slug)}/${returnId}?done=signed`);
});

export const saveMappingAction = staffAction({ permission: "funds:manage", schema: ZMapping, name: "map pots to funder categories" }, async (ctx, input, raw) => {
  const result = await saveMapping(staffActor(ctx), input.fundId, input.entries, ctx.ip);
  if (result.outcome !== "saved") return refused(result.outcome, raw);
  redirect(`${returnsPath(ctx.council.slug)}/mapping/${input.fundId}?done=saved`);
});

export const recordAdminCostAction = staffAction({ permission: "funds:manage", schema: ZAdminCost, name: "record administration spend" }, async (ctx, input, raw) => {
  const result = await recordAdminCost(
    staffActor(ctx),
    { fundId: input.fundId, costLine: input.costLine as TAdminCostLine, amountPence: input.amount, reason: input.reason, formKey: input.idempotencyKey },
    ctx.ip,
  );
  if (result.outcome === "refused") {
    const text = ledgerRefusalText(result.refusal, messagesFor("en"));
    const field = result.refusal.code === "admin-cap" || result.refusal.code === "amount" || result.refusal.code === "insufficient" ? "amount" : result.refusal.code === "cost-line" ? "costLine" : null;
    return field ? { errors: [{ field, message: text }], values: raw } : formError(text, raw);
  }
  if (result.outcome !== "recorded") return refused(result.outcome, raw);
  redirect(`${returnsPath(ctx.council.slug)}/admin-costs/${input.fundId}?done=recorded`);
});

export const reverseAdminCostAction = staffAction({ permission: "funds:manage", schema: ZReverseAdminCost, name: "reverse administration spend" }, async (ctx, input, raw) => {
  const result = await reverseAdminCost(staffActor(ctx), input, ctx.ip);
  if (result.outcome === "refused") return formError(ledgerRefusalText(result.refusal, messagesFor("en")), raw);
  if (result.outcome === "already-reversed") return formError(e.alreadyReversed, raw);
  if (result.outcome !== "reversed") return refused(result.outcome, raw);
  redirect(`${returnsPath(ctx.council.slug)}/admin-costs/${input.fundId}?done=reversed`);
});
