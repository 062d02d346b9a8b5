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
    APP_URL: z.string().url().default("http://localhost:3000"),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
    /** 32 random bytes, base64: encrypts TOTP secrets (and later bank details) at rest. */
    ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "ENCRYPTION_KEY must be 32 bytes, base64-encoded"),
    EMAIL_TRANSPORT: z.enum(["dev-mailbox", "smtp"]).default("dev-mailbox"),
    SMTP_URL: z.string().optional(),
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
    AZURE_AD_CLIENT_ID: z.string().optional(),
    AZURE_AD_CLIENT_SECRET: z.string().optional(),
    AZURE_AD_TENANT_ID: z.string().optional(),
    GOOGLE_CLIENT_ID: z.string().optional(),
    GOOGLE_CLIENT_SECRET: z.string().optional(),
    GOOGLE_HOSTED_DOMAIN: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.MFA_DEMO_BYPASS) {
      ctx.addIssue({ code: "custom", path: ["MFA_DEMO_BYPASS"], message: "MFA_DEMO_BYPASS is not allowed in production" });
    }
    if (env.NODE_ENV === "production" && env.EMAIL_TRANSPORT === "dev-mailbox" && !env.DEMO_MODE) {
      ctx.addIssue({ code: "custom", path: ["EMAIL_TRANSPORT"], message: "Set EMAIL_TRANSPORT=smtp (with SMTP_URL) in production" });
    }
    if (env.EMAIL_TRANSPORT === "smtp" && !env.SMTP_URL) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "SMTP_URL is required when EMAIL_TRANSPORT=smtp" });
    }
  });

export type TEnv = z.infer<typeof ZEnv>;

let parsed: TEnv | undefined;

export function env(): TEnv {
  if (parsed) return parsed;
  const result = ZEnv.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  parsed = result.data;
  return parsed;
}

/** Tests point the app at a fresh database per file; they call this after changing process.env. */
export function resetEnvForTests(): void {
  parsed = undefined;
}

export const isProduction = () => env().NODE_ENV === "production";
/** Emails are kept in the dev mailbox instead of sent (no real email provider configured). Who may READ it: lib/security/request.ts. */
export const devMailboxEnabled = () => env().EMAIL_TRANSPORT === "dev-mailbox" && (!isProduction() || env().DEMO_MODE);
export const ssoProviders = () => ({
  entra: Boolean(env().AZURE_AD_CLIENT_ID && env().AZURE_AD_CLIENT_SECRET && env().AZURE_AD_TENANT_ID),
  google: Boolean(env().GOOGLE_CLIENT_ID && env().GOOGLE_CLIENT_SECRET),
});
