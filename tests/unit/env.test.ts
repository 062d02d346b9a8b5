import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const BASE = { APP_DATABASE_URL: "postgresql://a@localhost/db", AUTH_SECRET: "x".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"), NOTIFICATIONS_PROVIDER: "smtp", SMTP_URL: "smtp://mail" };

describe("APP_URL, the base of every link in emails and texts", () => {
  it("must be set to an https address in production", () => {
    const missing = parseEnv({ ...BASE, NODE_ENV: "production" });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join("."))).toContain("APP_URL");
    expect(parseEnv({ ...BASE, NODE_ENV: "production", APP_URL: "http://localhost:3000" }).success).toBe(false);
    expect(parseEnv({ ...BASE, NODE_ENV: "production", APP_URL: "https://moneyhub.example.gov.uk/" }).data?.APP_URL).toBe("https://moneyhub.example.gov.uk");
  });

  it("defaults to localhost outside production and in the demo", () => {
    expect(parseEnv({ ...BASE, NODE_ENV: "development" }).data?.APP_URL).toBe("http://localhost:3000");
    expect(parseEnv({ ...BASE, NODE_ENV: "production", DEMO_MODE: "1", APP_URL: "http://localhost:3104" }).success).toBe(true);
  });
});
