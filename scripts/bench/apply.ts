// `npm run bench:apply [-- --seconds 60 --concurrency 50]`: how many resident applications per
// second the app takes, end to end over HTTP, and what each apply page weighs.
//
// What it does (all on its own data):
//   1. a fresh database `moneyhub_bench` (embedded PostgreSQL on BENCH_PG_PORT, default 54369,
//      with durable settings; or the server in DATABASE_URL), migrated and seeded with the demo councils;
//   2. builds the app if the sources changed and runs `next start` on BENCH_PORT (default 3300);
//   3. creates complete drafts directly in the database (the set-up is not timed: a draft is the
//      result of the ~22 page saves a resident makes, measured separately by the page weights);
//   4. for --seconds, --concurrency submitters each POST "Accept and send" exactly as a browser
//      without JavaScript does (multipart form post of the check-answers form, with the draft
//      cookie and Origin header) and expect the 303 to the confirmation page. One in ten
//      submissions is sent twice at once (a double click) to prove idempotency under load;
//   5. checks in the database that every acknowledged submission made exactly one application
//      (lost = acknowledged but missing, duplicated = more than one per draft);
//   6. a baseline: plain GETs of the council start page at the same concurrency;
//   7. the gzip weight of the HTML, JavaScript and CSS of every apply page.
// It prints progress lines, then ONE JSON object (last) with figures, targets and pass/fail.
import type { ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { buildIfNeeded } from "../lib/build";
import { projectRoot } from "../lib/postgres";
import { freshBenchDatabase } from "./fresh-database";
import { freePort, startNextApp } from "./next-app";
import { requireSupportedNode } from "../lib/node-runtime";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 60);
const CONCURRENCY = arg("concurrency", 50);
const BASELINE_SECONDS = Math.max(3, Math.min(10, Math.round(SECONDS / 6)));
/** The first free port from `from` on: another checkout's server on the same machine must never be benchmarked by mistake. */
/** CPU time (ms) a set of processes has used so far, from /proc (Linux); null elsewhere. */
function cpuMs(pids: number[]): number | null {
  try {
    let ticks = 0;
    for (const pid of pids) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
      } catch {
        /* the process has gone */
      }
    }
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

const PORT = await freePort(Number(process.env.BENCH_PORT ?? 3300));
const BASE = `http://localhost:${PORT}`;
const COUNCIL = "hackwell";
const TARGETS = { submissionsPerSecond: 100, jsKbGzip: 160, htmlKbGzip: 30, cssKbGzip: 30 };
const log = (m: string) => console.error(`[bench] ${m}`);
requireSupportedNode(log);

const { server, appUrl, owner } = await freshBenchDatabase({ database: "moneyhub_bench", defaultPort: 54369, log });
const { seedDemo } = await import("../../prisma/seed");
await seedDemo(owner, log);
buildIfNeeded(log);

// ---- the app ----
let app: ChildProcess | undefined;
async function startApp() {
  // BENCH_PROFILE=<dir> writes a V8 CPU profile of the app server (for finding where time goes).
  const profile = process.env.BENCH_PROFILE;
  app = await startNextApp({ port: PORT, appUrl, nodeArgs: profile ? ["--cpu-prof", "--cpu-prof-dir", profile] : [] });
}

async function shutdown() {
  app?.kill("SIGTERM");
  await owner.$disconnect().catch(() => {});
  await server.stop().catch(() => {});
}

try {
  await startApp();
  log(`next start is up on ${BASE}`);
  const tenant = await owner.tenant.findUniqueOrThrow({ where: { slug: COUNCIL } });

  // ---- complete drafts, made in the database ----
  const { FULL } = await import("../../tests/support/application-answers");
  const { encryptSecret } = await import("@/lib/security/crypto");
  const answers = { ...FULL, "bank-details": { sealed: encryptSecret(JSON.stringify(FULL["bank-details"])) } };
  const draftCount = Math.max(2_000, SECONDS * 400);
  const run = randomBytes(6).toString("hex");
  const token = (i: number) => `bench-${run}-${i}`;
  const sha = (s: string) => createHash("sha256").update(s).digest("hex");
  await owner.$executeRawUnsafe(
    `insert into "ApplicationDraft" (id, "tenantId", "tokenHash", answers, locale, "schemaVersion", "expiresAt", "updatedAt")
     select gen_random_uuid(), $1::uuid, encode(sha256(convert_to('bench-' || $2 || '-' || i, 'UTF8')), 'hex'), $3::jsonb, 'en', 1, now() + interval '1 day', now()
     from generate_series(0, $4::int - 1) as i`,
    tenant.id,
    run,
    JSON.stringify(answers),
    draftCount,
  );
  log(`created ${draftCount} complete drafts`);
  const cookieFor = (i: number) => `__Host-moneyhub.apply-${COUNCIL}=${token(i)}`;
  if (sha(token(0)) !== (await owner.applicationDraft.findFirstOrThrow({ where: { tokenHash: sha(token(0)) } })).tokenHash) throw new Error("token hash mismatch");

  // ---- the check-answers form, as the server renders it (the action id and bound arguments) ----
  const checkHtml = await (await fetch(`${BASE}/${COUNCIL}/apply/check-answers`, { headers: { cookie: cookieFor(draftCount - 1) } })).text();
  const sendForm = checkHtml.slice(checkHtml.lastIndexOf("<form"));
  const hidden = [...sendForm.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [m[1]!, (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&")] as const);
  if (!hidden.some(([n]) => n.startsWith("$ACTION"))) throw new Error("could not find the send form's action fields");

  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const acknowledged = new Set<number>();
  let next = 0;
  let doubles = 0;

  async function submit(i: number): Promise<boolean> {
    const form = new FormData();
    for (const [n, v] of hidden) form.append(n, v);
    form.append("declaration", "yes");
    const t = performance.now();
    try {
      const res = await fetch(`${BASE}/${COUNCIL}/apply/check-answers`, { method: "POST", body: form, redirect: "manual", headers: { cookie: cookieFor(i), origin: BASE } });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      const ok = res.status === 303 && (res.headers.get("location") ?? "").endsWith(`/${COUNCIL}/apply/confirmation`);
      if (!ok) failures[`HTTP ${res.status}`] = (failures[`HTTP ${res.status}`] ?? 0) + 1;
      return ok;
    } catch (e) {
      failures[String((e as Error).message)] = (failures[String((e as Error).message)] ?? 0) + 1;
      return false;
    }
  }

  // ---- warm-up (not counted: the first requests compile routes and fill pools) ----
  const WARM = 100;
  next = draftCount - 1 - WARM;
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (next < draftCount - 1) await submit(next++);
  }));
  latencies.length = 0;
  for (const k of Object.keys(failures)) delete failures[k];
  next = 0;

  // ---- the measured run ----
  // CPU used by the app server and by this database's backends: a cost per submission that does
  // not depend on what else the machine is running (load average is reported too).
  const backendPids = async () =>
    (await owner.$queryRawUnsafe<{ pid: number }[]>(`select pid from pg_stat_activity where datname = current_database() and usename = 'moneyhub_app'`)).map((r) => Number(r.pid));
  const pgBefore = new Map((await backendPids()).map((pid) => [pid, cpuMs([pid])]));
  const appCpuBefore = cpuMs([app!.pid!]);
  log(`submitting for ${SECONDS} s with ${CONCURRENCY} concurrent submitters …`);
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline && next < draftCount - 1 - WARM) {
        const i = next++;
        const twice = i % 10 === 0;
        if (twice) doubles++;
        const oks = await Promise.all(twice ? [submit(i), submit(i)] : [submit(i)]);
        if (oks.some(Boolean)) acknowledged.add(i);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const attempted = next;
  const appCpu = appCpuBefore === null ? null : cpuMs([app!.pid!])! - appCpuBefore;
  // Backends that lived through the whole run (the app's pool keeps its connections while busy);
  // ones opened during the run are missed, so the database figure is a lower bound.
  let pgCpu: number | null = 0;
  for (const pid of await backendPids()) {
    const before = pgBefore.get(pid);
    const after = cpuMs([pid]);
    if (before === undefined) continue;
    if (before === null || after === null) pgCpu = null;
    else if (pgCpu !== null) pgCpu += after - before;
  }

  // ---- the database's view ----
  const counts = await owner.$queryRawUnsafe<{ applications: number; drafts: number }[]>(
    `select count(*)::int as applications, count(distinct a."draftId")::int as drafts
     from "Application" a join "ApplicationDraft" d on d.id = a."draftId"
     where d."tokenHash" = any($1::text[])`,
    [...acknowledged].map((i) => sha(token(i))),
  );
  const inDb = counts[0]!;
  const allBench = await owner.$queryRawUnsafe<{ n: number; d: number }[]>(`select count(*)::int as n, count(distinct "draftId")::int as d from "Application"`);
  const lost = acknowledged.size - inDb.drafts;
  const duplicated = allBench[0]!.n - allBench[0]!.d;

  // ---- baseline: the council start page ----
  const baseLat: number[] = [];
  const baseEnd = performance.now() + BASELINE_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < baseEnd) {
        const t = performance.now();
        const r = await fetch(`${BASE}/${COUNCIL}`);
        await r.arrayBuffer();
        baseLat.push(performance.now() - t);
      }
    }),
  );

  // ---- page weights (gzip) ----
  const { STEP_IDS } = await import("@/lib/applications/steps");
  const jsCache = new Map<string, number>();
  async function weigh(pathname: string, cookie?: string) {
    const res = await fetch(`${BASE}${pathname}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    const html = await res.text();
    // Scripts marked noModule (Next's legacy polyfills) are skipped by every browser that runs
    // ES modules, so they are reported apart, not counted in the page's JavaScript.
    const tags = [...html.matchAll(/<script([^>]*)src="([^"]+)"([^>]*)>/g)].map((m) => ({ src: m[2]!, legacy: /nomodule/i.test(m[1]! + m[3]!) }));
    let js = 0;
    let legacy = 0;
    // Stylesheets: GOV.UK Frontend and MOJ Frontend compiled with Tailwind (ADR 0012).
    let css = 0;
    const sheets = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /rel="stylesheet"/.test(tag)).map((tag) => /href="([^"]+)"/.exec(tag)?.[1]);
    for (const href of sheets.filter((h): h is string => !!h)) {
      if (!jsCache.has(href!)) jsCache.set(href!, gzipSync(Buffer.from(await (await fetch(`${BASE}${href}`)).arrayBuffer())).length);
      css += jsCache.get(href!)!;
    }
    for (const { src, legacy: isLegacy } of tags) {
      if (!jsCache.has(src)) jsCache.set(src, gzipSync(Buffer.from(await (await fetch(`${BASE}${src}`)).arrayBuffer())).length);
      if (isLegacy) legacy += jsCache.get(src)!;
      else js += jsCache.get(src)!;
    }
    return {
      page: pathname,
      status: res.status,
      htmlKbGzip: +(gzipSync(Buffer.from(html)).length / 1024).toFixed(1),
      jsKbGzip: +(js / 1024).toFixed(1),
      cssKbGzip: +(css / 1024).toFixed(1),
      scripts: tags.filter((t) => !t.legacy).length,
      legacyPolyfillsKbGzip: +(legacy / 1024).toFixed(1),
    };
  }
  const fresh = draftCount - 1; // a complete draft nobody submitted (kept out of both runs): every page may be visited
  const submittedDraft = [...acknowledged][0] ?? draftCount - 1;
  const pages = [
    await weigh(`/${COUNCIL}`),
    await weigh(`/${COUNCIL}/apply`),
    ...(await Promise.all(STEP_IDS.filter((s) => s !== "address-manual" && s !== "council-tax-arrears" && s !== "other-need").map((s) => weigh(`/${COUNCIL}/apply/${s}`, cookieFor(fresh))))),
    await weigh(`/${COUNCIL}/apply/check-answers`, cookieFor(fresh)),
    await weigh(`/${COUNCIL}/apply/save`, cookieFor(fresh)),
    await weigh(`/${COUNCIL}/apply/confirmation`, cookieFor(submittedDraft)),
    await weigh(`/${COUNCIL}/status`),
  ];

  // The page schemas (Zod) load as their own chunk when the browser is idle: weigh it too.
  const chunksDir = path.join(projectRoot, ".next", "static", "chunks");
  const validationChunk = fs
    .readdirSync(chunksDir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => fs.readFileSync(path.join(chunksDir, f)))
    .find((b) => b.includes("dateOfBirth.tooYoung"));
  const validationKbGzip = validationChunk ? +(gzipSync(validationChunk).length / 1024).toFixed(1) : null;

  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(1) : null;
  };
  const perSecond = +(acknowledged.size / elapsed).toFixed(1);
  const maxJs = Math.max(...pages.map((p) => p.jsKbGzip));
  const maxHtml = Math.max(...pages.map((p) => p.htmlKbGzip));
  const maxCss = Math.max(...pages.map((p) => p.cssKbGzip));
  const result = {
    bench: "apply",
    method:
      "HTTP POST of the check-answers form exactly as a browser without JavaScript sends it (multipart, server action fields, draft cookie, Origin), 303 to the confirmation expected; drafts pre-made in the database; every 10th submission sent twice at once",
    seconds: +elapsed.toFixed(1),
    concurrency: CONCURRENCY,
    submissions: { attempted, acknowledged: acknowledged.size, doubleSubmits: doubles, perSecond, latencyMs: { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) }, failures },
    database: { applicationsForAcknowledged: inDb.applications, lost, duplicated },
    cpuPerSubmissionMs: {
      app: appCpu === null || !acknowledged.size ? null : +(appCpu / (attempted + doubles)).toFixed(2),
      databaseAtLeast: pgCpu === null || !acknowledged.size ? null : +(pgCpu / (attempted + doubles)).toFixed(2),
      note: "CPU time of the next start process and of this database's app-role backends during the run, per HTTP submission (doubles included); independent of other load on the machine",
    },
    baseline: { what: `GET /${COUNCIL} (council start page)`, seconds: BASELINE_SECONDS, perSecond: +(baseLat.length / BASELINE_SECONDS).toFixed(1), latencyMs: { p50: pct(baseLat, 50), p95: pct(baseLat, 95) } },
    pages,
    validationChunkKbGzip: { what: "page schemas (Zod), loaded after the page when the browser is idle; first needed on Continue", size: validationKbGzip },
    machine: { node: process.version, cpus: os.cpus().length, loadAverage1m: +os.loadavg()[0]!.toFixed(2) },
    targets: {
      submissionsPerSecond: { target: TARGETS.submissionsPerSecond, actual: perSecond, pass: perSecond >= TARGETS.submissionsPerSecond },
      lostOrDuplicated: { target: 0, actual: lost + duplicated, pass: lost === 0 && duplicated === 0 },
      jsKbGzipPerPage: { target: TARGETS.jsKbGzip, worst: maxJs, pass: maxJs <= TARGETS.jsKbGzip },
      htmlKbGzipPerPage: { target: TARGETS.htmlKbGzip, worst: maxHtml, pass: maxHtml <= TARGETS.htmlKbGzip },
      cssKbGzipPerPage: { target: TARGETS.cssKbGzip, worst: maxCss, pass: maxCss <= TARGETS.cssKbGzip },
    },
  };
  await shutdown();
  console.log(JSON.stringify(result, null, 2));
  process.exit(Object.values(result.targets).every((t) => t.pass) ? 0 : 1);
} catch (e) {
  await shutdown();
  throw e;
}
