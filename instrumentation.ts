// Runs once when the server starts (Node.js runtime only): see lib/db/startup-check.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // The environment is checked once at start-up (APP_URL in production, the notifications provider's settings): a server
    // with a bad setting refuses to start instead of failing on the first request that needs it.
    const { env } = await import("@/lib/env");
    try {
      env();
    } catch (error) {
      console.error(`[money-hub] refusing to start: ${(error as Error).message}`);
      process.exit(1);
    }
    const { refuseUnsafeDatabaseRole } = await import("@/lib/db/startup-check");
    await refuseUnsafeDatabaseRole();
    // The job-queue worker runs inside the web server unless it runs on its own (`npm run worker`).
    if (env().WORKER_IN_APP) {
      const { startWorker } = await import("@/lib/worker");
      await startWorker().catch((e) => console.error(`[money-hub] the job worker did not start: ${(e as Error).message}`));
    }
  }
}
