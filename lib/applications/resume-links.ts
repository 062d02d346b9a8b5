import "server-only";
import { withTenant } from "@/lib/db/tenant-scope";
import { env } from "@/lib/env";
import { intlLocale } from "@/lib/i18n/locales";
import { enqueueMessage } from "@/lib/notifications/enqueue-message";
import { hitRateLimit, type RateLimit } from "@/lib/security/rate-limit";
import { hashToken, newToken } from "@/lib/security/crypto";
import type { TCouncil } from "@/lib/tenancy/queries";

// Save and return: a one-time link that moves the draft to whichever browser opens it. Only
// hashes are stored; spending the link gives the draft a fresh cookie token (the old one stops
// working), and the link itself can never be used twice.
export const RESUME_LINK_TTL_DAYS = 7;
export const RESUME_LINKS_PER_DRAFT: RateLimit = { limit: 5, windowSeconds: 60 * 60 };
export const RESUME_LINKS_PER_DESTINATION: RateLimit = { limit: 5, windowSeconds: 60 * 60 };

export async function requestResumeLink(
  council: TCouncil,
  draftId: string,
  locale: string,
  to: { channel: "email" | "sms"; to: string },
): Promise<{ outcome: "sent" } | { outcome: "throttled" }> {
  const perDraft = await hitRateLimit(`resume:draft:${draftId}`, RESUME_LINKS_PER_DRAFT);
  const perDestination = await hitRateLimit(`resume:to:${to.to}`, RESUME_LINKS_PER_DESTINATION);
  if (!perDraft.allowed || !perDestination.allowed) return { outcome: "throttled" };
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + RESUME_LINK_TTL_DAYS * 24 * 3600 * 1000);
  const link = `${env().APP_URL}/${council.slug}/apply/resume/${token}`;
  const date = expiresAt.toLocaleDateString(intlLocale(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
  await withTenant(council.id, async (tx) => {
    await tx.applicationResumeLink.create({ data: { tenantId: council.id, draftId, tokenHash: hash, channel: to.channel, expiresAt } });
    const channel = to.channel === "email" ? "EMAIL" : "SMS";
    await enqueueMessage(tx, { council, template: "resume-link", channel, to: to.to, locale, params: { council: council.name, link, date } });
  });
  return { outcome: "sent" };
}

/** Spends a link: returns a new cookie token for the draft, or null if expired, used or unknown. */
export async function spendResumeLink(council: TCouncil, token: string): Promise<{ draftToken: string } | null> {
  const hash = hashToken(token);
  return withTenant(council.id, async (tx) => {
    const link = await tx.applicationResumeLink.findFirst({ where: { tokenHash: hash, tenantId: council.id }, select: { id: true, draftId: true } });
    if (!link) return null;
    // Conditional update: of two simultaneous clicks only one spends the link.
    const spent = await tx.applicationResumeLink.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
    if (spent.count !== 1) return null;
    const fresh = newToken();
    const moved = await tx.applicationDraft.updateMany({ where: { id: link.draftId, submittedAt: null, expiresAt: { gt: new Date() } }, data: { tokenHash: fresh.hash } });
    return moved.count === 1 ? { draftToken: fresh.token } : null;
  });
}
