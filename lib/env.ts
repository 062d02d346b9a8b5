// The one place that reads process.env: parsed once, on first use, by a Zod schema.
import { z } from "zod";

const bool = z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true");

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** The app's own connection: the non-owner role that row-level security applies to. */
    APP_DATABASE_URL: z.string().url(),
    /** Connections in the app's pool (per process). More only helps if PostgreSQL allows them. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
    /** Public base URL, e.g. https://moneyhub.example.gov.uk: origin checks and links in emails. */
    APP_URL: z.string().url().optional(),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
    /**
     * 32 random bytes, base64: seals secrets at rest (TOTP secrets, bank details; the list of sealed
     * columns is lib/security/sealed-columns.ts). Its key id is "k0". Enough on its own; for key
     * rotation list keys in ENCRYPTION_KEYS as well or instead (docs/payments.md "Bank details at rest").
     */
    ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "ENCRYPTION_KEY must be 32 bytes, base64-encoded")
      .optional(),
    /**
     * Keys for sealing with rotation: "kid1:base64,kid2:base64" (key ids of letters, digits, _ or -,
     * up to 16; each key 32 bytes). Every sealed value names its key id; old ones stay readable while
     * their key is listed. ENCRYPTION_KEY, if also set, is key "k0".
     */
    ENCRYPTION_KEYS: z
      .string()
      .transform((v, ctx) => {
        const keys = new Map<string, string>();
        for (const part of v.split(",").map((p) => p.trim()).filter(Boolean)) {
          const [kid, key, ...rest] = part.split(":");
          if (!kid || !/^[A-Za-z0-9_-]{1,16}$/.test(kid) || key === undefined || rest.length || Buffer.from(key, "base64").length !== 32) {
            ctx.addIssue({ code: "custom", message: `ENCRYPTION_KEYS: "${kid ?? ""}:…" must be a key id (letters, digits, _ or -, up to 16) and 32 bytes base64, e.g. k1:${"A".repeat(43)}=` });
            return z.NEVER;
          }
          if (keys.has(kid)) {
            ctx.addIssue({ code: "custom", message: `ENCRYPTION_KEYS: key id ${kid} is listed twice` });
            return z.NEVER;
          }
          keys.set(kid, key);
        }
        return keys;
      })
      .optional(),
    /** The key id new values are sealed under (one of ENCRYPTION_KEYS, or k0). Unset: k0 when ENCRYPTION_KEY is set. */
    ENCRYPTION_KEY_ID: z.string().optional(),
    /**
     * Keys the hash of bank details kept beside the sealed ones for duplicate matching (HMAC-SHA256;
     * lib/security/crypto.ts bankMatchHash). Unset: derived from key k0 (ENCRYPTION_KEY) with HKDF, so
     * rotating the sealing key never changes it; required when there is no k0.
     * Changing it stops new applications matching older ones on bank account until they are re-keyed.
     */
    BANK_MATCH_KEY: z.string().min(32, "BANK_MATCH_KEY must be at least 32 characters").optional(),
    /** Who delivers email and text messages (lib/notifications/providers). */
    NOTIFICATIONS_PROVIDER: z
      .enum(["dev-mailbox", "smtp", "notify"], { error: "NOTIFICATIONS_PROVIDER must be dev-mailbox, smtp or notify" })
      .default("dev-mailbox"),
    /** smtp: e.g. smtps://user:pass@smtp.example.gov.uk:465 (email only; text messages need notify). */
    SMTP_URL: z.string().url().optional(),
    /** The From of emails sent over SMTP. */
    MAIL_FROM: z.string().default("Money Hub <no-reply@moneyhub.invalid>"),
    /** notify: a GOV.UK Notify API key (live or team), from the Notify service's API integration page. */
    NOTIFY_API_KEY: z.string().optional(),
    /** notify: the API's address (tests point it at a local stand-in). */
    NOTIFY_BASE_URL: z.string().url().default("https://api.notifications.service.gov.uk"),
    /** notify: default templates with ((subject)) and ((body)) placeholders; councils may set their own per message. */
    NOTIFY_EMAIL_TEMPLATE_ID: z.string().uuid().optional(),
    NOTIFY_SMS_TEMPLATE_ID: z.string().uuid().optional(),
    /** notify: messages a minute this worker process hands to Notify (Notify allows 3,000 per service). */
    NOTIFY_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(3000).default(3000),
    /** notify: a call without an answer within this many ms is abandoned and retried later. */
    NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Run the job-queue worker inside the web server (on by default; 0 when `npm run worker` runs separately). */
    WORKER_IN_APP: bool.default(true),
    /** Jobs one worker process runs at once (each holds a database connection while it runs). */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
    /** Demo install (set by `npm start` on the embedded database): allows the dev mailbox, shows the demo banner. */
    DEMO_MODE: bool.default(false),
    /** The address the server listens on (set by `npm start`, `npm run dev`): the dev mailbox needs loopback. */
    LISTEN_HOST: z.string().optional(),
    /** Lets `npm start` serve demo mode on a non-loopback LISTEN_HOST; the dev mailbox is then off. */
    DEMO_PUBLIC: bool.default(false),
    /** Only outside production: lets staff sign in without the second factor. */
    MFA_DEMO_BYPASS: bool.default(false),
    /** Behind a trusted reverse proxy: take the client IP from X-Forwarded-For. */
    TRUST_PROXY: bool.default(false),
    SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24).default(8),
    /** Where uploaded documents' bytes are kept (lib/documents/storage.ts): "database" (default, nothing to install) or "filesystem" (DOCUMENT_DIR). */
    DOCUMENT_STORAGE: z.enum(["database", "filesystem"], { error: "DOCUMENT_STORAGE must be database or filesystem" }).default("database"),
    /** filesystem storage: the folder documents are written under (one sub-folder per council). */
    DOCUMENT_DIR: z.string().optional(),
    /** ClamAV's clamscan (or clamdscan) to scan each upload; unset: documents are held as "not scanned". */
    CLAMSCAN_PATH: z.string().optional(),
    /** A scan without an answer within this many ms counts as failed. */
    CLAMSCAN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
    AZURE_AD_CLIENT_ID: z.string().optional(),
    AZURE_AD_CLIENT_SECRET: z.string().optional(),
    AZURE_AD_TENANT_ID: z.string().optional(),
    GOOGLE_CLIENT_ID: z.string().optional(),
    GOOGLE_CLIENT_SECRET: z.string().optional(),
    GOOGLE_HOSTED_DOMAIN: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.ENCRYPTION_KEY && !env.ENCRYPTION_KEYS?.size) {
      ctx.addIssue({ code: "custom", path: ["ENCRYPTION_KEY"], message: "Set ENCRYPTION_KEY (32 bytes, base64) or ENCRYPTION_KEYS with ENCRYPTION_KEY_ID" });
    }
    const k0 = env.ENCRYPTION_KEYS?.get("k0");
    if (k0 && env.ENCRYPTION_KEY && Buffer.compare(Buffer.from(k0, "base64"), Buffer.from(env.ENCRYPTION_KEY, "base64")) !== 0) {
      ctx.addIssue({ code: "custom", path: ["ENCRYPTION_KEYS"], message: "ENCRYPTION_KEYS lists k0 with another key than ENCRYPTION_KEY (k0 is ENCRYPTION_KEY's id)" });
    }
    const current = env.ENCRYPTION_KEY_ID ?? (env.ENCRYPTION_KEY ? "k0" : undefined);
    if (env.ENCRYPTION_KEYS?.size && !current) {
      ctx.addIssue({ code: "custom", path: ["ENCRYPTION_KEY_ID"], message: "ENCRYPTION_KEY_ID is required with ENCRYPTION_KEYS: the key id new values are sealed under" });
    } else if (current && !(current === "k0" && env.ENCRYPTION_KEY) && !env.ENCRYPTION_KEYS?.has(current)) {
      ctx.addIssue({ code: "custom", path: ["ENCRYPTION_KEY_ID"], message: `ENCRYPTION_KEY_ID ${current} is not a key in ENCRYPTION_KEYS` });
    }
    // The bank-account hash must not change when the sealing key does: it is keyed by BANK_MATCH_KEY or k0.
    if (!env.BANK_MATCH_KEY && !env.ENCRYPTION_KEY && !k0 && env.ENCRYPTION_KEYS?.size) {
      ctx.addIssue({ code: "custom", path: ["BANK_MATCH_KEY"], message: "Set BANK_MATCH_KEY when there is no ENCRYPTION_KEY (k0): the bank-account hash must outlive key rotation" });
    }
    if (env.NODE_ENV === "production" && env.MFA_DEMO_BYPASS) {
      ctx.addIssue({ code: "custom", path: ["MFA_DEMO_BYPASS"], message: "MFA_DEMO_BYPASS is not allowed in production" });
    }
    if (env.NODE_ENV === "production" && env.NOTIFICATIONS_PROVIDER === "dev-mailbox" && !env.DEMO_MODE) {
      ctx.addIssue({ code: "custom", path: ["NOTIFICATIONS_PROVIDER"], message: "Set NOTIFICATIONS_PROVIDER=notify or smtp in production" });
    }
    // Links in emails and texts are built from APP_URL: in production it must be set, to the
    // public https address (a localhost default would send residents links that go nowhere).
    if (env.NODE_ENV === "production" && !env.DEMO_MODE && (!env.APP_URL || !env.APP_URL.startsWith("https://"))) {
      ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "Set APP_URL to the service's public https address, e.g. https://moneyhub.example.gov.uk" });
    }
    if (env.DOCUMENT_STORAGE === "filesystem" && !env.DOCUMENT_DIR) {
      ctx.addIssue({ code: "custom", path: ["DOCUMENT_DIR"], message: "DOCUMENT_DIR is required when DOCUMENT_STORAGE=filesystem" });
    }
    if (env.NOTIFICATIONS_PROVIDER === "smtp" && !env.SMTP_URL) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "SMTP_URL is required when NOTIFICATIONS_PROVIDER=smtp" });
    }
    if (env.NOTIFICATIONS_PROVIDER === "notify") {
      for (const name of ["NOTIFY_API_KEY", "NOTIFY_EMAIL_TEMPLATE_ID", "NOTIFY_SMS_TEMPLATE_ID"] as const) {
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: `${name} is required when NOTIFICATIONS_PROVIDER=notify` });
      }
    }
  });

const ZEnvWithDefaults = ZEnv.transform((env) => ({ ...env, APP_URL: (env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "") }));

export type TEnv = z.infer<typeof ZEnvWithDefaults>;

let parsed: TEnv | undefined;

export function env(): TEnv {
  if (parsed) return parsed;
  const result = ZEnvWithDefaults.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  parsed = result.data;
  return parsed;
}

/** Parses an environment without caching it (start-up check and tests). */
export function parseEnv(source: Record<string, string | undefined>) {
  return ZEnvWithDefaults.safeParse(source);
}

/** Tests point the app at a fresh database per file; they call this after changing process.env. */
export function resetEnvForTests(): void {
  parsed = undefined;
}

export const isProduction = () => env().NODE_ENV === "production";
/** Emails are kept in the dev mailbox instead of sent (no real email provider configured). Who may READ it: lib/security/request.ts. */
export const devMailboxEnabled = () => env().NOTIFICATIONS_PROVIDER === "dev-mailbox" && (!isProduction() || env().DEMO_MODE);
export const ssoProviders = () => ({
  entra: Boolean(env().AZURE_AD_CLIENT_ID && env().AZURE_AD_CLIENT_SECRET && env().AZURE_AD_TENANT_ID),
  google: Boolean(env().GOOGLE_CLIENT_ID && env().GOOGLE_CLIENT_SECRET),
});
