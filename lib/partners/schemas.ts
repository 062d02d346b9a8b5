// Input for the partner organisation screens (council admins): strict Zod schemas over the flat
// form fields. Problems are message keys ("partners.name.required"); the words are in
// messages/en/partnerAdmin.json `errors`, which the action client reads. Pure.
import { z } from "zod";
import type { OrganisationType } from "@/lib/generated/prisma/enums";
import { parseDateParts } from "@/lib/forms/dates";
import { EVEN_IF_OTHER_FIELDS_FAIL } from "@/lib/forms/form-state";
import { zLine, zText } from "@/lib/forms/text";
import { parseEmailDomains } from "@/lib/partners/policy";

export const ORGANISATION_TYPES = [
  "HEALTH_VISITING",
  "MIDWIFERY",
  "SOCIAL_PRESCRIBING",
  "HOUSING",
  "LEAVING_CARE",
  "ADULT_SOCIAL_CARE",
  "SCHOOL",
  "VOLUNTARY_SECTOR",
  "OTHER",
] as const satisfies readonly OrganisationType[];

const optionalLine = (max: number, key: string) =>
  zLine()
    .trim()
    .max(max, key)
    .default("")
    .transform((v) => v || null);

const domains = zText({ error: "partners.domains.required" }).transform((text, ctx) => {
  const parsed = parseEmailDomains(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: `partners.domains.${parsed.problem}` });
    return z.NEVER;
  }
  return parsed.domains;
});

const organisationFields = {
  name: zLine({ error: "partners.name.required" }).trim().min(1, "partners.name.required").max(120, "partners.name.tooLong"),
  type: z.enum(ORGANISATION_TYPES, { error: "partners.type.required" }),
  allowedEmailDomains: domains,
  contactName: optionalLine(120, "partners.contactName.tooLong"),
  contactEmail: zLine()
    .trim()
    .toLowerCase()
    .max(254, "partners.contactEmail.format")
    .default("")
    .refine((v) => v === "" || z.email().safeParse(v).success, "partners.contactEmail.format")
    .transform((v) => v || null),
  contactPhone: zLine()
    .trim()
    .default("")
    .refine((v) => v === "" || /^\+?[0-9 ()-]{7,20}$/.test(v), "partners.contactPhone.format")
    .transform((v) => v || null),
};

export const ZOrganisation = z.object(organisationFields).strict();
export const ZOrganisationEdit = z.object({ organisationId: z.uuid({ error: "partners.form.expired" }), ...organisationFields }).strict();
export type TOrganisationInput = z.output<typeof ZOrganisation>;

export const ZOrganisationRef = z.object({ organisationId: z.uuid({ error: "partners.form.expired" }) }).strict();
export const ZMemberRef = z.object({ organisationId: z.uuid({ error: "partners.form.expired" }), membershipId: z.uuid({ error: "partners.form.expired" }) }).strict();

function dateFields(name: string) {
  return { [`${name}-day`]: zLine().default(""), [`${name}-month`]: zLine().default(""), [`${name}-year`]: zLine().default("") } as Record<string, z.ZodDefault<z.ZodString>>;
}

function readDate(v: Record<string, unknown>, name: "completedOn" | "expiresOn", ctx: z.RefinementCtx): Date | null {
  const parsed = parseDateParts({ day: String(v[`${name}-day`] ?? ""), month: String(v[`${name}-month`] ?? ""), year: String(v[`${name}-year`] ?? "") });
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", path: [name], message: `partners.${name}.${parsed.problem}` });
    return null;
  }
  return new Date(`${parsed.iso}T00:00:00Z`);
}

/** A member's training: the day it was completed and its last valid day (expiry after completion). */
export const ZTraining = z
  .object({ organisationId: z.uuid({ error: "partners.form.expired" }), membershipId: z.uuid({ error: "partners.form.expired" }), ...dateFields("completedOn"), ...dateFields("expiresOn") })
  .strict()
  .superRefine((v, ctx) => {
    const values = v as Record<string, unknown>;
    const completed = readDate(values, "completedOn", ctx);
    const expires = readDate(values, "expiresOn", ctx);
    if (completed && expires && expires <= completed) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "partners.expiresOn.beforeCompleted" });
  }, EVEN_IF_OTHER_FIELDS_FAIL)
  .transform((v) => {
    const raw = v as Record<string, string | undefined>;
    const iso = (name: string) => {
      const parsed = parseDateParts({ day: raw[`${name}-day`] ?? "", month: raw[`${name}-month`] ?? "", year: raw[`${name}-year`] ?? "" });
      return parsed.ok ? new Date(`${parsed.iso}T00:00:00Z`) : new Date(NaN);
    };
    return { organisationId: v.organisationId, membershipId: v.membershipId, completedOn: iso("completedOn"), expiresOn: iso("expiresOn") };
  });
