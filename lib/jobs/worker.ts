import "server-only";
import { Logger, run, runOnce, type Runner, type TaskList } from "graphile-worker";
import pg from "pg";
import { z } from "zod";
import { env } from "@/lib/env";
import type { TJobName } from "@/lib/jobs/queue";
import { checkReceipt } from "@/lib/notifications/check-receipt";
import { deliverMessage } from "@/lib/notifications/deliver-message";
import { sweepOutbox } from "@/lib/notifications/sweep-outbox";

// What each job does. A payload is checked before it is trusted (the jobs table is writable by the app role).
const TASKS: Record<TJobName, TaskList[string]> = {
  "notifications:deliver": async (payload) => {
    await deliverMessage(z.object({ messageId: z.uuid(), tenantId: z.uuid().nullable() }).parse(payload));
  },
  "notifications:receipt": async (payload) => {
    await checkReceipt(z.object({ messageId: z.uuid(), tenantId: z.uuid().nullable(), check: z.number().int().min(1) }).parse(payload));
  },
  "notifications:sweep": async () => {
    const n = await sweepOutbox(5 * 60_000);
    if (n) console.warn(`[notifications] re-queued ${n} message(s) that were waiting too long`);
  },
};

const logger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.warn(`[jobs] ${message}`);
});

/**
 * Starts a worker: it takes jobs as soon as they commit (LISTEN/NOTIFY, with a poll as back-up),
 * runs `concurrency` at once, and every minute re-queues outbox messages whose job was lost.
 * On start it re-queues every waiting message, so a restart after a crash delivers at once.
 */
export async function startWorker(options: { concurrency?: number } = {}): Promise<Runner> {
  const concurrency = options.concurrency ?? env().WORKER_CONCURRENCY;
  const pool = jobPool(concurrency + 2);
  const runner = await run({
    pgPool: pool,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2_000,
    taskList: TASKS,
    crontab: "* * * * * notifications:sweep ?max=1",
    logger,
  });
  void runner.promise.finally(() => pool.end()).catch(() => {});
  await sweepOutbox(0);
  return runner;
}

/** Runs every job that is due now, then returns (tests; one-off maintenance). */
export async function runDueJobs(): Promise<void> {
  const pool = jobPool(4);
  try {
    await runOnce({ pgPool: pool, taskList: TASKS, logger });
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
