// The one rule for what a recurring gain is worth: a year of it (weekly × 52, a yearly value as it
// is). Pure and without "server-only", so the reporting summaries' reader and owner-run scripts
// use the same rule as the advice pages (lib/advice/income-gained.ts).
import type { AdviceValuePeriod } from "@/lib/generated/prisma/enums";

export const WEEKS_IN_A_YEAR = 52n;

/** A recurring value for one year: weekly × 52, a yearly value as it is. */
export function annualisedPence(valuePence: bigint, period: AdviceValuePeriod): bigint {
  return period === "WEEKLY" ? valuePence * WEEKS_IN_A_YEAR : valuePence;
}
