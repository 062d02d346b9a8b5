// Pure rules about applications that more than one page or message needs.
import { formatDateFor } from "@/lib/dates";
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

/** "Tuesday 1 December": the reply-by date as the confirmation page, the email and the status page all write it. */
export function replyByText(submittedAt: Date, locale: string): string {
  return formatDateFor(replyBy(submittedAt), locale, { weekday: true, year: false });
}
