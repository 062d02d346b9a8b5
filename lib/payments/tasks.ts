import "server-only";
import { z } from "zod";
import { systemActor } from "@/lib/actor";
import { updateResidentView } from "@/lib/cases/resident-view-writer";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { TDomainJobs } from "@/lib/jobs/worker";
import type { TPaymentJobs } from "@/lib/payments/jobs";

// The payments domain's background jobs (lib/worker assembles every domain's). The payload is
// checked before it is trusted (the jobs table is writable by the app role).

/** Cases per transaction: a batch of 50,000 never holds one transaction (or its case locks) for long. */
const CASES_PER_TRANSACTION = 200;

/**
 * Brings what the residents of a released batch read and hear up to date (the one writer,
 * updateResidentView, once per case), a few hundred cases per transaction, in case order. It is
 * idempotent, so a retry after a failure simply goes round again. Returns how many cases.
 */
export async function updateBatchResidentViews(job: TPaymentJobs["payments:resident-views"]): Promise<number> {
  const actor = systemActor("payments", { id: job.tenantId });
  let after = "00000000-0000-0000-0000-000000000000";
  let done = 0;
  for (;;) {
    const n = await withTenantSql(job.tenantId, async (sql) => {
      const cases = await sql.db.selectFrom("Payment").select("caseId").distinct().where("batchId", "=", job.batchId).where("caseId", ">", after).orderBy("caseId").limit(CASES_PER_TRANSACTION).execute();
      for (const c of cases) await updateResidentView(sql, actor, c.caseId);
      if (cases.length) after = cases[cases.length - 1]!.caseId;
      return cases.length;
    });
    done += n;
    if (n < CASES_PER_TRANSACTION) return done;
  }
}

export const paymentJobs: TDomainJobs = {
  tasks: {
    "payments:resident-views": async (payload: unknown) => {
      await updateBatchResidentViews(z.object({ tenantId: z.uuid(), batchId: z.uuid() }).parse(payload));
    },
  } satisfies Record<keyof TPaymentJobs, unknown>,
};
