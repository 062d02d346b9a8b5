import "server-only";
import type { TIsoDate } from "@/lib/calendar/working-days";
import { withTenant } from "@/lib/db/tenant-scope";

// What a resident is promised: a reply by their case's SLA due date, which the council's casework
// settings set by the case's priority band (lib/cases/sla.ts) and re-set when those settings change
// (lib/cases/rescore.ts). The confirmation page, the status check and the "application received"
// message all say this date, so the resident is told what the SLA clock holds the council to.

export type TResidentPromise = { dueOn: TIsoDate; urgent: boolean };

export function promiseOf(c: { slaDueOn: Date; priorityBand: string }): TResidentPromise {
  return { dueOn: c.slaDueOn.toISOString().slice(0, 10), urgent: c.priorityBand === "URGENT" };
}

/** The promise for the resident's own sent draft (the confirmation page); null if it has no case. */
export async function promiseForDraft(tenantId: string, draftId: string): Promise<TResidentPromise | null> {
  const found = await withTenant(tenantId, (tx) =>
    tx.application.findUnique({ where: { tenantId_draftId: { tenantId, draftId } }, select: { case: { select: { slaDueOn: true, priorityBand: true } } } }),
  );
  return found?.case ? promiseOf(found.case) : null;
}
