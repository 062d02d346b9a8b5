// Who counts as the same person across applications: the same date of birth AND at least one of
// the same name (normalised), the same email address or the same phone number. One rule, used
// by the case file's history (lib/cases/person-history.ts) and meant for duplicate detection.
// Pure: no database, unit-tested.

export type TPersonKeys = { dateOfBirth: string; fullName: string; email: string | null; mobile: string | null };

/** "  Ayşe  YILMAZ-O'Brien " → "ayse yilmaz o brien": case, accents, punctuation and spacing ignored. */
export function normaliseName(name: string): string {
  return name
    .toLocaleLowerCase("en-GB")
    .replace(/ı/g, "i")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function normaliseEmail(email: string | null): string | null {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
}

/** UK numbers as national digits: "+44 7700 900982", "07700-900-982" → "07700900982". */
export function normalisePhone(phone: string | null): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, "");
  if (digits.startsWith("44")) digits = `0${digits.slice(2)}`;
  else if (digits.startsWith("0044")) digits = `0${digits.slice(4)}`;
  return digits.length >= 10 ? digits : null;
}

export type TMatchReason = "name" | "email" | "phone";

/** Why b is the same person as a (empty: not the same person). */
export function samePersonReasons(a: TPersonKeys, b: TPersonKeys): TMatchReason[] {
  if (a.dateOfBirth !== b.dateOfBirth) return [];
  const reasons: TMatchReason[] = [];
  if (normaliseName(a.fullName) && normaliseName(a.fullName) === normaliseName(b.fullName)) reasons.push("name");
  const ea = normaliseEmail(a.email);
  if (ea && ea === normaliseEmail(b.email)) reasons.push("email");
  const pa = normalisePhone(a.mobile);
  if (pa && pa === normalisePhone(b.mobile)) reasons.push("phone");
  return reasons;
}

export function isSamePerson(a: TPersonKeys, b: TPersonKeys): boolean {
  return samePersonReasons(a, b).length > 0;
}
