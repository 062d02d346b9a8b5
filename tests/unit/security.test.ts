import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { decryptSecret, encryptSecret, hashToken, newToken } from "@/lib/security/crypto";
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
    const [v, iv, tag, body] = encryptSecret("secret").split(".");
    const flipped = body!.slice(0, -2) + (body!.endsWith("A") ? "BB" : "AA");
    expect(() => decryptSecret([v, iv, tag, flipped].join("."))).toThrow();
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
