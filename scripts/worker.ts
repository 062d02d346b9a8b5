// `npm run worker`: the job-queue worker on its own (production: run it next to the web servers
// with WORKER_IN_APP=0 on those). Same environment as the app (lib/env.ts); stops cleanly on
// SIGTERM/SIGINT, finishing the jobs it holds.
import { env } from "@/lib/env";
import { startWorker } from "@/lib/worker";

try {
  env();
} catch (e) {
  console.error(`[worker] refusing to start: ${(e as Error).message}`);
  process.exit(1);
}
const runner = await startWorker();
console.log(`[worker] running (${env().NOTIFICATIONS_PROVIDER}, concurrency ${env().WORKER_CONCURRENCY})`);
const stop = async () => {
  await runner.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
await runner.promise;
