// `npm run bench:notify [-- --messages 10000 --concurrency 8]`: how fast the outbox and the job
// queue hand messages to a provider, and how long a sign-in link waits.
//
// What it does (all on its own data):
//   1. a fresh database `moneyhub_bench_notify` (embedded PostgreSQL on BENCH_PG_PORT, default
//      54379; or the server in DATABASE_URL), migrated, with two councils;
//   2. a real SMTP server (smtp-server) on a free local port, on a thread of its own, and the
//      worker (`npm run worker` in a child process) with NOTIFICATIONS_PROVIDER=smtp and
//      WORKER_CONCURRENCY=--concurrency;
//   3. idle: 100 messages and 50 sign-in links one at a time: p95 from the event's commit to the
//      SMTP server's acceptance (the hand-over);
//   4. load: --messages messages, each committed in its own transaction by 16 writers as fast as
//      they can while the worker delivers, with a sign-in link every 100 ms meanwhile: messages a
//      second (first commit to last hand-over), p95 commit → hand-over for the bulk and for the
//      sign-in links;
//   5. backlog: --messages more committed while the worker is stopped (SIGSTOP), then let go
//      (SIGCONT): messages a second the worker alone hands over (the throughput target), and the
//      sign-in links' p95 behind that backlog;
//   6. checks that every message reached the SMTP server exactly once.
// It prints progress lines, then ONE JSON object (last) with figures, targets and pass/fail.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { createCouncil } from "@/prisma/factories";
import { startSmtpSinkThread } from "./smtp-sink-thread";
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

const sink = await startSmtpSinkThread();
process.env.NOTIFICATIONS_PROVIDER = "smtp";
process.env.SMTP_URL = sink.url;
process.env.DATABASE_POOL_SIZE = String(WRITERS + 4);
// The app's own code from here on (after the environment is set).
const { withTenant } = await import("@/lib/db/tenant-scope");
const { enqueueMessage } = await import("@/lib/notifications/enqueue-message");
const { findCouncilBySlug } = await import("@/lib/tenancy/queries");
const { db } = await import("@/lib/db/client");
const councils = [(await findCouncilBySlug("bench-a"))!, (await findCouncilBySlug("bench-b"))!];

// BENCH_PROFILE=<dir> writes a V8 CPU profile of the worker (for finding where its time goes).
const profile = process.env.BENCH_PROFILE;
const worker = spawn(process.execPath, [...(profile ? ["--cpu-prof", "--cpu-prof-dir", profile] : []), "--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
  cwd: projectRoot,
  env: { ...process.env, WORKER_CONCURRENCY: String(CONCURRENCY), DATABASE_POOL_SIZE: String(CONCURRENCY + 2), NODE_ENV: "production", DEMO_MODE: "1" },
  stdio: ["ignore", "inherit", "inherit"],
});

/** CPU ms of this database's app-role backends (the worker's, and the writers'), per pid, from /proc. */
async function backendCpuMs(): Promise<Map<number, number>> {
  const rows = await owner.$queryRawUnsafe<{ pid: number }[]>(`select pid from pg_stat_activity where datname = current_database() and usename = 'moneyhub_app'`);
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      out.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      /* gone, or not Linux */
    }
  }
  return out;
}
/** CPU ms the backends alive at both ends used in between: a lower bound (ones opened meanwhile are missed). */
function backendCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, end] of after) if (before.has(pid)) ms += end - before.get(pid)!;
  return ms;
}

/** CPU seconds the worker process has used (user + system), from /proc: a figure the machine's other load does not change much. */
function workerCpuSeconds(): number {
  try {
    const fields = fs.readFileSync(`/proc/${worker.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

type TKind = "idle" | "idle-sign-in" | "load" | "load-sign-in" | "backlog" | "backlog-sign-in";
const committedAt = new Map<string, number>();
const kindOf = new Map<string, TKind>();
async function send(i: number, kind: TKind): Promise<void> {
  const council = councils[i % 2]!;
  const to = `${kind}-${i}-${randomUUID().slice(0, 6)}@bench.example`;
  const { id } = kind.endsWith("sign-in")
    ? await withTenant(council.id, (tx) => enqueueMessage(tx, { council, template: "sign-in-link", channel: "EMAIL", to, locale: "en", params: { name: "Bench", council: council.name, link: "http://localhost/x" }, interactive: true }))
    : await withTenant(council.id, (tx) => enqueueMessage(tx, { council, template: "resume-link", channel: "EMAIL", to, locale: i % 3 ? "en" : "tr", params: { council: council.name, link: "http://localhost/x", date: "1 May" } }));
  committedAt.set(id, Date.now());
  kindOf.set(id, kind);
}
const idOf = (messageId: string) => /^<(.+)@moneyhub\.outbox>$/.exec(messageId)?.[1] ?? "";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p95 = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]! : NaN);
const handedOver = (kind: TKind) => sink.received.filter((m) => kindOf.get(idOf(m.messageId)) === kind);
const latencies = (kind: TKind) => handedOver(kind).map((m) => m.at - committedAt.get(idOf(m.messageId))!);
async function waitForAll(expected: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (sink.received.length < expected && Date.now() < until) await sleep(50);
}

// Warm-up: the worker has started and the connections are open.
await send(0, "idle");
await waitForAll(1, 60_000);

log("idle: 100 messages and 50 sign-in links, one at a time");
for (let i = 0; i < 100; i++) {
  await send(i, "idle");
  await sleep(30);
}
for (let i = 0; i < 50; i++) {
  await send(i, "idle-sign-in");
  await sleep(30);
}
await waitForAll(151, 30_000);

/** MESSAGES messages committed by WRITERS writers as fast as they can. */
async function write(kind: "load" | "backlog") {
  let next = 0;
  const progress = setInterval(() => log(`  committed ${Math.min(next, MESSAGES)}, handed over ${handedOver(kind).length}`), 5_000);
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let i = next++; i < MESSAGES; i = next++) await send(i, kind);
    }),
  );
  clearInterval(progress);
}
/** A sign-in link every 100 ms until `done` says stop. */
async function signInsUntil(kind: "load-sign-in" | "backlog-sign-in", done: () => boolean, startedAt: number) {
  for (let i = 0; !done() && Date.now() - startedAt < 600_000; i++) {
    await send(i, kind);
    await sleep(100);
  }
}

// Load: the writers and the worker at once (as when a fund opens). Delivered a second can be no
// more than committed a second, so this figure is also bounded by how fast the writers commit.
log(`load: ${MESSAGES} messages from ${WRITERS} writers while the worker delivers, a sign-in link every 100 ms`);
const loadStart = Date.now();
const loadCpuBefore = workerCpuSeconds();
let writing = true;
const loadSignIns = signInsUntil("load-sign-in", () => !writing && handedOver("load").length >= MESSAGES, loadStart);
await write("load");
writing = false;
const enqueueSeconds = (Date.now() - loadStart) / 1000;
await loadSignIns;
await waitForAll(kindOf.size, 30_000);
const load = {
  cpuMsPerMessage: ((workerCpuSeconds() - loadCpuBefore) * 1000) / (MESSAGES + handedOver("load-sign-in").length),
  deliveredPerSecond: MESSAGES / ((Math.max(...handedOver("load").map((m) => m.at)) - loadStart) / 1000),
};

// Backlog: the worker stopped (SIGSTOP) while the writers commit, then let go: how fast the
// worker alone hands a backlog to the provider, and how long a sign-in link waits behind it.
log(`backlog: ${MESSAGES} messages committed while the worker is stopped, then delivered`);
process.kill(worker.pid!, "SIGSTOP");
await write("backlog");
const backlogCpuBefore = workerCpuSeconds();
const backlogDbBefore = await backendCpuMs();
const resumedAt = Date.now();
process.kill(worker.pid!, "SIGCONT");
const backlogSignIns = signInsUntil("backlog-sign-in", () => handedOver("backlog").length >= MESSAGES, resumedAt);
const drainProgress = setInterval(() => log(`  handed over ${handedOver("backlog").length}`), 5_000);
await backlogSignIns;
await waitForAll(kindOf.size, 30_000);
clearInterval(drainProgress);
const backlog = {
  cpuMsPerMessage: ((workerCpuSeconds() - backlogCpuBefore) * 1000) / (MESSAGES + handedOver("backlog-sign-in").length),
  dbCpuMsPerMessage: backendCpuSince(backlogDbBefore, await backendCpuMs()) / (MESSAGES + handedOver("backlog-sign-in").length),
  deliveredPerSecond: MESSAGES / ((Math.max(...handedOver("backlog").map((m) => m.at)) - resumedAt) / 1000),
};

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
const targets = { deliveredPerSecond: 200, idleP95Ms: 1000, signInP95Ms: 2000 };
const figures = {
  machine: { cpus: os.cpus().length, loadAverage1m: Number(os.loadavg()[0]!.toFixed(1)), node: process.version },
  workerConcurrency: CONCURRENCY,
  idle: { messagesP95Ms: ms(p95(latencies("idle"))), signInP95Ms: ms(p95(latencies("idle-sign-in"))), samples: latencies("idle").length + latencies("idle-sign-in").length },
  load: {
    messages: MESSAGES,
    enqueuePerSecond: ms(MESSAGES / enqueueSeconds),
    deliveredPerSecond: ms(load.deliveredPerSecond),
    commitToHandoverP95Ms: ms(p95(latencies("load"))),
    workerCpuMsPerMessage: Number(load.cpuMsPerMessage.toFixed(2)),
    signInLinks: latencies("load-sign-in").length,
    signInP95Ms: ms(p95(latencies("load-sign-in"))),
    signInMaxMs: ms(Math.max(...latencies("load-sign-in"))),
  },
  backlog: {
    messages: MESSAGES,
    deliveredPerSecond: ms(backlog.deliveredPerSecond),
    workerCpuMsPerMessage: Number(backlog.cpuMsPerMessage.toFixed(2)),
    // The database's side of a delivery (the sign-in links' commits included): a lower bound.
    databaseCpuMsPerMessageAtLeast: Number(backlog.dbCpuMsPerMessage.toFixed(2)),
    signInLinks: latencies("backlog-sign-in").length,
    signInP95Ms: ms(p95(latencies("backlog-sign-in"))),
    signInMaxMs: ms(Math.max(...latencies("backlog-sign-in"))),
  },
  exactlyOnce: { duplicates, missing, outboxNotSent: notSent },
};
// The throughput target is the worker's: a backlog handed over a second. Under load the worker
// keeps up when load.commitToHandoverP95Ms stays small; load.deliveredPerSecond is then the writers' pace.
const pass = {
  deliveredPerSecond: backlog.deliveredPerSecond >= targets.deliveredPerSecond,
  idleP95Ms: p95(latencies("idle")) <= targets.idleP95Ms && p95(latencies("idle-sign-in")) <= targets.idleP95Ms,
  signInP95Ms: p95(latencies("load-sign-in")) <= targets.signInP95Ms && p95(latencies("backlog-sign-in")) <= targets.signInP95Ms,
  exactlyOnce: duplicates === 0 && missing === 0 && notSent === 0,
};
const result = { ...figures, targets, pass: { ...pass, all: Object.values(pass).every(Boolean) } };
console.log(JSON.stringify(result, null, 2));
process.exit(result.pass.all ? 0 : 1);
