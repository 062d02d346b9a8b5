"use server";
import { redirect } from "next/navigation";
import { staffActor } from "@/lib/actor";
import { staffAction } from "@/lib/auth/action-client";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { cancelExpiredVoucher } from "@/lib/payments/expired-vouchers";
import { applyVoucherImport } from "@/lib/payments/voucher-imports";
import { createVoucherProvider, updateVoucherProvider } from "@/lib/payments/voucher-providers";
import { ZApplyImport, ZCancelExpired, ZVoucherProvider, ZVoucherProviderEdit } from "@/lib/payments/voucher-schemas";
import words from "@/messages/en/vouchers.json";

// Thin actions for the voucher pages (payments:manage): the action client checks the origin, the
// session, the council and the permission; the services check the permission again and decide.

const e = words.errors;
const base = (slug: string) => `/${slug}/staff/payments/vouchers`;
const refused = (outcome: "forbidden" | "not-found", raw: Record<string, string>): TFormState => formError(outcome === "forbidden" ? e.forbidden : e.notFound, raw);
const nameTaken = (raw: Record<string, string>): TFormState => ({ errors: [{ field: "name", message: e.name.taken }], values: raw });

export const createVoucherProviderAction = staffAction({ permission: "payments:manage", schema: ZVoucherProvider, name: "add voucher provider" }, async (ctx, input, raw) => {
  const result = await createVoucherProvider(staffActor(ctx), input, ctx.ip);
  if (result.outcome === "name-taken") return nameTaken(raw);
  if (result.outcome !== "created") return refused(result.outcome, raw);
  redirect(`${base(ctx.council.slug)}/providers?done=added`);
});

export const updateVoucherProviderAction = staffAction({ permission: "payments:manage", schema: ZVoucherProviderEdit, name: "change voucher provider" }, async (ctx, input, raw) => {
  const result = await updateVoucherProvider(staffActor(ctx), input.providerId, input.provider, ctx.ip);
  if (result.outcome === "name-taken") return nameTaken(raw);
  if (result.outcome !== "saved") return refused(result.outcome, raw);
  redirect(`${base(ctx.council.slug)}/providers?done=saved`);
});

export const applyVoucherImportAction = staffAction({ permission: "payments:manage", schema: ZApplyImport, name: "apply voucher provider file" }, async (ctx, input, raw) => {
  const result = await applyVoucherImport(staffActor(ctx), input.importId, ctx.ip);
  if (result.outcome === "forbidden" || result.outcome === "not-found") return refused(result.outcome, raw);
  // Applied now or before: the import's page says what it did.
  redirect(`${base(ctx.council.slug)}/imports/${input.importId}?done=${result.outcome}`);
});

export const cancelExpiredVoucherAction = staffAction({ permission: "payments:manage", schema: ZCancelExpired, name: "cancel expired voucher" }, async (ctx, input, raw) => {
  const result = await cancelExpiredVoucher(staffActor(ctx), input, ctx.ip);
  if (result.outcome === "no-bank-details") return { errors: [{ field: "reissueAs", message: e.reissueAs.noBankDetails }], values: raw };
  if (result.outcome === "not-expired") return formError(e.notExpired, raw);
  if (result.outcome !== "cancelled") return refused(result.outcome, raw);
  const q = new URLSearchParams({ done: result.newPayment ? "reissued" : "cancelled", reference: result.reference, ...(result.newPayment ? { newReference: result.newPayment.reference } : {}) });
  redirect(`${base(ctx.council.slug)}/expired?${q}`);
});
