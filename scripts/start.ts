// `npm start`: one command from a fresh clone to a served app.
// No DATABASE_URL → embedded PostgreSQL under .data/ with the demo councils seeded.
// DATABASE_URL set → that server (migrated; demo seeded only if it has no councils and SEED_DEMO≠0).
import { spawn } from "node:child_process";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { appUrlFromOwnerUrl, withDatabase } from "@/lib/db/urls";
import { listenHostFor } from "@/lib/security/demo";
import { buildIfNeeded } from "./lib/build";
import { requireSupportedNode } from "./lib/node-runtime";
import { localSecrets, projectRoot, startPostgres } from "./lib/postgres";
import { prepareDatabase } from "./lib/prepare-database";

const started = Date.now();
const log = (m: string) => console.log(`[start] ${m}`);
const port = Number(process.env.PORT ?? 3000);
requireSupportedNode(log);

// Demo mode (no real email provider) listens on 127.0.0.1 only: its dev mailbox hands out sign-in
// links. LISTEN_HOST picks another address; a public one in demo mode also needs DEMO_PUBLIC=1.
const demoMode = process.env.DEMO_MODE ?? (process.env.NOTIFICATIONS_PROVIDER ? "0" : "1");
const listen = listenHostFor({
  demo: demoMode === "1" || demoMode === "true",
  listenHost: process.env.LISTEN_HOST,
  demoPublic: process.env.DEMO_PUBLIC === "1" || process.env.DEMO_PUBLIC === "true",
});
if ("error" in listen) {
  console.error(`[start] ${listen.error}`);
  process.exit(1);
}

const secrets = localSecrets();
// APP_PG_PORT: a second checkout on the same machine can run its own embedded cluster.
const server = await startPostgres({ name: "app", port: Number(process.env.APP_PG_PORT ?? 54329) }, log);
const ownerUrl = server.embedded ? withDatabase(server.ownerUrl, "moneyhub") : server.ownerUrl;
const appPassword = process.env.APP_DATABASE_PASSWORD ?? secrets.appDbPassword;

// Secrets for this process tree: from the environment when given, else the local demo ones.
process.env.AUTH_SECRET ??= secrets.authSecret;
process.env.ENCRYPTION_KEY ??= secrets.encryptionKey;
process.env.APP_DATABASE_URL ??= appUrlFromOwnerUrl(ownerUrl, appPassword);

await prepareDatabase(ownerUrl, appPassword, log);

if (process.env.SEED_DEMO !== "0") {
  const { seedDemo } = await import("../prisma/seed");
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl }) });
  await seedDemo(owner, log);
  // The demo councils' casework queue (prisma/demo-queue.ts): worked through the real case and
  // award services, which are server-only, so in a child process under the react-server
  // condition, and only when some of it is not there yet (an existing install gets it once), then
  // the payments made for its awards (prisma/demo-payments.ts).
  const { demoPaymentsWorkLeft, demoQueueWorkLeft } = await import("../prisma/demo-queue-state");
  if ((await demoQueueWorkLeft(owner)) || (await demoPaymentsWorkLeft(owner))) {
    const t = Date.now();
    const tsx = path.join(projectRoot, "node_modules", "tsx", "dist", "cli.mjs");
    // Not spawnSync: the embedded server's log pipe must keep draining (scripts/lib/postgres.ts).
    const seeder = spawn(process.execPath, [tsx, "--conditions=react-server", path.join(projectRoot, "prisma", "demo-queue.ts"), ownerUrl], { cwd: projectRoot, stdio: "inherit", env: process.env });
    const status = await new Promise<number | null>((resolve) => seeder.on("exit", resolve).on("error", () => resolve(null)));
    if (status !== 0) log("Demo queue: the seeder failed (see above); the app starts without it.");
    else log(`Demo queue: seeded in ${((Date.now() - t) / 1000).toFixed(1)} s.`);
  }
  await owner.$disconnect();
}

buildIfNeeded(log);

const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
// process.execPath: the server runs on the same Node 24 as this script, whatever PATH says.
const child = spawn(process.execPath, [path.join(projectRoot, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", listen.host], {
  cwd: projectRoot,
  stdio: ["ignore", "pipe", "inherit"],
  env: {
    ...process.env,
    // The running app gets the non-owner role only; the owner URL stays in this process.
    DATABASE_URL: "",
    APP_DATABASE_URL: process.env.APP_DATABASE_URL,
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    DEMO_MODE: demoMode,
    LISTEN_HOST: listen.host,
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
let announced = false;
child.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready in|started server|Local:/i.test(chunk.toString())) {
    announced = true;
    log(`Money Hub is at ${appUrl}, listening on ${listen.host} (Node ${process.version}, ready ${((Date.now() - started) / 1000).toFixed(1)} s after npm start). Demo sign-ins: see README.md.`);
  }
});

const stop = async (code: number) => {
  child.kill("SIGTERM");
  await server.stop().catch(() => {});
  process.exit(code);
};
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
child.on("exit", (code) => void stop(code ?? 0));
