// The shared words of the service: what people need help with, kinds of household, the routes
// by which money reaches people, and the channels an application comes in by. Written once
// here; the application schema, the pot rules, and everything later (eligibility, reports, the
// funder's return) use these lists, and the labels are in the message files
// (messages/<locale>/vocabulary.json, every language). Pure data: safe in the browser, no dependencies.

/** What a household needs help with (the application's categories and a pot's eligible needs). */
export const NEEDS = ["food", "energy", "essentials", "furniture", "rent-arrears", "council-tax-arrears", "other"] as const;
export type TNeed = (typeof NEEDS)[number];

/**
 * The states of an award line (the database enum "AwardStatus"). Here, not in lib/awards, because
 * the resident's view of a case (lib/cases) reads them and lib/cases sits below lib/awards; the
 * transitions between them are lib/awards/lifecycle.ts's.
 */
export const AWARD_STATES = ["PROPOSED", "AWAITING_APPROVAL", "APPROVED", "CANCELLED"] as const;
export type TAwardState = (typeof AWARD_STATES)[number];

/** Kinds of household a pot may be for. */
export const HOUSEHOLD_TYPES = ["families-with-children", "pregnancy", "pension-age", "disability", "single-adults", "no-recourse"] as const;
export type THouseholdType = (typeof HOUSEHOLD_TYPES)[number];

/** The funder's access routes: how money may reach people from a pot. */
export const ACCESS_ROUTES = ["APPLICATION", "REFERRAL", "PROACTIVE"] as const;
export type TAccessRoute = (typeof ACCESS_ROUTES)[number];

/**
 * The channel an application came in by (the database enum "ApplicationChannel"). Officer-assisted
 * applications count as APPLICATION in the funder's terms but are kept apart for our own reports.
 */
export const APPLICATION_CHANNELS = ["RESIDENT_ONLINE", "OFFICER_PHONE", "OFFICER_IN_PERSON", "REFERRAL_PORTAL", "REFERRAL_API", "PROACTIVE_INVITATION"] as const;
export type TApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

export const ACCESS_ROUTE_OF_CHANNEL: Record<TApplicationChannel, TAccessRoute> = {
  RESIDENT_ONLINE: "APPLICATION",
  OFFICER_PHONE: "APPLICATION",
  OFFICER_IN_PERSON: "APPLICATION",
  REFERRAL_PORTAL: "REFERRAL",
  REFERRAL_API: "REFERRAL",
  PROACTIVE_INVITATION: "PROACTIVE",
};

/** The vocabulary's lists by name: each has its labels at messages.vocabulary[name][value]. */
export const VOCABULARY = { needs: NEEDS, householdTypes: HOUSEHOLD_TYPES, accessRoutes: ACCESS_ROUTES, channels: APPLICATION_CHANNELS } as const;

/**
 * How an officer may pay an award line (the decision form): the resident's own choices
 * (lib/applications/step-fields PAYMENT: bank, voucher by text, voucher by email) and what only
 * the council can arrange. lib/payments/lifecycle.ts paymentMethodOfAward maps each to a payment.
 */
export const AWARD_PAYMENT_METHODS = ["bank", "voucher-sms", "voucher-email", "cash-voucher", "energy-topup", "supplier"] as const;
export type TAwardPaymentMethod = (typeof AWARD_PAYMENT_METHODS)[number];
