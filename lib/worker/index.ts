import "server-only";
import type { Runner } from "graphile-worker";
import { runDueJobs as runDue, startWorker as start, workerPlan } from "@/lib/jobs/worker";
import { notificationJobs } from "@/lib/notifications/tasks";
import { paymentJobs } from "@/lib/payments/tasks";
import { webhookJobs } from "@/lib/webhooks/tasks";

// The app's background work: every domain's jobs, assembled at the top of lib/'s layers so that
// lib/jobs knows no domain (docs/decisions/0021). A domain with jobs adds its tasks.ts here.
const PLAN = workerPlan([notificationJobs, webhookJobs, paymentJobs]);

/** The worker of `npm run worker` and of the web server (instrumentation.ts). */
export function startWorker(options: { concurrency?: number } = {}): Promise<Runner> {
  return start(PLAN, options);
}

/** Runs every job that is due now, then returns (tests; one-off maintenance). */
export function runDueJobs(): Promise<void> {
  return runDue(PLAN);
}
