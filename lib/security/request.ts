import "server-only";
import { headers } from "next/headers";
import { devMailboxEnabled, env } from "@/lib/env";
import { isLocalRequest, listensOnLoopback } from "@/lib/security/demo";

/**
 * The client's IP for throttling and audit. Next.js does not expose the socket address, so it
 * is known only behind a trusted proxy (TRUST_PROXY=1) that sets X-Forwarded-For; otherwise
 * null, and per-IP throttling is skipped rather than lumping every client into one bucket.
 */
export async function clientIp(): Promise<string | null> {
  if (!env().TRUST_PROXY) return null;
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}

/**
 * Next.js lets a Server Action through with only a warning when the Origin header is missing.
 * Every mutating action calls this first: the Origin must be present and be our own: APP_URL's,
 * or the Host the request was sent to. X-Forwarded-Host counts only behind a trusted proxy
 * (TRUST_PROXY=1); otherwise anyone could name the host their forged Origin should match.
 */
export async function assertSameOrigin(): Promise<void> {
  const h = await headers();
  const origin = h.get("origin");
  if (!origin || origin === "null") throw new ForbiddenError("Missing request origin");
  const host = env().TRUST_PROXY ? (h.get("x-forwarded-host")?.split(",")[0]?.trim() ?? h.get("host")) : h.get("host");
  const allowed = new Set([new URL(env().APP_URL).origin]);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  if (!allowed.has(origin)) throw new ForbiddenError("Cross-origin request refused");
}

/**
 * The dev mailbox and every other demo convenience: only with no real email provider configured,
 * only when the server listens on loopback alone, and only for a request from this machine.
 */
export async function demoConveniencesAllowed(): Promise<boolean> {
  if (!devMailboxEnabled() || !listensOnLoopback(env().LISTEN_HOST)) return false;
  const h = await headers();
  return isLocalRequest((name) => h.get(name));
}

export class ForbiddenError extends Error {
  constructor(message = "Forbidden") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/**
 * Whether this page is being rendered as the answer to a form sent without JavaScript to one of
 * its server actions. Such an action redirects when it succeeds, so a page rendered in answer to
 * the post shows a refused form: the page's title starts "Error: " and an earlier success banner
 * is not shown (GOV.UK error pattern), even though the page's own server component never sees the
 * form's state. React sends action forms as multipart/form-data; page navigations are GETs.
 * Checked by tests/e2e/casework.spec.ts with and without JavaScript.
 */
export async function answersRefusedFormPost(): Promise<boolean> {
  const h = await headers();
  // With JavaScript an action's request carries next-action, and the page it redirects to is
  // fetched by Next.js with the post's other headers (content type included) but asking for
  // React's stream (Accept: text/x-component) rather than a page of HTML.
  return !h.get("next-action") && !(h.get("accept") ?? "").includes("text/x-component") && (h.get("content-type") ?? "").startsWith("multipart/form-data");
}
