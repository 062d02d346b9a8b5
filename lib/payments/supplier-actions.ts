"use server";
import { redirect } from "next/navigation";
import { staffActor } from "@/lib/actor";
import { staffAction } from "@/lib/auth/action-client";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { approveBankChange, cancelBankChange, rejectBankChange, requestBankChange } from "@/lib/payments/bank-changes";
import { formatSortCode } from "@/lib/payments/bank-details";
import { choosePaymentSupplier, revealPaymentBankDetails } from "@/lib/payments/payment-details";
import {
  SUPPLIER_ERRORS as e,
  ZBankChangeDecision,
  ZBankChangeReject,
  ZBankChangeRequest,
  ZPaymentRef,
  ZPaymentSupplier,
  ZSupplier,
  ZSupplierCheck,
  ZSupplierRef,
  ZSupplierWithdraw,
  type TBankDetails,
} from "@/lib/payments/supplier-schemas";
import { addSupplier, checkSupplier, revealSupplierBankDetails, withdrawSupplier } from "@/lib/payments/suppliers";
import { PAYMENT_STATUS_WORDS } from "@/lib/payments/words";

// Thin actions for the supplier pages and a payment's own page (payments:manage): the action
// client checks the origin, the session, the council and the permission; the services check the
// permission again and decide. Success redirects with a banner; "Show full details" answers with
// the details in the form's state (never in a URL, never cached), audited by the service.

const suppliersPath = (slug: string) => `/${slug}/staff/payments/suppliers`;
const paymentPath = (slug: string, paymentId: string, done: string) => `/${slug}/staff/payments/${paymentId}?done=${done}`;
const FORBIDDEN = "You do not have permission to do that. If you think you should, ask your council admin.";
const NOT_FOUND = "We could not find that. It may belong to another council, or the link may be wrong.";
const refused = (outcome: "forbidden" | "not-found", raw: Record<string, string>): TFormState => formError(outcome === "forbidden" ? FORBIDDEN : NOT_FOUND, raw);
const notReady = (status: keyof typeof PAYMENT_STATUS_WORDS, raw: Record<string, string>) =>
  formError(`This payment is ${PAYMENT_STATUS_WORDS[status]}: only a payment that is ready to pay (not yet in a batch) can change where it goes`, raw);

/** The details for the page, as finance reads them; nothing else of the form is echoed. */
function shown(bank: TBankDetails): TFormState {
  return { errors: [], values: {}, ok: true, result: { accountName: bank.accountName, sortCode: formatSortCode(bank.sortCode), accountNumber: bank.accountNumber, rollNumber: bank.rollNumber ?? "" } };
}

export const addSupplierAction = staffAction({ permission: "payments:manage", schema: ZSupplier, name: "add supplier" }, async (ctx, input, raw) => {
  const r = await addSupplier(staffActor(ctx), input, ctx.ip);
  if (r.outcome === "name-taken") return { errors: [{ field: "name", message: e.name.taken }], values: raw };
  if (r.outcome !== "added") return refused(r.outcome, raw);
  redirect(`${suppliersPath(ctx.council.slug)}/${r.supplierId}?done=added`);
});

export const checkSupplierAction = staffAction({ permission: "payments:manage", schema: ZSupplierCheck, name: "check supplier" }, async (ctx, input, raw) => {
  const r = await checkSupplier(staffActor(ctx), input.supplierId, ctx.ip);
  if (r.outcome === "same-person") return formError("You entered these bank details, so someone else must check them. Ask another member of the finance team.", raw);
  if (r.outcome === "not-pending") return formError(r.status === "CHECKED" ? "These bank details have already been checked." : "This supplier has been withdrawn.", raw);
  if (r.outcome !== "checked") return refused(r.outcome, raw);
  redirect(`${suppliersPath(ctx.council.slug)}/${input.supplierId}?done=checked`);
});

export const withdrawSupplierAction = staffAction({ permission: "payments:manage", schema: ZSupplierWithdraw, name: "withdraw supplier" }, async (ctx, input, raw) => {
  const r = await withdrawSupplier(staffActor(ctx), input.supplierId, input.reason, ctx.ip);
  if (r.outcome === "already-withdrawn") return formError("This supplier has already been withdrawn.", raw);
  if (r.outcome !== "withdrawn") return refused(r.outcome, raw);
  redirect(`${suppliersPath(ctx.council.slug)}/${input.supplierId}?done=withdrawn`);
});

export const revealSupplierAction = staffAction({ permission: "payments:manage", schema: ZSupplierRef, name: "show supplier bank details" }, async (ctx, input, raw) => {
  const r = await revealSupplierBankDetails(staffActor(ctx), input.supplierId, ctx.ip);
  if (r.outcome === "unreadable") return formError("These bank details cannot be read. Ask your administrator to check the encryption keys.", raw);
  if (r.outcome !== "shown") return refused(r.outcome, raw);
  return shown(r.bank);
});

export const revealPaymentAction = staffAction({ permission: "payments:manage", schema: ZPaymentRef, name: "show payment bank details" }, async (ctx, input, raw) => {
  const r = await revealPaymentBankDetails(staffActor(ctx), input.paymentId, ctx.ip);
  if (r.outcome === "none") return formError("This payment has no bank details to show.", raw);
  if (r.outcome !== "shown") return refused(r.outcome, raw);
  return shown(r.bank);
});

export const choosePaymentSupplierAction = staffAction({ permission: "payments:manage", schema: ZPaymentSupplier, name: "choose payment supplier" }, async (ctx, input, raw) => {
  const r = await choosePaymentSupplier(staffActor(ctx), input.paymentId, { supplierId: input.supplierId, supplierAccountRef: input.supplierAccountRef }, ctx.ip);
  if (r.outcome === "supplier-unavailable") return { errors: [{ field: "supplierId", message: e.supplierId.unavailable }], values: raw };
  if (r.outcome === "not-ready") return notReady(r.status, raw);
  if (r.outcome === "not-supplier") return formError("This payment is not paid to a supplier.", raw);
  if (r.outcome !== "saved") return refused(r.outcome, raw);
  redirect(paymentPath(ctx.council.slug, input.paymentId, "supplier-chosen"));
});

export const requestBankChangeAction = staffAction({ permission: "payments:manage", schema: ZBankChangeRequest, name: "request bank details change" }, async (ctx, input, raw) => {
  const r = await requestBankChange(staffActor(ctx), input.paymentId, { bank: input.bank, reason: input.reason }, ctx.ip);
  if (r.outcome === "already-pending") return formError("A change of these bank details is already waiting for approval. It must be approved, rejected or taken back first.", raw);
  if (r.outcome === "not-ready") return notReady(r.status, raw);
  if (r.outcome === "not-bank-transfer") return formError("Only a bank transfer's bank details can be changed here. A supplier payment goes to the supplier's checked account.", raw);
  if (r.outcome !== "requested") return refused(r.outcome, raw);
  redirect(paymentPath(ctx.council.slug, input.paymentId, "change-requested"));
});

type TDecideResult = Awaited<ReturnType<typeof approveBankChange>>;
function decided(r: TDecideResult, slug: string, paymentId: string, raw: Record<string, string>): TFormState {
  if (r.outcome === "same-person") return formError("You asked for this change, so someone else must approve or reject it. Ask another member of the finance team.", raw);
  if (r.outcome === "not-requester") return formError("Only the person who asked for this change can take it back. You can approve or reject it.", raw);
  if (r.outcome === "not-pending") return formError(`This change has already been ${r.status.toLowerCase()}.`, raw);
  if (r.outcome === "not-ready") return notReady(r.status, raw);
  if (r.outcome === "forbidden" || r.outcome === "not-found") return refused(r.outcome, raw);
  redirect(paymentPath(slug, paymentId, `change-${r.outcome}`));
}

export const approveBankChangeAction = staffAction({ permission: "payments:manage", schema: ZBankChangeDecision, name: "approve bank details change" }, async (ctx, input, raw) =>
  decided(await approveBankChange(staffActor(ctx), input.paymentId, input.changeId, ctx.ip), ctx.council.slug, input.paymentId, raw),
);

export const rejectBankChangeAction = staffAction({ permission: "payments:manage", schema: ZBankChangeReject, name: "reject bank details change" }, async (ctx, input, raw) =>
  decided(await rejectBankChange(staffActor(ctx), input.paymentId, input.changeId, input.note, ctx.ip), ctx.council.slug, input.paymentId, raw),
);

export const cancelBankChangeAction = staffAction({ permission: "payments:manage", schema: ZBankChangeDecision, name: "take back bank details change" }, async (ctx, input, raw) =>
  decided(await cancelBankChange(staffActor(ctx), input.paymentId, input.changeId, ctx.ip), ctx.council.slug, input.paymentId, raw),
);
