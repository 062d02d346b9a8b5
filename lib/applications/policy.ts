// Pure rules about applications that more than one page or message needs.

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

export function dateLocale(locale: string): string {
  return locale === "tr" ? "tr-TR" : "en-GB";
}
