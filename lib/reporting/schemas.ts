// Input for the funder's return screens: strict Zod schemas over the flat form fields. Problems
// are message keys ("reporting.periodStart.required"); the words are in messages/en/staff.json
// errors.reporting (staff screens are English only). Amounts are typed in pounds, leave as pence.
import { z } from "zod";
import { parseDateParts } from "@/lib/forms/dates";
import { EVEN_IF_OTHER_FIELDS_FAIL } from "@/lib/forms/form-state";
import { zPounds } from "@/lib/forms/pounds-field";
import { zLine, zText } from "@/lib/forms/text";
import { parsePounds } from "@/lib/money";
import { ADMIN_COST_LINES, ALL_CATEGORIES, PLAN_LINES, RETURN_LAYOUTS } from "@/lib/reporting/categories";

const KEY = z.uuid({ error: "reporting.form.expired" });

/** The words the Section 151 officer types to approve a return (the sign-off form shows them). */
export const SIGN_OFF_STATEMENT = "I approve this return as the Section 151 officer";
const normalise = (s: string) => s.trim().replace(/\s+/g, " ").replace(/[.]$/, "").toLowerCase();

const dateFields = (name: string) => ({ [`${name}-day`]: zLine().default(""), [`${name}-month`]: zLine().default(""), [`${name}-year`]: zLine().default("") });

function readDate(v: Record<string, unknown>, name: "periodStart" | "periodEnd", ctx?: z.RefinementCtx): string | null {
  const parsed = parseDateParts({ day: String(v[`${name}-day`] ?? ""), month: String(v[`${name}-month`] ?? ""), year: String(v[`${name}-year`] ?? "") });
  if (!parsed.ok) {
    ctx?.addIssue({ code: "custom", path: [name], message: `reporting.${name}.${parsed.problem}` });
    return null;
  }
  return parsed.iso;
}

function checkPeriod(v: unknown, ctx: z.RefinementCtx) {
  if (!v || typeof v !== "object") return;
  const values = v as Record<string, unknown>;
  const start = readDate(values, "periodStart", ctx);
  const end = readDate(values, "periodEnd", ctx);
  if (start && end && end < start) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "reporting.periodEnd.beforeStart" });
}

/** Optional pounds (the delivery plan's anticipated spend): empty is "not entered". */
const optionalPounds = (key: string) =>
  z
    .string()
    .trim()
    .default("")
    .transform((value, ctx) => {
      if (!value) return null;
      const pence = parsePounds(value);
      if (pence === null) {
        ctx.addIssue({ code: "custom", message: `${key}.format` });
        return z.NEVER;
      }
      return pence;
    });

const inputFields = {
  councilCode: zLine().trim().max(20, "reporting.councilCode.tooLong").regex(/^[A-Za-z0-9]*$/, "reporting.councilCode.format").default(""),
  contactEmail: z.union([z.literal(""), z.email({ error: "reporting.contactEmail.format" })]).default(""),
  notes: zText().trim().max(5000, "reporting.notes.tooLong").default(""),
  ...Object.fromEntries(PLAN_LINES.map((l) => [`plan-${l.id}`, optionalPounds("reporting.plan")])),
};

function toInputs(v: Record<string, unknown>) {
  const plan: Record<string, string> = {};
  for (const l of PLAN_LINES) {
    const p = v[`plan-${l.id}`];
    if (typeof p === "bigint") plan[l.id] = p.toString();
  }
  return {
    ...(v.councilCode ? { councilCode: String(v.councilCode).toUpperCase() } : {}),
    ...(v.contactEmail ? { contactEmail: String(v.contactEmail) } : {}),
    ...(v.notes ? { notes: String(v.notes) } : {}),
    ...(Object.keys(plan).length ? { plan } : {}),
  };
}

export const ZDraftReturn = z
  .strictObject({
    fundId: z.uuid({ error: "reporting.fund.required" }),
    layout: z.enum(RETURN_LAYOUTS, { error: "reporting.layout.required" }),
    ...dateFields("periodStart"),
    ...dateFields("periodEnd"),
    ...inputFields,
    idempotencyKey: KEY,
  })
  .superRefine(checkPeriod, EVEN_IF_OTHER_FIELDS_FAIL)
  .transform((v) => ({
    fundId: v.fundId,
    layout: v.layout,
    periodStart: readDate(v, "periodStart")!,
    periodEnd: readDate(v, "periodEnd")!,
    inputs: toInputs(v),
  }));

export const ZChangeInputs = z.strictObject({ returnId: z.uuid(), ...inputFields }).transform((v) => ({ returnId: v.returnId, inputs: toInputs(v) }));

export const ZSignReturn = z
  .strictObject({
    returnId: z.uuid(),
    signedByName: zLine({ error: "reporting.signedByName.required" }).trim().min(1, "reporting.signedByName.required").max(120, "reporting.signedByName.tooLong"),
    signedByEmail: z.email({ error: "reporting.signedByEmail.format" }),
    statement: zText({ error: "reporting.statement.required" }).trim().min(1, "reporting.statement.required"),
  })
  .superRefine((v, ctx) => {
    if (v.statement && normalise(v.statement) !== normalise(SIGN_OFF_STATEMENT)) ctx.addIssue({ code: "custom", path: ["statement"], message: "reporting.statement.mismatch" });
  });

const CATEGORY_IDS = ALL_CATEGORIES.map((c) => c.id) as [string, ...string[]];

/** The mapping form: one select per pot ("map-<potId>") and per pot and need ("map-<potId>-<need>"); "" = not mapped. */
export const ZMapping = z
  .object({ fundId: z.uuid() })
  .catchall(z.union([z.literal(""), z.enum(CATEGORY_IDS, { error: "reporting.mapping.category" })]))
  .transform((v) => {
    const entries: { potId: string; needCategory: string; category: string }[] = [];
    for (const [k, value] of Object.entries(v)) {
      const m = /^map-([0-9a-f-]{36})(?:-([a-z-]+))?$/.exec(k);
      if (!m || !value) continue;
      entries.push({ potId: m[1]!, needCategory: m[2] ?? "*", category: value });
    }
    return { fundId: v.fundId, entries };
  });

const COST_LINE_IDS = ADMIN_COST_LINES.map((l) => l.id) as [string, ...string[]];

export const ZReverseAdminCost = z.strictObject({
  fundId: z.uuid({ error: "reporting.fund.required" }),
  transactionId: z.uuid({ error: "reporting.fund.required" }),
  reason: zText({ error: "reporting.reverseReason.required" }).trim().min(1, "reporting.reverseReason.required").max(500, "reporting.reason.tooLong"),
});

export const ZAdminCost = z.strictObject({
  fundId: z.uuid({ error: "reporting.fund.required" }),
  costLine: z.enum(COST_LINE_IDS, { error: "reporting.costLine.required" }),
  amount: zPounds("reporting.amount"),
  reason: zText({ error: "reporting.reason.required" }).trim().min(1, "reporting.reason.required").max(500, "reporting.reason.tooLong"),
  idempotencyKey: KEY,
});
