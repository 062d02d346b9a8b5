// Pure rules for partner organisations' settings. Unit-tested.

/** A domain name as email addresses use it: labels of letters, digits and hyphens, a final label of letters. */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Webmail and other public domains: allowing one would let anyone with a free account sign in as
 * the organisation, so they are refused.
 */
export const PUBLIC_EMAIL_DOMAINS: readonly string[] = [
  "gmail.com",
  "googlemail.com",
  "hotmail.com",
  "hotmail.co.uk",
  "outlook.com",
  "live.com",
  "live.co.uk",
  "yahoo.com",
  "yahoo.co.uk",
  "icloud.com",
  "me.com",
  "aol.com",
  "btinternet.com",
  "protonmail.com",
  "proton.me",
];

export type TDomainsProblem = "required" | "format" | "public" | "tooMany";

/**
 * The allowed email domains as typed (one a line, or separated by commas or spaces; a leading
 * "@" is forgiven), normalised to lower case without repeats, or the first problem.
 */
export function parseEmailDomains(text: string): { ok: true; domains: string[] } | { ok: false; problem: TDomainsProblem } {
  const parts = text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
  if (!parts.length) return { ok: false, problem: "required" };
  if (parts.length > 20) return { ok: false, problem: "tooMany" };
  if (parts.some((d) => !DOMAIN.test(d))) return { ok: false, problem: "format" };
  if (parts.some((d) => PUBLIC_EMAIL_DOMAINS.includes(d))) return { ok: false, problem: "public" };
  return { ok: true, domains: [...new Set(parts)] };
}
