// The approver's words for what happened to an award line (message files, staff-approvals-en.ts).
// Pure.
import type { TAwardVerdict } from "@/lib/awards/awaiting-approval";
import { errorWords, format } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";

const en = errorWords(messagesFor("en"));

/** "Sam Approver has already approved this award", for an approver who lost the race. */
export function verdictMessage(verdict: Pick<TAwardVerdict, "status" | "byName" | "rejected"> | null): string {
  if (!verdict) return en["approvals.notFound"]!;
  const name = verdict.byName ?? "Another approver";
  if (verdict.status === "APPROVED") return format(en["approvals.alreadyApproved"]!, { name });
  if (verdict.rejected) return format(en["approvals.alreadyRejected"]!, { name });
  return en["approvals.alreadyCancelled"]!;
}
