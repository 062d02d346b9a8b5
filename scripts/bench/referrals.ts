// `npm run bench:referrals [-- --seconds 60 --concurrency 20]`: the partner API under load, next
// to the resident's own submit, in one run on one machine (issue 17's figures).
//
//   1. a fresh database `moneyhub_bench_referrals` (the bench cluster, as bench:apply), seeded
//      with the demo councils; `next start` on BENCH_PORT (default 3310);
//   2. one API key per client for Hackwell's demo health visiting service;
//   3. for --seconds, --concurrency API clients POST /api/v1/hackwell/referrals, each referral
//      with its own Idempotency-Key; one in ten is sent twice at once (a client's retry racing
//      the first try) to prove idempotency under load;
//   4. the database's view: every 201 made exactly one application (lost = acknowledged but
//      missing; doubled = more than one application for one Idempotency-Key);
//   5. for the same seconds and concurrency, the resident's submit exactly as bench:apply sends it
//      (the check-answers form's POST, drafts made in the database first);
//   6. the allowance race: the organisation's allowance is moved down to room for ROOM awards of
//      the largest size, then ROOM + 6 fast-track referrals are directly awarded at once (in this
//      process, through lib/referrals' directAward, the portal's own path): exactly ROOM succeed.
// Prints progress on stderr, then ONE JSON object (last) with figures, targets and pass/fail.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { buildIfNeeded } from "../lib/build";
import { requireSupportedNode } from "../lib/node-runtime";
import { freshBenchDatabase } from "./fresh-database";
import { freePort, startNextApp } from "./next-app";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 60);
const CONCURRENCY = arg("concurrency", 20);
const WARM = 50;
const COUNCIL = "hackwell";
const TARGETS = { referralP95Ms: 300, throughputRatio: 0.8 };
const log = (m: string) => console.error(`[bench:referrals] ${m}`);
requireSupportedNode(log);

const PORT = await freePort(Number(process.env.BENCH_PORT ?? 3310));
const BASE = `http://localhost:${PORT}`;
const { server, appUrl, owner } = await freshBenchDatabase({ database: "moneyhub_bench_referrals", defaultPort: 54369, log });
const { seedDemo } = await import("../../prisma/seed");
await seedDemo(owner, log);
buildIfNeeded(log);

let app: ChildProcess | undefined;
async function shutdown() {
  app?.kill("SIGTERM");
  await owner.$disconnect().catch(() => {});
  await server.stop().catch(() => {});
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(1) : null;
};
const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

/** See step 6 above. */
async function raceTheAllowance(tenantId: string, organisationId: string, run: string) {
  const ROOM = 6;
  const { withTenant } = await import("@/lib/db/tenant-scope");
  const { findCouncilBySlug } = await import("@/lib/tenancy/queries");
  const { recordReferral } = await import("@/lib/referrals/referral");
  const { directAward } = await import("@/lib/referrals/direct-award");
  const { moveMoney } = await import("@/lib/funds/manage");
  const { EXAMPLE_REFERRAL: example } = await import("@/lib/partner-api/examples");
  const council = (await findCouncilBySlug(COUNCIL))!;
  const lead = await owner.membership.findFirstOrThrow({ where: { tenantId, organisationId, role: "REFERRER", status: "ACTIVE", organisationLead: true }, include: { user: true } });
  const admin = await owner.membership.findFirstOrThrow({ where: { tenantId, role: "COUNCIL_ADMIN", status: "ACTIVE" }, include: { user: true } });
  const actor = { kind: "referrer" as const, council: { id: council.id }, user: { userId: lead.userId, email: lead.user.email }, organisationId, roles: ["REFERRER"] };
  const pot = await owner.pot.findFirstOrThrow({ where: { tenantId, ownerOrganisationId: organisationId } });
  const amountPence = pot.maxSingleAwardPence ?? 15_000n;
  const balance = async () => (await owner.ledgerAccount.findFirstOrThrow({ where: { potId: pot.id, kind: "AVAILABLE" } })).balancePence;
  const keep = amountPence * BigInt(ROOM) + amountPence / 2n;
  const drain = (await balance()) - keep;
  if (drain > 0n) {
    const moved = await moveMoney(
      { council, user: { userId: admin.userId, email: admin.user.email, name: admin.user.name, isPlatformOperator: false, sessionId: "bench" }, roles: ["COUNCIL_ADMIN"] },
      { fundId: pot.fundId, fromPotId: pot.id, toPotId: null, amountPence: drain, reason: "bench:referrals allowance race", formKey: `bench-${run}-drain` },
      null,
    );
    if (moved.outcome !== "done") throw new Error("could not move the allowance down for the race");
  }
  const before = await balance();
  const room = Number(before / amountPence);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const cases: string[] = [];
  for (let i = 0; i < room + 6; i++) {
    const application = structuredClone(example.application) as unknown as { aboutYou: { fullName: string; dateOfBirth: string; email: string } };
    application.aboutYou = { ...application.aboutYou, fullName: `Race ${run} ${i}`, dateOfBirth: `19${60 + i}-0${(i % 9) + 1}-1${i % 9}`, email: `race-${run}-${i}@example.com` };
    const recorded = await withTenant(tenantId, (tx) =>
      recordReferral(tx, council, actor, { application, referrer: { ...example.referrer, consentDate: today, fastTrack: true }, channel: "REFERRAL_PORTAL", organisationId, draftId: null }),
    );
    if (recorded.outcome !== "recorded") throw new Error(`race referral refused: ${JSON.stringify(recorded.issues)}`);
    cases.push((await owner.case.findFirstOrThrow({ where: { applicationId: recorded.id } })).id);
  }
  const pounds = (Number(amountPence) / 100).toFixed(2);
  const t = performance.now();
  const results = await Promise.all(cases.map((caseId) => directAward(actor, { caseId, potId: pot.id, needCategory: "food", amount: pounds })));
  const ms = +(performance.now() - t).toFixed(1);
  const after = await balance();
  const awarded = results.filter((r) => r.outcome === "awarded").length;
  return { measured: true, racers: cases.length, room, awarded, queued: results.filter((r) => r.outcome === "queued").length, amountPence: Number(amountPence), beforePence: Number(before), leftPence: Number(after), spentPence: Number(before - after), ms };
}

try {
  app = await startNextApp({ port: PORT, appUrl });
  log(`next start is up on ${BASE}`);
  const tenant = await owner.tenant.findUniqueOrThrow({ where: { slug: COUNCIL } });
  const run = randomBytes(4).toString("hex");

  // ---- API keys: one per client, for the demo organisation with a referrer ----
  const member = await owner.membership.findFirstOrThrow({ where: { tenantId: tenant.id, role: "REFERRER", status: "ACTIVE", organisationId: { not: null } }, orderBy: { createdAt: "asc" } });
  const { newApiKey } = await import("@/lib/partner-api/keys");
  const keys: string[] = [];
  for (let c = 0; c < CONCURRENCY; c++) {
    const k = newApiKey();
    await owner.apiKey.create({ data: { tenantId: tenant.id, organisationId: member.organisationId!, name: `bench ${run} ${c}`, prefix: k.prefix, secretHash: k.hash, createdByUserId: member.userId } });
    keys.push(k.key);
  }
  const { EXAMPLE_REFERRAL } = await import("@/lib/partner-api/examples");
  const nameOf = (i: number) => `Bench ${run} ${i}`;
  const bodyOf = (i: number) => {
    const b = structuredClone(EXAMPLE_REFERRAL) as unknown as { application: { aboutYou: { fullName: string } } };
    b.application.aboutYou.fullName = nameOf(i);
    return JSON.stringify(b);
  };

  const refLat: number[] = [];
  const refFailures: Record<string, number> = {};
  async function refer(client: number, i: number): Promise<boolean> {
    const t = performance.now();
    try {
      const res = await fetch(`${BASE}/api/v1/${COUNCIL}/referrals`, {
        method: "POST",
        headers: { authorization: `Bearer ${keys[client]}`, "content-type": "application/json", "idempotency-key": `bench-${run}-${i}` },
        body: bodyOf(i),
      });
      await res.arrayBuffer();
      refLat.push(performance.now() - t);
      if (res.status !== 201) count(refFailures, `HTTP ${res.status}`);
      return res.status === 201;
    } catch (e) {
      count(refFailures, (e as Error).message);
      return false;
    }
  }

  // ---- warm-up, then the API run ----
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async (_, c) => {
    while (next < WARM) await refer(c, next++);
  }));
  refLat.length = 0;
  for (const k of Object.keys(refFailures)) delete refFailures[k];
  const acknowledged = new Set<number>();
  let doubles = 0;
  const first = next;
  log(`referral POSTs for ${SECONDS} s from ${CONCURRENCY} API clients …`);
  let started = performance.now();
  let deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, c) => {
      while (performance.now() < deadline) {
        const i = next++;
        const twice = i % 10 === 0;
        if (twice) doubles++;
        const oks = await Promise.all(twice ? [refer(c, i), refer(c, i)] : [refer(c, i)]);
        if (oks.some(Boolean)) acknowledged.add(i);
      }
    }),
  );
  const refSeconds = (performance.now() - started) / 1000;
  const refAttempted = next - first;

  const rows = await owner.$queryRawUnsafe<{ fullName: string; n: number }[]>(
    `select "fullName", count(*)::int as n from "Application" where "tenantId" = $1::uuid and channel = 'REFERRAL_API' and "fullName" like $2 group by "fullName"`,
    tenant.id,
    `Bench ${run} %`,
  );
  const made = new Map(rows.map((r) => [r.fullName, r.n]));
  const lost = [...acknowledged].filter((i) => !made.has(nameOf(i))).length;
  const doubled = rows.reduce((sum, r) => sum + Math.max(0, r.n - 1), 0);
  const refPerSecond = +(acknowledged.size / refSeconds).toFixed(1);
  log(`referrals: ${acknowledged.size} in ${refSeconds.toFixed(1)} s (${refPerSecond}/s), p95 ${pct(refLat, 95)} ms, lost ${lost}, doubled ${doubled}`);

  // ---- the resident's submit, as bench:apply sends it ----
  const { FULL } = await import("../../tests/support/application-answers");
  const { encryptSecret } = await import("@/lib/security/crypto");
  const answers = { ...FULL, "bank-details": { sealed: encryptSecret(JSON.stringify(FULL["bank-details"])) } };
  const draftCount = Math.max(2_000, SECONDS * 300);
  const token = (i: number) => `bench-${run}-${i}`;
  await owner.$executeRawUnsafe(
    `insert into "ApplicationDraft" (id, "tenantId", "tokenHash", answers, locale, "schemaVersion", "expiresAt", "updatedAt")
     select gen_random_uuid(), $1::uuid, encode(sha256(convert_to('bench-' || $2 || '-' || i, 'UTF8')), 'hex'), $3::jsonb, 'en', 1, now() + interval '1 day', now()
     from generate_series(0, $4::int - 1) as i`,
    tenant.id,
    run,
    JSON.stringify(answers),
    draftCount,
  );
  const cookieFor = (i: number) => `__Host-moneyhub.apply-${COUNCIL}=${token(i)}`;
  const checkHtml = await (await fetch(`${BASE}/${COUNCIL}/apply/check-answers`, { headers: { cookie: cookieFor(draftCount - 1) } })).text();
  const sendForm = checkHtml.slice(checkHtml.lastIndexOf("<form"));
  const hidden = [...sendForm.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [m[1]!, (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&")] as const);
  if (!hidden.some(([n]) => n.startsWith("$ACTION"))) throw new Error("could not find the send form's action fields");
  const resLat: number[] = [];
  const resFailures: Record<string, number> = {};
  async function submit(i: number): Promise<boolean> {
    const form = new FormData();
    for (const [n, v] of hidden) form.append(n, v);
    form.append("declaration", "yes");
    const t = performance.now();
    try {
      const res = await fetch(`${BASE}/${COUNCIL}/apply/check-answers`, { method: "POST", body: form, redirect: "manual", headers: { cookie: cookieFor(i), origin: BASE } });
      await res.arrayBuffer();
      resLat.push(performance.now() - t);
      const ok = res.status === 303 && (res.headers.get("location") ?? "").endsWith(`/${COUNCIL}/apply/confirmation`);
      if (!ok) count(resFailures, `HTTP ${res.status}`);
      return ok;
    } catch (e) {
      count(resFailures, (e as Error).message);
      return false;
    }
  }
  let d = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (d < WARM) await submit(d++);
  }));
  resLat.length = 0;
  for (const k of Object.keys(resFailures)) delete resFailures[k];
  let submitted = 0;
  log(`resident submits for ${SECONDS} s with ${CONCURRENCY} submitters …`);
  started = performance.now();
  deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline && d < draftCount - 1) if (await submit(d++)) submitted++;
    }),
  );
  const resSeconds = (performance.now() - started) / 1000;
  const resPerSecond = +(submitted / resSeconds).toFixed(1);
  log(`resident submits: ${submitted} in ${resSeconds.toFixed(1)} s (${resPerSecond}/s), p95 ${pct(resLat, 95)} ms`);

  // ---- the allowance race: more members' direct awards at once than the allowance has room for ----
  const allowanceRace = await raceTheAllowance(tenant.id, member.organisationId!, run);
  log(`allowance race: ${allowanceRace.racers} at once, room for ${allowanceRace.room}, ${allowanceRace.awarded} awarded, ${allowanceRace.leftPence} pence left`);

  const ratio = resPerSecond ? +(refPerSecond / resPerSecond).toFixed(2) : null;
  const p95 = pct(refLat, 95);
  const result = {
    bench: "referrals",
    method:
      "HTTP POST /api/v1/hackwell/referrals with a Bearer key per client and a new Idempotency-Key per referral (every 10th sent twice at once), then the resident's check-answers POST as bench:apply sends it, each for the same seconds and concurrency, one after the other on the same server and database",
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    referrals: { attempted: refAttempted, acknowledged: acknowledged.size, doubleSends: doubles, perSecond: refPerSecond, latencyMs: { p50: pct(refLat, 50), p95, p99: pct(refLat, 99) }, failures: refFailures },
    database: { lost, doubled },
    residentSubmit: { acknowledged: submitted, perSecond: resPerSecond, latencyMs: { p50: pct(resLat, 50), p95: pct(resLat, 95), p99: pct(resLat, 99) }, failures: resFailures },
    allowanceRace,
    machine: { node: process.version, cpus: os.cpus().length, loadAverage1m: +os.loadavg()[0]!.toFixed(2) },
    targets: {
      referralPostP95Ms: { target: TARGETS.referralP95Ms, actual: p95, pass: p95 !== null && p95 <= TARGETS.referralP95Ms },
      throughputVsResidentSubmit: { target: TARGETS.throughputRatio, actual: ratio, pass: ratio !== null && ratio >= TARGETS.throughputRatio },
      lost: { target: 0, actual: lost, pass: lost === 0 },
      doubled: { target: 0, actual: doubled, pass: doubled === 0 },
      allowanceExactlyTheRoom: { target: allowanceRace.room, actual: allowanceRace.awarded, pass: allowanceRace.awarded === allowanceRace.room && allowanceRace.leftPence >= 0 },
    },
  };
  await shutdown();
  console.log(JSON.stringify(result, null, 2));
  process.exit(Object.values(result.targets).every((t) => t.pass) ? 0 : 1);
} catch (e) {
  await shutdown();
  throw e;
}
