// Whether a resident may be referred on to an advice partner: only if the application's consent
// says they agreed to share with advice partners, as corrected by an officer if it was. Pure.
import { correctedAnswer } from "@/lib/cases/corrected-answers";

export const ADVICE_CONSENT_FIELD = "consent.shareWithAdvicePartners";

export function agreedToAdvicePartners(applicationData: unknown, amendmentsNewestFirst: readonly { field: string; newValue: unknown }[]): boolean {
  return correctedAnswer(applicationData, amendmentsNewestFirst, ADVICE_CONSENT_FIELD) === true;
}
