// `npm run bench:queue [-- --applications 1000000 --requests 40]`: how fast the casework pages are
// with a big council's history, over HTTP against `next start`, signed in as an officer.
//
// What it does (all on its own data):
//   1. a fresh database `moneyhub_bench_queue` (embedded PostgreSQL on BENCH_PG_PORT, default
//      54369; or the server in DATABASE_URL), migrated, with the demo councils (staff, funds);
//   2. bulk-writes --applications applications with their cases, half in each demo council
//      (scripts/bench/queue-seed.ts: INSERT … SELECT generate_series as the owner, the non-unique
//      indexes dropped during the load and rebuilt after, then VACUUM ANALYZE), and prints the time;
//   3. builds the app if the sources changed and runs `next start` on BENCH_PORT (default 3300);
//   4. signs in as Hackwell's demo officer through the real sign-in pages (password, then the
//      authenticator code) in headless Chromium, and takes the session cookie;
//   5. for each page — the queue's first page, three filter combinations, a search by surname
//      (one that matches a few hundred cases), page 2,000 of the default order and the case page
//      (random case ids) — a warm-up, then --requests sequential GETs over HTTP, timed; and, in
//      the same run, the same work without HTTP and React: listCaseQueue / loadCasePage (the
//      exact queries the pages run, on the app's pool, in the same council scope), timed.
//   6. the duplicate check (issue 18): for --requests applications of the council taken as if
//      they had just arrived, the time to find their likely duplicates among the council's others
//      (findDuplicates in lib/intake/duplicates.ts, on the app's pool as the app role, in the
//      council's scope), alternating with a raw-SQL baseline in the same run: the same five index
//      lookups written by hand as one UNION ALL on a plain pg client, in a transaction with the
//      same scope. The applications' matching keys are filled after the load (as recordApplication
//      would have written them): names, emails and addresses from the rows, a phone shared by
//      about one in three, and a stand-in bank hash (md5, 64 hex) shared by about one in four.
// It prints progress lines, then ONE JSON object (last) with p50/p95 per page, the seeding
// time, the target (p95 <= 150 ms over HTTP for every page; duplicate check p95 <= 50 ms) and pass/fail per page.
import { staffActor } from "@/lib/actor";
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { buildIfNeeded } from "../lib/build";
import { CHROMIUM, ensureChromium } from "../lib/chromium";
import { requireSupportedNode } from "../lib/node-runtime";
import { freshBenchDatabase } from "./fresh-database";
import { freePort, startNextApp } from "./next-app";
import { SURNAMES, seedBenchCouncil, type TBenchCouncil } from "./queue-seed";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const APPLICATIONS = arg("applications", 1_000_000);
const REQUESTS = arg("requests", 40);
const WARMUP = 5;
/** --reuse: keep the database of the last run when it has the data (only new migrations applied), to try an index without seeding again. */
const REUSE = args.includes("--reuse");
/** --explain: print EXPLAIN (ANALYZE, BUFFERS) of every page's statements (as the app role, in the council's scope). */
const EXPLAIN = args.includes("--explain");
const TARGET_P95_MS = 150;
const COUNCIL = "hackwell";
const OFFICER = "officer@hackwell.example";
const log = (m: string) => console.error(`[bench:queue] ${m}`);
requireSupportedNode(log);


const PORT = await freePort(Number(process.env.BENCH_PORT ?? 3300));
const BASE = `http://localhost:${PORT}`;

const { server, ownerUrl, appUrl, owner } = await freshBenchDatabase({ database: "moneyhub_bench_queue", defaultPort: 54369, log, keep: REUSE });
const reused = REUSE && (await owner.tenant.count()) > 0;
if (REUSE && !reused) log("--reuse: no earlier data, seeding afresh");
const { seedDemo } = await import("../../prisma/seed");
if (!reused) await seedDemo(owner, log);
const { DEMO_COUNCILS } = await import("../../prisma/demo-data");

/**
 * The matching keys recordApplication writes (lib/cases/same-person.ts matchKeysOf), for the bulk
 * rows: the same normalisation in SQL for the bench's ASCII names; phones and bank accounts are
 * made to repeat (a phone per ~3 rows, an account per ~4 of the half paid by bank) so lookups
 * find matches as a real council's would.
 */
async function fillMatchKeys(c: pg.Client) {
  const t = performance.now();
  await c.query(
    `update "Application" set
       "nameKey" = btrim(regexp_replace(lower("fullName"), '[^[:alnum:]]+', ' ', 'g')),
       "emailKey" = lower(email),
       "phoneKey" = '07700' || lpad(((hashtext(id::text) & 2147483647) % 330000)::text, 6, '0'),
       "addressKey" = upper(replace(postcode, ' ', '')) || '|' || btrim(regexp_replace(lower(data->'address'->>'line1'), '[^[:alnum:]]+', ' ', 'g')),
       "bankHash" = case when hashtext(id::text || 'b') % 2 = 0 then md5(((hashtext(id::text || 'a') & 2147483647) % 125000)::text) || md5('b' || ((hashtext(id::text || 'a') & 2147483647) % 125000)::text) end`,
  );
  log(`matching keys filled in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

// ---- 1. the bulk data ----
const client = new pg.Client({ connectionString: ownerUrl });
await client.connect();
const seeding = { applications: APPLICATIONS, reused, seconds: 0, loadSeconds: 0, indexSeconds: 0, vacuumSeconds: 0, rows: {} as Record<string, number> };
if (!reused) {
  const t0 = performance.now();
  const STREETS: Record<string, { streets: string[]; town: string }> = {
    hackwell: { streets: ["Mare Street", "Amhurst Road", "Dalston Lane", "Well Street", "Kingsland Road", "Chatsworth Road", "Rectory Road", "Wilton Way"], town: "London" },
    fenshire: { streets: ["Mill Road", "Station Road", "High Street", "Church Lane", "Elm Road", "Nene Parade", "Fen Road", "Wisbech Road"], town: "Wisbech" },
  };
  const councils: TBenchCouncil[] = [];
  for (const demo of DEMO_COUNCILS) {
    const tenant = await owner.tenant.findUniqueOrThrow({ where: { slug: demo.slug } });
    await client.query("begin");
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
    // Twenty more caseworkers per council, so cases are spread over a realistic team.
    await client.query(
      `with u as (insert into "User" (id, email, name, "updatedAt") select gen_random_uuid(), 'bench-officer-' || $2 || '-' || i || '@council.example', 'Bench Officer ' || i, now()
                  from generate_series(1, 20) i returning id)
       insert into "Membership" (id, "tenantId", "userId", role, "updatedAt") select gen_random_uuid(), $1::uuid, u.id, 'OFFICER', now() from u`,
      [tenant.id, demo.slug],
    );
    const staff = await client.query<{ id: string }>(`select "userId" as id from "Membership" where "tenantId" = $1 and role in ('OFFICER', 'APPROVER') order by "createdAt", id`, [tenant.id]);
    const orgs = await client.query<{ id: string }>(`select id from "Organisation" where "tenantId" = $1 order by name`, [tenant.id]);
    const pot = await client.query<{ id: string; fundId: string }>(`select id, "fundId" from "Pot" where "tenantId" = $1 order by name limit 1`, [tenant.id]);
    await client.query("commit");
    councils.push({
      tenantId: tenant.id,
      prefix: (demo.settings as { referencePrefix: string }).referencePrefix,
      areas: demo.postcodeAreas,
      ...STREETS[demo.slug]!,
      organisationIds: orgs.rows.map((r) => r.id),
      staffIds: staff.rows.map((r) => r.id),
      potId: pot.rows[0]!.id,
      fundId: pot.rows[0]!.fundId,
    });
  }
  // The non-unique indexes are dropped for the load and rebuilt from their own definitions after.
  const indexes = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = any($1) and indexdef not like 'CREATE UNIQUE%'`,
    [["Application", "Case", "CaseEvent", "Award", "OutboundMessage"]],
  );
  for (const i of indexes.rows) await client.query(`drop index "${i.indexname}"`);
  const CHUNK = 100_000;
  const perCouncil = Math.ceil(APPLICATIONS / councils.length);
  for (const [n, c] of councils.entries()) {
    for (let first = 0; first < perCouncil; first += CHUNK) {
      const count = Math.min(CHUNK, perCouncil - first);
      const written = await seedBenchCouncil(client, c, n * 10_000_000 + first + 1, count, (n * 1000 + first / CHUNK + 1) / 100_000);
      for (const [k, v] of Object.entries(written)) seeding.rows[k] = (seeding.rows[k] ?? 0) + v;
      log(`seeded ${c.prefix} ${first + count}/${perCouncil} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  await fillMatchKeys(client);
  seeding.loadSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (const i of indexes.rows) await client.query(i.indexdef);
  seeding.indexSeconds = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  await client.query(`vacuum (analyze) "Application", "Case", "CaseEvent", "Award", "OutboundMessage", "User", "Membership"`);
  seeding.vacuumSeconds = (performance.now() - t2) / 1000;
  seeding.seconds = (performance.now() - t0) / 1000;
  log(`seeded ${APPLICATIONS} applications with their cases in ${seeding.seconds.toFixed(1)} s (load ${seeding.loadSeconds.toFixed(1)} s, indexes ${seeding.indexSeconds.toFixed(1)} s, vacuum analyze ${seeding.vacuumSeconds.toFixed(1)} s): ${JSON.stringify(seeding.rows)}`);
}

// A migration applied to the kept data (--reuse) may have rewritten the table: the steady state
// (statistics, visibility map) is what autovacuum would leave.
if (reused && (await client.query(`select 1 from "Application" where "addressKey" is null limit 1`)).rowCount) {
  log("--reuse: filling the applications' matching keys");
  await fillMatchKeys(client);
  await client.query(`vacuum (analyze) "Application"`);
}
if (reused) await client.query(`vacuum (analyze) "Case"`);

// ---- 2. what the pages are asked ----
const tenant = await owner.tenant.findUniqueOrThrow({ where: { slug: COUNCIL } });
const officer = await owner.user.findUniqueOrThrow({ where: { email: OFFICER } });
// The owner is a superuser here (row-level security does not apply): every read says its council.
const T = `"tenantId" = '${tenant.id}'`;
// A surname with a few hundred cases in this council (the search a caseworker makes on the phone).
const surnameCounts = (await client.query<{ surname: string; n: number }>(`select split_part("fullName", ' ', 2) as surname, count(*)::int as n from "Case" where ${T} group by 1`)).rows;
const surname = surnameCounts.filter((r) => SURNAMES.includes(r.surname as (typeof SURNAMES)[number])).sort((a, b) => Math.abs(a.n - 300) - Math.abs(b.n - 300))[0]!;
const caseIds = (await client.query<{ id: string }>(`select id from "Case" tablesample system (1) repeatable (7) where ${T} limit 500`)).rows.map((x) => x.id);
// Open cases: the ones an officer decides, where the case page also shows "Which pots can pay" (issue 18).
const openCaseIds = (await client.query<{ id: string }>(`select id from "Case" where ${T} and status in ('NEW', 'IN_REVIEW', 'AWAITING_INFORMATION') order by id limit 200`)).rows.map((x) => x.id);
const statuses = Object.fromEntries(
  (await client.query<{ status: string; n: number }>(`select status::text, count(*)::int as n from "Case" where ${T} group by 1 order by 1`)).rows.map((x) => [x.status, x.n]),
);
const open = (statuses.NEW ?? 0) + (statuses.IN_REVIEW ?? 0) + (statuses.AWAITING_INFORMATION ?? 0);
const breached = (await client.query<{ n: number }>(`select count(*)::int as n from "Case" where ${T} and status in ('NEW', 'IN_REVIEW', 'AWAITING_INFORMATION') and "slaDueOn" < current_date`)).rows[0]!.n;
log(`search: "${surname.surname}" (${surname.n} cases in ${COUNCIL}); cases in ${COUNCIL} by status: ${JSON.stringify(statuses)}, open ${open}, breached ${breached}; ${caseIds.length} case ids for the case page`);

const PAGES: { name: string; query: Record<string, string> | null }[] = [
  { name: "queueFirstPage", query: {} },
  { name: "filterOpenUnassigned", query: { status: "open", assigned: "unassigned" } },
  { name: "filterFoodReferralPortal", query: { need: "food", channel: "REFERRAL_PORTAL" } },
  { name: "filterSlaBreachedBySla", query: { sla: "breached", sort: "sla" } },
  { name: "searchByName", query: { q: surname.surname } },
  { name: "page2000", query: { status: "all", page: "2000" } },
  { name: "casePage", query: null },
  { name: "casePageOpen", query: null },
];
/** What an open case's page must show (the duplicates panel shows only where there are matches). */
const MUST_SHOW: Record<string, string> = { casePageOpen: "Which pots can pay" };

// ---- 3. the app ----
let app: ChildProcess | undefined;
let browser: { close: () => Promise<void> } | undefined;
async function startApp() {
  app = await startNextApp({ port: PORT, appUrl, env: { WORKER_IN_APP: "0" } });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10 : null;
};

try {
  buildIfNeeded(log);
  await startApp();
  log(`next start is up on ${BASE}`);

  // ---- 4. signed in as the officer, through the real pages ----
  ensureChromium(log);
  const { chromium } = await import("@playwright/test");
  const { currentTotp } = await import("@/lib/security/totp");
  const { DEMO_PASSWORD, demoTotpSecret } = await import("../../prisma/factories");
  const b = await chromium.launch({ executablePath: CHROMIUM, args: [...(process.getuid?.() === 0 ? ["--no-sandbox"] : []), "--disable-gpu"] });
  browser = b;
  const page = await (await b.newContext({ baseURL: BASE })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(OFFICER);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Enter the code from your authenticator app").fill(currentTotp(demoTotpSecret(OFFICER)));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await b.close();
  browser = undefined;
  log("signed in as the officer (password and authenticator code)");

  // ---- 5. timed ----
  const { listCaseQueue } = await import("@/lib/cases/queue");
  // The case page's own loader (case file, person's history, messages, ledger movements, names, settings).
  const { loadCasePage } = await import("@/lib/cases/case-page");
  const actor = staffActor({ council: { id: tenant.id }, user: { userId: officer.id, email: officer.email }, roles: ["OFFICER"] });
  let nextCase = 0;
  const urlFor = (p: (typeof PAGES)[number], caseId: string) =>
    p.query ? `/${COUNCIL}/staff/cases${Object.keys(p.query).length ? `?${new URLSearchParams(p.query)}` : ""}` : `/${COUNCIL}/staff/cases/${caseId}`;
  const problems: Record<string, string[]> = {};
  // Baseline (no target): the signed-in staff home page, what any staff page costs here (session, council, layout).
  const baseline: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t = performance.now();
    const res = await fetch(`${BASE}/${COUNCIL}/staff`, { headers: { cookie }, redirect: "manual" });
    await res.text();
    if (i >= WARMUP) baseline.push(performance.now() - t);
    if (res.status !== 200) (problems.baselineStaffHome ??= []).push(`HTTP ${res.status} for /${COUNCIL}/staff`);
  }
  log(`baseline /${COUNCIL}/staff: HTTP p50 ${pct(baseline, 50)} ms, p95 ${pct(baseline, 95)} ms`);
  const results: Record<string, { httpP50: number | null; httpP95: number | null; sqlP50: number | null; sqlP95: number | null; rows: number | null; url: string; pass: boolean }> = {};
  for (const p of PAGES) {
    const http: number[] = [];
    const sql: number[] = [];
    let rows: number | null = null;
    let url = "";
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const ids = p.name === "casePageOpen" ? openCaseIds : caseIds;
      const caseId = ids[nextCase++ % ids.length]!;
      url = urlFor(p, caseId);
      const t = performance.now();
      const res = await fetch(`${BASE}${url}`, { headers: { cookie }, redirect: "manual" });
      const body = await res.text();
      const ms = performance.now() - t;
      if (res.status !== 200 || !body.includes(`HKW-`)) (problems[p.name] ??= []).push(`HTTP ${res.status} for ${url}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""}`);
      if (res.status === 200 && MUST_SHOW[p.name] && !body.includes(MUST_SHOW[p.name]!)) (problems[p.name] ??= []).push(`no "${MUST_SHOW[p.name]}" on ${url}`);
      const s = performance.now();
      if (p.query) {
        const result = await listCaseQueue(actor, p.query);
        rows = result?.rows.length ?? null;
      } else if (!(await loadCasePage(actor, caseId, null))) (problems[p.name] ??= []).push(`loadCasePage found nothing for ${caseId}`);
      const sms = performance.now() - s;
      if (i >= WARMUP) {
        http.push(ms);
        sql.push(sms);
      }
    }
    const httpP95 = pct(http, 95);
    results[p.name] = { httpP50: pct(http, 50), httpP95, sqlP50: pct(sql, 50), sqlP95: pct(sql, 95), rows, url: p.query ? url : `/${COUNCIL}/staff/cases/<${p.name === "casePageOpen" ? "open" : "random"} case id>`, pass: httpP95 !== null && httpP95 <= TARGET_P95_MS && !problems[p.name] };
    log(`${p.name}: HTTP p50 ${results[p.name]!.httpP50} ms, p95 ${httpP95} ms; SQL p50 ${results[p.name]!.sqlP50} ms, p95 ${results[p.name]!.sqlP95} ms${problems[p.name] ? ` (${problems[p.name]!.length} bad responses: ${problems[p.name]![0]})` : ""}`);
  }
  // ---- 6. the duplicate check: ours (findDuplicates on the app's pool) against raw SQL ----
  const { findDuplicates, duplicateCandidates } = await import("@/lib/intake/duplicates");
  const { withTenantSql } = await import("@/lib/db/tenant-scope");
  type TKeys = { id: string; nameKey: string | null; dateOfBirth: string; emailKey: string | null; phoneKey: string | null; addressKey: string | null; bankHash: string | null };
  const arrivals = (
    await client.query<TKeys>(
      `select id, "nameKey", to_char("dateOfBirth", 'YYYY-MM-DD') as "dateOfBirth", "emailKey", "phoneKey", "addressKey", "bankHash" from "Application" tablesample system (1) repeatable (11) where ${T} limit $1`,
      [WARMUP + REQUESTS],
    )
  ).rows;
  const rawClient = new pg.Client({ connectionString: appUrl });
  await rawClient.connect();
  const RAW = `select a.id, c.id as "caseId", a."nameKey", a."dateOfBirth", a."emailKey", a."phoneKey", a."addressKey", a."bankHash"
     from (select id from "Application" where "tenantId" = $1 and "nameKey" = $3 and "dateOfBirth" = $4::date
           union select id from "Application" where "tenantId" = $1 and "emailKey" = $5
           union select id from "Application" where "tenantId" = $1 and "phoneKey" = $6
           union select id from "Application" where "tenantId" = $1 and "addressKey" = $7
           union select id from "Application" where "tenantId" = $1 and "bankHash" = $8) k
     join "Application" a on a.id = k.id join "Case" c on c."applicationId" = a.id
     where a.id <> $2 order by a."submittedAt" desc limit 25`;
  const ours: number[] = [];
  const raw: number[] = [];
  const found: number[] = [];
  for (const [i, a] of arrivals.entries()) {
    const { id, ...keys } = a;
    // Alternate which goes first, so neither always gets the warmer cache.
    const runOurs = async () => {
      const t = performance.now();
      const m = await withTenantSql(tenant.id, (sql) => findDuplicates(sql, tenant.id, id, keys), officer.id);
      if (i >= WARMUP) {
        ours.push(performance.now() - t);
        found.push(m.length);
      }
    };
    const runRaw = async () => {
      const t = performance.now();
      await rawClient.query(`begin; select set_config('app.tenant_id', '${tenant.id}', true), set_config('app.user_id', '${officer.id}', true)`);
      await rawClient.query(RAW, [tenant.id, id, keys.nameKey, keys.dateOfBirth, keys.emailKey, keys.phoneKey, keys.addressKey, keys.bankHash]);
      await rawClient.query("commit");
      if (i >= WARMUP) raw.push(performance.now() - t);
    };
    if (i % 2) {
      await runOurs();
      await runRaw();
    } else {
      await runRaw();
      await runOurs();
    }
  }
  const DUPLICATE_TARGET_MS = 50;
  const duplicateCheck = {
    applicationsInCouncil: (await client.query<{ n: number }>(`select count(*)::int as n from "Application" where ${T}`)).rows[0]!.n,
    applicationsInDatabase: (await client.query<{ n: number }>(`select count(*)::int as n from "Application"`)).rows[0]!.n,
    checks: ours.length,
    matchesPerCheck: { p50: pct(found, 50), p95: pct(found, 95), max: Math.max(0, ...found) },
    oursP50: pct(ours, 50),
    oursP95: pct(ours, 95),
    rawSqlP50: pct(raw, 50),
    rawSqlP95: pct(raw, 95),
    targetP95Ms: DUPLICATE_TARGET_MS,
    pass: (pct(ours, 95) ?? Infinity) <= DUPLICATE_TARGET_MS,
  };
  log(`duplicate check: ours p50 ${duplicateCheck.oursP50} ms, p95 ${duplicateCheck.oursP95} ms; raw SQL p50 ${duplicateCheck.rawSqlP50} ms, p95 ${duplicateCheck.rawSqlP95} ms; matches per check p50 ${duplicateCheck.matchesPerCheck.p50}, max ${duplicateCheck.matchesPerCheck.max}`);
  if (EXPLAIN && arrivals[0]) {
    const { id, ...keys } = arrivals[0];
    const st = duplicateCandidates(tenant.id, id, keys).compile();
    await rawClient.query(`begin; select set_config('app.tenant_id', '${tenant.id}', true), set_config('app.user_id', '${officer.id}', true)`);
    const plan = await rawClient.query(`explain (analyze, buffers) ${st.sql}`, [...st.parameters]);
    await rawClient.query("rollback");
    log(`EXPLAIN duplicate check\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
  }
  await rawClient.end();

  if (EXPLAIN) {
    const { queueStatements, ZQueueQuery } = await import("@/lib/cases/queue");
    const appClient = new pg.Client({ connectionString: appUrl });
    await appClient.connect();
    const explain = async (label: string, text: string, values: unknown[]) => {
      await appClient.query(`begin; select set_config('app.tenant_id', '${tenant.id}', true), set_config('app.user_id', '${officer.id}', true)`);
      const plan = await appClient.query(`explain (analyze, buffers) ${text}`, values);
      await appClient.query("rollback");
      log(`EXPLAIN ${label}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    };
    for (const p of PAGES) {
      if (!p.query) continue;
      const st = queueStatements(ZQueueQuery.parse(p.query), officer.id, new Date());
      await explain(`${p.name} rows`, st.rows.sql, [...st.rows.parameters]);
      await explain(`${p.name} count`, st.count.sql, [...st.count.parameters]);
    }
    const id = caseIds[0]!;
    await explain("case", `select * from "Case" c left join "User" u on u.id = c."assignedToId" join "Application" a on a.id = c."applicationId" where c.id = $1::uuid`, [id]);
    const reference = (await client.query<{ reference: string }>(`select reference from "Case" where id = $1::uuid`, [id])).rows[0]!.reference;
    await explain("case messages (the old condition, personalisation->>'reference')", `select id from "OutboundMessage" where "tenantId" = $1::uuid and personalisation->>'reference' = $2 order by "createdAt" desc, id desc limit 50`, [tenant.id, reference]);
    await explain("case messages (generated reference)", `select id from "OutboundMessage" where "tenantId" = $1::uuid and reference = $2 order by "createdAt" desc, id desc limit 50`, [tenant.id, reference]);
    await explain("person history", `select a.id from "Application" a left join "Case" c on c."applicationId" = a.id where a."dateOfBirth" = (select "dateOfBirth" from "Application" where id = (select "applicationId" from "Case" where id = $1::uuid)) order by a."submittedAt" desc limit 200`, [id]);
    await explain("case events", `select * from "CaseEvent" where "caseId" = $1::uuid order by "createdAt" desc, id desc`, [id]);
    await explain("case awards", `select * from "Award" a join "Pot" p on p.id = a."potId" where a."caseId" = $1::uuid order by a."createdAt", a.id`, [id]);
    await appClient.end();
  }
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  console.log(
    JSON.stringify({
      bench: "queue",
      council: COUNCIL,
      requestsPerPage: REQUESTS,
      warmupPerPage: WARMUP,
      search: { q: surname.surname, matches: surname.n },
      casesInCouncil: { byStatus: statuses, open, openBreached: breached },
      seeding,
      pages: results,
      duplicateCheck,
      baselineStaffHome: { httpP50: pct(baseline, 50), httpP95: pct(baseline, 95), url: `/${COUNCIL}/staff`, note: "no target: what any signed-in staff page costs on this machine" },
      targets: { httpP95Ms: TARGET_P95_MS },
      pass: { ...Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.pass])), duplicateCheck: duplicateCheck.pass },
      allPass: Object.values(results).every((r) => r.pass) && duplicateCheck.pass,
      problems,
      machine: { node: process.version, cpus: (await import("node:os")).cpus().length, loadavg: (await import("node:os")).loadavg().map((x) => Math.round(x * 100) / 100) },
    }),
  );
} finally {
  await browser?.close().catch(() => {});
  app?.kill("SIGTERM");
  await client.end().catch(() => {});
  await owner.$disconnect().catch(() => {});
  await server.stop().catch(() => {});
}
