// After an award line changes, the resident's word for the case: a decided case with no line
// still waiting for an approver reads "decided" (lib/cases/lifecycle.ts residentStatusOf).
import { residentStatusOf, type TCaseState } from "@/lib/cases/lifecycle";
import { notifyDecision } from "@/lib/cases/notify-decision";
import { syncResidentStatus } from "@/lib/cases/transition";
import type { TSql } from "@/lib/db/sql";

export async function refreshResidentStatus(sql: TSql, caseId: string): Promise<void> {
  const [row] = await sql.rows<{ status: TCaseState; applicationId: string; waiting: boolean }>(
    `select c.status, c."applicationId", exists (select 1 from "Award" a where a."caseId" = c.id and a.status = 'AWAITING_APPROVAL') as waiting from "Case" c where c.id = $1::uuid`,
    [caseId],
  );
  if (!row) return;
  const word = residentStatusOf(row.status, row.waiting);
  // The word turns to DECIDED (the last line waiting for an approver was approved, or rejected):
  // the resident's decision message goes into the outbox, in this same transaction.
  if ((await syncResidentStatus(sql, row.applicationId, word)) && word === "DECIDED") await notifyDecision(sql, caseId);
}
