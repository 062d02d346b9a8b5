// The application as corrected: what the resident sent with the officers' amendments on top, the
// newest correction of each field winning. One rule for the case page (which shows the corrected
// answer beside the original) and for every message to the resident (which goes to the corrected
// email or mobile, never to the address the officer marked as wrong). Pure.

/** The newest correction per field, from amendments given newest first. */
export function latestCorrections<T extends { field: string }>(amendmentsNewestFirst: readonly T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const a of amendmentsNewestFirst) if (!latest.has(a.field)) latest.set(a.field, a);
  return latest;
}

/** One answer (a path such as "aboutYou.email") as corrected. */
export function correctedAnswer(data: unknown, amendmentsNewestFirst: readonly { field: string; newValue: unknown }[], path: string): unknown {
  const corrected = latestCorrections(amendmentsNewestFirst).get(path);
  if (corrected) return corrected.newValue;
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), data);
}

export type TResidentContact = { fullName: string | null; email: string | null; mobile: string | null };

/** Who the resident is and where messages reach them, as corrected. */
export function correctedContact(data: unknown, amendmentsNewestFirst: readonly { field: string; newValue: unknown }[]): TResidentContact {
  const text = (path: string) => {
    const v = correctedAnswer(data, amendmentsNewestFirst, path);
    return typeof v === "string" && v.trim() ? v.trim() : null;
  };
  return { fullName: text("aboutYou.fullName"), email: text("aboutYou.email"), mobile: text("aboutYou.mobile") };
}
