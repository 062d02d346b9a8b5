// SLA clocks: how many working days a council gives itself per priority band, and where a case
// stands against its due date. The due date is a London calendar date; a case is on time until
// that day ends. Pure apart from the calendar's bank-holiday data.
import { z } from "zod";
import { addWorkingDays, endOfLondonDay, londonIsoDate, workingDaysBetween, type TIsoDate } from "@/lib/calendar/working-days";
import type { TPriorityBand } from "@/lib/triage/priority";

export const ZSlaSettings = z.strictObject({
  urgentWorkingDays: z.number().int().min(1).max(60),
  standardWorkingDays: z.number().int().min(1).max(60),
});
export type TSlaSettings = z.infer<typeof ZSlaSettings>;

/** Urgent: 48 hours, counted as 2 working days; standard: 10 working days. */
export const DEFAULT_SLA: TSlaSettings = { urgentWorkingDays: 2, standardWorkingDays: 10 };

export function slaDueDate(receivedAt: Date, band: TPriorityBand, settings: TSlaSettings = DEFAULT_SLA): TIsoDate {
  return addWorkingDays(receivedAt, band === "URGENT" ? settings.urgentWorkingDays : settings.standardWorkingDays);
}

export type TSlaState = "ON_TRACK" | "DUE_SOON" | "DUE_TODAY" | "BREACHED";

/** DUE_SOON: the next working day is the due date. BREACHED: the due day has ended. */
export function slaState(due: TIsoDate, now: Date): TSlaState {
  if (now.getTime() > endOfLondonDay(due).getTime()) return "BREACHED";
  const today = londonIsoDate(now);
  if (today === due) return "DUE_TODAY";
  return workingDaysBetween(today, due) <= 1 ? "DUE_SOON" : "ON_TRACK";
}
