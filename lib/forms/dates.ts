// GOV.UK date inputs (three boxes) for every form, residents' and staff's. Pure: shared by the
// browser (instant feedback) and the server (the decision).

export type TDateParts = { day: string; month: string; year: string };
export type TDateProblem = "required" | "missingDay" | "missingMonth" | "missingYear" | "yearDigits" | "real";

/** GOV.UK date input: three boxes → "YYYY-MM-DD", or which problem to report first. */
export function parseDateParts({ day, month, year }: TDateParts): { ok: true; iso: string } | { ok: false; problem: TDateProblem } {
  const d = day.trim();
  const m = month.trim();
  const y = year.trim();
  if (!d && !m && !y) return { ok: false, problem: "required" };
  if (!d) return { ok: false, problem: "missingDay" };
  if (!m) return { ok: false, problem: "missingMonth" };
  if (!y) return { ok: false, problem: "missingYear" };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d+$/.test(y)) return { ok: false, problem: "real" };
  if (y.length !== 4) return { ok: false, problem: "yearDigits" };
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return { ok: false, problem: "real" };
  return { ok: true, iso: date.toISOString().slice(0, 10) };
}

/** Whole years between an ISO date and today (UTC), for the minimum age rule. */
export function ageOn(isoDate: string, today: Date): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  return age;
}
