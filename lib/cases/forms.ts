// The case page's forms as sent by a browser (strings), turned into what the services take.
// Pure, unit-tested: the same rules with and without JavaScript.
import { z } from "zod";
import { zLine, zText } from "@/lib/forms/text";
import { normaliseUkMobile } from "@/lib/applications/formats";
import { AMENDABLE_FIELDS, type TAmendableField } from "@/lib/cases/schemas";
import type { TFieldError } from "@/lib/forms/form-state";
import { parsePounds } from "@/lib/money";


/** How many award lines the decision form offers (without JavaScript, every line is on the page). */
export const DECISION_FORM_LINES = 3;

const text = (max: number) => zText().max(max).optional().default("");

export const ZCaseIdForm = z.strictObject({ caseId: z.uuid({ error: "case.notFound" }) });
export const ZNoteForm = z.strictObject({ caseId: z.uuid({ error: "case.notFound" }), text: text(6000) });
export const ZAssignForm = z.strictObject({ caseId: z.uuid({ error: "case.notFound" }), assignTo: zLine().max(40).optional().default("") });
export const ZReasonForm = z.strictObject({ caseId: z.uuid({ error: "case.notFound" }), reason: text(2000) });
/** Each award's cancel form names its reason field after the award (ids stay unique on the page). */
export const ZCancelAwardForm = z
  .record(zLine(), zLine())
  .transform((raw) => Object.fromEntries(Object.entries(raw).map(([k, v]) => [/^reason-[0-9a-f-]{36}$/i.test(k) ? "reason" : k, v])))
  .pipe(
  z.strictObject({ caseId: z.uuid({ error: "case.notFound" }), awardId: z.uuid({ error: "award.notFound" }), reason: text(2000) }),
);
export const ZAmendForm = z.strictObject({ caseId: z.uuid({ error: "case.notFound" }), field: text(60), value: text(2000), reason: text(2000) });

const lineFields = Object.fromEntries(
  Array.from({ length: DECISION_FORM_LINES }, (_, i) => i + 1).flatMap((n) => [`line-${n}-need`, `line-${n}-amount`, `line-${n}-pot`, `line-${n}-method`, `line-${n}-override`].map((k) => [k, text(k.endsWith("override") ? 2000 : 100)])),
);
export const ZDecisionForm = z.strictObject({
  caseId: z.uuid({ error: "case.notFound" }),
  decision: text(20),
  reasonCode: text(60),
  explanation: text(4000),
  ...lineFields,
});
export type TDecisionForm = z.infer<typeof ZDecisionForm>;

export type TDecisionFromForm = { ok: true; input: unknown; lineNumbers: number[] } | { ok: false; errors: TFieldError[] };

/**
 * The decision as decideCase takes it. Lines left wholly empty are ignored; a line half filled
 * in is an error on each missing answer. `lineNumbers[i]`: the form's line for the service's
 * line i (so its refusals land on the right field).
 */
export function decisionFromForm(form: Record<string, string | undefined>): TDecisionFromForm {
  const errors: TFieldError[] = [];
  const decision = form.decision ?? "";
  if (!["approve", "part-approve", "decline"].includes(decision)) errors.push({ field: "decision", message: "decision.decision" });
  const lines: { potId: string; needCategory: string; amountPence: bigint; paymentMethod: string; overrideReason?: string }[] = [];
  const lineNumbers: number[] = [];
  if (decision !== "decline") {
    for (let n = 1; n <= DECISION_FORM_LINES; n++) {
      const need = form[`line-${n}-need`]?.trim() ?? "";
      const amount = form[`line-${n}-amount`]?.trim() ?? "";
      const pot = form[`line-${n}-pot`]?.trim() ?? "";
      const method = form[`line-${n}-method`]?.trim() ?? "";
      const override = form[`line-${n}-override`]?.trim() ?? "";
      // The payment method comes filled in with the resident's choice: a line is empty without the rest.
      if (!need && !amount && !pot) continue;
      const pence = amount ? parsePounds(amount) : null;
      if (!need) errors.push({ field: `line-${n}-need`, message: "award.need" });
      if (!amount) errors.push({ field: `line-${n}-amount`, message: "award.amount" });
      else if (pence === null) errors.push({ field: `line-${n}-amount`, message: "award.amountFormat" });
      else if (pence < 1n || pence > 100_000_00n) errors.push({ field: `line-${n}-amount`, message: "award.amount" });
      if (!pot) errors.push({ field: `line-${n}-pot`, message: "award.pot" });
      if (!method) errors.push({ field: `line-${n}-method`, message: "award.paymentMethod" });
      lines.push({ potId: pot, needCategory: need, amountPence: pence ?? 0n, paymentMethod: method, ...(override ? { overrideReason: override } : {}) });
      lineNumbers.push(n);
    }
    if (decision && !lines.length && !errors.some((e) => e.field.startsWith("line-"))) errors.push({ field: "line-1-need", message: "decision.lines" });
  }
  if (!form.reasonCode) errors.push({ field: "reasonCode", message: "decision.reasonCode" });
  if (!form.explanation?.trim()) errors.push({ field: "explanation", message: "decision.explanation" });
  if (errors.length) return { ok: false, errors };
  const base = { decision, reasonCode: form.reasonCode, explanation: form.explanation };
  return { ok: true, input: decision === "decline" ? base : { ...base, lines }, lineNumbers };
}

/** A service's issue path (["lines", 0, "potId"]) as the form's field. */
export function decisionFieldOf(path: readonly PropertyKey[], lineNumbers: readonly number[]): string {
  if (path[0] === "lines" && typeof path[1] === "number") {
    const n = lineNumbers[path[1]] ?? 1;
    const part = { potId: "pot", needCategory: "need", amountPence: "amount", paymentMethod: "method", overrideReason: "override" }[String(path[2])] ?? "need";
    return `line-${n}-${part}`;
  }
  if (path[0] === "lines") return "line-1-need";
  return String(path[0] ?? "form");
}

const YES_NO = new Set<TAmendableField>(["household.pregnant", "household.overPensionAge", "household.disabilityOrIllness", "urgency.enoughFoodToday", "urgency.evictionNotice"]);

/**
 * What an officer typed for a corrected answer, in the application's own form: "yes"/"no" for
 * yes-or-no answers, a whole number of adults, needs as a comma-separated list, UK postcodes and
 * mobiles as the application stores them, an empty email or mobile as none. The canonical
 * schema still decides (amendApplication checks it).
 */
export function amendmentValueOf(field: TAmendableField, raw: string): unknown {
  const v = raw.trim();
  if (YES_NO.has(field)) return /^(yes|y|true)$/i.test(v) ? true : /^(no|n|false)$/i.test(v) ? false : v;
  if (field === "household.adults") return /^\d+$/.test(v) ? Number(v) : v;
  if (field === "needs.categories" || field === "income.benefits") return v.split(/[,\s]+/).filter(Boolean).map((n) => n.toLowerCase());
  if (field === "income.noRecourseToPublicFunds") return v.toLowerCase().replace(/\s+/g, "-");
  if (field === "aboutYou.email") return v ? v : null;
  if (field === "aboutYou.mobile") return v ? (normaliseUkMobile(v) ?? v) : null;
  if (field === "needs.otherNeed") return v ? v : null;
  if (field === "address.postcode") {
    const compact = v.replace(/\s+/g, "").toUpperCase();
    return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
  }
  return v;
}

export const AMENDABLE_FIELD_NAMES = Object.keys(AMENDABLE_FIELDS) as TAmendableField[];
export const isAmendableField = (f: string): f is TAmendableField => (AMENDABLE_FIELD_NAMES as string[]).includes(f);
