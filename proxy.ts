import { NextResponse, type NextRequest } from "next/server";
import { bodyLimitFor, bodyTooLarge } from "@/lib/security/body-limit";
import { tooLargePage } from "@/lib/security/too-large-page";
import { databaseDown, outagePage } from "@/lib/db/outage";
import { isLocale, type TLocale } from "@/lib/i18n/locales";

// Runs before every page: a fresh CSP nonce per request (Next.js reads it from the request's
// CSP header and stamps its own scripts with it), and no caching of anything personal.
// Authorization is NOT done here: every page, action and query checks for itself.

export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  // Database outage: every page answers 503 with a plain page (lib/db/outage.ts). The health
  // endpoint reports for itself; auth's API routes fail on their own.
  const path = request.nextUrl.pathname;
  if (!path.startsWith("/api/") && (await databaseDown())) {
    return new NextResponse(outagePage(path, nonce), {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": csp, "Cache-Control": "no-store", "Retry-After": "30" },
    });
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Resident pages (a council's start page, the application, the status check, the answer to a
  // request for information) speak the resident's chosen language; staff and partner pages stay
  // in English. lib/i18n/server.ts reads these.
  const resident = /^\/[a-z0-9-]+(\/(apply|status|information)(\/.*)?)?\/?$/.test(path) && !/^\/(sign-in|signed-out|staff|platform|dev|api)(\/|$)/.test(path);
  // Any registered language (lib/i18n/locales.ts, the table alone: no catalogue is bundled here);
  // lib/i18n/server.ts serves English for one whose catalogues have not landed.
  const cookie = request.cookies.get("moneyhub.lang")?.value;
  const chosen: TLocale = isLocale(cookie) ? cookie : "en";
  requestHeaders.set("x-moneyhub-resident", resident ? "1" : "0");
  requestHeaders.set("x-moneyhub-locale", resident ? chosen : "en");
  requestHeaders.set("x-moneyhub-path", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("Content-Security-Policy", csp);

  // Over-large bodies stop here with 413 and a page that says why (lib/security/body-limit.ts; uploads have their own limit).
  if (request.method !== "GET" && request.method !== "HEAD" && bodyTooLarge(request.headers.get("content-length"), bodyLimitFor(path))) {
    // The partner API answers in problem+json (lib/partner-api/problem.ts), not with a page.
    if (path.startsWith("/api/v1/"))
      return new NextResponse(JSON.stringify({ type: "/developers#problem-too-large", title: "The request body is too large", status: 413 }), {
        status: 413,
        headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", Connection: "close" },
      });
    const referer = request.headers.get("referer");
    const back = referer && new URL(referer, request.url).origin === request.nextUrl.origin ? new URL(referer).pathname : "/";
    return new NextResponse(tooLargePage(resident ? chosen : "en", nonce, back), {
      status: 413,
      headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": csp, "Cache-Control": "no-store, max-age=0", Connection: "close" },
    });
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  // Pages can show personal data once signed in; never let a shared computer's cache keep them.
  response.headers.set("Cache-Control", "no-store, max-age=0");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|assets/).*)" }],
};
