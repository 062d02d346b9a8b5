import "server-only";
import { sql as q } from "kysely";
import type { Tx } from "@/lib/db/client";
import { prismaSql, type TSql } from "@/lib/db/sql";

// The one background-job mechanism (docs/decisions/0011): graphile-worker's jobs table in our
// own PostgreSQL. A job is added with SQL inside the caller's transaction, so it exists exactly
// when the event that caused it committed. Later work (SLA checks, payment imports, webhooks)
// adds its payload type here and its handler in lib/jobs/tasks.ts.

/** Every job's name and payload. */
export type TJobPayloads = {
  /** Hand one outbox message (lib/notifications) to the provider. */
  "notifications:deliver": { messageId: string; tenantId: string | null };
  /** Ask the provider what became of a message it accepted (its `check`-th time): delivered or failed. */
  "notifications:receipt": { messageId: string; tenantId: string | null; check: number };
  /** Re-queue outbox messages whose job was lost (e.g. its worker was killed mid-run). */
  "notifications:sweep": Record<string, never>;
};
export type TJobName = keyof TJobPayloads;

export type TJob = {
  [K in TJobName]: {
    task: K;
    payload: TJobPayloads[K];
    /** One live job per key: adding it again replaces a waiting job, and never runs alongside a running one twice. */
    key?: string;
    runAt?: Date;
    /** Lower runs first (sign-in links go ahead of a bulk backlog). */
    priority?: number;
    /** Tries at the job level (infrastructure errors); notifications count provider tries themselves. */
    maxAttempts?: number;
  };
}[TJobName];

/** Adds a job in the caller's transaction: it is visible to the workers only once that commits. */
export function enqueue(tx: Tx, job: TJob): Promise<void> {
  return enqueueSql(prismaSql(tx), job);
}

/** enqueue() for a node-postgres transaction (withTenantSql, withScopeSql): delivery and the decision path run there. */
export async function enqueueSql(sql: TSql, job: TJob): Promise<void> {
  // graphile-worker's own function (its schema is not ours: no table types), with named arguments.
  await q`select 1 from graphile_worker.add_job(identifier => ${job.task}::text, payload => ${JSON.stringify(job.payload)}::json, run_at => ${job.runAt ?? null}::timestamptz,
    max_attempts => ${job.maxAttempts ?? 5}::int, job_key => ${job.key ?? null}::text, priority => ${job.priority ?? 0}::int)`.execute(sql.db);
}
