// `npm test`: every test, from a fresh clone. Starts what the tests need (PostgreSQL: embedded
// unless DATABASE_URL is set; Debian's Chromium), builds a migrated template database, then runs
// unit + integration tests (Vitest) and end-to-end tests (Playwright against `next start`).
// ESLint and tsc --noEmit run first; any error in them fails the run before a test starts.
// Usage: npm test [-- unit|integration|e2e ...] [tests/e2e/some.spec.ts ...]
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { appUrlFromOwnerUrl, withDatabase } from "@/lib/db/urls";
import { verifyLedger } from "@/lib/ledger/verify";
import { buildIfNeeded } from "./lib/build";
import { ensureChromium } from "./lib/chromium";
import { requireSupportedNode } from "./lib/node-runtime";
import { localSecrets, projectRoot, startPostgres } from "./lib/postgres";
import { prepareDatabase } from "./lib/prepare-database";
import { acquireRunLock } from "./lib/run-lock";

const started = Date.now();
const log = (m: string) => console.log(`[test] ${m}`);
requireSupportedNode(log);
// Suites by name; any *.spec.ts paths narrow the end-to-end run to those files (while working on them).
const args = process.argv.slice(2);
const specFiles = args.filter((a) => a.endsWith(".spec.ts"));
// Likewise *.test.ts(x) paths narrow the unit and integration runs (npm test -- integration tests/integration/x.test.ts).
const testFiles = args.filter((a) => /\.test\.tsx?$/.test(a));
const only = new Set(args.filter((a) => !a.endsWith(".spec.ts") && !testFiles.includes(a)));
const want = (suite: string) => only.size === 0 || only.has(suite);
const bin = (name: string) => path.join(projectRoot, "node_modules", ".bin", name);

// The static checks come first and fail the run: ESLint and the TypeScript compiler (tsc --noEmit).
// SKIP_STATIC_CHECKS=1 skips them while iterating on one suite; `npm test` alone always runs them.
const checks: { name: string; ok: boolean; seconds: number }[] = [];
if (process.env.SKIP_STATIC_CHECKS !== "1") {
  for (const [name, cmd, cmdArgs] of [
    ["lint", bin("eslint"), ["."]],
    ["typecheck", bin("tsc"), ["--noEmit"]],
  ] as const) {
    const t = Date.now();
    log(`${name}: ${[path.basename(cmd), ...cmdArgs].join(" ")}`);
    const status = spawnSync(cmd, cmdArgs, { cwd: projectRoot, stdio: "inherit" }).status;
    checks.push({ name, ok: status === 0, seconds: (Date.now() - t) / 1000 });
  }
  const failedChecks = checks.filter((c) => !c.ok);
  if (failedChecks.length) {
    for (const c of checks) log(`${c.ok ? "PASS" : "FAIL"} ${c.name} (${c.seconds.toFixed(1)} s)`);
    log(`static checks failed (${failedChecks.map((c) => c.name).join(", ")}): no tests run, on Node ${process.version}`);
    process.exit(1);
  }
}

const secrets = localSecrets();
// One run at a time in this checkout: a second would share this run's database server and drop its databases.
let runLock: { release: () => void };
try {
  runLock = acquireRunLock(path.join(projectRoot, ".data", "npm-test.lock"));
} catch (error) {
  log((error as Error).message);
  process.exit(1);
}
process.on("exit", () => runLock.release());
// TEST_PG_PORT lets a second checkout on the same machine run its own embedded cluster.
const server = await startPostgres({ name: "test", port: Number(process.env.TEST_PG_PORT ?? 54339) }, log);
const serverUrl = withDatabase(server.ownerUrl, "postgres");
const TEMPLATE = "moneyhub_test_template";

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

// A fresh template every run: migrations are the thing under test too.
await admin(async (c) => {
  await c.query(`update pg_database set datistemplate = false where datname = '${TEMPLATE}'`);
  await c.query(`drop database if exists ${TEMPLATE} with (force)`);
  // Leftovers of interrupted runs.
  const { rows } = await c.query<{ datname: string }>("select datname from pg_database where datname like 'moneyhub_t\\_%' or datname = 'moneyhub_e2e'");
  for (const r of rows) await c.query(`drop database if exists ${r.datname} with (force)`);
});
const templateUrl = withDatabase(serverUrl, TEMPLATE);
await prepareDatabase(templateUrl, secrets.appDbPassword, log);
await admin((c) => c.query(`update pg_database set datistemplate = true where datname = '${TEMPLATE}'`));

const baseEnv = {
  ...process.env,
  TEST_DATABASE_SERVER_URL: serverUrl,
  TEST_TEMPLATE_DB: TEMPLATE,
  TEST_APP_DB_PASSWORD: secrets.appDbPassword,
  NEXT_TELEMETRY_DISABLED: "1",
};

const results: { suite: string; ok: boolean; seconds: number }[] = [];
fs.rmSync(path.join(projectRoot, "test-results"), { recursive: true, force: true });
// Asynchronous on purpose: the embedded server's log pipe must keep draining (scripts/lib/postgres.ts).
async function run(suite: string, cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const t = Date.now();
  log(`${suite}: ${[path.basename(cmd), ...args].join(" ")}`);
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(cmd, args, { cwd: projectRoot, stdio: "inherit", env });
    child.on("exit", (code) => resolve(code));
    child.on("error", () => resolve(null));
  });
  results.push({ suite, ok: status === 0, seconds: (Date.now() - t) / 1000 });
}

const vitest = (project: string) => ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=test-results/${project}.json`, ...testFiles];
if (want("unit")) await run("unit", bin("vitest"), vitest("unit"), baseEnv);
if (want("integration")) await run("integration", bin("vitest"), vitest("integration"), baseEnv);

if (want("e2e")) {
  ensureChromium(log);
  buildIfNeeded(log);
  const e2eDb = "moneyhub_e2e";
  await admin((c) => c.query(`create database ${e2eDb} template ${TEMPLATE}`));
  const e2eOwnerUrl = withDatabase(serverUrl, e2eDb);
  const e2eEnv = {
    ...baseEnv,
    APP_DATABASE_URL: appUrlFromOwnerUrl(e2eOwnerUrl, secrets.appDbPassword),
    E2E_OWNER_DATABASE_URL: e2eOwnerUrl,
    AUTH_SECRET: secrets.authSecret,
    ENCRYPTION_KEY: secrets.encryptionKey,
  };
  Object.assign(process.env, e2eEnv);
  const { seedDemo } = await import("../prisma/seed");
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: e2eOwnerUrl }) });
  await seedDemo(owner, log);
  await owner.$disconnect();
  // Spec paths (npm test -- e2e tests/e2e/funds.spec.ts) or E2E_GREP (a test-title pattern) narrow the run.
  const grep = process.env.E2E_GREP ? ["--grep", process.env.E2E_GREP] : [];
  await run("e2e", bin("playwright"), ["test", ...specFiles, ...grep], e2eEnv);
  // After every end-to-end test has moved money through the real pages: every balance still
  // equals its postings and every ledger invariant holds (the same check as npm run ledger:verify).
  const t = Date.now();
  const ledger = new pg.Client({ connectionString: e2eOwnerUrl });
  await ledger.connect();
  const report = await verifyLedger(ledger).finally(() => ledger.end());
  log(`ledger:verify on the e2e database: ${report.transactions} transactions, ${report.postings} postings, ${report.breaks.length} problem(s)`);
  for (const b of report.breaks) log(`  ledger: council ${b.tenantId}: ${b.check}: ${b.detail}`);
  results.push({ suite: "ledger", ok: report.breaks.length === 0, seconds: (Date.now() - t) / 1000 });
  await admin((c) => c.query(`drop database if exists ${e2eDb} with (force)`));
}

await server.stop().catch(() => {});
/** Test counts from the runners' JSON reports (a suite that crashed before reporting counts as one failure). */
function counts(suite: string): { passed: number; failed: number; skipped: number } {
  const file = path.join(projectRoot, "test-results", `${suite}.json`);
  if (suite === "ledger") return { passed: 0, failed: 0, skipped: 0 };
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  if (suite === "e2e") return { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky, skipped: report.stats.skipped };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

/**
 * The failing tests of a suite, by name with the first lines of their error, from the runner's
 * JSON report: printed last, so the tail of a CI log says what failed and why.
 */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
function failures(suite: string): string[] {
  const file = path.join(projectRoot, "test-results", `${suite}.json`);
  if (suite === "ledger" || !fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const firstLines = (text: string) => text.replace(ANSI_COLOUR, "").split("\n").filter((l) => l.trim()).slice(0, 6).join("\n      ");
  const out: string[] = [];
  if (suite === "e2e") {
    type TSuite = { title: string; suites?: TSuite[]; specs?: { title: string; file: string; line: number; tests: { results: { status: string; error?: { message?: string } }[] }[] }[] };
    const walk = (s: TSuite) => {
      for (const spec of s.specs ?? [])
        for (const t of spec.tests)
          for (const r of t.results)
            if (r.status !== "passed" && r.status !== "skipped") out.push(`${spec.file}:${spec.line} › ${spec.title} (${r.status})\n      ${firstLines(r.error?.message ?? "")}`);
      for (const child of s.suites ?? []) walk(child);
    };
    for (const s of report.suites ?? []) walk(s);
    return out;
  }
  for (const f of report.testResults ?? []) {
    for (const a of f.assertionResults ?? [])
      if (a.status === "failed") out.push(`${path.relative(projectRoot, f.name)} › ${a.fullName}\n      ${firstLines((a.failureMessages ?? []).join("\n"))}`);
    if (f.status === "failed" && !(f.assertionResults ?? []).some((a: { status: string }) => a.status === "failed")) out.push(`${path.relative(projectRoot, f.name)}\n      ${firstLines(f.message ?? "")}`);
  }
  return out;
}

for (const c of checks) log(`PASS ${c.name} (${c.seconds.toFixed(1)} s)`);
for (const r of results) for (const f of r.ok ? [] : failures(r.suite)) log(`FAILED in ${r.suite}: ${f}`);
const failed = results.filter((r) => !r.ok);
const total = { passed: 0, failed: 0, skipped: 0 };
for (const r of results) {
  const c = counts(r.suite);
  if (!r.ok && c.failed === 0) c.failed = 1;
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  log(`${r.ok ? "PASS" : "FAIL"} ${r.suite}: ${c.passed} passed, ${c.failed} failed (${r.seconds.toFixed(1)} s)`);
}
log(`whole run: ${((Date.now() - started) / 1000).toFixed(1)} s on Node ${process.version}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failed.length ? 1 : 0);
