// The payments domain's background jobs, named and typed (lib/payments/tasks.ts runs them; lib/worker registers them).
import type { TJob } from "@/lib/jobs/queue";

export type TPaymentJobs = {
  /** After a batch is released: every case it pays brought up to date for the resident. */
  "payments:resident-views": { tenantId: string; batchId: string };
};

export function residentViewsJob(p: TPaymentJobs["payments:resident-views"]): TJob<"payments:resident-views", TPaymentJobs["payments:resident-views"]> {
  // One job per batch: released once, so queued once; a retry starts again (each case's update is idempotent).
  return { task: "payments:resident-views", payload: p, key: `payment-batch:${p.batchId}:resident-views`, maxAttempts: 5 };
}
