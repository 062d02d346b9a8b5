// `npm run bench:notify [-- --messages 10000 --concurrency 8]`: how fast the outbox and the job
// queue hand messages to a provider, and how long a sign-in link waits.
//
// What it does (all on its own data):
//   1. a fresh database `moneyhub_bench_notify` (embedded PostgreSQL on BENCH_PG_PORT, default
//      54379; or the server in DATABASE_URL), migrated, with two councils;
//   2. a real SMTP server (smtp-server) on a free local port, and the worker (`npm run worker`
//      in a child process) with NOTIFICATIONS_PROVIDER=smtp and WORKER_CONCURRENCY=--concurrency;
//   3. idle: 100 messages and 50 sign-in links one at a time: p95 from the event's commit to the
//      SMTP server's acceptance (the hand-over);
//   4. load: --messages messages, each committed in its own transaction by 16 writers as fast as
//      they can, with a sign-in link every 100 ms meanwhile; messages a second (first commit to
//      last hand-over), p95 commit → hand-over for the bulk and for the sign-in links;
//   5. checks that every message reached the SMTP server exactly once.
// It prints progress lines, then ONE JSON object (last) with figures, targets and pass/fail.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createCouncil } from "@/prisma/factories";
import { startSmtpSink } from "../../tests/support/smtp-sink";
import { projectRoot } from "../lib/postgres";
import { freshBenchDatabase } from "./fresh-database";
import { requireSupportedNode } from "../lib/node-runtime";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MESSAGES = arg("messages", 10_000);
const CONCURRENCY = arg("concurrency", 8);
const WRITERS = 16;
const log = (m: string) => console.log(`[bench:notify] ${m}`);
requireSupportedNode(log);

const { server, owner } = await freshBenchDatabase({ database: "moneyhub_bench_notify", defaultPort: 54379, log });
await createCouncil(owner, { slug: "bench-a", name: "Bench A" });
await createCouncil(owner, { slug: "bench-b", name: "Bench B" });

const sink = await startSmtpSink();
process.env.NOTIFICATIONS_PROVIDER = "smtp";
process.env.SMTP_URL = sink.url;
process.env.DATABASE_POOL_SIZE = String(WRITERS + 4);
// The app's own code from here on (after the environment is set).
const { withTenant } = await import("@/lib/db/tenant-scope");
const { enqueueMessage } = await import("@/lib/notifications/enqueue-message");
const { findCouncilBySlug } = await import("@/lib/tenancy/queries");
const { db } = await import("@/lib/db/client");
const councils = [(await findCouncilBySlug("bench-a"))!, (await findCouncilBySlug("bench-b"))!];

const worker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
  cwd: projectRoot,
  env: { ...process.env, WORKER_CONCURRENCY: String(CONCURRENCY), DATABASE_POOL_SIZE: String(CONCURRENCY + 2), NODE_ENV: "production", DEMO_MODE: "1" },
  stdio: ["ignore", "inherit", "inherit"],
});

/** CPU seconds the worker process has used (user + system), from /proc: a figure the machine's other load does not change much. */
function workerCpuSeconds(): number {
  try {
    const fields = fs.readFileSync(`/proc/${worker.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const committedAt = new Map<string, number>();
const kindOf = new Map<string, "bulk" | "sign-in" | "idle">();
async function send(i: number, kind: "bulk" | "sign-in" | "idle"): Promise<void> {
  const council = councils[i % 2]!;
  const to = `${kind}-${i}-${randomUUID().slice(0, 6)}@bench.example`;
  const { id } =
    kind === "sign-in"
      ? await withTenant(council.id, (tx) => enqueueMessage(tx, { council, template: "sign-in-link", channel: "EMAIL", to, locale: "en", params: { name: "Bench", council: council.name, link: "http://localhost/x" }, interactive: true }))
      : await withTenant(council.id, (tx) => enqueueMessage(tx, { council, template: "resume-link", channel: "EMAIL", to, locale: i % 3 ? "en" : "tr", params: { council: council.name, link: "http://localhost/x", date: "1 May" } }));
  committedAt.set(id, Date.now());
  kindOf.set(id, kind);
}
const idOf = (messageId: string) => /^<(.+)@moneyhub\.outbox>$/.exec(messageId)?.[1] ?? "";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p95 = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]! : NaN);
function latencies(kind: string): number[] {
  const out: number[] = [];
  for (const m of sink.received) {
    const id = idOf(m.messageId);
    if (kindOf.get(id) === kind) out.push(m.at - committedAt.get(id)!);
  }
  return out;
}
async function waitForAll(expected: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (sink.received.length < expected && Date.now() < until) await sleep(50);
}

// Warm-up: the worker has started and the connections are open.
await send(0, "idle");
await waitForAll(1, 60_000);
sink.received.length = 0;
kindOf.clear();

log("idle: 100 messages and 50 sign-in links, one at a time");
for (let i = 0; i < 100; i++) {
  await send(i, "idle");
  await sleep(30);
}
for (let i = 0; i < 50; i++) {
  await send(i, "sign-in");
  await sleep(30);
}
await waitForAll(150, 30_000);
const idle = { messages: latencies("idle"), signIn: latencies("sign-in") };
sink.received.length = 0;
kindOf.clear();

log(`load: ${MESSAGES} messages from ${WRITERS} writers, a sign-in link every 100 ms`);
const loadStart = Date.now();
const cpuBefore = workerCpuSeconds();
let next = 0;
let writing = true;
const writers = Array.from({ length: WRITERS }, async () => {
  for (let i = next++; i < MESSAGES; i = next++) await send(i, "bulk");
});
let signIns = 0;
const signInLoop = (async () => {
  while (writing || sink.received.length < MESSAGES) {
    await send(signIns++, "sign-in");
    await sleep(100);
    if (Date.now() - loadStart > 600_000) break;
  }
})();
const progress = setInterval(() => log(`  committed ${Math.min(next, MESSAGES)}, handed over ${sink.received.length}`), 5_000);
await Promise.all(writers);
writing = false;
const enqueueSeconds = (Date.now() - loadStart) / 1000;
await waitForAll(MESSAGES + signIns, 600_000);
await signInLoop;
await waitForAll(MESSAGES + signIns, 30_000);
clearInterval(progress);
const workerCpuMsPerMessage = ((workerCpuSeconds() - cpuBefore) * 1000) / (MESSAGES + signIns);
const bulk = latencies("bulk");
const bulkTimes = sink.received.filter((m) => kindOf.get(idOf(m.messageId)) === "bulk").map((m) => m.at);
const lastHandover = Math.max(...bulkTimes);
// End to end: from the first commit to the last hand-over (writers and worker share the machine).
const throughput = bulk.length / ((lastHandover - loadStart) / 1000);
// The worker alone, once the backlog is there: hand-overs after the writers stopped.
const drained = bulkTimes.filter((t) => t > loadStart + enqueueSeconds * 1000);
const drainPerSecond = drained.length / ((lastHandover - (loadStart + enqueueSeconds * 1000)) / 1000);
const underLoad = latencies("sign-in");

// Exactly once: every committed message reached the SMTP server once, and the outbox agrees.
const counts = new Map<string, number>();
for (const m of sink.received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
const duplicates = [...counts.values()].filter((n) => n > 1).length;
const missing = [...kindOf.keys()].filter((id) => !counts.has(`<${id}@moneyhub.outbox>`)).length;
const notSent = await owner.outboundMessage.count({ where: { status: { not: "SENT" } } });

worker.kill("SIGTERM");
await new Promise((r) => worker.once("exit", r));
await sink.close();
await db().$disconnect();
await owner.$disconnect();
await server.stop().catch(() => {});

const ms = (x: number) => Math.round(x);
const os = await import("node:os");
const result = {
  machine: { cpus: os.cpus().length, loadAverage1m: Number(os.loadavg()[0]!.toFixed(1)), node: process.version },
  workerConcurrency: CONCURRENCY,
  idle: { messagesP95Ms: ms(p95(idle.messages)), signInP95Ms: ms(p95(idle.signIn)), samples: idle.messages.length + idle.signIn.length },
  load: {
    messages: bulk.length,
    enqueuePerSecond: ms(MESSAGES / enqueueSeconds),
    deliveredPerSecond: ms(throughput),
    drainPerSecondAfterWriters: ms(drainPerSecond),
    workerCpuMsPerMessage: Number(workerCpuMsPerMessage.toFixed(2)),
    commitToHandoverP95Ms: ms(p95(bulk)),
    signInLinks: underLoad.length,
    signInP95Ms: ms(p95(underLoad)),
    signInMaxMs: ms(Math.max(...underLoad)),
  },
  exactlyOnce: { duplicates, missing, outboxNotSent: notSent },
  targets: { deliveredPerSecond: 200, idleP95Ms: 1000, signInP95Ms: 2000 },
  pass: throughput >= 200 && p95(idle.messages) <= 1000 && p95(underLoad) <= 2000 && p95(idle.signIn) <= 2000 && duplicates === 0 && missing === 0 && notSent === 0,
};
console.log(JSON.stringify(result, null, 2));
process.exit(result.pass ? 0 : 1);
