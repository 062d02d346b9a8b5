"use server";
import { PAYMENT_STATUS_WORDS } from "@/lib/payments/words";
import { redirect } from "next/navigation";
import { staffActor, type TActor } from "@/lib/actor";
import { cancelAward } from "@/lib/awards/cancel-award";
import { staffAction } from "@/lib/auth/action-client";
import { addCaseNote } from "@/lib/cases/add-case-note";
import { amendApplication } from "@/lib/cases/amend-application";
import { assignCase, claimCase, unassignCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { amendmentValueOf, decisionFieldOf, decisionFromForm, isAmendableField, ZAmendForm, ZAssignForm, ZCancelAwardForm, ZCaseIdForm, ZDecisionForm, ZNoteForm, ZReasonForm } from "@/lib/cases/forms";
import { listAwardPots } from "@/lib/cases/options";
import type { TTransitionRefusal } from "@/lib/cases/transition";
import { withdrawCase } from "@/lib/decisions/withdraw-case";
import { formError, type TFieldError, type TFormState } from "@/lib/forms/form-state";
import { errorText, format } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { ledgerRefusalText, type LedgerRefused } from "@/lib/ledger/refusals";
import { formatPence } from "@/lib/money";

// Server actions for the case page. staffAction checks Origin, session, the council (from the
// URL, never a form field) and the permission before these bodies run; the services check the
// permission again and read only this council's rows (row-level security), so another
// council's case id is simply not found. Each refusal becomes a GOV.UK error message; success
// goes back to the case with a notification banner (?done=…).

const en = messagesFor("en");
const says = (key: string, params: Record<string, string> = {}) => format(errorText(en, key), params);
const casePath = (slug: string, caseId: string, done: string) => `/${slug}/staff/cases/${caseId}?done=${done}`;
const fieldError = (field: string, key: string, values: Record<string, string>, params: Record<string, string> = {}): TFormState => ({ errors: [{ field, message: says(key, params) }], values });

/** A case transition's refusal in words (claim race: who has it). */
function refusal(r: TTransitionRefusal | { outcome: "not-yours"; assignedToName: string | null }, values: Record<string, string>): TFormState {
  switch (r.outcome) {
    case "forbidden":
      return formError(says("case.forbidden"), values);
    case "not-found":
      return formError(says("case.notFound"), values);
    case "taken":
      return formError(r.assignedToName ? says("case.taken", { name: r.assignedToName }) : says("case.takenUnknown"), values);
    case "changed":
      return formError(says("case.changed"), values);
    case "not-allowed":
      return formError(says("case.notAllowed", { status: en.casework.caseStatuses[r.status].toLowerCase() }), values);
    case "not-a-caseworker":
      return fieldError("assignTo", "assign.notACaseworker", values);
    case "not-yours":
      return formError(r.assignedToName ? says("case.notYours", { name: r.assignedToName }) : says("case.notYoursUnassigned"), values);
  }
}

const actorOf = (ctx: Parameters<typeof staffActor>[0]): TActor => staffActor(ctx);

export const claimCaseAction = staffAction({ permission: "cases:work", schema: ZCaseIdForm, name: "claim case" }, async (ctx, input, raw) => {
  const r = await claimCase(actorOf(ctx), input.caseId);
  if (r.outcome !== "done") return refusal(r, raw);
  redirect(casePath(ctx.council.slug, input.caseId, "claimed"));
});

export const assignCaseAction = staffAction({ permission: "cases:work", schema: ZAssignForm, name: "assign case" }, async (ctx, input, raw) => {
  if (!input.assignTo) return fieldError("assignTo", "assign.officer", raw);
  const r = await assignCase(actorOf(ctx), input.caseId, input.assignTo);
  if (r.outcome !== "done") return refusal(r, raw);
  redirect(casePath(ctx.council.slug, input.caseId, "assigned"));
});

export const unassignCaseAction = staffAction({ permission: "cases:work", schema: ZCaseIdForm, name: "unassign case" }, async (ctx, input, raw) => {
  const r = await unassignCase(actorOf(ctx), input.caseId);
  if (r.outcome !== "done") return refusal(r, raw);
  redirect(casePath(ctx.council.slug, input.caseId, "unassigned"));
});

export const addNoteAction = staffAction({ permission: "cases:work", schema: ZNoteForm, name: "add case note" }, async (ctx, input, raw) => {
  const r = await addCaseNote(actorOf(ctx), input.caseId, { text: input.text });
  if (r.outcome === "invalid") return fieldError("text", r.issues[0] ?? "note.required", raw);
  if (r.outcome !== "added") return refusal(r, raw);
  redirect(casePath(ctx.council.slug, input.caseId, "noted"));
});

export const amendAction = staffAction({ permission: "cases:work", schema: ZAmendForm, name: "amend application" }, async (ctx, input, raw) => {
  const errors: TFieldError[] = [];
  if (!isAmendableField(input.field)) errors.push({ field: "field", message: says("amendment.field") });
  if (!input.reason.trim()) errors.push({ field: "reason", message: says("amendment.reasonRequired") });
  if (errors.length || !isAmendableField(input.field)) return { errors, values: raw };
  const r = await amendApplication(actorOf(ctx), input.caseId, { field: input.field, value: amendmentValueOf(input.field, input.value), reason: input.reason });
  switch (r.outcome) {
    case "invalid":
      return fieldError(r.issues[0]?.startsWith("amendment.reason") ? "reason" : "value", r.issues[0] ?? "amendment.value", raw);
    case "unchanged":
      return fieldError("value", "amendment.unchanged", raw);
    case "closed":
      return formError(says("amendment.closed"), raw);
    case "forbidden":
    case "not-found":
      return refusal(r, raw);
  }
  redirect(casePath(ctx.council.slug, input.caseId, "amended"));
});

/** Not enough money: which pot, how much is left, and what the award (or awards) from it come to. */
async function potShort(actor: TActor, r: { refusal: LedgerRefused; pot: string | null; availablePence: bigint | null }, lines: { potId: string; amountPence: bigint }[], lineNumbers: number[], values: Record<string, string>): Promise<TFormState> {
  if (r.refusal.code !== "insufficient" || !r.pot) return formError(ledgerRefusalText(r.refusal, en), values);
  const pots = await listAwardPots(actor);
  const ids = new Set(pots.filter((p) => p.name === r.pot).map((p) => p.id));
  const mine = lines.map((l, i) => ({ ...l, n: lineNumbers[i]! })).filter((l) => ids.has(l.potId));
  const total = mine.reduce((sum, l) => sum + l.amountPence, 0n);
  const params = { pot: r.pot, available: formatPence(r.availablePence ?? 0n), amount: formatPence(total) };
  return fieldError(mine.length ? `line-${mine[0]!.n}-amount` : "form", mine.length > 1 ? "ledger.potShortTotal" : "ledger.potShort", values, params);
}

export const decideAction = staffAction({ permission: "cases:work", schema: ZDecisionForm, name: "decide case" }, async (ctx, input, raw) => {
  const form = decisionFromForm(input);
  const fieldOrder = Object.keys(raw);
  const inOrder = (errors: TFieldError[]) => [...errors].sort((a, b) => fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field));
  if (!form.ok) return { errors: inOrder(form.errors.map((e) => ({ field: e.field, message: says(e.message) }))), values: raw };
  const actor = actorOf(ctx);
  const r = await decideCase(actor, input.caseId, form.input);
  switch (r.outcome) {
    case "decided":
      break;
    case "invalid":
      return { errors: inOrder(r.issues.map((i) => ({ field: decisionFieldOf(i.path, form.lineNumbers), message: says(i.message, i.params) }))), values: raw };
    case "refused": {
      const lines = (form.input as { lines?: { potId: string; amountPence: bigint }[] }).lines ?? [];
      return potShort(actor, r, lines, form.lineNumbers, raw);
    }
    default:
      return refusal(r, raw);
  }
  redirect(casePath(ctx.council.slug, input.caseId, "decided"));
});

export const cancelAwardAction = staffAction({ permission: "cases:work", schema: ZCancelAwardForm, name: "cancel award" }, async (ctx, input, raw) => {
  if (!input.reason.trim()) return fieldError(`reason-${input.awardId}`, "award.cancelReason", raw);
  const r = await cancelAward(actorOf(ctx), input.awardId, input.reason, input.caseId);
  switch (r.outcome) {
    case "done":
      break;
    case "invalid":
      return fieldError(`reason-${input.awardId}`, "award.cancelReason", raw);
    case "forbidden":
      return formError(says("case.forbidden"), raw);
    case "not-found":
      return formError(says("award.notFound"), raw);
    case "not-allowed":
      return formError(says("award.notAllowed", { status: en.casework.awardStatuses[r.status].toLowerCase() }), raw);
    case "changed":
      return formError(says("award.changed"), raw);
    case "payment-under-way":
      return formError(says("award.paymentUnderWay", { status: PAYMENT_STATUS_WORDS[r.paymentStatus] }), raw);
  }
  redirect(casePath(ctx.council.slug, input.caseId, "cancelled"));
});

export const withdrawCaseAction = staffAction({ permission: "cases:work", schema: ZReasonForm, name: "withdraw case" }, async (ctx, input, raw) => {
  if (!input.reason.trim()) return fieldError("reason", "withdraw.reason", raw);
  const r = await withdrawCase(actorOf(ctx), input.caseId, input.reason);
  if (r.outcome === "invalid") return fieldError("reason", "withdraw.reason", raw);
  if (r.outcome !== "done") return refusal(r, raw);
  redirect(casePath(ctx.council.slug, input.caseId, "withdrawn"));
});
