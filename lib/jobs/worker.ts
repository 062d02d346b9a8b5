import "server-only";
import { Logger, run, runOnce, type Runner, type TaskList } from "graphile-worker";
import pg from "pg";
import { env } from "@/lib/env";

/**
 * What the worker runs, assembled from every domain by lib/worker: each task's handler (a domain
 * checks a payload before it trusts it: the jobs table is writable by the app role), the
 * recurring jobs (crontab lines) and what to do once when a worker starts.
 */
export type TWorkerPlan = { tasks: TaskList; crontab: readonly string[]; onStart: readonly (() => Promise<void>)[] };

/** One domain's share of the plan (lib/notifications/tasks.ts). */
export type TDomainJobs = Partial<TWorkerPlan> & { tasks: TaskList };

/** Joins the domains' jobs into one plan; two domains may not register the same task. */
export function workerPlan(domains: readonly TDomainJobs[]): TWorkerPlan {
  const tasks: TaskList = {};
  for (const d of domains)
    for (const [name, handler] of Object.entries(d.tasks)) {
      if (Object.hasOwn(tasks, name)) throw new Error(`[jobs] the task ${name} is registered twice`);
      tasks[name] = handler;
    }
  return { tasks, crontab: domains.flatMap((d) => d.crontab ?? []), onStart: domains.flatMap((d) => d.onStart ?? []) };
}

const logger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.warn(`[jobs] ${message}`);
});

/**
 * Starts a worker: it takes jobs as soon as they commit (LISTEN/NOTIFY, with a poll as back-up),
 * runs `concurrency` at once, and the plan's recurring jobs (notifications re-queue outbox
 * messages whose job was lost every minute). Then it runs the plan's start-up work (a restart
 * after a crash re-queues every waiting message, so it is delivered at once).
 */
export async function startWorker(plan: TWorkerPlan, options: { concurrency?: number } = {}): Promise<Runner> {
  const concurrency = options.concurrency ?? env().WORKER_CONCURRENCY;
  const pool = jobPool(concurrency + 2);
  const runner = await run({
    pgPool: pool,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2_000,
    taskList: plan.tasks,
    crontab: plan.crontab.join("\n"),
    logger,
  });
  void runner.promise.finally(() => pool.end()).catch(() => {});
  for (const start of plan.onStart) await start();
  return runner;
}

/** Runs every job that is due now, then returns (tests; one-off maintenance). */
export async function runDueJobs(plan: TWorkerPlan): Promise<void> {
  const pool = jobPool(4);
  try {
    await runOnce({ pgPool: pool, taskList: plan.tasks, logger });
  } finally {
    await pool.end();
  }
}

/** The queue's own connections (as the app role). An idle one dropped by the server is only logged. */
function jobPool(max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: env().APP_DATABASE_URL, max });
  pool.on("error", (e) => console.warn(`[jobs] database connection lost: ${e.message}`));
  return pool;
}
