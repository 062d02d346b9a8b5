// Working days in England and Wales: Monday to Friday, less the bank holidays (including
// substitute days) that `date-holidays` computes from its rules for any year. Everything here is
// about London calendar dates, so a submission at 23:30 on a Friday in BST counts as Friday.
// Used for the resident's "we will contact you by" date and the casework SLA clocks, so both
// promise the same thing. Heavy data (every country's rules): import from server code only.
import Holidays from "date-holidays";

const ZONE = "Europe/London";
const englandAndWales = new Holidays("GB", "ENG");

/** A calendar date in London, as YYYY-MM-DD. */
export type TIsoDate = string;

const londonDate = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

export function londonIsoDate(at: Date): TIsoDate {
  return londonDate.format(at);
}

function addDays(iso: TIsoDate, days: number): TIsoDate {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const holidayCache = new Map<number, Set<TIsoDate>>();
function bankHolidays(year: number): Set<TIsoDate> {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(englandAndWales.getHolidays(year).filter((h) => h.type === "public").map((h) => h.date.slice(0, 10)));
    holidayCache.set(year, set);
  }
  return set;
}

export function isBankHoliday(iso: TIsoDate): boolean {
  return bankHolidays(Number(iso.slice(0, 4))).has(iso);
}

export function isWorkingDay(iso: TIsoDate): boolean {
  const weekday = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(iso);
}

/** The date `workingDays` working days after the London date of `from` (the day itself never counts). */
export function addWorkingDays(from: Date | TIsoDate, workingDays: number): TIsoDate {
  let day = typeof from === "string" ? from : londonIsoDate(from);
  let left = workingDays;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: TIsoDate, to: TIsoDate): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) n += 1;
  return n;
}

/** The instant a London calendar date ends (the last moment something due that day is on time). */
export function endOfLondonDay(iso: TIsoDate): Date {
  // The offset of London from UTC at noon that day (0 or +1 hour); the end of the day is midnight next day local.
  const noonUtc = new Date(`${iso}T12:00:00Z`);
  const londonNoon = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", hourCycle: "h23" }).format(noonUtc);
  const offsetHours = Number(londonNoon) - 12;
  return new Date(new Date(`${addDays(iso, 1)}T00:00:00Z`).getTime() - offsetHours * 3_600_000 - 1);
}
