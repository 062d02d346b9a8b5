import { createCipheriv, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, resetEnvForTests } from "@/lib/env";
import { bankMatchHash, decryptSecret, encryptSecret, hashToken, needsReseal, newToken, sealedKeyId } from "@/lib/security/crypto";
import { MAX_REQUEST_BODY_BYTES, bodyTooLarge } from "@/lib/security/body-limit";
import { isLocalRequest, listenHostFor, listensOnLoopback } from "@/lib/security/demo";
import { base32, currentTotp, verifyTotp } from "@/lib/security/totp";
import { hashPassword, verifyPassword } from "@/lib/security/password";

beforeAll(() => {
  process.env.APP_DATABASE_URL = "postgresql://moneyhub_app@127.0.0.1:5432/unused";
  process.env.AUTH_SECRET = "unit-test-secret-unit-test-secret-123";
  process.env.ENCRYPTION_KEY = Buffer.alloc(32, 1).toString("base64");
  resetEnvForTests();
});

describe("secrets at rest", () => {
  it("round-trips and never stores the plain text", () => {
    const sealed = encryptSecret("JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(decryptSecret(sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("detects tampering", () => {
    const [v, kid, iv, tag, body] = encryptSecret("secret").split(".");
    const flipped = body!.slice(0, -2) + (body!.endsWith("A") ? "BB" : "AA");
    expect(() => decryptSecret([v, kid, iv, tag, flipped].join("."))).toThrow();
    // Naming another key does not open it either.
    expect(() => decryptSecret([v, "k9", iv, tag, body].join("."))).toThrow(/k9/);
  });
});

describe("key rotation", () => {
  const k0 = Buffer.alloc(32, 1).toString("base64");
  const k1 = Buffer.alloc(32, 2).toString("base64");
  const k2 = Buffer.alloc(32, 3).toString("base64");
  const withKeys = (vars: Record<string, string | undefined>) => {
    for (const name of ["ENCRYPTION_KEY", "ENCRYPTION_KEYS", "ENCRYPTION_KEY_ID", "BANK_MATCH_KEY"]) delete process.env[name];
    Object.assign(process.env, vars);
    resetEnvForTests();
  };
  afterAll(() => withKeys({ ENCRYPTION_KEY: k0 }));

  /** A value sealed the old way: v1.<iv>.<tag>.<ciphertext> under ENCRYPTION_KEY. */
  function sealV1(plain: string, key: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", Buffer.from(key, "base64"), iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
  }

  it("names the key on every sealed value; ENCRYPTION_KEY alone is k0 and still reads v1 values", () => {
    withKeys({ ENCRYPTION_KEY: k0 });
    const sealed = encryptSecret("bank");
    expect(sealed).toMatch(/^v2\.k0\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealedKeyId(sealed)).toBe("k0");
    const old = sealV1("totp-secret", k0);
    expect(sealedKeyId(old)).toBe("k0");
    expect(decryptSecret(old)).toBe("totp-secret");
    expect(needsReseal(old)).toBe(true);
    expect(needsReseal(sealed)).toBe(false);
  });

  it("seals under ENCRYPTION_KEY_ID and opens anything sealed under a listed key", () => {
    withKeys({ ENCRYPTION_KEY: k0, ENCRYPTION_KEYS: `k1:${k1}`, ENCRYPTION_KEY_ID: "k1" });
    const old = sealV1("v1 value", k0);
    const underK0 = encryptSecret("k0 value", "k0");
    const underK1 = encryptSecret("k1 value");
    expect(sealedKeyId(underK1)).toBe("k1");
    expect([decryptSecret(old), decryptSecret(underK0), decryptSecret(underK1)]).toEqual(["v1 value", "k0 value", "k1 value"]);
    expect([needsReseal(old), needsReseal(underK0), needsReseal(underK1)]).toEqual([true, true, false]);
    // Rotated again without k0 (ENCRYPTION_KEY gone, BANK_MATCH_KEY set): k1 values still open, k0 ones name their missing key.
    withKeys({ ENCRYPTION_KEYS: `k1:${k1},k2:${k2}`, ENCRYPTION_KEY_ID: "k2", BANK_MATCH_KEY: "m".repeat(32) });
    expect(decryptSecret(underK1)).toBe("k1 value");
    expect(sealedKeyId(encryptSecret("x"))).toBe("k2");
    expect(() => decryptSecret(underK0)).toThrow(/k0.*not configured/);
  });

  it("keeps the bank-account hash when the sealing key rotates", () => {
    withKeys({ ENCRYPTION_KEY: k0 });
    const before = bankMatchHash({ sortCode: "089999", accountNumber: "66374958" });
    withKeys({ ENCRYPTION_KEY: k0, ENCRYPTION_KEYS: `k1:${k1}`, ENCRYPTION_KEY_ID: "k1" });
    expect(bankMatchHash({ sortCode: "089999", accountNumber: "66374958" })).toBe(before);
  });

  it("refuses a configuration that could not work, naming the setting", () => {
    const base = { APP_DATABASE_URL: "postgresql://a@localhost/db", AUTH_SECRET: "x".repeat(32) };
    const problems = (vars: Record<string, string>) => {
      const r = parseEnv({ ...base, ...vars });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(problems({ ENCRYPTION_KEY: k0 })).toEqual([]);
    expect(problems({ ENCRYPTION_KEYS: `k1:${k1}`, ENCRYPTION_KEY_ID: "k1", BANK_MATCH_KEY: "m".repeat(32) })).toEqual([]);
    expect(problems({})).toEqual([expect.stringMatching(/^ENCRYPTION_KEY: Set ENCRYPTION_KEY/)]);
    expect(problems({ ENCRYPTION_KEY: k0, ENCRYPTION_KEYS: `k1:${k1}` })).toEqual([]); // current stays k0
    expect(problems({ ENCRYPTION_KEYS: `k1:${k1}`, BANK_MATCH_KEY: "m".repeat(32) })).toEqual([expect.stringMatching(/^ENCRYPTION_KEY_ID: ENCRYPTION_KEY_ID is required/)]);
    expect(problems({ ENCRYPTION_KEY: k0, ENCRYPTION_KEY_ID: "k7" })).toEqual([expect.stringMatching(/^ENCRYPTION_KEY_ID: ENCRYPTION_KEY_ID k7 is not a key/)]);
    expect(problems({ ENCRYPTION_KEYS: `k1:${k1}`, ENCRYPTION_KEY_ID: "k1" })).toEqual([expect.stringMatching(/^BANK_MATCH_KEY:/)]);
    expect(problems({ ENCRYPTION_KEY: k0, ENCRYPTION_KEYS: `k1:short` })).toEqual([expect.stringMatching(/ENCRYPTION_KEYS.*32 bytes/)]);
    expect(problems({ ENCRYPTION_KEY: k0, ENCRYPTION_KEYS: `k1:${k1},k1:${k2}`, ENCRYPTION_KEY_ID: "k1" })).toEqual([expect.stringMatching(/listed twice/)]);
    expect(problems({ ENCRYPTION_KEY: k0, ENCRYPTION_KEYS: `k0:${k1}` })).toEqual([expect.stringMatching(/k0 with another key/)]);
  });
});

describe("link tokens", () => {
  it("are long, random, and stored only as a hash", () => {
    const a = newToken();
    const b = newToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(43);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });
});

describe("TOTP", () => {
  it("accepts the current code and refuses others", () => {
    const secret = base32(new Uint8Array(20).fill(42));
    const code = currentTotp(secret);
    const step = Math.floor(Date.now() / 1000 / 30);
    expect(verifyTotp(secret, code)).toBeGreaterThanOrEqual(step);
    expect(verifyTotp(secret, code.slice(0, 3) + " " + code.slice(3))).not.toBeNull();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(verifyTotp(secret, wrong)).toBeNull();
    expect(verifyTotp(secret, "abcdef")).toBeNull();
    expect(verifyTotp(secret, "")).toBeNull();
  });

  it("refuses a code from a time-step already used, or an earlier one", () => {
    const secret = base32(new Uint8Array(20).fill(7));
    const now = Math.floor(Date.now() / 1000);
    const code = currentTotp(secret, now);
    const step = verifyTotp(secret, code, null);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, code, step)).toBeNull();
    expect(verifyTotp(secret, code, step! + 1)).toBeNull();
    expect(verifyTotp(secret, code, step! - 1)).toBe(step);
  });

  it("encodes base32 as RFC 4648 does", () => {
    expect(base32(new TextEncoder().encode("foobar"))).toBe("MZXW6YTBOI");
    expect(base32(new TextEncoder().encode("f"))).toBe("MY");
  });
});

describe("passwords", () => {
  it("hash with argon2id and verify only the right password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "Correct horse battery staple")).toBe(false);
    expect(await verifyPassword(null, "anything")).toBe(false);
  });
});

describe("demo mode answers only the local machine", () => {
  const req = (h: Record<string, string>) => (name: string) => h[name] ?? null;

  it("accepts a request from loopback to a loopback host name", () => {
    expect(isLocalRequest(req({ host: "localhost:3000", "x-forwarded-for": "127.0.0.1" }))).toBe(true);
    expect(isLocalRequest(req({ host: "127.0.0.1:3000", "x-forwarded-host": "127.0.0.1:3000", "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe(true);
    expect(isLocalRequest(req({ host: "[::1]:3000", "x-forwarded-for": "::1" }))).toBe(true);
  });

  it("refuses a client forwarded by a proxy, a rebinding host name, or no socket address", () => {
    expect(isLocalRequest(req({ host: "localhost:3000", "x-forwarded-for": "203.0.113.7, 127.0.0.1" }))).toBe(false);
    expect(isLocalRequest(req({ host: "localhost:3000", "x-forwarded-for": "127.0.0.1, 203.0.113.7" }))).toBe(false);
    expect(isLocalRequest(req({ host: "rebind.evil.example:3000", "x-forwarded-for": "127.0.0.1" }))).toBe(false);
    expect(isLocalRequest(req({ host: "localhost:3000", "x-forwarded-host": "moneyhub.example", "x-forwarded-for": "127.0.0.1" }))).toBe(false);
    expect(isLocalRequest(req({ host: "localhost:3000" }))).toBe(false);
    expect(isLocalRequest(req({ "x-forwarded-for": "127.0.0.1" }))).toBe(false);
    expect(isLocalRequest(req({ host: "127.0.0.1.evil.example", "x-forwarded-for": "127.0.0.1" }))).toBe(false);
  });

  it("has npm start listen on 127.0.0.1 in demo mode unless DEMO_PUBLIC=1 allows a public address", () => {
    expect(listenHostFor({ demo: true, demoPublic: false })).toEqual({ host: "127.0.0.1" });
    expect(listenHostFor({ demo: true, listenHost: "::1", demoPublic: false })).toEqual({ host: "::1" });
    expect(listenHostFor({ demo: true, listenHost: "0.0.0.0", demoPublic: false })).toMatchObject({ error: expect.stringContaining("DEMO_PUBLIC=1") });
    expect(listenHostFor({ demo: true, listenHost: "0.0.0.0", demoPublic: true })).toEqual({ host: "0.0.0.0" });
    expect(listenHostFor({ demo: false, demoPublic: false })).toEqual({ host: "0.0.0.0" });
  });

  it("counts only loopback listeners as local (an unknown listener is not)", () => {
    expect(listensOnLoopback("127.0.0.1")).toBe(true);
    expect(listensOnLoopback("0.0.0.0")).toBe(false);
    expect(listensOnLoopback(undefined)).toBe(false);
  });
});

describe("request body limit", () => {
  it("refuses a declared body over 1 MB, and a nonsense length", () => {
    expect(MAX_REQUEST_BODY_BYTES).toBe(1024 * 1024);
    expect(bodyTooLarge(String(3 * 1024 * 1024))).toBe(true);
    expect(bodyTooLarge(String(1024 * 1024 + 1))).toBe(true);
    expect(bodyTooLarge(String(1024 * 1024))).toBe(false);
    expect(bodyTooLarge("0")).toBe(false);
    expect(bodyTooLarge(null)).toBe(false);
    expect(bodyTooLarge("lots")).toBe(true);
  });
});
