// Pure rules about applications that more than one page or message needs.
import { formatDateFor } from "@/lib/dates";
import type { TIsoDate } from "@/lib/calendar/working-days";
import type { THouseholdType } from "@/lib/vocabulary";

/**
 * "Tuesday 1 December": the date we promise to reply by — the case's SLA due date, from the
 * council's casework settings and the case's priority band (lib/triage/sla.ts; see
 * lib/applications/promise.ts) — as the confirmation page, the email and the status page all write it.
 */
export function replyByText(dueOn: TIsoDate, locale: string): string {
  return formatDateFor(new Date(`${dueOn}T12:00:00Z`), locale, { weekday: true, year: false });
}

/**
 * The kinds of household (lib/vocabulary HOUSEHOLD_TYPES) an application's answers describe, for
 * a pot's household-type rule: a household may be several (a family with someone pregnant).
 */
export function householdTypesOf(a: {
  household?: Partial<{ adults: number; children: number; pregnant: boolean; overPensionAge: boolean; disabilityOrIllness: boolean }>;
  income?: Partial<{ noRecourseToPublicFunds: string }>;
}): THouseholdType[] {
  // An application without household answers (entered before the question existed, or by a
  // channel that does not ask) has no known household type: a pot limited to some types is then
  // not eligible, rather than the household being guessed to be a single adult.
  if (!a.household) return [];
  const types: THouseholdType[] = [];
  if ((a.household.children ?? 0) > 0) types.push("families-with-children");
  else types.push("single-adults");
  if (a.household.pregnant) types.push("pregnancy");
  if (a.household.overPensionAge) types.push("pension-age");
  if (a.household.disabilityOrIllness) types.push("disability");
  if (a.income?.noRecourseToPublicFunds === "yes") types.push("no-recourse");
  return types;
}
