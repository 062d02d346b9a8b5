import "server-only";
import type { TActor } from "@/lib/actor";
import { approvalProblems } from "@/lib/awards/award-checks";
import { awardSummary, awardVerdict } from "@/lib/awards/awaiting-approval";
import { ruleMessage } from "@/lib/awards/pot-rules";
import { verdictMessage } from "@/lib/awards/approval-messages";
import { errorWords, format } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { formatPence } from "@/lib/money";

// What the awaiting-approval page says after an approve or reject posted back to it
// (?approved=<award>, ?rejected=<award>, ?problem=<code>&award=<award>). The words are worked out
// here from the award as it is now, so nothing typed into a URL is shown as it came.

const en = errorWords(messagesFor("en"));
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export type TApprovalNotice = { kind: "success"; text: string } | { kind: "error"; field: string; text: string };

export async function approvalNotice(actor: TActor, query: Record<string, string | string[] | undefined>): Promise<TApprovalNotice | null> {
  const approved = one(query.approved);
  const rejected = one(query.rejected);
  const problem = one(query.problem);
  const awardId = approved || rejected || one(query.award);
  if (!awardId) return null;
  const award = await awardSummary(actor, awardId);
  if (!award) return problem ? { kind: "error", field: "form", text: en["approvals.notFound"]! } : null;
  const amount = formatPence(award.amountPence);
  if (approved && award.status === "APPROVED") return { kind: "success", text: format(en["approvals.approved"]!, { amount, reference: award.caseReference, pot: award.potName }) };
  if (rejected && award.status === "CANCELLED") {
    const sentBack = award.caseStatus === "IN_REVIEW";
    return { kind: "success", text: format(en[sentBack ? "approvals.rejectedSentBack" : "approvals.rejected"]!, { amount, reference: award.caseReference, officer: award.caseOfficerName ?? "the officer" }) };
  }
  const field = award.status === "AWAITING_APPROVAL" ? `award-${award.awardId}` : "form";
  switch (problem) {
    case "four-eyes":
      return { kind: "error", field, text: en["approvals.fourEyes.proposed"]! };
    case "four-eyes-entered":
      return { kind: "error", field, text: en["approvals.fourEyes.entered"]! };
    case "not-enough-money":
      return { kind: "error", field, text: format(en["approvals.notEnoughMoney"]!, { pot: award.potName, amount, available: formatPence(award.potAvailablePence) }) };
    case "pot-rules": {
      // Worked out again from the pot and the household as they are now.
      const problem = (await approvalProblems(actor, award.awardId))?.problems[0];
      if (!problem) return { kind: "error", field, text: format(en["approvals.ledgerRefused"]!, { pot: award.potName }) };
      const words = ruleMessage(problem);
      return { kind: "error", field, text: format(en["approvals.potRules"]!, { reason: format(en[words.key] ?? words.key, words.params) }) };
    }
    case "already-decided":
      return { kind: "error", field: "form", text: verdictMessage(await awardVerdict(actor, award.awardId)) };
    case "not-found":
      return { kind: "error", field: "form", text: en["approvals.notFound"]! };
    default:
      return problem ? { kind: "error", field, text: format(en["approvals.ledgerRefused"]!, { pot: award.potName }) } : null;
  }
}
