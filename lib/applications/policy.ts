// Pure rules about applications that more than one page or message needs.
import { formatDateFor } from "@/lib/dates";

export const REPLY_WITHIN_WORKING_DAYS = 5;

/** The date we promise to reply by: working days on from sending (weekends skipped; bank holidays are not known here). */
export function replyBy(submittedAt: Date, workingDays = REPLY_WITHIN_WORKING_DAYS): Date {
  const d = new Date(submittedAt);
  let left = workingDays;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left -= 1;
  }
  return d;
}

/** "Tuesday 1 December": the reply-by date as the confirmation page, the email and the status page all write it. */
export function replyByText(submittedAt: Date, locale: string): string {
  return formatDateFor(replyBy(submittedAt), locale, { weekday: true, year: false });
}

export function dateLocale(locale: string): string {
  return locale === "tr" ? "tr-TR" : "en-GB";
}
