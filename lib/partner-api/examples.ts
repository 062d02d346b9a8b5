// The partner API's examples: the OpenAPI document's, the reference page's and docs/api.md's
// (tests/integration/partner-api-openapi.test.ts checks each passes its schema). Plain data, no
// imports, so scripts and Playwright specs can use them too.

/** The example referral of the document and the reference page (a test checks it passes the schema). */
export const EXAMPLE_REFERRAL = {
  application: {
    schemaVersion: 1,
    aboutYou: { fullName: "Sam Example", dateOfBirth: "1990-05-17", email: "sam@example.com", mobile: null, preferredLanguage: "en" },
    address: { postcode: "E8 1DY", line1: "12 Example Road", line2: "", town: "London", source: "manual", lookupId: null },
    household: { adults: 1, children: 1, childrenAges: [2], pregnant: false, overPensionAge: false, disabilityOrIllness: false },
    needs: { categories: ["food", "energy"], rentArrearsPence: null, councilTaxArrearsPence: null, otherNeed: null },
    urgency: { enoughFoodToday: false, prepaymentMeter: "running-out", evictionNotice: false },
    income: { employment: "part-time", benefits: ["universal-credit"], noRecourseToPublicFunds: "no" },
    housing: { tenure: "council-or-housing-association" },
    payment: { method: "voucher-email" },
    consent: { shareWithAdvicePartners: true, contactAboutSupport: true },
    declaration: { confirmed: true },
  },
  referrer: {
    role: "Health visitor",
    relationship: "Health visitor to the family since the baby was born",
    consentMethod: "in-person",
    consentDate: "2026-12-01",
    alreadyTried: "Food bank voucher last week; Universal Credit advance already taken.",
    fastTrack: false,
  },
} as const;

export const EXAMPLE_REFERRAL_RESPONSE = {
  id: "0b9f6c3e-8f1a-4c0e-9a47-3f2b1d7e6a51",
  reference: "HKW-7Q4K-2M9P",
  status: "RECEIVED",
  fastTrack: false,
  submittedAt: "2026-12-06T09:15:02.000Z",
  lastChangedAt: "2026-12-06T09:15:02.000Z",
} as const;

export const EXAMPLE_PROBLEM = {
  type: "/developers#problem-validation-failed",
  title: "The referral is not valid",
  status: 422,
  errors: [{ pointer: "/application/address/postcode", detail: "This postcode is not in the council's area.", code: "referrals.outsideArea" }],
} as const;
