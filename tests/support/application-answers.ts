import type { TRawAnswers } from "@/lib/applications/steps";

/** A complete set of answers for a household with children, rent arrears and a bank account. */
export const FULL: TRawAnswers = {
  "full-name": { fullName: "Ayşe Yılmaz" },
  "date-of-birth": { "dateOfBirth-day": "7", "dateOfBirth-month": "3", "dateOfBirth-year": "1988" },
  contact: { email: "ayse@example.com", mobile: "07700 900982" },
  language: { preferredLanguage: "tr" },
  postcode: { postcode: "e8 1dy" },
  address: { address: "e81dy-2" },
  household: { adults: "1", children: "2" },
  "children-ages": { childrenAges: "3, 9" },
  circumstances: { "circumstances-pregnant": "yes" },
  needs: { "needs-food": "yes", "needs-rent-arrears": "yes" },
  "rent-arrears": { rentArrears: "£1,250.50" },
  "food-today": { enoughFoodToday: "no" },
  "energy-meter": { prepaymentMeter: "off" },
  eviction: { evictionNotice: "no" },
  employment: { employment: "part-time" },
  benefits: { "benefits-universal-credit": "yes" },
  nrpf: { nrpf: "no" },
  housing: { tenure: "private-rent" },
  payment: { paymentMethod: "bank" },
  "bank-details": { accountName: "A Yilmaz", sortCode: "08-99-99", accountNumber: "66374958", rollNumber: "" },
  consent: { shareWithAdvicePartners: "yes", contactAboutSupport: "no" },
};
