// Pure rules about applications that more than one page or message needs.
import { addWorkingDays, endOfLondonDay } from "@/lib/calendar/working-days";

export const REPLY_WITHIN_WORKING_DAYS = 5;

/**
 * The date we promise to reply by: working days on from sending, on the same England and Wales
 * calendar as the casework SLA clocks (weekends and bank holidays skipped). The end of that
 * London day, so any formatting in Europe/London shows the promised date.
 */
export function replyBy(submittedAt: Date, workingDays = REPLY_WITHIN_WORKING_DAYS): Date {
  return endOfLondonDay(addWorkingDays(submittedAt, workingDays));
}

export function dateLocale(locale: string): string {
  return locale === "tr" ? "tr-TR" : "en-GB";
}
