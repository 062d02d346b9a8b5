// Cookie names and options. __Host- means: Secure, Path=/, no Domain — the browser refuses to
// let a sibling subdomain set or read it. Browsers treat http://localhost as secure, so the
// same names work in development and tests.
export const SESSION_COOKIE = "__Host-moneyhub.session";
export const CSRF_COOKIE = "__Host-moneyhub.csrf";
export const CALLBACK_COOKIE = "__Secure-moneyhub.callback";
export const MFA_CHALLENGE_COOKIE = "__Host-moneyhub.mfa";

export const secureCookie = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: true };
