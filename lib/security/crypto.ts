import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// AES-256-GCM for secrets at rest (TOTP secrets now, bank details later).
// Format: v1.<iv>.<tag>.<ciphertext>, each base64url, so the key can be rotated by version.

function key(): Buffer {
  return Buffer.from(env().ENCRYPTION_KEY, "base64");
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Unrecognised secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** A random bearer token for links (invitations, magic links) and the hash we store of it. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/** The key of the bank-account hash: BANK_MATCH_KEY, or one derived from ENCRYPTION_KEY (never the encryption key itself). */
function bankMatchKey(): Buffer {
  const configured = env().BANK_MATCH_KEY;
  if (configured) return Buffer.from(configured, "utf8");
  return Buffer.from(hkdfSync("sha256", key(), Buffer.alloc(0), "moneyhub bank-match v1", 32));
}

/**
 * A keyed hash (HMAC-SHA256) of a bank account, kept beside the sealed details so duplicates can
 * be matched without unsealing them: the same sort code and account number (spaces and dashes
 * ignored) give the same hash under one key, and nothing useful without it (an unkeyed hash of
 * 10^14 possible accounts could be reversed by trying them all). `key` is for tests.
 */
export function bankMatchHash(bank: { sortCode: string; accountNumber: string }, key: Buffer = bankMatchKey()): string {
  const sortCode = bank.sortCode.replace(/\D/g, "");
  const account = bank.accountNumber.replace(/\D/g, "").padStart(8, "0");
  return createHmac("sha256", key).update(`${sortCode}:${account}`).digest("hex");
}

/**
 * A link token derived from a record's id (HMAC-SHA256 under a key derived from ENCRYPTION_KEY for
 * this purpose alone), for links that must be printable again later (an outreach letter) without
 * storing the token: only hashToken() of it is stored, to find the record when the link is opened.
 */
export function derivedLinkToken(purpose: string, id: string): string {
  const k = Buffer.from(hkdfSync("sha256", key(), Buffer.alloc(0), `moneyhub link ${purpose} v1`, 32));
  return createHmac("sha256", k).update(id).digest("base64url");
}
