// `npm run bench:ledger [-- --seconds N] [--diagnose] [--only one-64,…]`: issue 3's benchmark of the ledger (a benchmark, not a
// test: it always exits 0 once it has run, and says which targets it missed). See
// docs/bench-ledger.md.
//
// Two workloads, each against "raw": the plainest SQL doing the same work through node-postgres
// as the owner, on scratch tables in the same database, at the same concurrency, taking turns.
// - commit: the app's path for a movement on its own, commit() from lib/ledger/operations.ts
//   (withTenantSql + postLedger: BEGIN and the council in one round trip, the function, COMMIT),
//   as the app's non-owner role (moneyhub_app, row-level security on).
// - award: what approving an award will do (casework issue), in one database transaction: change
//   the row standing for the case, insert an outbox row, post the COMMIT (last). "ours" is the
//   one posting path (withTenantSql, node-postgres); "prismaTx" is the same through Prisma's
//   interactive transaction (withTenant), the path the app had before (docs/decisions/0009).
//
// The lib files import "server-only", which throws outside React Server Components; package.json
// runs this with `tsx --conditions=react-server`, the condition under which that package resolves
// to its empty module (as it does in Next's server bundles). Nothing else on this path has a
// react-server export.
//
// Progress goes to stderr; stdout gets one JSON object, at the end.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { closeDb, db } from "@/lib/db/client";
import { appUrlFromOwnerUrl, withDatabase } from "@/lib/db/urls";
import { withTenant, withTenantSql } from "@/lib/db/tenant-scope";
import { resetEnvForTests } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { commit, type TLedgerActor } from "@/lib/ledger/operations";
import { postLedger } from "@/lib/ledger/post";
import { LedgerRefused } from "@/lib/ledger/refusals";
import { verifyLedger } from "@/lib/ledger/verify";
import { createCouncil, createFund } from "../../prisma/factories";
import { localSecrets, startPostgres } from "../lib/postgres";
import { prepareDatabase } from "../lib/prepare-database";
import { requireSupportedNode } from "../lib/node-runtime";

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
requireSupportedNode(log);

function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i]!.includes("=") ? args[i]!.split("=")[1] : args[i + 1];
}

const SECONDS = Number(argValue("seconds") ?? 5);
if (!(SECONDS > 0)) throw new Error("--seconds must be a positive number");
const DIAGNOSE = process.argv.includes("--diagnose");
/** e.g. --only one-64,many-64: just those scenarios (for investigating; targets need one-64). */
const ONLY = argValue("only")?.split(",");
const WARM_UP_SECONDS = Math.min(1, SECONDS / 5);
const CLIENT_COUNTS = [1, 8, 64] as const;
const MAX_CLIENTS = 64;
const AMOUNT = 100n; // £1 a commit
const PLENTY = 1_000_000_000_000n; // per pot: never runs dry at these rates
const ROOM_FOR = 100; // the overspend scenario's pot holds exactly this many commits
const DATABASE = "moneyhub_bench_ledger"; // not bench:apply's moneyhub_bench: both can share a DATABASE_URL server

type TSide = { commitsPerSec: number; p50Ms: number; p95Ms: number; errors: number; commits: number };
type TScenario = {
  name: string;
  workload: "commit" | "award";
  clients: number;
  pots: "one" | "many";
  ours: TSide;
  raw: TSide;
  ratio: number;
  /** Other sides measured in the same turns (award: prismaTx; --diagnose: the experiments), each with its ratio to raw. */
  others?: Record<string, TSide & { ratio: number }>;
};

// ---------------------------------------------------------------------------------------------
// Set-up: a server, a fresh database migrated like production, a council, funds and pots.

const secrets = localSecrets();
const server = await startPostgres({ name: "bench-ledger", port: Number(process.env.BENCH_LEDGER_PG_PORT ?? 54359) }, log);
const serverUrl = withDatabase(server.ownerUrl, "postgres");
const ownerUrl = withDatabase(serverUrl, DATABASE);
const appPassword = process.env.APP_DATABASE_PASSWORD ?? secrets.appDbPassword;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

let cleanedUp = false;
async function cleanUp(): Promise<void> {
  if (cleanedUp) return;
  cleanedUp = true;
  await closeDb().catch(() => {});
  await admin((c) => c.query(`drop database if exists ${DATABASE} with (force)`)).catch((e) => log(`could not drop ${DATABASE}: ${String(e)}`));
  await server.stop().catch(() => {});
  log(`Dropped ${DATABASE}${server.embedded ? "; embedded server stopped (if this run started it)" : ""}.`);
}
process.once("SIGINT", () => void cleanUp().finally(() => process.exit(130)));

try {
  const output = await run();
  console.log(JSON.stringify({ node: process.version, ...output }, null, 2));
} finally {
  await cleanUp();
}

async function run() {
  await admin((c) => c.query(`drop database if exists ${DATABASE} with (force)`));
  await prepareDatabase(ownerUrl, appPassword, log);

  // The app's configuration, as tests/support/integration-setup.ts sets it: the non-owner role.
  process.env.APP_DATABASE_URL = appUrlFromOwnerUrl(ownerUrl, appPassword);
  process.env.AUTH_SECRET ??= secrets.authSecret;
  process.env.ENCRYPTION_KEY ??= secrets.encryptionKey;
  process.env.DATABASE_POOL_SIZE = String(MAX_CLIENTS);
  resetEnvForTests();

  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl }) });
  const council = await createCouncil(owner, { slug: "bench", name: "Bench Borough Council" });
  const { fund, pots } = await createFund(owner, council.id, {
    name: "Bench fund",
    allocationPence: PLENTY * BigInt(MAX_CLIENTS + 1),
    pots: Array.from({ length: MAX_CLIENTS + 1 }, (_, i) => ({ name: i === 0 ? "Shared pot" : `Pot ${i}`, allocatePence: PLENTY })),
  });
  const tight = await createFund(owner, council.id, {
    name: "Overspend fund",
    allocationPence: AMOUNT * BigInt(ROOM_FOR),
    pots: [{ name: "Tight pot", allocatePence: AMOUNT * BigInt(ROOM_FOR) }],
  });
  await owner.$disconnect();

  // Raw: the plainest tables that can do the same conditional update + insert.
  await withOwner(async (c) => {
    await c.query(`create table bench_raw_balance (id int primary key, balance bigint not null)`);
    await c.query(`create table bench_raw_movement (id bigserial primary key, balance_id int not null, amount bigint not null,
      idempotency_key text not null unique, created_at timestamptz not null default now())`);
    await c.query(`insert into bench_raw_balance select g, $1 from generate_series(0, $2::int) g`, [PLENTY, MAX_CLIENTS]);
    // The award workload: a row standing for each client's case, and an outbox. Ours' are
    // tenant-owned like the app's tables will be (tenantId, FORCEd row-level security, grants
    // to the app role); raw's are bare.
    await c.query(`create table bench_case (id int primary key, "tenantId" uuid not null, status text not null, "awardedPence" bigint not null default 0, "updatedAt" timestamptz not null default now())`);
    await c.query(`create table bench_outbox (id bigserial primary key, "tenantId" uuid not null, kind text not null, payload jsonb not null, "createdAt" timestamptz not null default now())`);
    for (const t of ["bench_case", "bench_outbox"]) {
      await c.query(`alter table ${t} enable row level security; alter table ${t} force row level security;
        create policy tenant_isolation on ${t} using ("tenantId" = app_current_tenant()) with check ("tenantId" = app_current_tenant())`);
    }
    await c.query(`grant select, update on bench_case to moneyhub_app; grant insert on bench_outbox to moneyhub_app; grant usage on sequence bench_outbox_id_seq to moneyhub_app`);
    await c.query(`insert into bench_case (id, "tenantId", status) select g, $1, 'IN_REVIEW' from generate_series(0, $2::int) g`, [council.id, MAX_CLIENTS]);
    await c.query(`create table bench_raw_case (id int primary key, status text not null, awarded bigint not null default 0, updated_at timestamptz not null default now())`);
    await c.query(`create table bench_raw_outbox (id bigserial primary key, kind text not null, payload jsonb not null, created_at timestamptz not null default now())`);
    await c.query(`insert into bench_raw_case (id, status) select g, 'IN_REVIEW' from generate_series(0, $1::int) g`, [MAX_CLIENTS]);
  });
  const version = await withOwner(async (c) => (await c.query<{ server_version: string }>("show server_version")).rows[0]!.server_version);
  // Ours and raw each hold up to MAX_CLIENTS connections while they take turns.
  const maxConnections = await withOwner(async (c) => Number((await c.query<{ max_connections: string }>("show max_connections")).rows[0]!.max_connections));
  if (maxConnections < 2 * MAX_CLIENTS + 10) log(`WARNING: max_connections is ${maxConnections}; the bench needs about ${2 * MAX_CLIENTS + 10}.`);
  log(`Database ${DATABASE} ready on PostgreSQL ${version} (${server.embedded ? "embedded" : "DATABASE_URL"}); ${SECONDS} s per side per scenario, ${WARM_UP_SECONDS} s warm-up.`);

  const actor: TLedgerActor = { tenantId: council.id, actorUserId: null };
  // Pot index 0 is shared by every client in the "one" scenarios; client i gets pot i + 1 in "many".
  const potIndex = (mode: "one" | "many", client: number) => (mode === "one" ? 0 : client + 1);

  const ours = (mode: "one" | "many") => async (client: number) => {
    await commit(actor, {
      fundId: fund.id,
      potId: pots[potIndex(mode, client)]!.id,
      amountPence: AMOUNT,
      idempotencyKey: `bench:${randomUUID()}`,
      reason: "Bench award",
    });
  };

  const raw = (pool: pg.Pool, mode: "one" | "many") => async (client: number) => {
    const c = await pool.connect();
    try {
      await c.query("begin");
      const updated = await c.query("update bench_raw_balance set balance = balance - $1 where id = $2 and balance >= $1", [AMOUNT, potIndex(mode, client)]);
      if (updated.rowCount !== 1) throw new Error("insufficient funds");
      await c.query("insert into bench_raw_movement (balance_id, amount, idempotency_key) values ($1, $2, $3)", [potIndex(mode, client), AMOUNT, `bench:${randomUUID()}`]);
      await c.query("commit");
    } catch (error) {
      await c.query("rollback").catch(() => {});
      throw error;
    } finally {
      c.release();
    }
  };

  // The award workload. Each client approves awards on its own case (client i: case i), so only
  // the pot is shared. The ledger posting is last: the pot's lock is held only until COMMIT.
  const CASE_SQL = `update bench_case set status = 'AWARDED', "awardedPence" = "awardedPence" + $2, "updatedAt" = now() where id = $1`;
  const OUTBOX_SQL = `insert into bench_outbox ("tenantId", kind, payload) values ($1, 'award-approved', $2::jsonb)`;
  const awardMovement = (mode: "one" | "many", client: number, key: string) => ({
    kind: "COMMIT" as const,
    fundId: fund.id,
    potId: pots[potIndex(mode, client)]!.id,
    amountPence: AMOUNT,
    idempotencyKey: key,
    reason: "Bench award",
    actorUserId: null,
    awardRef: key,
  });
  const outboxPayload = (client: number, key: string) => JSON.stringify({ to: `resident${client}@example.com`, template: "award-approved", award: key });
  /** One award approval, the one posting path: returns false if the pot could not pay it. */
  const awardOurs = async (fundId: string, potId: string, client: number) => {
    const key = `bench:award:${randomUUID()}`;
    await withTenantSql(council.id, async (sql) => {
      await sql.rows(CASE_SQL, [client, AMOUNT]);
      await sql.rows(OUTBOX_SQL, [council.id, outboxPayload(client, key)]);
      await postLedger(sql, { ...awardMovement("one", client, key), fundId, potId }, { last: true });
    });
  };
  const oursAward = (mode: "one" | "many") => async (client: number) => {
    await awardOurs(fund.id, pots[potIndex(mode, client)]!.id, client);
  };
  const prismaTxAward = (mode: "one" | "many") => async (client: number) => {
    const key = `bench:award:${randomUUID()}`;
    await withTenant(council.id, async (tx) => {
      await tx.$executeRawUnsafe(CASE_SQL, client, AMOUNT);
      await tx.$executeRawUnsafe(OUTBOX_SQL, council.id, outboxPayload(client, key));
      await postLedger(tx, awardMovement(mode, client, key));
    });
  };
  const rawAward = (pool: pg.Pool, mode: "one" | "many") => async (client: number) => {
    const key = `bench:award:${randomUUID()}`;
    const c = await pool.connect();
    try {
      await c.query("begin");
      await c.query("update bench_raw_case set status = 'AWARDED', awarded = awarded + $2, updated_at = now() where id = $1", [client, AMOUNT]);
      await c.query("insert into bench_raw_outbox (kind, payload) values ('award-approved', $1::jsonb)", [outboxPayload(client, key)]);
      const updated = await c.query("update bench_raw_balance set balance = balance - $1 where id = $2 and balance >= $1", [AMOUNT, potIndex(mode, client)]);
      if (updated.rowCount !== 1) throw new Error("insufficient funds");
      await c.query("insert into bench_raw_movement (balance_id, amount, idempotency_key) values ($1, $2, $3)", [potIndex(mode, client), AMOUNT, key]);
      await c.query("commit");
    } catch (error) {
      await c.query("rollback").catch(() => {});
      throw error;
    } finally {
      c.release();
    }
  };

  // --diagnose: more sides, to see where ours loses time against raw. All as the app role:
  //   sql4              the same function through node-postgres, with Prisma's four round trips
  //                     (BEGIN, set_config, the function, COMMIT): ours without Prisma
  //   sql1              the same in one autocommit statement (set_config inside it): one round trip
  //   prisma1           that one statement through Prisma ($queryRaw, no interactive transaction)
  //   prismaTxLockFirst ours (withTenant: Prisma interactive transaction), and
  //   sql1LockFirst,    sql1 and prisma1, calling an experimental copy of the function, created in
  //   prisma1LockFirst  this scratch database only, that locks the pot's two accounts before it
  //                     writes the transaction and its postings instead of after
  // In the one-statement form the function's arguments depend on set_config's result, so the
  // council is in scope before the function runs whatever plan PostgreSQL picks.
  const appUrl = process.env.APP_DATABASE_URL!;
  const args = (mode: "one" | "many", client: number) =>
    [council.id, fund.id, pots[potIndex(mode, client)]!.id, AMOUNT, `bench:${randomUUID()}`] as [string, string, string, bigint, string];
  const callIn4 = (fn: string) => (pool: pg.Pool, mode: "one" | "many") => async (client: number) => {
    const [tenant, fundId, potId, amount, key] = args(mode, client);
    const c = await pool.connect();
    try {
      await c.query("begin");
      await c.query("select set_config('app.tenant_id', $1, true), set_config('app.user_id', '', true), set_config('app.platform', '', true)", [tenant]);
      await c.query(`select transaction_id, replayed from ${fn}('COMMIT', $1::uuid, $2::uuid, null, $3::bigint, $4, 'Bench award', null, null, null, null)`, [fundId, potId, amount, key]);
      await c.query("commit");
    } catch (error) {
      await c.query("rollback").catch(() => {});
      throw error;
    } finally {
      c.release();
    }
  };
  const oneStatement = (fn: string) => `select r.transaction_id, r.replayed
    from (select set_config('app.tenant_id', $1, true) as tenant, set_config('app.user_id', '', true), set_config('app.platform', '', true) offset 0) s
    cross join lateral ${fn}('COMMIT', case when s.tenant is not null then $2::uuid end, $3::uuid, null, $4::bigint, $5, 'Bench award', null, null, null, null) r`;
  const callIn1 = (fn: string) => (pool: pg.Pool, mode: "one" | "many") => async (client: number) => {
    await pool.query(oneStatement(fn), args(mode, client));
  };
  const prismaIn1 = (fn: string) => (mode: "one" | "many") => async (client: number) => {
    await db().$queryRawUnsafe(oneStatement(fn), ...args(mode, client));
  };
  const prismaTx = (fn: string) => (mode: "one" | "many") => async (client: number) => {
    const [, fundId, potId, amount, key] = args(mode, client);
    await withTenant(council.id, (tx) =>
      tx.$queryRawUnsafe(`select transaction_id, replayed from ${fn}('COMMIT', $1::uuid, $2::uuid, null, $3::bigint, $4, 'Bench award', null, null, null, null)`, fundId, potId, amount, key),
    );
  };
  const LOCK_FIRST = "bench_post_ledger_lock_first";
  if (DIAGNOSE) {
    await withOwner(async (c) => {
      const def = (await c.query<{ d: string }>(`select pg_get_functiondef('post_ledger_transaction'::regproc) d`)).rows[0]!.d;
      const lock = `  PERFORM 1 FROM "LedgerAccount" a WHERE a.id IN (v_from, v_to) ORDER BY a.id FOR NO KEY UPDATE;\n`;
      const claim = `  -- Claim the key.`;
      if (!def.includes(lock) || !def.includes(claim)) throw new Error("post_ledger_transaction has changed: update the --diagnose lock-first experiment");
      await c.query(def.replace("public.post_ledger_transaction(", `public.${LOCK_FIRST}(`).replace(lock, "").replace(claim, `${lock}${claim}`));
      await c.query(`grant execute on function ${LOCK_FIRST} to moneyhub_app`);
    });
  }

  /**
   * Ours and raw (and, with --diagnose, the other sides) at one concurrency, interleaved: after
   * a warm-up of each, they take turns in slices of about 2.5 s (ours, raw, …, then in reverse
   * order) until each has had SECONDS, so a change in the machine's load (other work on these
   * cores) falls on every side alike.
   */
  async function measure(workload: "commit" | "award", clients: number, mode: "one" | "many"): Promise<Record<string, TSide>> {
    const rawPool = new pg.Pool({ connectionString: ownerUrl, max: clients });
    const appPool = new pg.Pool({ connectionString: appUrl, max: clients });
    try {
      const sides: Record<string, (client: number) => Promise<void>> =
        workload === "award"
          ? { ours: oursAward(mode), raw: rawAward(rawPool, mode), prismaTx: prismaTxAward(mode) }
          : { ours: ours(mode), raw: raw(rawPool, mode) };
      if (DIAGNOSE && workload === "commit") {
        Object.assign(sides, {
          sql4: callIn4("post_ledger_transaction")(appPool, mode),
          sql1: callIn1("post_ledger_transaction")(appPool, mode),
          prisma1: prismaIn1("post_ledger_transaction")(mode),
          prismaTxLockFirst: prismaTx(LOCK_FIRST)(mode),
          sql1LockFirst: callIn1(LOCK_FIRST)(appPool, mode),
          prisma1LockFirst: prismaIn1(LOCK_FIRST)(mode),
        });
      }
      const names = Object.keys(sides);
      const totals = Object.fromEntries(names.map((n) => [n, emptyRun()]));
      for (const n of names) await drive(clients, WARM_UP_SECONDS, sides[n]!);
      const slices = Math.max(1, Math.round(SECONDS / 2.5));
      for (let i = 0; i < slices; i++) {
        for (const n of i % 2 === 0 ? names : [...names].reverse()) addRun(totals[n]!, await drive(clients, SECONDS / slices, sides[n]!, n));
      }
      return Object.fromEntries(names.map((n) => [n, summarise(totals[n]!)]));
    } finally {
      await rawPool.end();
      await appPool.end();
      await closeDb();
    }
  }

  const scenarios: TScenario[] = [];
  const plan: { workload: "commit" | "award"; clients: number; mode: "one" | "many" }[] = [
    ...CLIENT_COUNTS.flatMap((clients) => (["one", "many"] as const).map((mode) => ({ workload: "commit" as const, clients, mode }))),
    { workload: "award", clients: MAX_CLIENTS, mode: "one" },
    { workload: "award", clients: MAX_CLIENTS, mode: "many" },
  ];
  for (const { workload, clients, mode } of plan) {
    const id = `${workload === "award" ? "award-" : ""}${mode}-${clients}`;
    if (ONLY && !ONLY.includes(id)) continue;
    const name = `${workload === "award" ? "award: " : ""}${clients} client${clients === 1 ? "" : "s"}, ${mode === "one" ? "one pot" : `${clients} pot${clients === 1 ? "" : "s"} (one each)`}`;
    log(`${name}: measuring …`);
    const { ours: o, raw: r, ...rest } = await measure(workload, clients, mode);
    const ratio = round(o!.commitsPerSec / r!.commitsPerSec, 3);
    log(`${name}: ours ${fmt(o!)} | raw ${fmt(r!)} | ratio ${ratio}`);
    const others = Object.fromEntries(Object.entries(rest).map(([n, side]) => [n, { ...side, ratio: round(side.commitsPerSec / r!.commitsPerSec, 3) }]));
    for (const [n, side] of Object.entries(others)) log(`  ${n}: ${fmt(side)} | ratio ${side.ratio}`);
    scenarios.push({ name, workload, clients, pots: mode, ours: o!, raw: r!, ratio, ...(Object.keys(others).length ? { others } : {}) });
  }

  // ---------------------------------------------------------------------------------------------
  // Overspend: 64 clients race for a pot with room for exactly ROOM_FOR commits.
  log(`overspend: ${MAX_CLIENTS} clients approve awards of ${money(AMOUNT)} (case + outbox + COMMIT) until refused; the pot holds ${ROOM_FOR} × ${money(AMOUNT)} …`);
  const tightPot = tight.pots[0]!;
  let succeeded = 0;
  let otherErrors = 0;
  const refusals: string[] = [];
  const outboxBefore = await withOwner(async (c) => Number((await c.query<{ n: string }>("select count(*) n from bench_outbox")).rows[0]!.n));
  await Promise.all(
    Array.from({ length: MAX_CLIENTS }, async (_, client) => {
      for (;;) {
        try {
          await awardOurs(tight.fund.id, tightPot.id, client);
          succeeded++;
        } catch (error) {
          if (error instanceof LedgerRefused && error.code === "insufficient") refusals.push(error.message);
          else {
            otherErrors++;
            log(`overspend: unexpected error: ${String(error)}`);
          }
          return;
        }
      }
    }),
  );
  await closeDb();
  const expectedMessage = `There is not enough money in ${tightPot.name} for that amount`;
  const check = await withOwner(async (c) => {
    const balances = await c.query<{ kind: string; balance: string }>(`select kind, "balancePence"::text balance from "LedgerAccount" where "potId" = $1`, [tightPot.id]);
    const balance = (kind: string) => BigInt(balances.rows.find((b) => b.kind === kind)?.balance ?? "0");
    const commits = await c.query<{ n: string }>(`select count(*) n from "LedgerTransaction" where "potId" = $1 and kind = 'COMMIT'`, [tightPot.id]);
    const report = await verifyLedger(c);
    // A refused award leaves no outbox row behind: the three writes commit or roll back together.
    const outbox = Number((await c.query<{ n: string }>("select count(*) n from bench_outbox")).rows[0]!.n) - outboxBefore;
    return { committedPence: balance("COMMITTED"), availablePence: balance("AVAILABLE"), commits: Number(commits.rows[0]!.n), outbox, report };
  });
  const roomPence = AMOUNT * BigInt(ROOM_FOR);
  const overspentPence = Number((check.committedPence > roomPence ? check.committedPence - roomPence : 0n) + (check.availablePence < 0n ? -check.availablePence : 0n));
  const wrongMessages = refusals.filter((m) => m !== expectedMessage);
  for (const b of check.report.breaks) log(`ledger break: ${b.check}: ${b.detail}`);
  const overspend = {
    roomFor: ROOM_FOR,
    amountPence: Number(AMOUNT),
    clients: MAX_CLIENTS,
    committed: check.commits,
    committedPence: Number(check.committedPence),
    availablePence: Number(check.availablePence),
    succeededClientSide: succeeded,
    refused: refusals.length,
    refusalMessage: refusals[0] ?? null,
    refusalsWithOtherMessages: wrongMessages.length,
    otherErrors,
    outboxRows: check.outbox,
    overspentPence,
    ledgerBreaks: check.report.breaks.length,
    ledgerChecked: { transactions: check.report.transactions, postings: check.report.postings },
  };
  const overspendOk =
    overspentPence === 0 &&
    check.commits === ROOM_FOR &&
    check.outbox === ROOM_FOR &&
    succeeded === ROOM_FOR &&
    check.committedPence === roomPence &&
    check.availablePence === 0n &&
    refusals.length === MAX_CLIENTS &&
    wrongMessages.length === 0 &&
    otherErrors === 0 &&
    check.report.breaks.length === 0;
  log(
    `overspend: ${check.commits} committed (${money(check.committedPence)}), ${money(check.availablePence)} left, ${refusals.length} refused ("${refusals[0] ?? "-"}"), ` +
      `${otherErrors} other errors, ${check.outbox} outbox rows, overspent ${money(BigInt(overspentPence))}, ${check.report.breaks.length} ledger breaks over ${check.report.transactions} transactions`,
  );

  // ---------------------------------------------------------------------------------------------
  const find = (workload: "commit" | "award", mode: "one" | "many") => scenarios.find((s) => s.workload === workload && s.pots === mode && s.clients === MAX_CLIENTS);
  const target = (name: string, s: TScenario | undefined, min: number) => ({ name, value: s?.ratio ?? null, pass: (s?.ratio ?? 0) >= min });
  const targets = [
    target("commit: ratio >= 0.5 on one pot with 64 clients", find("commit", "one"), 0.5),
    target("award: ratio >= 0.7 on one pot with 64 clients", find("award", "one"), 0.7),
    target("award: ratio >= 0.6 on 64 pots with 64 clients", find("award", "many"), 0.6),
    { name: "zero overspend (awards racing for one pot)", value: overspentPence, pass: overspendOk },
  ];
  const pass = targets.every((t) => t.pass);
  log("");
  log(`scenario                                 ours/s   p50   p95 | raw/s    p50   p95 | ratio`);
  for (const s of scenarios) {
    log(`${s.name.padEnd(39)} ${row(s.ours)} | ${row(s.raw)} | ${s.ratio.toFixed(2)}`);
    for (const [n, side] of Object.entries(s.others ?? {})) log(`  ${n.padEnd(37)} ${row(side)} |                    | ${side.ratio.toFixed(2)}`);
  }
  for (const t of targets) log(`${t.pass ? "PASS" : "FAIL"}  ${t.name}: ${t.value}`);
  log(pass ? "All targets met." : "TARGET MISSED (see above). A benchmark: exiting 0 anyway.");

  return {
    settings: {
      date: new Date().toISOString(),
      secondsPerSide: SECONDS,
      warmUpSeconds: WARM_UP_SECONDS,
      amountPence: Number(AMOUNT),
      postgres: version,
      server: server.embedded ? "embedded" : "DATABASE_URL",
      cpus: os.cpus().length,
      node: process.version,
    },
    scenarios,
    overspend,
    targets,
    pass,
  };
}

// ---------------------------------------------------------------------------------------------

async function withOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Samples what the bench's backends wait on (pg_stat_activity) until the returned function is called. */
function sampleWaits(): () => Promise<string> {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const done = (async () => {
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    while (running) {
      const { rows } = await c.query<{ w: string; n: string }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'CPU') w, count(*) n from pg_stat_activity
          where datname = $1 and state = 'active' and pid <> pg_backend_pid() group by 1`,
        [DATABASE],
      );
      samples++;
      for (const r of rows) counts.set(r.w, (counts.get(r.w) ?? 0) + Number(r.n));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await c.end();
  })();
  return async () => {
    running = false;
    await done;
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 6);
    return top.map(([w, n]) => `${w} ${(n / samples).toFixed(1)}`).join(", ") + ` (mean active backends per sample, ${samples} samples)`;
  };
}

type TRun = { latencies: number[]; seconds: number; errors: number };
function emptyRun(): TRun {
  return { latencies: [], seconds: 0, errors: 0 };
}
function addRun(into: TRun, r: TRun): void {
  for (const l of r.latencies) into.latencies.push(l);
  into.seconds += r.seconds;
  into.errors += r.errors;
}

/**
 * Runs `clients` loops of op for `seconds`. A commit counts if it started before the deadline;
 * the run lasts until the last one has finished, and that is the time the rate is over.
 */
async function drive(clients: number, seconds: number, op: (client: number) => Promise<void>, label?: string): Promise<TRun> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const stopSampling = DIAGNOSE && label ? sampleWaits() : null;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await op(client);
          latencies.push(performance.now() - t);
        } catch (error) {
          errors++;
          firstError ??= error;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  if (stopSampling) log(`  ${label}: backends waited on: ${await stopSampling()}`);
  if (firstError) log(`  ${errors} errors, the first: ${String(firstError)}`);
  return { latencies, seconds: elapsed, errors };
}

function summarise(r: TRun): TSide {
  const latencies = [...r.latencies].sort((a, b) => a - b);
  return {
    commitsPerSec: round(latencies.length / r.seconds, 1),
    p50Ms: round(percentile(latencies, 0.5), 2),
    p95Ms: round(percentile(latencies, 0.95), 2),
    errors: r.errors,
    commits: latencies.length,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function fmt(s: TSide): string {
  return `${s.commitsPerSec}/s p50 ${s.p50Ms} ms p95 ${s.p95Ms} ms${s.errors ? ` (${s.errors} errors)` : ""}`;
}

function row(s: TSide): string {
  return `${s.commitsPerSec.toFixed(0).padStart(6)} ${s.p50Ms.toFixed(1).padStart(5)} ${s.p95Ms.toFixed(1).padStart(5)}`;
}

function money(pence: bigint): string {
  return `£${(Number(pence) / 100).toFixed(2)}`;
}
