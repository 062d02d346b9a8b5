// Pure authentication rules, unit-tested.

/** Whether an email address is in one of the allowed domains (exact domain match, case-insensitive). */
export function emailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return false;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return allowedDomains.some((d) => d.trim().toLowerCase().replace(/^@/, "") === domain);
}

/** Only same-site relative paths may be used as a post-sign-in destination. */
export function safeReturnPath(candidate: string | null | undefined, fallback = "/"): string {
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
  return candidate;
}
