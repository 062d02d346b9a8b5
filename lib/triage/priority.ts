// Explainable priority: a case's score is the sum of its council's weights for the reasons that
// apply, and the reasons are what officers see ("No food today · Child under 5"). Pure.
import { z } from "zod";

export const PRIORITY_REASONS = [
  "no-food-today",
  "meter-off",
  "meter-running-out",
  "eviction-notice",
  "child-under-5",
  "pregnancy",
  "disability",
  "pension-age",
  "fast-track-referral",
] as const;
export type TPriorityReason = (typeof PRIORITY_REASONS)[number];

export type TPriorityBand = "URGENT" | "STANDARD";

const ZWeight = z.number().int().min(0).max(100);
export const ZPriorityWeights = z.strictObject(Object.fromEntries(PRIORITY_REASONS.map((r) => [r, ZWeight])) as Record<TPriorityReason, typeof ZWeight>);
export type TPriorityWeights = z.infer<typeof ZPriorityWeights>;

export const ZPrioritySettings = z.strictObject({
  weights: ZPriorityWeights,
  /** A score at or above this is URGENT (its own, shorter SLA). */
  urgentFrom: z.number().int().min(1).max(1000),
});
export type TPrioritySettings = z.infer<typeof ZPrioritySettings>;

export const DEFAULT_PRIORITY: TPrioritySettings = {
  weights: {
    "no-food-today": 40,
    "meter-off": 40,
    "meter-running-out": 20,
    "eviction-notice": 35,
    "child-under-5": 15,
    pregnancy: 15,
    disability: 10,
    "pension-age": 10,
    "fast-track-referral": 20,
  },
  urgentFrom: 40,
};

/** What the application says, in the terms priority needs (any channel can produce it). */
export type TPriorityFacts = {
  enoughFoodToday: boolean;
  prepaymentMeter: string;
  evictionNotice: boolean;
  childrenAges: readonly number[];
  pregnant: boolean;
  disabilityOrIllness: boolean;
  overPensionAge: boolean;
  fastTrackReferral: boolean;
};

export function priorityReasons(f: TPriorityFacts): TPriorityReason[] {
  const reasons: TPriorityReason[] = [];
  if (!f.enoughFoodToday) reasons.push("no-food-today");
  if (f.prepaymentMeter === "off") reasons.push("meter-off");
  if (f.prepaymentMeter === "running-out") reasons.push("meter-running-out");
  if (f.evictionNotice) reasons.push("eviction-notice");
  if (f.childrenAges.some((age) => age < 5)) reasons.push("child-under-5");
  if (f.pregnant) reasons.push("pregnancy");
  if (f.disabilityOrIllness) reasons.push("disability");
  if (f.overPensionAge) reasons.push("pension-age");
  if (f.fastTrackReferral) reasons.push("fast-track-referral");
  return reasons;
}

export type TPriority = { score: number; band: TPriorityBand; reasons: TPriorityReason[] };

/** Score and band; reasons ordered by their weight (heaviest first), then by the fixed order. */
export function scorePriority(f: TPriorityFacts, settings: TPrioritySettings = DEFAULT_PRIORITY): TPriority {
  const found = priorityReasons(f);
  const score = found.reduce((sum, r) => sum + settings.weights[r], 0);
  const reasons = found
    .map((r, i) => ({ r, i, w: settings.weights[r] }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .map((x) => x.r);
  return { score, band: score >= settings.urgentFrom ? "URGENT" : "STANDARD", reasons };
}
