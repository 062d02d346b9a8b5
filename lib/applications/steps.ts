// The pages of the resident application: what each asks and the Zod schema that turns the
// form's strings into part of the canonical application. Shared by the browser (instant
// feedback) and the server (the decision). Error messages are keys into lib/i18n/messages.
import { z } from "zod";
import { ageOn, normalisePostcode, normaliseUkMobile, parseDateParts, parsePoundsToPence } from "@/lib/applications/formats";

export const LANGUAGES = ["en", "tr", "pl", "ro", "ar", "bn", "ur", "so", "other"] as const;
export const CIRCUMSTANCES = ["pregnant", "pension-age", "disability", "none"] as const;
export const NEEDS = ["food", "energy", "essentials", "furniture", "rent-arrears", "council-tax-arrears", "other"] as const;
export const METER = ["off", "running-out", "ok", "no-meter"] as const;
export const EMPLOYMENT = ["full-time", "part-time", "self-employed", "unemployed", "not-working", "retired"] as const;
export const BENEFITS = ["universal-credit", "pension-credit", "housing-benefit", "council-tax-support", "pip", "esa", "child-benefit", "carers", "other", "none"] as const;
export const NRPF = ["no", "yes", "not-sure"] as const;
export const TENURE = ["council-or-housing-association", "private-rent", "temporary-accommodation", "owner", "family-or-friends", "homeless", "other"] as const;
export const PAYMENT = ["bank", "voucher-sms", "voucher-email"] as const;
export const YES_NO = ["yes", "no"] as const;

export type TField = {
  name: string;
  kind: "text" | "date" | "radios" | "checkboxes" | "textarea" | "money" | "address";
  optional?: boolean;
  options?: readonly string[];
  /** A "None of these" option that cannot be combined with the others. */
  exclusive?: string;
  type?: "text" | "email" | "tel";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "email" | "tel" | "decimal";
  spellCheck?: boolean;
  width?: "full" | "20" | "10" | "5";
  /** Date parts get the bday-* autocomplete tokens. */
  birthday?: boolean;
};

// ---- small schema helpers (messages are keys) ----

const text = (field: string, max: number, { optional = false } = {}) =>
  z
    .string({ error: `${field}.required` })
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
    .strictObject({ [`${name}-day`]: z.string().default(""), [`${name}-month`]: z.string().default(""), [`${name}-year`]: z.string().default("") })
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
    fields: [{ name: "fullName", kind: "text", autoComplete: "name", spellCheck: false }],
    schema: z.strictObject({ fullName: text("fullName", 200) }),
  },
  "date-of-birth": {
    section: "aboutYou",
    fields: [{ name: "dateOfBirth", kind: "date", birthday: true }],
    schema: dateOfBirth("dateOfBirth").transform((dateOfBirth) => ({ dateOfBirth })),
  },
  contact: {
    section: "aboutYou",
    fields: [
      { name: "email", kind: "text", type: "email", optional: true, autoComplete: "email", spellCheck: false },
      { name: "mobile", kind: "text", type: "tel", optional: true, autoComplete: "tel", width: "20" },
    ],
    schema: z
      .strictObject({
        email: z.string().trim().toLowerCase().max(254, "email.format").default(""),
        mobile: z.string().trim().max(30, "mobile.format").default(""),
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
    fields: [{ name: "preferredLanguage", kind: "radios", options: LANGUAGES }],
    schema: z.strictObject({ preferredLanguage: choice("preferredLanguage", LANGUAGES) }),
  },
  postcode: {
    section: "address",
    fields: [{ name: "postcode", kind: "text", autoComplete: "postal-code", width: "10", spellCheck: false }],
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
    fields: [{ name: "address", kind: "address" }],
    schema: z.strictObject({ address: z.string({ error: "address.required" }).regex(/^(manual|[a-z0-9-]{1,40})$/, "address.required") }),
  },
  "address-manual": {
    section: "address",
    fields: [
      { name: "line1", kind: "text", autoComplete: "address-line1" },
      { name: "line2", kind: "text", optional: true, autoComplete: "address-line2" },
      { name: "town", kind: "text", autoComplete: "address-level2", width: "20" },
    ],
    schema: z.strictObject({ line1: text("line1", 100), line2: text("line2", 100, { optional: true }).default(""), town: text("town", 60) }),
  },
  household: {
    section: "household",
    fields: [
      { name: "adults", kind: "text", inputMode: "numeric", width: "5" },
      { name: "children", kind: "text", inputMode: "numeric", width: "5" },
    ],
    schema: z.strictObject({ adults: wholeNumber("adults", 1, 20), children: wholeNumber("children", 0, 20) }),
  },
  "children-ages": {
    section: "household",
    fields: [{ name: "childrenAges", kind: "text", width: "20" }],
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
    fields: [{ name: "circumstances", kind: "checkboxes", options: CIRCUMSTANCES, exclusive: "none" }],
    schema: checkboxGroup("circumstances", CIRCUMSTANCES, "none").transform((circumstances) => ({ circumstances })),
  },
  needs: {
    section: "needs",
    fields: [{ name: "needs", kind: "checkboxes", options: NEEDS }],
    schema: checkboxGroup("needs", NEEDS).transform((needs) => ({ needs })),
  },
  "rent-arrears": {
    section: "needs",
    fields: [{ name: "rentArrears", kind: "money", width: "10", inputMode: "decimal" }],
    schema: z.strictObject({ rentArrears: money("rentArrears") }),
  },
  "council-tax-arrears": {
    section: "needs",
    fields: [{ name: "councilTaxArrears", kind: "money", width: "10", inputMode: "decimal" }],
    schema: z.strictObject({ councilTaxArrears: money("councilTaxArrears") }),
  },
  "other-need": {
    section: "needs",
    fields: [{ name: "otherNeed", kind: "textarea" }],
    schema: z.strictObject({ otherNeed: text("otherNeed", 1000) }),
  },
  "food-today": {
    section: "urgency",
    fields: [{ name: "enoughFoodToday", kind: "radios", options: YES_NO }],
    schema: z.strictObject({ enoughFoodToday: choice("enoughFoodToday", YES_NO) }),
  },
  "energy-meter": {
    section: "urgency",
    fields: [{ name: "prepaymentMeter", kind: "radios", options: METER }],
    schema: z.strictObject({ prepaymentMeter: choice("prepaymentMeter", METER) }),
  },
  eviction: {
    section: "urgency",
    fields: [{ name: "evictionNotice", kind: "radios", options: YES_NO }],
    schema: z.strictObject({ evictionNotice: choice("evictionNotice", YES_NO) }),
  },
  employment: {
    section: "income",
    fields: [{ name: "employment", kind: "radios", options: EMPLOYMENT }],
    schema: z.strictObject({ employment: choice("employment", EMPLOYMENT) }),
  },
  benefits: {
    section: "income",
    fields: [{ name: "benefits", kind: "checkboxes", options: BENEFITS, exclusive: "none" }],
    schema: checkboxGroup("benefits", BENEFITS, "none").transform((benefits) => ({ benefits })),
  },
  nrpf: {
    section: "income",
    fields: [{ name: "nrpf", kind: "radios", options: NRPF }],
    schema: z.strictObject({ nrpf: choice("nrpf", NRPF) }),
  },
  housing: {
    section: "housing",
    fields: [{ name: "tenure", kind: "radios", options: TENURE }],
    schema: z.strictObject({ tenure: choice("tenure", TENURE) }),
  },
  payment: {
    section: "payment",
    fields: [{ name: "paymentMethod", kind: "radios", options: PAYMENT }],
    schema: z.strictObject({ paymentMethod: choice("paymentMethod", PAYMENT) }),
  },
  "bank-details": {
    section: "payment",
    fields: [
      { name: "accountName", kind: "text", autoComplete: "name", spellCheck: false },
      { name: "sortCode", kind: "text", inputMode: "numeric", width: "5", spellCheck: false },
      { name: "accountNumber", kind: "text", inputMode: "numeric", width: "10", spellCheck: false },
      { name: "rollNumber", kind: "text", optional: true, width: "10", spellCheck: false },
    ],
    schema: z.strictObject({
      accountName: text("accountName", 100),
      sortCode: z
        .string({ error: "sortCode.required" })
        .transform((v) => v.replace(/[\s-]/g, ""))
        .pipe(z.string().min(1, "sortCode.required").regex(/^\d{6}$/, "sortCode.format")),
      accountNumber: z
        .string({ error: "accountNumber.required" })
        .transform((v) => v.replace(/[\s-]/g, ""))
        .pipe(
          z
            .string()
            .min(1, "accountNumber.required")
            .regex(/^\d+$/, "accountNumber.format")
            .refine((v) => v.length >= 6 && v.length <= 8, "accountNumber.length"),
        ),
      rollNumber: z
        .string()
        .trim()
        .default("")
        .refine((v) => v === "" || /^[A-Za-z0-9 ./-]{1,18}$/.test(v), "rollNumber.format"),
    }),
  },
  consent: {
    section: "consent",
    fields: [
      { name: "shareWithAdvicePartners", kind: "radios", options: YES_NO },
      { name: "contactAboutSupport", kind: "radios", options: YES_NO },
    ],
    schema: z.strictObject({ shareWithAdvicePartners: choice("shareWithAdvicePartners", YES_NO), contactAboutSupport: choice("contactAboutSupport", YES_NO) }),
  },
} satisfies Record<string, { section: string; fields: TField[]; schema: z.ZodType<object> }>;

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
