// Pure rules about applications that more than one page or message needs.
import { formatDateFor } from "@/lib/dates";
import { addWorkingDays, endOfLondonDay } from "@/lib/calendar/working-days";
import type { THouseholdType } from "@/lib/vocabulary";

export const REPLY_WITHIN_WORKING_DAYS = 5;

/**
 * The date we promise to reply by: working days on from sending, on the same England and Wales
 * calendar as the casework SLA clocks (weekends and bank holidays skipped). The end of that
 * London day, so any formatting in Europe/London shows the promised date.
 */
export function replyBy(submittedAt: Date, workingDays = REPLY_WITHIN_WORKING_DAYS): Date {
  return endOfLondonDay(addWorkingDays(submittedAt, workingDays));
}

/** "Tuesday 1 December": the reply-by date as the confirmation page, the email and the status page all write it. */
export function replyByText(submittedAt: Date, locale: string): string {
  return formatDateFor(replyBy(submittedAt), locale, { weekday: true, year: false });
}

export function dateLocale(locale: string): string {
  return locale === "tr" ? "tr-TR" : "en-GB";
}

/**
 * The kinds of household (lib/vocabulary HOUSEHOLD_TYPES) an application's answers describe, for
 * a pot's household-type rule: a household may be several (a family with someone pregnant).
 */
export function householdTypesOf(a: {
  household: { adults: number; children: number; pregnant: boolean; overPensionAge: boolean; disabilityOrIllness: boolean };
  income: { noRecourseToPublicFunds: string };
}): THouseholdType[] {
  const types: THouseholdType[] = [];
  if (a.household.children > 0) types.push("families-with-children");
  else types.push("single-adults");
  if (a.household.pregnant) types.push("pregnancy");
  if (a.household.overPensionAge) types.push("pension-age");
  if (a.household.disabilityOrIllness) types.push("disability");
  if (a.income.noRecourseToPublicFunds === "yes") types.push("no-recourse");
  return types;
}
