// What a council admin sends to change the casework settings: the service's input
// (ZCaseworkSettingsInput, structured, amounts in pence) and the settings page's flat form
// (ZCaseworkSettingsForm, one field per box, pounds typed) that becomes it. Problems are message
// keys (messages/en/staff.json `errors`). Pure.
import { z } from "zod";
import { zLine } from "@/lib/forms/text";
import { EVEN_IF_OTHER_FIELDS_FAIL } from "@/lib/forms/form-state";
import { zPounds } from "@/lib/forms/pounds-field";
import { PRIORITY_REASONS, type TPriorityReason } from "@/lib/triage/priority";

export const MAX_REASON_CODES = 50;
/** The officer's limit: £0 (every award needs an approver) up to £100,000. */
export const MAX_OFFICER_LIMIT_PENCE = 100_000_00n;
export const REASON_DECISIONS = ["approve", "decline", "any"] as const;

const whole = (key: string, min: number, max: number) => z.number({ error: key }).int(key).min(min, key).max(max, key);

const ZCode = z.strictObject({
  code: zLine({ error: "settings.code.format" }).regex(/^[a-z0-9-]{2,40}$/, "settings.code.format"),
  label: zLine({ error: "settings.label.required" }).trim().min(1, "settings.label.required").max(120, "settings.label.tooLong"),
  decision: z.enum(REASON_DECISIONS, { error: "settings.decision.required" }),
  retired: z.boolean().optional(),
});

/** Every council's settings must leave officers a way to approve and a way to decline. */
function checkCodes(codes: readonly z.infer<typeof ZCode>[], ctx: z.RefinementCtx, at: PropertyKey[] = ["reasonCodes"]) {
  const seen = new Set<string>();
  codes.forEach((c, i) => {
    if (seen.has(c.code)) ctx.addIssue({ code: "custom", path: [...at, i, "code"], message: "settings.code.taken" });
    seen.add(c.code);
  });
  const active = codes.filter((c) => !c.retired);
  if (!active.some((c) => c.decision !== "decline")) ctx.addIssue({ code: "custom", path: at, message: "settings.codes.needApprove" });
  if (!active.some((c) => c.decision !== "approve")) ctx.addIssue({ code: "custom", path: at, message: "settings.codes.needDecline" });
}

export const ZCaseworkSettingsInput = z
  .strictObject({
    priority: z.strictObject({
      weights: z.strictObject(Object.fromEntries(PRIORITY_REASONS.map((r) => [r, whole(`settings.weight.${r}`, 0, 100)])) as Record<TPriorityReason, z.ZodNumber>),
      urgentFrom: whole("settings.urgentFrom.range", 1, 1000),
    }),
    sla: z.strictObject({ urgentWorkingDays: whole("settings.slaUrgentDays.range", 1, 60), standardWorkingDays: whole("settings.slaStandardDays.range", 1, 60) }),
    officerLimitPence: z.bigint({ error: "settings.officerLimit.format" }).min(0n, "settings.officerLimit.min").max(MAX_OFFICER_LIMIT_PENCE, "settings.officerLimit.max"),
    reasonCodes: z.array(ZCode).min(1, "settings.codes.needApprove").max(MAX_REASON_CODES, "settings.codes.tooMany"),
  })
  .superRefine((v, ctx) => checkCodes(v.reasonCodes, ctx));
export type TCaseworkSettingsInput = z.infer<typeof ZCaseworkSettingsInput>;

// ---- the page's form ----

/** A whole number typed in a box, in its range: "12" → 12; anything else is the field's problem. */
const typedWhole = (key: string, min: number, max: number) =>
  z
    .string({ error: key })
    .trim()
    .transform((v, ctx) => {
      if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) {
        ctx.addIssue({ code: "custom", message: key });
        return z.NEVER;
      }
      return Number(v);
    });

const codeFields = Object.fromEntries(
  Array.from({ length: MAX_REASON_CODES }, (_, i) => [
    [`code-${i}-code`, zLine().optional()],
    [`code-${i}-label`, zLine().optional()],
    [`code-${i}-decision`, zLine().optional()],
    [`code-${i}-retired`, zLine().optional()],
  ]).flat(),
) as Record<string, z.ZodOptional<z.ZodString>>;

/** The reason codes as the form lists them (its existing rows, then the "add a code" row if filled in). */
function formCodes(v: Record<string, unknown>): { codes: TCaseworkSettingsInput["reasonCodes"]; existing: number } {
  const codes: TCaseworkSettingsInput["reasonCodes"] = [];
  for (let i = 0; i < MAX_REASON_CODES && typeof v[`code-${i}-code`] === "string"; i++) {
    codes.push({ code: String(v[`code-${i}-code`]), label: String(v[`code-${i}-label`] ?? "").trim(), decision: v[`code-${i}-decision`] as "any", retired: v[`code-${i}-retired`] === "yes" });
  }
  const existing = codes.length;
  const text = (x: unknown) => (typeof x === "string" ? x.trim() : "");
  if (text(v.newCode) || text(v.newLabel)) codes.push({ code: text(v.newCode).toLowerCase(), label: text(v.newLabel), decision: (text(v.newDecision) || undefined) as "any" });
  return { codes, existing };
}

/** The reason codes' problems, found even when other boxes are wrong too (GOV.UK: every problem at once). */
function checkFormCodes(v: unknown, ctx: z.RefinementCtx) {
  if (!v || typeof v !== "object") return;
  const { codes, existing } = formCodes(v as Record<string, unknown>);
  const checked = z
    .array(ZCode)
    .max(MAX_REASON_CODES, "settings.codes.tooMany")
    .superRefine((list, inner) => checkCodes(list, inner, []))
    .safeParse(codes);
  if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", path: [formFieldOf(["reasonCodes", ...issue.path], existing)], message: issue.message });
}

/** The settings page's fields, in page order; a problem is reported on the box it is about. */
export const ZCaseworkSettingsForm = z
  .strictObject({
    ...(Object.fromEntries(PRIORITY_REASONS.map((r) => [`weight-${r}`, typedWhole(`settings.weight.${r}`, 0, 100)])) as Record<string, ReturnType<typeof typedWhole>>),
    urgentFrom: typedWhole("settings.urgentFrom.range", 1, 1000),
    slaUrgentDays: typedWhole("settings.slaUrgentDays.range", 1, 60),
    slaStandardDays: typedWhole("settings.slaStandardDays.range", 1, 60),
    officerLimit: zPounds("settings.officerLimit", { min: 0n, max: MAX_OFFICER_LIMIT_PENCE }),
    ...codeFields,
    newCode: zLine().optional(),
    newLabel: zLine().optional(),
    newDecision: zLine().optional(),
  })
  .superRefine(checkFormCodes, EVEN_IF_OTHER_FIELDS_FAIL)
  .transform((f, ctx): TCaseworkSettingsInput => {
    const v = f as Record<string, unknown>;
    const { codes, existing } = formCodes(v);
    const input = {
      priority: { weights: Object.fromEntries(PRIORITY_REASONS.map((r) => [r, v[`weight-${r}`]])) as Record<TPriorityReason, number>, urgentFrom: f.urgentFrom },
      sla: { urgentWorkingDays: f.slaUrgentDays, standardWorkingDays: f.slaStandardDays },
      officerLimitPence: f.officerLimit,
      reasonCodes: codes,
    };
    const checked = ZCaseworkSettingsInput.safeParse(input);
    if (!checked.success) {
      for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", path: [formFieldOf(issue.path, existing)], message: issue.message });
      return z.NEVER;
    }
    return checked.data;
  });

/**
 * The form's field for a problem the service's schema found (`existing`: how many codes the
 * form listed before its "add a code" row).
 */
export function formFieldOf(path: readonly PropertyKey[], existing: number): string {
  const [a, b, c] = path.map(String);
  if (a === "priority" && b === "weights" && c) return `weight-${c}`;
  if (a === "priority") return "urgentFrom";
  if (a === "sla") return b === "urgentWorkingDays" ? "slaUrgentDays" : "slaStandardDays";
  if (a === "officerLimitPence") return "officerLimit";
  if (a === "reasonCodes" && b !== undefined) {
    const i = Number(b);
    const part = c ?? "label";
    if (i >= existing) return part === "code" ? "newCode" : part === "decision" ? "newDecision" : "newLabel";
    return `code-${i}-${part === "code" ? "label" : part}`;
  }
  if (a === "reasonCodes") return "reasonCodes";
  return "form";
}
