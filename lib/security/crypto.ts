import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// AES-256-GCM for secrets at rest (TOTP secrets, bank details, partner secrets: every sealed column is
// listed in lib/security/sealed-columns.ts). Format: v2.<kid>.<iv>.<tag>.<ciphertext> (base64url parts):
// the key id says which key opens it, so keys rotate (ENCRYPTION_KEYS + ENCRYPTION_KEY_ID in lib/env.ts;
// `npm run keys:reseal` re-seals old values under the current key). v1.<iv>.<tag>.<ciphertext>, from
// before key ids, is read with key k0 (ENCRYPTION_KEY).

type TKeyring = { current: string; keys: Map<string, Buffer> };
const keyrings = new WeakMap<object, TKeyring>();

/** The keys from the environment: ENCRYPTION_KEY is k0; ENCRYPTION_KEYS adds the rest. */
export function keyring(): TKeyring {
  const e = env();
  let ring = keyrings.get(e);
  if (!ring) {
    const keys = new Map<string, Buffer>();
    if (e.ENCRYPTION_KEY) keys.set("k0", Buffer.from(e.ENCRYPTION_KEY, "base64"));
    for (const [kid, key] of e.ENCRYPTION_KEYS ?? []) keys.set(kid, Buffer.from(key, "base64"));
    ring = { current: e.ENCRYPTION_KEY_ID ?? "k0", keys };
    keyrings.set(e, ring);
  }
  return ring;
}

function keyFor(kid: string): Buffer {
  const key = keyring().keys.get(kid);
  if (!key) throw new Error(`Sealed with key ${kid}, which is not configured (ENCRYPTION_KEYS)`);
  return key;
}

/** Seals under `kid` (default: the current key, ENCRYPTION_KEY_ID). */
export function encryptSecret(plain: string, kid: string = keyring().current): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(kid), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v2", kid, ...[iv, cipher.getAuthTag(), body].map((p) => p.toString("base64url"))].join(".");
}

/** The key id a sealed value was sealed under ("k0" for v1 values), or null if it is not a sealed value. */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split(".");
  if (parts[0] === "v1" && parts.length === 4) return "k0";
  if (parts[0] === "v2" && parts.length === 5 && parts[1]) return parts[1];
  return null;
}

export function decryptSecret(sealed: string): string {
  const parts = sealed.split(".");
  const [kid, iv, tag, body] = parts[0] === "v1" && parts.length === 4 ? ["k0", ...parts.slice(1)] : parts[0] === "v2" && parts.length === 5 ? parts.slice(1) : [];
  if (!kid || !iv || !tag || body === undefined) throw new Error("Unrecognised secret format");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(kid), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** Whether a sealed value should be re-sealed: it is not under the current key (or is v1). */
export function needsReseal(sealed: string): boolean {
  return !sealed.startsWith(`v2.${keyring().current}.`);
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

/**
 * The key of the bank-account hash: BANK_MATCH_KEY, or one derived from key k0 (ENCRYPTION_KEY), never
 * the encryption key itself and never the CURRENT key, so rotating the sealing key keeps every hash.
 */
function bankMatchKey(): Buffer {
  const configured = env().BANK_MATCH_KEY;
  if (configured) return Buffer.from(configured, "utf8");
  return Buffer.from(hkdfSync("sha256", keyFor("k0"), Buffer.alloc(0), "moneyhub bank-match v1", 32));
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
  // Key k0, like the bank-match key: rotating the sealing key must not break printed letters.
  const k = Buffer.from(hkdfSync("sha256", keyFor("k0"), Buffer.alloc(0), `moneyhub link ${purpose} v1`, 32));
  return createHmac("sha256", k).update(id).digest("base64url");
}
