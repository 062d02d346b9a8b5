// Message templates: the words come from the catalogues (messages/<locale>/*.json), per language,
// with each council's wording overrides on top, formatted as ICU by next-intl's translator for the
// message's own language (not the page's). No database, no server-only imports.
import { DEFAULT_LOCALE, getPath, isLocale, withOverrides, type TLocale, type TMessages } from "@/lib/i18n";
import { messagesFor, servedLocale } from "@/lib/i18n/catalogues";
import { translate } from "@/lib/i18n/translate";

/** Every message the system sends, and where its words are in the message files. */
export const TEMPLATES = {
  "application-received": { subject: "sentMessage.subject", body: "sentMessage.body" },
  "resume-link": { subject: "save.messageSubject", body: "save.messageBody" },
  "staff-invitation": { subject: "emails.staffInvitation.subject", body: "emails.staffInvitation.body" },
  "sign-in-link": { subject: "emails.signInLink.subject", body: "emails.signInLink.body" },
  "decision-approved": { subject: "emails.decisionApproved.subject", body: "emails.decisionApproved.body" },
  "decision-part-approved": { subject: "emails.decisionPartApproved.subject", body: "emails.decisionPartApproved.body" },
  "decision-declined": { subject: "emails.decisionDeclined.subject", body: "emails.decisionDeclined.body" },
  "decision-part-checking": { subject: "emails.decisionPartChecking.subject", body: "emails.decisionPartChecking.body" },
  "decision-rest-settled": { subject: "emails.decisionRestSettled.subject", body: "emails.decisionRestSettled.body" },
  "decision-line-cancelled": { subject: "emails.decisionLineCancelled.subject", body: "emails.decisionLineCancelled.body" },
  "decision-reopened": { subject: "emails.decisionReopened.subject", body: "emails.decisionReopened.body" },
  // Payments (issue 19, lib/cases/resident-view.ts paymentTelling): gone out, or did not go through.
  "payment-sent": { subject: "emails.paymentSent.subject", body: "emails.paymentSent.body" },
  "payment-failed": { subject: "emails.paymentFailed.subject", body: "emails.paymentFailed.body" },
  "duplicate-closed": { subject: "duplicateNotice.email.subject", body: "duplicateNotice.email.body" },
  // To a referrer (English only, messages/en/referrals.json).
  "referral-decided": { subject: "referrals.emails.decided.subject", body: "referrals.emails.decided.body" },
  "referral-more-information": { subject: "referrals.emails.moreInformation.subject", body: "referrals.emails.moreInformation.body" },
  // To an advice partner (English only, messages/en/advice.json): an onward referral (lib/advice).
  "advice-referral": { subject: "advice.email.subject", body: "advice.email.body" },
  // A request for information (issue 18, lib/information): to the resident in their language, by email and text.
  "information-request": { subject: "moreInformation.email.subject", body: "moreInformation.email.body" },
  "information-chase": { subject: "moreInformation.chaseEmail.subject", body: "moreInformation.chaseEmail.body" },
  "information-request-text": { subject: "moreInformation.text.subject", body: "moreInformation.text.body" },
  "information-chase-text": { subject: "moreInformation.chaseText.subject", body: "moreInformation.chaseText.body" },
  // To a portal referral's referrer (English only, messages/en/information.json).
  "information-referrer-chase": { subject: "information.referrerEmails.chase.subject", body: "information.referrerEmails.chase.body" },
} as const;
export type TTemplateKey = keyof typeof TEMPLATES;

export type TRendered = { subject: string; body: string; locale: TLocale; fellBackFrom: string | null };
type TOverrides = Record<string, Partial<Record<TLocale, string>>>;

/**
 * The subject and body of one message in the asked-for language. A template missing in that
 * language (or an unknown language) falls back to English; `fellBackFrom` says so, for the log.
 */
export function renderTemplate(
  key: TTemplateKey,
  wantedLocale: string,
  params: Record<string, string | number>,
  overrides: TOverrides = {},
  catalogue: (locale: TLocale) => TMessages = messagesFor,
): TRendered {
  const template = TEMPLATES[key];
  const tryLocale = (locale: TLocale) => {
    const m = withOverrides(catalogue(locale), locale, overrides);
    const ok = typeof getPath(m, template.subject) === "string" && typeof getPath(m, template.body) === "string";
    return ok ? { subject: translate(locale, m, template.subject, params), body: translate(locale, m, template.body, params) } : null;
  };
  // A registered language whose catalogues have not landed is sent in English, and says so.
  const locale: TLocale = isLocale(wantedLocale) ? servedLocale(wantedLocale) : DEFAULT_LOCALE;
  const found = tryLocale(locale);
  if (found && locale === wantedLocale) return { ...found, locale, fellBackFrom: null };
  const english = found ?? tryLocale(DEFAULT_LOCALE);
  if (!english) throw new Error(`Template ${key} is missing in English`);
  return { ...english, locale: found ? locale : DEFAULT_LOCALE, fellBackFrom: wantedLocale };
}
