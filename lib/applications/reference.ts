import { randomInt } from "node:crypto";

// Reference numbers a resident can read over the phone: the council's prefix, then characters
// from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V).
// 23^6 ≈ 148 million per council; uniqueness is a database constraint, with retry on collision.
export const REFERENCE_ALPHABET = "3479ACDEFGHJKMNPQRTWXY6";

export function newReference(prefix: string, random: (max: number) => number = randomInt): string {
  const pick = () => REFERENCE_ALPHABET[random(REFERENCE_ALPHABET.length)];
  const body = Array.from({ length: 6 }, pick).join("");
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}`;
}

export const REFERENCE_PATTERN = new RegExp(`^[A-Z]{3}-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{2}$`);
