import "server-only";
import { Logger, run, type Runner, type TaskList } from "graphile-worker";
import { z } from "zod";
import { env } from "@/lib/env";
import type { TJobName } from "@/lib/jobs/queue";
import { deliverMessage } from "@/lib/notifications/deliver-message";
import { sweepOutbox } from "@/lib/notifications/sweep-outbox";

// What each job does. A payload is checked before it is trusted (the jobs table is writable by the app role).
const TASKS: Record<TJobName, TaskList[string]> = {
  "notifications.deliver": async (payload) => {
    await deliverMessage(z.object({ messageId: z.uuid(), tenantId: z.uuid().nullable() }).parse(payload));
  },
  "notifications.sweep": async () => {
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
  const runner = await run({
    connectionString: env().APP_DATABASE_URL,
    maxPoolSize: concurrency + 2,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2_000,
    taskList: TASKS,
    crontab: "* * * * * notifications.sweep ?max=1",
    logger,
  });
  await sweepOutbox(0);
  return runner;
}
