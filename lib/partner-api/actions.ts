"use server";
// The partner portal's API keys and webhooks forms (thin: lib/partner-api/manage.ts does the work).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { referrerAction } from "@/lib/auth/action-client";
import type { TFormState } from "@/lib/forms/form-state";
import words from "@/messages/en/partnerApi.json";
import { addWebhookEndpoint, createApiKey, deactivateWebhookEndpoint, NotLeadError, revokeApiKey, sendTestEvent } from "@/lib/partner-api/manage";

const fieldError = (field: string, message: string, values: Record<string, string> = {}): TFormState => ({ errors: [{ field, message }], values });
const done = (message: string, result?: Record<string, string>): TFormState => ({ errors: [], values: {}, ok: true, message, result });

/** A lead-only service: its NotLeadError becomes the form's error. */
async function asLead(work: () => Promise<TFormState>): Promise<TFormState> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof NotLeadError) return fieldError("form", words.errors.notLead);
    throw e;
  }
}

export const createApiKeyAction = referrerAction({ permission: "referrals:submit", schema: z.object({ name: z.string().optional() }), name: "partner-api.create-key" }, (ctx, input) => {
  const name = (input.name ?? "").trim();
  if (!name) return Promise.resolve(fieldError("name", words.errors.nameRequired));
  if (name.length > 80 || /[\u0000-\u001f\u007f]/.test(name)) return Promise.resolve(fieldError("name", words.errors.nameTooLong, { name }));
  return asLead(async () => {
    const made = await createApiKey(ctx, name);
    revalidatePath(`/${ctx.council.slug}/partner/api-keys`);
    return done(words.keys.createdBody, { key: made.key, name });
  });
});

export const revokeApiKeyAction = referrerAction({ permission: "referrals:submit", schema: z.object({ keyId: z.uuid(), prefix: z.string().max(40) }), name: "partner-api.revoke-key" }, (ctx, input) =>
  asLead(async () => {
    if (!(await revokeApiKey(ctx, input.keyId))) return fieldError("form", words.errors.keyGone);
    revalidatePath(`/${ctx.council.slug}/partner/api-keys`);
    return done(words.keys.revokedDone.replace("{prefix}", input.prefix));
  }),
);

export const addWebhookAction = referrerAction({ permission: "referrals:submit", schema: z.object({ url: z.string().optional() }), name: "partner-api.add-webhook" }, (ctx, input) => {
  const url = (input.url ?? "").trim();
  if (!url) return Promise.resolve(fieldError("url", words.errors.urlRequired));
  return asLead(async () => {
    const added = await addWebhookEndpoint(ctx, url);
    if (!added.ok) return fieldError("url", { invalid: words.errors.urlInvalid, "not-https": words.errors.urlNotHttps, "private-address": words.errors.urlPrivate }[added.problem], { url });
    revalidatePath(`/${ctx.council.slug}/partner/webhooks`);
    return done(words.webhooks.addedBody, { secret: added.secret, url });
  });
});

export const deactivateWebhookAction = referrerAction({ permission: "referrals:submit", schema: z.object({ endpointId: z.uuid() }), name: "partner-api.deactivate-webhook" }, (ctx, input) =>
  asLead(async () => {
    if (!(await deactivateWebhookEndpoint(ctx, input.endpointId))) return fieldError("form", words.errors.endpointGone);
    revalidatePath(`/${ctx.council.slug}/partner/webhooks`);
    return done(words.webhooks.turnedOff);
  }),
);

export const sendTestEventAction = referrerAction({ permission: "referrals:submit", schema: z.object({ endpointId: z.uuid() }), name: "partner-api.test-webhook" }, (ctx, input) =>
  asLead(async () => {
    if (!(await sendTestEvent(ctx, input.endpointId))) return fieldError("form", words.errors.endpointGone);
    revalidatePath(`/${ctx.council.slug}/partner/webhooks`);
    return done(words.webhooks.testSent);
  }),
);
