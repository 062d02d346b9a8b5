// The one date formatter: GOV.UK style, in UK time. "24 November 2026" in text, "24 Nov 2026"
// in tables, times as "2:05pm". Pure, unit-tested.
import { intlLocale } from "@/lib/i18n/locales";

const ZONE = "Europe/London";
const long = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: ZONE });
const short = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: ZONE });
const time = new Intl.DateTimeFormat("en-GB", { hour: "numeric", minute: "2-digit", hour12: true, timeZone: ZONE });

/** "24 November 2026" */
export const formatDate = (d: Date) => long.format(d);

/** "24 Nov 2026" (tables). Intl writes "Sept" for September; GOV.UK writes "Sep". */
export const formatDateShort = (d: Date) => short.format(d).replace("Sept", "Sep");

/** "2:05pm", "10:30am". */
export const formatTime = (d: Date) => time.format(d).replace(/\s/g, "").toLowerCase();

/** "24 Nov 2026, 2:05pm" (tables and logs). */
export const formatDateTimeShort = (d: Date) => `${formatDateShort(d)}, ${formatTime(d)}`;

/** "24 November 2026 at 2:05pm" (text). */
export const formatDateTime = (d: Date) => `${formatDate(d)} at ${formatTime(d)}`;

/** A resident's page in their language: "Tuesday 1 December" (a promise within the year), or with the year. */
export function formatDateFor(d: Date, locale: string, { weekday = false, year = true }: { weekday?: boolean; year?: boolean } = {}): string {
  return d.toLocaleDateString(intlLocale(locale), { weekday: weekday ? "long" : undefined, day: "numeric", month: "long", year: year ? "numeric" : undefined, timeZone: ZONE });
}
