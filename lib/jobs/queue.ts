import "server-only";
import { sql as q } from "kysely";
import type { Tx } from "@/lib/db/client";
import { prismaSql, type TSql } from "@/lib/db/sql";

// The one background-job mechanism (docs/decisions/0011): graphile-worker's jobs table in our
// own PostgreSQL. A job is added with SQL inside the caller's transaction, so it exists exactly
// when the event that caused it committed. lib/jobs knows no domain: each domain names its tasks
// ("<domain>:<task>"), types their payloads and exports their handlers from its own tasks.ts
// (lib/notifications/tasks.ts); lib/worker assembles them (docs/decisions/0021).

/** One job: a task a domain registered, its payload (checked again by the handler) and how it is queued. */
export type TJob<TTask extends string = string, TPayload extends object = object> = {
  task: TTask;
  payload: TPayload;
  /** One live job per key: adding it again replaces a waiting job, and never runs alongside a running one twice. */
  key?: string;
  runAt?: Date;
  /** Lower runs first (sign-in links go ahead of a bulk backlog). */
  priority?: number;
  /** Tries at the job level (infrastructure errors); notifications count provider tries themselves. */
  maxAttempts?: number;
};

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
