"use server";
import { redirect } from "next/navigation";
import { staffAction } from "@/lib/auth/action-client";
import { formError, type TFieldError } from "@/lib/forms/form-state";
import { createFund, createPot, moveMoney, updateFund, updatePot } from "@/lib/funds/manage";
import { ZAllocate, ZChangeFund, ZChangePot, ZMoveMoney, ZNewFund, ZNewPot } from "@/lib/funds/schemas";
import { errorText, format } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { ledgerRefusalText, type LedgerRefused } from "@/lib/ledger/refusals";
import { formatPence } from "@/lib/money";

// Server actions for the budget screens. staffAction checks Origin, session, council (from the
// URL) and the funds:manage permission before any of these bodies run.

const en = messagesFor("en");
const fieldError = (field: string, message: string, values: Record<string, string>) => ({ errors: [{ field, message }] as TFieldError[], values });
const fundsPath = (slug: string, fundId?: string) => `/${slug}/staff/funds${fundId ? `/${fundId}` : ""}`;

export const createFundAction = staffAction({ permission: "funds:manage", schema: ZNewFund, name: "create fund" }, async (ctx, input, raw) => {
  const result = await createFund(ctx, input.fund, input.idempotencyKey, ctx.ip);
  if (result.outcome === "name-taken") return fieldError("name", errorText(en, "funds.fundName.taken"), raw);
  redirect(`${fundsPath(ctx.council.slug, result.fundId)}?created=fund`);
});

export const changeFundAction = staffAction({ permission: "funds:manage", schema: ZChangeFund, name: "change fund" }, async (ctx, input, raw) => {
  const result = await updateFund(ctx, input.fundId, input.fund, input.reason, input.idempotencyKey, ctx.ip);
  switch (result.outcome) {
    case "not-found":
      return formError(errorText(en, "funds.fund.notFound"), raw);
    case "name-taken":
      return fieldError("name", errorText(en, "funds.fundName.taken"), raw);
    case "reason-required":
      return fieldError("reason", errorText(en, "funds.reason.allocationChange"), raw);
    case "allocation-too-low":
      return fieldError("allocation", format(errorText(en, "funds.allocation.belowAllocated"), { unallocated: formatPence(result.unallocatedPence) }), raw);
  }
  redirect(`${fundsPath(ctx.council.slug, input.fundId)}?changed=fund`);
});

export const createPotAction = staffAction({ permission: "funds:manage", schema: ZNewPot, name: "create pot" }, async (ctx, input, raw) => {
  const result = await createPot(ctx, input.fundId, input.rules, ctx.ip);
  if (result.outcome === "not-found") return formError(errorText(en, "funds.fund.notFound"), raw);
  if (result.outcome === "name-taken") return fieldError("name", errorText(en, "funds.potName.taken"), raw);
  if (result.outcome === "bad-organisation") return fieldError("ownerOrganisationId", errorText(en, "funds.ownerOrganisationId.notOurs"), raw);
  redirect(`${fundsPath(ctx.council.slug, input.fundId)}/pots/${result.potId}?created=pot`);
});

export const changePotAction = staffAction({ permission: "funds:manage", schema: ZChangePot, name: "change pot" }, async (ctx, input, raw) => {
  const result = await updatePot(ctx, input.potId, input.rules, input.active, ctx.ip);
  if (result.outcome === "not-found") return formError(errorText(en, "funds.pot.notFound"), raw);
  if (result.outcome === "name-taken") return fieldError("name", errorText(en, "funds.potName.taken"), raw);
  if (result.outcome === "bad-organisation") return fieldError("ownerOrganisationId", errorText(en, "funds.ownerOrganisationId.notOurs"), raw);
  redirect(`${fundsPath(ctx.council.slug, input.fundId)}/pots/${input.potId}?changed=pot`);
});

/** The ledger's refusal in the manager's words (message files), on the field it is about. */
function refusalError(refusal: LedgerRefused, values: Record<string, string>) {
  const text = ledgerRefusalText(refusal, en);
  if (refusal.code === "insufficient" || refusal.code === "amount") return fieldError("amount", text, values);
  if (refusal.code === "same-pot") return fieldError("toPotId", text, values);
  if (refusal.code === "reason") return fieldError("reason", text, values);
  return formError(text, values);
}

export const allocateAction = staffAction({ permission: "funds:manage", schema: ZAllocate, name: "allocate money" }, async (ctx, input, raw) => {
  const result = await moveMoney(ctx, { fundId: input.fundId, fromPotId: null, toPotId: input.toPotId, amountPence: input.amount, reason: input.reason, formKey: input.idempotencyKey }, ctx.ip);
  if (result.outcome === "refused") return refusalError(result.refusal, raw);
  redirect(`${fundsPath(ctx.council.slug, input.fundId)}?moved=allocated`);
});

export const moveMoneyAction = staffAction({ permission: "funds:manage", schema: ZMoveMoney, name: "move money" }, async (ctx, input, raw) => {
  const toPotId = input.toPotId === "fund" ? null : input.toPotId;
  const result = await moveMoney(ctx, { fundId: input.fundId, fromPotId: input.fromPotId, toPotId, amountPence: input.amount, reason: input.reason, formKey: input.idempotencyKey }, ctx.ip);
  if (result.outcome === "refused") return refusalError(result.refusal, raw);
  redirect(`${fundsPath(ctx.council.slug, input.fundId)}?moved=moved`);
});
