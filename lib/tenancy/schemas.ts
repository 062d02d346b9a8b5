import { z } from "zod";
import { zLine } from "@/lib/forms/text";
import { LOCALES } from "@/lib/i18n/locales";

/** One text per registered language (lib/i18n/locales.ts), each optional. */
const ZWordingPerLanguage = z.object(Object.fromEntries(LOCALES.map((l) => [l, zLine().max(2000).optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<z.ZodString>>);

export const ZCouncilSlug = z
  .string()
  .trim()
  .min(2, "Enter a web address name of at least 2 characters")
  .max(40, "Web address name must be 40 characters or fewer")
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, "Web address name must use lower-case letters, numbers and hyphens only");

/** Council switches and wording. Unknown keys are dropped when read, refused when written. */
export const ZTenantSettings = z.object({
  /** Reference prefix on applications, e.g. "HKY" → HKY-7K3M-Q9. */
  referencePrefix: zLine().regex(/^[A-Z]{3}$/).default("MHB"),
  exitThisPage: z.boolean().default(false),
  phaseBanner: z.enum(["alpha", "beta", "none"]).default("beta"),
  feedbackEmail: zLine().email().optional(),
  /** Staff must use the second factor. Always true in production (see lib/auth/policy.ts). */
  requireMfa: z.boolean().default(true),
  helpToday: z
    .array(z.object({ name: zLine(), description: zLine(), url: zLine().url().optional(), phone: zLine().optional() }))
    .default([]),
  /** The resident application route: "open", or closed because the fund is paused or spent (drafts are kept). */
  applicationRoute: z.enum(["open", "paused", "fund-exhausted"]).default("open"),
  /** GOV.UK Notify template ids the council made for its own messages: template key (e.g. "application-received") → id. */
  notifyTemplateIds: z.record(zLine().max(60), zLine().uuid()).default({}),
  /**
   * The council's own wording for resident pages: message path (e.g. "start.beforeText") → text per
   * language. Checked against our messages when saved (lib/tenancy/save-settings.ts).
   */
  wordingOverrides: z.record(zLine().max(200), ZWordingPerLanguage).default({}),
});
export type TTenantSettings = z.infer<typeof ZTenantSettings>;

export const ZPostcodeArea = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}[0-9][0-9A-Z]?$/, "Enter postcode areas like E8 or CB1");

export const COUNCIL_KINDS = ["LONDON_BOROUGH", "METROPOLITAN_BOROUGH", "UNITARY", "COUNTY", "DISTRICT"] as const;

export const ZCreateCouncil = z
  .object({
    name: zLine().trim().min(3, "Enter the council's name").max(120, "Council name must be 120 characters or fewer"),
    slug: ZCouncilSlug,
    kind: z.enum(COUNCIL_KINDS, { error: "Select the type of council" }),
    contactEmail: zLine().trim().email("Enter an email address in the correct format, like name@example.gov.uk"),
    contactPhone: zLine().trim().min(6, "Enter a contact phone number").max(30, "Phone number must be 30 characters or fewer"),
    postcodeAreas: z
      .string()
      .trim()
      .min(1, "Enter at least one postcode area the council serves")
      .transform((v) => v.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(ZPostcodeArea).min(1, "Enter at least one postcode area the council serves")),
    adminName: zLine().trim().min(1, "Enter the first council admin's full name").max(120, "Name must be 120 characters or fewer"),
    adminEmail: zLine().trim().toLowerCase().email("Enter the first council admin's email address in the correct format"),
  })
  .strict();
export type TCreateCouncil = z.infer<typeof ZCreateCouncil>;
