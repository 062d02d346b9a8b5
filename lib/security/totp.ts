import { generateSecret, generateSync, generateURI, verifySync } from "otplib";

// RFC 6238 TOTP: 6 digits, 30-second steps, one step of clock drift either way, no replay.
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: "Money Hub", label: accountEmail, secret });
}

export const TOTP_STEP_SECONDS = 30;

/**
 * The RFC 6238 time-step the code belongs to (within one step of clock drift), or null if it is
 * not a valid code. A code from `afterTimeStep` or earlier is refused: callers pass the last step
 * this person used, so one code cannot open two sessions.
 */
export function verifyTotp(secret: string, code: string, afterTimeStep?: number | null): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = verifySync({ secret, token, epochTolerance: TOTP_STEP_SECONDS, ...(afterTimeStep != null ? { afterTimeStep } : {}) });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/** The current code: used by the demo helper script and by tests acting as a person with an authenticator app. */
export function currentTotp(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): string {
  return generateSync({ secret, epoch: epochSeconds });
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding, as authenticator apps expect. */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}
