// Pure rules about applications that more than one page or message needs.
import { formatDateFor } from "@/lib/dates";
import type { TIsoDate } from "@/lib/calendar/working-days";

/**
 * "Tuesday 1 December": the date we promise to reply by — the case's SLA due date, from the
 * council's casework settings and the case's priority band (lib/cases/sla.ts; see
 * lib/applications/promise.ts) — as the confirmation page, the email and the status page all write it.
 */
export function replyByText(dueOn: TIsoDate, locale: string): string {
  return formatDateFor(new Date(`${dueOn}T12:00:00Z`), locale, { weekday: true, year: false });
}

export function dateLocale(locale: string): string {
  return locale === "tr" ? "tr-TR" : "en-GB";
}
