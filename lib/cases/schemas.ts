// What officers send for a case: notes, amendments, decisions (award lines). Server actions and
// services parse with these; a bad value becomes a GOV.UK error summary on the page.
import { z } from "zod";
import { zLine, zText } from "@/lib/forms/text";
import { ZAboutYou, ZAddress, ZHousehold, ZHousing, ZIncome, ZNeeds, ZUrgency } from "@/lib/applications/schemas";
import { AWARD_PAYMENT_METHODS, NEEDS } from "@/lib/vocabulary";

export const ZCaseId = z.uuid();

export const ZCaseNote = z.strictObject({ text: zText().trim().min(1, "note.required").max(5000, "note.tooLong") });

/**
 * The parts of an application an officer may correct, each with the canonical schema's own rule.
 * Bank details are not here: they are sealed, and a change of account is a new payment detail
 * (payments issue), not an amendment.
 */
export const AMENDABLE_FIELDS = {
  "aboutYou.fullName": ZAboutYou.shape.fullName,
  "aboutYou.dateOfBirth": ZAboutYou.shape.dateOfBirth,
  "aboutYou.email": ZAboutYou.shape.email,
  "aboutYou.mobile": ZAboutYou.shape.mobile,
  "address.postcode": ZAddress.shape.postcode,
  "address.line1": ZAddress.shape.line1,
  "address.line2": ZAddress.shape.line2,
  "address.town": ZAddress.shape.town,
  "household.adults": ZHousehold.shape.adults,
  "household.pregnant": ZHousehold.shape.pregnant,
  "household.overPensionAge": ZHousehold.shape.overPensionAge,
  "household.disabilityOrIllness": ZHousehold.shape.disabilityOrIllness,
  "needs.categories": ZNeeds.shape.categories,
  "needs.otherNeed": ZNeeds.shape.otherNeed,
  "urgency.enoughFoodToday": ZUrgency.shape.enoughFoodToday,
  "urgency.prepaymentMeter": ZUrgency.shape.prepaymentMeter,
  "urgency.evictionNotice": ZUrgency.shape.evictionNotice,
  "housing.tenure": ZHousing.shape.tenure,
  "income.benefits": ZIncome.shape.benefits,
  "income.noRecourseToPublicFunds": ZIncome.shape.noRecourseToPublicFunds,
} as const;
export type TAmendableField = keyof typeof AMENDABLE_FIELDS;

export const ZAmendment = z.strictObject({
  field: z.enum(Object.keys(AMENDABLE_FIELDS) as [TAmendableField, ...TAmendableField[]], { error: "amendment.field" }),
  value: z.unknown(),
  reason: zText().trim().min(1, "amendment.reasonRequired").max(1000, "amendment.reasonTooLong"),
});

export const MAX_AWARD_PENCE = 100_000_00n;

export const ZAwardLine = z.strictObject({
  potId: z.uuid({ error: "award.pot" }),
  needCategory: z.enum(NEEDS, { error: "award.need" }),
  amountPence: z.bigint().min(1n, "award.amount").max(MAX_AWARD_PENCE, "award.amount"),
  paymentMethod: z.enum(AWARD_PAYMENT_METHODS, { error: "award.paymentMethod" }),
  /** Why the officer chose a pot whose policy rules say no (docs/decisions/0026): the line then waits for an approver. */
  overrideReason: zText().trim().max(1000, "award.overrideReasonTooLong").optional(),
});
export type TAwardLine = z.infer<typeof ZAwardLine>;

const ZReasonAndWords = {
  reasonCode: zLine().min(1, "decision.reasonCode").max(40, "decision.reasonCode"),
  /** What the resident reads. */
  explanation: zText().trim().min(1, "decision.explanation").max(2000, "decision.explanationTooLong"),
};

export const ZDecision = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.enum(["approve", "part-approve"]), ...ZReasonAndWords, lines: z.array(ZAwardLine).min(1, "decision.lines").max(10, "decision.lines") }),
  z.strictObject({ decision: z.literal("decline"), ...ZReasonAndWords }),
]);
export type TDecision = z.infer<typeof ZDecision>;
