// Who counts as the same person across applications: the same date of birth AND at least one of
// the same name (normalised), the same email address or the same phone number. One rule, used
// by the case file's history (lib/cases/person-history.ts) and the award checks. Duplicate
// detection (lib/intake/duplicates.ts) matches on the keys below, made by the same normalisers:
// the same person (name + date of birth), email, phone, bank account (a keyed hash) or address.
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

/** "e8  3ab" → "E83AB": case and spacing ignored. */
export function normalisePostcode(postcode: string): string {
  return postcode.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** The address as one key: the postcode and the first line, normalised ("E83AB|flat 2 14 mare street"). */
export function addressKey(postcode: string, line1: string): string | null {
  const pc = normalisePostcode(postcode);
  const line = normaliseName(line1);
  return pc && line ? `${pc}|${line}` : null;
}

/** Why two applications may be duplicates, strongest first. */
export const DUPLICATE_REASONS = ["name-dob", "bank", "email", "phone", "address"] as const;
export type TDuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** The keys an application is matched on; stored on Application at intake, indexed. */
export type TMatchKeys = { nameKey: string | null; dateOfBirth: string; emailKey: string | null; phoneKey: string | null; addressKey: string | null; bankHash: string | null };

export function matchKeysOf(a: { fullName: string; dateOfBirth: string; email: string | null; mobile: string | null; postcode: string; line1: string; bankHash: string | null }): TMatchKeys {
  return {
    nameKey: normaliseName(a.fullName) || null,
    dateOfBirth: a.dateOfBirth,
    emailKey: normaliseEmail(a.email),
    phoneKey: normalisePhone(a.mobile),
    addressKey: addressKey(a.postcode, a.line1),
    bankHash: a.bankHash,
  };
}

/** Why b may be a duplicate of a, strongest first (empty: no match). */
export function duplicateReasons(a: TMatchKeys, b: TMatchKeys): TDuplicateReason[] {
  const same = (x: string | null, y: string | null) => x !== null && x === y;
  const reasons: TDuplicateReason[] = [];
  if (same(a.nameKey, b.nameKey) && a.dateOfBirth === b.dateOfBirth) reasons.push("name-dob");
  if (same(a.bankHash, b.bankHash)) reasons.push("bank");
  if (same(a.emailKey, b.emailKey)) reasons.push("email");
  if (same(a.phoneKey, b.phoneKey)) reasons.push("phone");
  if (same(a.addressKey, b.addressKey)) reasons.push("address");
  return reasons;
}
