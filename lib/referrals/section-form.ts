// The referrer section's page: what the form posts (GOV.UK date boxes, yes/no radios) and its
// check, with message keys from messages/en/referrals.json (errors.referrals). sectionFromForm
// turns the stored answers into the contract's shape (ZReferrerSection, lib/referrals/referral.ts),
// which decides on sending. Pure.
import { z } from "zod";
import { parseDateParts } from "@/lib/forms/dates";
import { zLine, zText } from "@/lib/forms/text";
import { londonIsoDate } from "@/lib/calendar/working-days";

export const CONSENT_METHODS = ["in-person", "phone", "video", "written"] as const;

export type TSectionRaw = {
  role: string;
  relationship: string;
  consentMethod: string;
  "consentDate-day": string;
  "consentDate-month": string;
  "consentDate-year": string;
  alreadyTried: string;
  fastTrack: string;
};

export const SECTION_FIELDS = ["role", "relationship", "consentMethod", "consentDate", "alreadyTried", "fastTrack"] as const;

export const ZSectionForm = z
  .strictObject({
    role: zLine().trim().min(1, "referrals.role").max(100, "referrals.roleLong"),
    relationship: zLine().trim().min(1, "referrals.relationship").max(200, "referrals.relationshipLong"),
    consentMethod: z.enum(CONSENT_METHODS, { error: "referrals.consentMethod" }),
    "consentDate-day": zLine().max(4).default(""),
    "consentDate-month": zLine().max(4).default(""),
    "consentDate-year": zLine().max(6).default(""),
    alreadyTried: zText().trim().max(2000, "referrals.alreadyTriedLong").default(""),
    fastTrack: z.enum(["yes", "no"], { error: "referrals.fastTrackChoice" }),
  })
  .superRefine((v, ctx) => {
    const parsed = parseDateParts({ day: v["consentDate-day"], month: v["consentDate-month"], year: v["consentDate-year"] });
    if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["consentDate"], message: "referrals.consentDate" });
    else if (parsed.iso > londonIsoDate(new Date())) ctx.addIssue({ code: "custom", path: ["consentDate"], message: "referrals.consentInFuture" });
  });

/** The stored answers as the contract's section, or null when they are not complete. */
export function sectionFromForm(raw: TSectionRaw) {
  const parsed = ZSectionForm.safeParse(raw);
  if (!parsed.success) return null;
  const v = parsed.data;
  const date = parseDateParts({ day: v["consentDate-day"], month: v["consentDate-month"], year: v["consentDate-year"] });
  if (!date.ok) return null;
  return { role: v.role, relationship: v.relationship, consentMethod: v.consentMethod, consentDate: date.iso, alreadyTried: v.alreadyTried, fastTrack: v.fastTrack === "yes" };
}
