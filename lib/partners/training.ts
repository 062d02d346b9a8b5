// A member's referrer training, by the London calendar date. Pure: shared by the admin pages,
// the organisation lead's view and the referral rules (fast-track and direct awards need it).

const londonDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** A `@db.Date` column (midnight UTC) or a moment, as the YYYY-MM-DD it names. */
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export type TTrainingStatus = "trained" | "expired" | "untrained";

/** Trained: the training's last day (trainingExpiresOn) is today in London or later. Null: never trained. */
export function isTrained(m: { trainingExpiresOn: Date | null }, today: Date): boolean {
  return m.trainingExpiresOn !== null && dayOf(m.trainingExpiresOn) >= londonDate.format(today);
}

export function trainingStatus(m: { trainingExpiresOn: Date | null }, today: Date): TTrainingStatus {
  if (m.trainingExpiresOn === null) return "untrained";
  return isTrained(m, today) ? "trained" : "expired";
}
