// The canonical application: one shape for every channel (resident online now; referrer portal
// and officer-assisted entry later wrap it, never fork it). Versioned: each submitted application
// records SCHEMA_VERSION. Pages (lib/applications/steps.ts) produce its parts; assemble() puts
// them together and ZApplication decides whether the whole is complete and consistent.
import { EVEN_IF_OTHER_FIELDS_FAIL } from "@/lib/forms/form-state";
import { z } from "zod";
import { zLine, zText } from "@/lib/forms/text";
import { NEEDS } from "@/lib/vocabulary";
import { findAddress } from "@/lib/applications/address-lookup";
import { normaliseUkMobile } from "@/lib/applications/formats";
import { parseDateParts } from "@/lib/forms/dates";
import { applies } from "@/lib/applications/journey";
import { checkUkBankAccount } from "@/lib/banking/modulus";
import { BENEFITS, EMPLOYMENT, LANGUAGES, METER, NRPF, PAYMENT, TENURE, type TStepOutputs } from "@/lib/applications/steps";

export const SCHEMA_VERSION = 1;

const ZIsoDate = z.iso.date();
const ZPence = z.number().int().min(0).max(10_000_000);

export const ZAboutYou = z.strictObject({
  fullName: zLine().min(1).max(200),
  dateOfBirth: ZIsoDate,
  email: z.email().max(254).nullable(),
  mobile: z
    .string()
    .refine((v) => normaliseUkMobile(v) === v)
    .nullable(),
  preferredLanguage: z.enum(LANGUAGES),
});

export const ZAddress = z.strictObject({
  postcode: zLine().regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/),
  line1: zLine().min(1).max(100),
  line2: zLine().max(100),
  town: zLine().min(1).max(60),
  source: z.enum(["lookup", "manual"]),
  lookupId: zLine().nullable(),
});

export const ZHousehold = z.strictObject({
  adults: z.number().int().min(1).max(20),
  children: z.number().int().min(0).max(20),
  childrenAges: z.array(z.number().int().min(0).max(17)),
  pregnant: z.boolean(),
  overPensionAge: z.boolean(),
  disabilityOrIllness: z.boolean(),
});

export const ZNeeds = z.strictObject({
  categories: z.array(z.enum(NEEDS)).min(1),
  rentArrearsPence: ZPence.nullable(),
  councilTaxArrearsPence: ZPence.nullable(),
  otherNeed: zText().max(1000).nullable(),
});

export const ZUrgency = z.strictObject({
  enoughFoodToday: z.boolean(),
  prepaymentMeter: z.enum(METER),
  evictionNotice: z.boolean(),
});

export const ZIncome = z.strictObject({
  employment: z.enum(EMPLOYMENT),
  benefits: z.array(z.enum(BENEFITS)),
  noRecourseToPublicFunds: z.enum(NRPF),
});

export const ZHousing = z.strictObject({ tenure: z.enum(TENURE) });

export const ZBankDetails = z
  .strictObject({
    accountName: zLine().min(1).max(100),
    sortCode: zLine().regex(/^\d{6}$/),
    accountNumber: zLine().regex(/^\d{6,8}$/),
    rollNumber: zLine().max(18).nullable(),
  })
  // Every channel (resident pages, referrers, the partner API) meets Vocalink's modulus check.
  .refine((b) => checkUkBankAccount(b).ok, { path: ["accountNumber"], message: "accountNumber.modulus" });

export const ZPayment = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("bank"), bank: ZBankDetails }),
  z.strictObject({ method: z.enum(PAYMENT.filter((p) => p !== "bank") as ["voucher-sms", "voucher-email"]) }),
]);

export const ZConsent = z.strictObject({ shareWithAdvicePartners: z.boolean(), contactAboutSupport: z.boolean() });

export const ZApplication = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    aboutYou: ZAboutYou,
    address: ZAddress,
    household: ZHousehold,
    needs: ZNeeds,
    urgency: ZUrgency,
    income: ZIncome,
    housing: ZHousing,
    payment: ZPayment,
    consent: ZConsent,
    declaration: z.strictObject({ confirmed: z.literal(true) }),
  })
  .superRefine((a, ctx) => {
    if (!a.aboutYou.email && !a.aboutYou.mobile) ctx.addIssue({ code: "custom", path: ["aboutYou", "email"], message: "contact.required" });
    if (a.household.childrenAges.length !== a.household.children) ctx.addIssue({ code: "custom", path: ["household", "childrenAges"], message: "childrenAges.count" });
    if (a.payment.method === "voucher-sms" && !a.aboutYou.mobile) ctx.addIssue({ code: "custom", path: ["payment"], message: "paymentMethod.needsMobile" });
    if (a.payment.method === "voucher-email" && !a.aboutYou.email) ctx.addIssue({ code: "custom", path: ["payment"], message: "paymentMethod.needsEmail" });
  });
export type TApplication = z.infer<typeof ZApplication>;

/** Explainable urgency flags (the casework queue will rank on these). */
export function urgencyFlags(a: TApplication): string[] {
  const flags: string[] = [];
  if (!a.urgency.enoughFoodToday) flags.push("no-food-today");
  if (a.urgency.prepaymentMeter === "off") flags.push("meter-off");
  if (a.urgency.prepaymentMeter === "running-out") flags.push("meter-running-out");
  if (a.urgency.evictionNotice) flags.push("eviction-notice");
  if (a.household.pregnant) flags.push("pregnancy");
  if (a.household.childrenAges.some((age) => age < 5)) flags.push("child-under-5");
  if (a.household.disabilityOrIllness) flags.push("disability");
  return flags;
}

/**
 * The canonical application from the pages' answers, ignoring pages that no longer apply (a
 * resident who unticks "rent arrears" leaves no stale amount behind). Missing parts come out
 * undefined and ZApplication reports them.
 */
export function assemble(a: TStepOutputs, declared: boolean): unknown {
  const has = (step: Parameters<typeof applies>[0]) => applies(step, a);
  const lookedUp = a.postcode && a.address && a.address.address !== "manual" ? findAddress(a.postcode.postcode, a.address.address) : undefined;
  const manual = has("address-manual") ? a["address-manual"] : undefined;
  const needs = a.needs?.needs;
  const circumstances = a.circumstances?.circumstances;
  return {
    schemaVersion: SCHEMA_VERSION,
    aboutYou: a["full-name"] && a["date-of-birth"] && a.contact && a.language && {
      fullName: a["full-name"].fullName,
      dateOfBirth: a["date-of-birth"].dateOfBirth,
      email: a.contact.email,
      mobile: a.contact.mobile,
      preferredLanguage: a.language.preferredLanguage,
    },
    address: a.postcode && (lookedUp || manual) && {
      postcode: a.postcode.postcode,
      line1: lookedUp?.line1 ?? manual!.line1,
      line2: lookedUp?.line2 ?? manual!.line2,
      town: lookedUp?.town ?? manual!.town,
      source: lookedUp ? "lookup" : "manual",
      lookupId: lookedUp?.id ?? null,
    },
    household: a.household && circumstances && {
      adults: a.household.adults,
      children: a.household.children,
      childrenAges: has("children-ages") ? (a["children-ages"]?.childrenAges ?? []) : [],
      pregnant: circumstances.includes("pregnant"),
      overPensionAge: circumstances.includes("pension-age"),
      disabilityOrIllness: circumstances.includes("disability"),
    },
    needs: needs && {
      categories: needs,
      rentArrearsPence: has("rent-arrears") ? a["rent-arrears"]?.rentArrears : null,
      councilTaxArrearsPence: has("council-tax-arrears") ? a["council-tax-arrears"]?.councilTaxArrears : null,
      otherNeed: has("other-need") ? a["other-need"]?.otherNeed : null,
    },
    urgency: a["food-today"] && a["energy-meter"] && a.eviction && {
      enoughFoodToday: a["food-today"].enoughFoodToday === "yes",
      prepaymentMeter: a["energy-meter"].prepaymentMeter,
      evictionNotice: a.eviction.evictionNotice === "yes",
    },
    income: a.employment && a.benefits && a.nrpf && { employment: a.employment.employment, benefits: a.benefits.benefits, noRecourseToPublicFunds: a.nrpf.nrpf },
    housing: a.housing && { tenure: a.housing.tenure },
    payment:
      a.payment &&
      (a.payment.paymentMethod === "bank"
        ? a["bank-details"] && {
            method: "bank",
            bank: { accountName: a["bank-details"].accountName, sortCode: a["bank-details"].sortCode, accountNumber: a["bank-details"].accountNumber, rollNumber: a["bank-details"].rollNumber || null },
          }
        : { method: a.payment.paymentMethod }),
    consent: a.consent && { shareWithAdvicePartners: a.consent.shareWithAdvicePartners === "yes", contactAboutSupport: a.consent.contactAboutSupport === "yes" },
    declaration: declared ? { confirmed: true } : undefined,
  };
}

// ---- other resident forms ----

export const ZDeclarationForm = z.strictObject({ declaration: z.literal("yes", { error: "declaration.required" }) });

const REFERENCE = /^[A-Z]{3}-[A-Z0-9]{4}-[A-Z0-9]{2}$/;
export const ZStatusLookup = z
  .strictObject({
    reference: z
      .string({ error: "reference.required" })
      .transform((v) => v.toUpperCase().replace(/[\s-]/g, ""))
      .pipe(zLine().min(1, "reference.required").regex(/^[A-Z]{3}[A-Z0-9]{6}$/, "reference.format"))
      .transform((v) => `${v.slice(0, 3)}-${v.slice(3, 7)}-${v.slice(7)}`)
      .refine((v) => REFERENCE.test(v), "reference.format"),
    "dateOfBirth-day": zLine().default(""),
    "dateOfBirth-month": zLine().default(""),
    "dateOfBirth-year": zLine().default(""),
  })
  // The date of birth is checked even when the reference is wrong: every problem at once.
  .superRefine((v: unknown, ctx) => {
    const raw = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
    const d = parseDateParts({ day: String(raw["dateOfBirth-day"] ?? ""), month: String(raw["dateOfBirth-month"] ?? ""), year: String(raw["dateOfBirth-year"] ?? "") });
    if (!d.ok) ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: `dateOfBirth.${d.problem}` });
  }, EVEN_IF_OTHER_FIELDS_FAIL)
  .transform((v) => {
    const d = parseDateParts({ day: v["dateOfBirth-day"], month: v["dateOfBirth-month"], year: v["dateOfBirth-year"] });
    return { reference: v.reference, dateOfBirth: d.ok ? d.iso : "" };
  });

export const ZResumeLinkRequest = z
  .strictObject({ channel: z.enum(["email", "sms"], { error: "channel.required" }), email: zLine().trim().toLowerCase().max(254).default(""), mobile: zLine().trim().max(30).default("") })
  .transform((v, ctx) => {
    if (v.channel === "email") {
      if (!v.email) ctx.addIssue({ code: "custom", path: ["email"], message: "email.required" });
      else if (!z.email().safeParse(v.email).success) ctx.addIssue({ code: "custom", path: ["email"], message: "email.format" });
      return { channel: "email" as const, to: v.email };
    }
    const mobile = normaliseUkMobile(v.mobile);
    if (!v.mobile) ctx.addIssue({ code: "custom", path: ["mobile"], message: "mobile.required" });
    else if (!mobile) ctx.addIssue({ code: "custom", path: ["mobile"], message: "mobile.format" });
    return { channel: "sms" as const, to: mobile ?? "" };
  });
