// Runs once when the server starts (Node.js runtime only): see lib/db/startup-check.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/env");
    try {
      env();
    } catch (e) {
      // A bad setting (e.g. an unknown NOTIFICATIONS_PROVIDER, or no SMTP_URL) names its variable.
      console.error(`[money-hub] refusing to start: ${(e as Error).message}`);
      process.exit(1);
    }
    const { refuseUnsafeDatabaseRole } = await import("@/lib/db/startup-check");
    await refuseUnsafeDatabaseRole();
    // The job-queue worker runs inside the web server unless it runs on its own (`npm run worker`).
    if (env().WORKER_IN_APP) {
      const { startWorker } = await import("@/lib/jobs/worker");
      await startWorker().catch((e) => console.error(`[money-hub] the job worker did not start: ${(e as Error).message}`));
    }
  }
}
