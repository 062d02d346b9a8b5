import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { base32 } from "@/lib/security/totp";

/**
 * The TOTP secret offered while accepting an invitation, derived from the invitation's token
 * with a server key: the same on every render of the page (so a failed attempt, with or without
 * JavaScript, shows the same QR code), unknowable without both, and never chosen by the client.
 */
export function invitationTotpSecret(token: string): string {
  return base32(createHmac("sha256", env().AUTH_SECRET).update(`invitation-totp:${token}`).digest().subarray(0, 20));
}
