"use server";
import { redirect } from "next/navigation";
import { staffActor } from "@/lib/actor";
import { staffAction } from "@/lib/auth/action-client";
import { parseDateParts } from "@/lib/forms/dates";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { format } from "@/lib/i18n";
import { cancelBatch, createBatch, releaseBatch } from "@/lib/payments/batches";
import { ZBatchForm, ZCreateBatchForm, ZPaymentSettingsForm } from "@/lib/payments/schemas";
import { savePaymentSettings } from "@/lib/payments/settings";
import words from "@/messages/en/payments.json";

// The payments pages' actions. staffAction checks Origin, session, council (from the URL) and
// payments:manage, and parses the form; the services check the permission again and decide.
// Success redirects (a page to reload without posting again); a refusal comes back to the form.

const base = (slug: string) => `/${slug}/staff/payments`;
const fieldError = (field: string, message: string, values: Record<string, string>): TFormState => ({ errors: [{ field, message }], values });

export const createBatchAction = staffAction({ permission: "payments:manage", schema: ZCreateBatchForm, name: "make a payment batch" }, async (ctx, input, raw) => {
  const parts = { day: input["approvedOnOrBefore-day"] ?? "", month: input["approvedOnOrBefore-month"] ?? "", year: input["approvedOnOrBefore-year"] ?? "" };
  const date = parseDateParts(parts);
  if (!date.ok && date.problem !== "required") return fieldError("approvedOnOrBefore", words.create.badDate, raw);
  const result = await createBatch(staffActor(ctx), { method: input.method, fundId: input.fundId || null, approvedOnOrBefore: date.ok ? date.iso : null });
  switch (result.outcome) {
    case "created":
      return redirect(`${base(ctx.council.slug)}/batches/${result.batchId}?done=made`);
    case "nothing-to-pay":
      return fieldError("method", words.create.nothingToPay, raw);
    case "not-configured":
      return formError(format(words.create.notConfigured, { missing: result.missing.join(", ") }), raw);
    case "forbidden":
      return formError(words.create.forbidden, raw);
  }
});

export const releaseBatchAction = staffAction({ permission: "payments:manage", schema: ZBatchForm, name: "release a payment batch" }, async (ctx, input) => {
  const result = await releaseBatch(staffActor(ctx), input.batchId);
  switch (result.outcome) {
    case "released":
      return redirect(`${base(ctx.council.slug)}/batches/${input.batchId}?done=released`);
    case "already-released":
      return formError(words.batch.alreadyReleased);
    case "segregation-of-duties":
      return formError(words.batch.segregation);
    case "cancelled":
      return formError(words.batch.isCancelled);
    case "not-found":
      return formError(words.batch.notFound);
    case "forbidden":
      return formError(words.batch.forbidden);
  }
});

export const cancelBatchAction = staffAction({ permission: "payments:manage", schema: ZBatchForm, name: "cancel a payment batch" }, async (ctx, input) => {
  const result = await cancelBatch(staffActor(ctx), input.batchId);
  switch (result.outcome) {
    case "cancelled":
      return redirect(`${base(ctx.council.slug)}/batches/${input.batchId}?done=cancelled`);
    case "already-released":
      return formError(words.batch.alreadyReleased);
    case "already-cancelled":
      return formError(words.batch.isCancelled);
    case "not-found":
      return formError(words.batch.notFound);
    case "forbidden":
      return formError(words.batch.forbidden);
  }
});

export const savePaymentSettingsAction = staffAction({ permission: "payments:manage", schema: ZPaymentSettingsForm, name: "change the bank settings" }, async (ctx, input, raw) => {
  const result = await savePaymentSettings(staffActor(ctx), input, ctx.ip);
  switch (result.outcome) {
    case "saved":
      return redirect(`${base(ctx.council.slug)}/settings?saved=yes`);
    case "invalid":
      return fieldError(result.field, result.message, raw);
    case "forbidden":
      return formError(words.batch.forbidden, raw);
  }
});
