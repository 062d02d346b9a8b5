// Input for the advice partner and onward referral screens: strict Zod schemas over the flat form
// fields. Staff screens are English only, so the messages are the words themselves, from
// messages/en/advice.json `errors` (unknown keys pass through the action client unchanged). Pure.
import { z } from "zod";
import type { AdviceOutcomeKind, AdvicePartnerKind, AdviceValuePeriod } from "@/lib/generated/prisma/enums";
import { parseDateParts } from "@/lib/forms/dates";
import { zLine, zText } from "@/lib/forms/text";
import { parsePounds } from "@/lib/money";
import words from "@/messages/en/advice.json";

const e = words.errors;

export const ADVICE_PARTNER_KINDS = ["WELFARE_RIGHTS", "DEBT_ADVICE", "ENERGY_ADVICE", "EMPLOYMENT_SUPPORT"] as const satisfies readonly AdvicePartnerKind[];
export const ADVICE_OUTCOME_KINDS = [
  "PENSION_CREDIT",
  "ATTENDANCE_ALLOWANCE",
  "COUNCIL_TAX_REDUCTION",
  "UNIVERSAL_CREDIT",
  "HEALTHY_START",
  "WARM_HOME_DISCOUNT",
  "SOCIAL_TARIFF",
  "DEBT_WRITTEN_OFF",
  "OTHER",
] as const satisfies readonly AdviceOutcomeKind[];
export const ADVICE_VALUE_PERIODS = ["WEEKLY", "ANNUAL"] as const satisfies readonly AdviceValuePeriod[];

/** The largest recurring value (£100,000) and backdated lump sum (£1,000,000) an outcome may record. */
export const MAX_VALUE_PENCE = 100_000_00n;
export const MAX_LUMP_SUM_PENCE = 1_000_000_00n;

const expired = { error: e.form.expired };

const partnerFields = {
  name: zLine({ error: e.name.required }).trim().min(1, e.name.required).max(120, e.name.tooLong),
  kind: z.enum(ADVICE_PARTNER_KINDS, { error: e.kind.required }),
  contactEmail: zLine({ error: e.contactEmail.required })
    .trim()
    .toLowerCase()
    .min(1, e.contactEmail.required)
    .max(254, e.contactEmail.format)
    .refine((v) => v === "" || z.email().safeParse(v).success, e.contactEmail.format),
};

export const ZAdvicePartner = z.object(partnerFields).strict();
export type TAdvicePartnerInput = z.output<typeof ZAdvicePartner>;

export const ZAdvicePartnerEdit = z
  .object({ partnerId: z.uuid(expired), ...partnerFields, active: z.enum(["yes", "no"], { error: e.active.required }) })
  .strict()
  .transform(({ active, ...rest }) => ({ ...rest, active: active === "yes" }));

export const ZReferral = z
  .object({
    caseId: z.uuid(expired),
    partnerId: z.uuid({ error: e.partnerId.required }),
    needNote: zText({ error: e.needNote.required }).trim().min(1, e.needNote.required).max(1000, e.needNote.tooLong),
  })
  .strict();
export type TReferralInput = Omit<z.output<typeof ZReferral>, "caseId">;

/** Pounds typed into a box → pence; "" → 0n; null when it is not an amount. */
function pence(text: string): bigint | null {
  return text.trim() === "" ? 0n : parsePounds(text);
}

export type TOutcomeInput = {
  kind: AdviceOutcomeKind;
  description: string | null;
  valuePence: bigint;
  valuePeriod: AdviceValuePeriod;
  lumpSumPence: bigint;
  /** "YYYY-MM-DD" */
  confirmedOn: string;
};

/** London's date today as "YYYY-MM-DD" (outcomes are confirmed on a day, never in the future). */
export function londonToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * An outcome of a referral: what was gained, a recurring value (weekly or yearly) and/or a
 * backdated lump sum, and the day it was confirmed (not after today). Every problem is reported
 * at once.
 */
export const ZOutcome = z
  .object({
    caseId: z.uuid(expired),
    referralId: z.uuid(expired),
    outcomeKind: zLine().default(""),
    description: zText().trim().default(""),
    value: zLine().default(""),
    valuePeriod: zLine().default(""),
    lumpSum: zLine().default(""),
    "confirmedOn-day": zLine().default(""),
    "confirmedOn-month": zLine().default(""),
    "confirmedOn-year": zLine().default(""),
  })
  .strict()
  .transform((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const kind = (ADVICE_OUTCOME_KINDS as readonly string[]).includes(v.outcomeKind) ? (v.outcomeKind as AdviceOutcomeKind) : null;
    if (!kind) issue("outcomeKind", e.outcomeKind.required);
    if (kind === "OTHER" && !v.description) issue("description", e.description.required);
    if (v.description.length > 200) issue("description", e.description.tooLong);
    const value = pence(v.value);
    if (value === null) issue("value", e.value.format);
    else if (value > MAX_VALUE_PENCE) issue("value", e.value.tooLarge);
    const period = (ADVICE_VALUE_PERIODS as readonly string[]).includes(v.valuePeriod) ? (v.valuePeriod as AdviceValuePeriod) : null;
    if (value !== null && value > 0n && !period) issue("valuePeriod", e.valuePeriod.required);
    const lump = pence(v.lumpSum);
    if (lump === null) issue("lumpSum", e.lumpSum.format);
    else if (lump > MAX_LUMP_SUM_PENCE) issue("lumpSum", e.lumpSum.tooLarge);
    if (value === 0n && lump === 0n) issue("value", e.gain.required);
    const date = parseDateParts({ day: v["confirmedOn-day"], month: v["confirmedOn-month"], year: v["confirmedOn-year"] });
    if (!date.ok) issue("confirmedOn", e.confirmedOn[date.problem]);
    else if (date.iso > londonToday()) issue("confirmedOn", e.confirmedOn.future);
    if (!kind || value === null || lump === null || !date.ok) return z.NEVER;
    return {
      caseId: v.caseId,
      referralId: v.referralId,
      outcome: { kind, description: v.description || null, valuePence: value, valuePeriod: period ?? "ANNUAL", lumpSumPence: lump, confirmedOn: date.iso } satisfies TOutcomeInput,
    };
  });

/** The same rules for a service's caller that did not come through the form (tests, the demo seed). */
export function outcomeProblems(o: TOutcomeInput, today = londonToday()): string[] {
  const problems: string[] = [];
  if (!(ADVICE_OUTCOME_KINDS as readonly string[]).includes(o.kind)) problems.push(e.outcomeKind.required);
  if (o.kind === "OTHER" && !o.description?.trim()) problems.push(e.description.required);
  if (o.valuePence < 0n || o.valuePence > MAX_VALUE_PENCE) problems.push(e.value.tooLarge);
  if (o.lumpSumPence < 0n || o.lumpSumPence > MAX_LUMP_SUM_PENCE) problems.push(e.lumpSum.tooLarge);
  if (o.valuePence === 0n && o.lumpSumPence === 0n) problems.push(e.gain.required);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.confirmedOn) || o.confirmedOn > today) problems.push(e.confirmedOn.future);
  return problems;
}
