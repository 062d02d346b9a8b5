// The pages of the resident application: what each asks and the Zod schema that turns the
// form's strings into part of the canonical application. Shared by the browser (instant
// feedback) and the server (the decision). Error messages are keys into messages/<locale>/errors.json.
import { z } from "zod";
import { zLine, zText } from "@/lib/forms/text";
import { NEEDS } from "@/lib/vocabulary";
import { normalisePostcode, normaliseUkMobile, parsePoundsToPence } from "@/lib/applications/formats";
import { ageOn, parseDateParts } from "@/lib/forms/dates";
import { checkUkBankAccount } from "@/lib/banking/modulus";
import { BENEFITS, CIRCUMSTANCES, EMPLOYMENT, LANGUAGES, METER, NRPF, PAYMENT, STEP_FIELDS, TENURE, YES_NO, type TField } from "@/lib/applications/step-fields";

export * from "@/lib/applications/step-fields";

// ---- small schema helpers (messages are keys) ----

const text = (field: string, max: number, { optional = false, multiline = false } = {}) =>
  (multiline ? zText : zLine)({ error: `${field}.required` })
    .trim()
    .max(max, `${field}.tooLong`)
    .refine((v) => optional || v.length > 0, `${field}.required`);

const choice = <T extends readonly [string, ...string[]]>(field: string, values: T) => z.enum(values, { error: `${field}.required` });

/** Checkbox groups post one key per ticked box: `${name}-${value}=yes`. */
function checkboxGroup<T extends readonly [string, ...string[]]>(name: string, values: T, exclusive?: T[number]) {
  const shape = Object.fromEntries(values.map((v) => [`${name}-${v}`, z.literal("yes").optional()])) as Record<string, z.ZodOptional<z.ZodLiteral<"yes">>>;
  return z
    .strictObject(shape)
    .transform((raw) => values.filter((v) => raw[`${name}-${v}`] === "yes") as T[number][])
    .superRefine((picked, ctx) => {
      if (picked.length === 0) ctx.addIssue({ code: "custom", path: [name], message: `${name}.required` });
      else if (exclusive && picked.includes(exclusive) && picked.length > 1) ctx.addIssue({ code: "custom", path: [name], message: `${name}.exclusive` });
    })
    .transform((picked) => picked.filter((v) => v !== exclusive));
}

function dateOfBirth(name: string) {
  return z
    .strictObject({ [`${name}-day`]: zLine().default(""), [`${name}-month`]: zLine().default(""), [`${name}-year`]: zLine().default("") })
    .transform((raw, ctx) => {
      const parsed = parseDateParts({ day: raw[`${name}-day`] ?? "", month: raw[`${name}-month`] ?? "", year: raw[`${name}-year`] ?? "" });
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", path: [name], message: `dateOfBirth.${parsed.problem}` });
        return z.NEVER;
      }
      const today = new Date();
      if (parsed.iso >= today.toISOString().slice(0, 10)) ctx.addIssue({ code: "custom", path: [name], message: "dateOfBirth.past" });
      else if (parsed.iso < "1900-01-01") ctx.addIssue({ code: "custom", path: [name], message: "dateOfBirth.tooOld" });
      else if (ageOn(parsed.iso, today) < 16) ctx.addIssue({ code: "custom", path: [name], message: "dateOfBirth.tooYoung" });
      return parsed.iso;
    });
}

const money = (field: string) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, `${field}.required`)
    .transform((v, ctx) => {
      const pence = parsePoundsToPence(v);
      if (pence === null) ctx.addIssue({ code: "custom", message: "amount.format" });
      else if (pence < 100 || pence > 10_000_000) ctx.addIssue({ code: "custom", message: "amount.range" });
      return pence ?? 0;
    });

const wholeNumber = (field: string, min: number, max: number) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, `${field}.required`)
    .regex(/^\d{1,3}$/, `${field}.number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${field}.range`);

// ---- the steps, in journey order ----

export const STEPS = {
  "full-name": {
    section: "aboutYou",
    fields: STEP_FIELDS["full-name"],
    schema: z.strictObject({ fullName: text("fullName", 200) }),
  },
  "date-of-birth": {
    section: "aboutYou",
    fields: STEP_FIELDS["date-of-birth"],
    schema: dateOfBirth("dateOfBirth").transform((dateOfBirth) => ({ dateOfBirth })),
  },
  contact: {
    section: "aboutYou",
    fields: STEP_FIELDS["contact"],
    schema: z
      .strictObject({
        email: zLine().trim().toLowerCase().max(254, "email.format").default(""),
        mobile: zLine().trim().max(30, "mobile.format").default(""),
      })
      .superRefine((v, ctx) => {
        if (!v.email && !v.mobile) ctx.addIssue({ code: "custom", path: ["email"], message: "contact.required" });
        if (v.email && !z.email().safeParse(v.email).success) ctx.addIssue({ code: "custom", path: ["email"], message: "email.format" });
        if (v.mobile && !normaliseUkMobile(v.mobile)) ctx.addIssue({ code: "custom", path: ["mobile"], message: "mobile.format" });
      })
      .transform((v) => ({ email: v.email || null, mobile: v.mobile ? normaliseUkMobile(v.mobile) : null })),
  },
  language: {
    section: "aboutYou",
    fields: STEP_FIELDS["language"],
    schema: z.strictObject({ preferredLanguage: choice("preferredLanguage", LANGUAGES) }),
  },
  postcode: {
    section: "address",
    fields: STEP_FIELDS["postcode"],
    schema: z.strictObject({
      postcode: z
        .string({ error: "postcode.required" })
        .trim()
        .min(1, "postcode.required")
        .max(20, "postcode.format")
        .transform((v, ctx) => normalisePostcode(v) ?? (ctx.addIssue({ code: "custom", message: "postcode.format" }), z.NEVER)),
    }),
  },
  address: {
    section: "address",
    fields: STEP_FIELDS["address"],
    schema: z.strictObject({ address: zLine({ error: "address.required" }).regex(/^(manual|[a-z0-9-]{1,40})$/, "address.required") }),
  },
  "address-manual": {
    section: "address",
    fields: STEP_FIELDS["address-manual"],
    schema: z.strictObject({ line1: text("line1", 100), line2: text("line2", 100, { optional: true }).default(""), town: text("town", 60) }),
  },
  household: {
    section: "household",
    fields: STEP_FIELDS["household"],
    schema: z.strictObject({ adults: wholeNumber("adults", 1, 20), children: wholeNumber("children", 0, 20) }),
  },
  "children-ages": {
    section: "household",
    fields: STEP_FIELDS["children-ages"],
    schema: z.strictObject({
      childrenAges: z
        .string({ error: "childrenAges.required" })
        .trim()
        .min(1, "childrenAges.required")
        .max(100, "childrenAges.format")
        .regex(/^\d{1,2}([\s,]+\d{1,2})*$/, "childrenAges.format")
        .transform((v) => v.split(/[\s,]+/).map(Number))
        .refine((ages) => ages.every((a) => a <= 17), "childrenAges.range"),
    }),
  },
  circumstances: {
    section: "household",
    fields: STEP_FIELDS["circumstances"],
    schema: checkboxGroup("circumstances", CIRCUMSTANCES, "none").transform((circumstances) => ({ circumstances })),
  },
  needs: {
    section: "needs",
    fields: STEP_FIELDS["needs"],
    schema: checkboxGroup("needs", NEEDS).transform((needs) => ({ needs })),
  },
  "rent-arrears": {
    section: "needs",
    fields: STEP_FIELDS["rent-arrears"],
    schema: z.strictObject({ rentArrears: money("rentArrears") }),
  },
  "council-tax-arrears": {
    section: "needs",
    fields: STEP_FIELDS["council-tax-arrears"],
    schema: z.strictObject({ councilTaxArrears: money("councilTaxArrears") }),
  },
  "other-need": {
    section: "needs",
    fields: STEP_FIELDS["other-need"],
    schema: z.strictObject({ otherNeed: text("otherNeed", 1000, { multiline: true }) }),
  },
  "food-today": {
    section: "urgency",
    fields: STEP_FIELDS["food-today"],
    schema: z.strictObject({ enoughFoodToday: choice("enoughFoodToday", YES_NO) }),
  },
  "energy-meter": {
    section: "urgency",
    fields: STEP_FIELDS["energy-meter"],
    schema: z.strictObject({ prepaymentMeter: choice("prepaymentMeter", METER) }),
  },
  eviction: {
    section: "urgency",
    fields: STEP_FIELDS["eviction"],
    schema: z.strictObject({ evictionNotice: choice("evictionNotice", YES_NO) }),
  },
  employment: {
    section: "income",
    fields: STEP_FIELDS["employment"],
    schema: z.strictObject({ employment: choice("employment", EMPLOYMENT) }),
  },
  benefits: {
    section: "income",
    fields: STEP_FIELDS["benefits"],
    schema: checkboxGroup("benefits", BENEFITS, "none").transform((benefits) => ({ benefits })),
  },
  nrpf: {
    section: "income",
    fields: STEP_FIELDS["nrpf"],
    schema: z.strictObject({ nrpf: choice("nrpf", NRPF) }),
  },
  housing: {
    section: "housing",
    fields: STEP_FIELDS["housing"],
    schema: z.strictObject({ tenure: choice("tenure", TENURE) }),
  },
  payment: {
    section: "payment",
    fields: STEP_FIELDS["payment"],
    schema: z.strictObject({ paymentMethod: choice("paymentMethod", PAYMENT) }),
  },
  "bank-details": {
    section: "payment",
    fields: STEP_FIELDS["bank-details"],
    schema: z.strictObject({
      accountName: text("accountName", 100),
      sortCode: z
        .string({ error: "sortCode.required" })
        .transform((v) => v.replace(/[\s-]/g, ""))
        .pipe(zLine().min(1, "sortCode.required").regex(/^\d{6}$/, "sortCode.format")),
      accountNumber: z
        .string({ error: "accountNumber.required" })
        .transform((v) => v.replace(/[\s-]/g, ""))
        .pipe(
          z
            .string()
            .min(1, "accountNumber.required")
            .regex(/^\d+$/, "accountNumber.format")
            .refine((v) => v.length >= 6 && v.length <= 10, "accountNumber.length"),
        ),
      rollNumber: z
        .string()
        .trim()
        .default("")
        .refine((v) => v === "" || /^[A-Za-z0-9 ./-]{1,18}$/.test(v), "rollNumber.format"),
    })
      // Vocalink's modulus check (lib/banking/modulus.ts) once both look right; what is kept is the
      // account standardised to 8 digits, as Bacs pays it.
      .transform((v, ctx) => {
        const check = checkUkBankAccount(v);
        if (!check.ok) {
          ctx.addIssue({ code: "custom", path: ["accountNumber"], message: "accountNumber.modulus" });
          return z.NEVER;
        }
        return { ...v, sortCode: check.sortCode, accountNumber: check.accountNumber };
      }),
  },
  consent: {
    section: "consent",
    fields: STEP_FIELDS["consent"],
    schema: z.strictObject({ shareWithAdvicePartners: choice("shareWithAdvicePartners", YES_NO), contactAboutSupport: choice("contactAboutSupport", YES_NO) }),
  },
} satisfies Record<string, { section: string; fields: readonly TField[]; schema: z.ZodType<object> }>;

export type TStepId = keyof typeof STEPS;
export const STEP_IDS = Object.keys(STEPS) as TStepId[];
export type TStepOutput<K extends TStepId> = z.output<(typeof STEPS)[K]["schema"]>;
/** Parsed answers so far, by page. */
export type TStepOutputs = { [K in TStepId]?: TStepOutput<K> };
/** What a draft stores: the strings each page was answered with (only ever valid ones). */
export type TRawAnswers = Partial<Record<TStepId, Record<string, string>>>;

export function isStepId(value: string): value is TStepId {
  return Object.hasOwn(STEPS, value);
}

/** Steps that hold bank details: encrypted in the draft, masked on screen. */
export const SENSITIVE_STEPS: readonly TStepId[] = ["bank-details"];

export function parseStep<K extends TStepId>(step: K, raw: Record<string, string>) {
  return (STEPS[step].schema as unknown as z.ZodType<TStepOutput<K>>).safeParse(raw);
}

/** Every stored page answer parsed again (they were valid when saved; today's date can change that). */
export function parseAnswers(raw: TRawAnswers): TStepOutputs {
  const out: Record<string, unknown> = {};
  for (const id of STEP_IDS) {
    const answer = raw[id];
    if (!answer) continue;
    const parsed = parseStep(id, answer);
    if (parsed.success) out[id] = parsed.data;
  }
  return out as TStepOutputs;
}

/** Rules that need answers from other pages: the server applies them when a page is saved. */
export function crossStepErrors(step: TStepId, outputs: TStepOutputs): { field: string; message: string }[] {
  if (step === "payment") {
    const method = outputs.payment?.paymentMethod;
    if (method === "voucher-sms" && !outputs.contact?.mobile) return [{ field: "paymentMethod", message: "paymentMethod.needsMobile" }];
    if (method === "voucher-email" && !outputs.contact?.email) return [{ field: "paymentMethod", message: "paymentMethod.needsEmail" }];
  }
  return [];
}
