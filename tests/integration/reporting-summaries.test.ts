// The dashboard's summaries (issue 20, docs/reporting-summaries.md, ADR 0039) on real PostgreSQL
// through the app's role: loadDashboard and loadBreakdown equal straightforward SQL over the base
// tables (LedgerTransaction, Award, Case, InformationRequest, Advice*) for random data in two
// councils, every figure to the penny and the count, for periods whose edges fall in British Summer
// Time and in winter; the summaries follow new postings at once (COMMIT, DISBURSE in bulk through
// postLedgerSet, RECOMMIT, REVERSE, RELEASE, ADMIN) in the posting's own transaction; council A
// cannot read council B's summary rows, and the app role cannot write any.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql as q } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { incomeGained, type TGainRow } from "@/lib/advice/income-gained";
import type { TMemberActor } from "@/lib/actor";
import type { Tx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { withTenant } from "@/lib/db/tenant-scope";
import type { AdviceOutcomeKind } from "@/lib/generated/prisma/enums";
import { postLedger, postLedgerSet } from "@/lib/ledger/post";
import { householdGroupOf } from "@/lib/reporting/categories";
import { householdsHelped, loadBreakdown, loadDashboard, timingOf, ukDate, weekStart } from "@/lib/reporting/dashboard";
import { BREAKDOWN_DIMENSIONS, type TBreakdownDimension, type TDashboardFilter } from "@/lib/reporting/dashboard-types";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { asOwnerInCouncil, createCouncil, createFund, createOrganisation } from "@/prisma/factories";
import { prng } from "@/prisma/prng";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

const owner = () => testDb().owner;
/** A UK wall-clock time as UTC: BST (UTC+1) from the last Sunday of March to the last Sunday of October 2026. */
const uk = (iso: string, hh: number, mm = 0) => {
  const bst = iso >= "2026-03-29" && iso < "2026-10-25";
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)), hh - (bst ? 1 : 0), mm));
};
const NOW = uk("2026-10-10", 12);
const HOUSEHOLDS = [["families-with-children"], ["single-adults", "pension-age"], ["single-adults", "disability"], ["single-adults"], ["pregnancy"], ["single-adults", "pension-age", "disability"]];
const NEEDS = ["food", "energy", "essentials", "furniture"];
const ROUTES = ["APPLICATION", "REFERRAL", "PROACTIVE"];
/** Moments around the period edges used below (summer: 1 July; winter: 2 February), both sides, by UK date. */
const MOMENTS = [
  uk("2026-06-30", 23, 30),
  uk("2026-07-01", 0, 30),
  uk("2026-08-14", 12),
  uk("2026-09-30", 23, 59),
  uk("2026-10-01", 0, 15),
  uk("2026-10-05", 9),
  uk("2026-10-09", 22, 30),
  uk("2026-02-01", 23, 59),
  uk("2026-02-02", 0, 0),
];

type TWorld = { council: TCouncil; manager: TMemberActor; funds: { id: string; pots: string[] }[]; caseIds: string[]; orgs: string[] };

async function world(slug: string, seed: number): Promise<TWorld> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  await createCouncil(owner(), { slug, postcodeAreas: ["E8"], settings: { referencePrefix: slug.endsWith("a") ? "SMA" : "SMB" } });
  const council = (await findCouncilBySlug(slug))!;
  const manager = await caseActor(council, "MANAGER", `Manager ${slug}`);
  const orgs = [(await createOrganisation(owner(), council.id, { name: `Food bank ${slug}` })).id, (await createOrganisation(owner(), council.id, { name: `Citizens Advice ${slug}` })).id];
  const funds: TWorld["funds"] = [];
  for (const name of ["Household Support Fund", "Crisis and Resilience Fund"]) {
    const made = await createFund(owner(), council.id, {
      name,
      periodStart: new Date("2026-01-01T00:00:00Z"),
      periodEnd: new Date("2026-12-31T00:00:00Z"),
      allocationPence: 5_000_000n,
      at: uk("2026-01-05", 9),
      pots: [{ name: "Crisis", allocatePence: 1_000_000n }, { name: "Winter", allocatePence: 1_000_000n }],
    });
    funds.push({ id: made.fund.id, pots: made.pots.map((p) => p.id) });
  }
  const caseIds: string[] = [];
  const channels = ["RESIDENT_ONLINE", "OFFICER_PHONE", "REFERRAL_PORTAL", "PROACTIVE_INVITATION"] as const;
  for (let i = 0; i < 8; i++) {
    const channel = channels[i % channels.length]!;
    const made = await applyFor(council, undefined, "en", { channel, organisationId: channel === "REFERRAL_PORTAL" ? pick(orgs) : null });
    caseIds.push(made.caseId);
  }
  // Arrival times around the edges (an owner's fix: the submissions move with it), then first
  // contact and decisions, some sooner by an information request.
  await asOwnerInCouncil(owner(), council.id, async (tx) => {
    for (const [i, id] of caseIds.entries()) {
      const received = pick(MOMENTS.slice(0, 8));
      await tx.case.update({ where: { id }, data: { receivedAt: received, slaDueOn: new Date(`${ukDate(new Date(received.getTime() + (i % 3) * 86_400_000))}T00:00:00Z`) } });
    }
  });
  const cases = await owner().case.findMany({ where: { tenantId: council.id }, select: { id: true, receivedAt: true } });
  for (const c of cases) {
    const hours = Math.floor(rand() * 200);
    if (rand() < 0.5) {
      await owner().informationRequest.create({
        data: { tenantId: council.id, caseId: c.id, askedOf: "resident", question: "Your tenancy?", replyBy: new Date("2026-12-01T00:00:00Z"), requestedById: manager.user.userId, tokenHash: randomUUID(), tokenExpiresAt: new Date("2026-12-31T00:00:00Z"), createdAt: new Date(c.receivedAt.getTime() + hours * 1_800_000 + 60_000) },
      });
    }
    if (rand() < 0.8) {
      await asOwnerInCouncil(owner(), council.id, (tx) =>
        tx.case.update({ where: { id: c.id }, data: { decidedAt: new Date(c.receivedAt.getTime() + hours * 3_600_000 + 120_000), status: rand() < 0.7 ? "APPROVED" : "DECLINED" } }),
      );
    }
  }
  // One decision undone and made again later (the histogram moves), one outcome changed.
  await asOwnerInCouncil(owner(), council.id, async (tx) => {
    const decided = await tx.case.findFirst({ where: { decidedAt: { not: null } }, orderBy: { id: "asc" } });
    if (decided) {
      await tx.case.update({ where: { id: decided.id }, data: { decidedAt: null, status: "IN_REVIEW" } });
      await tx.case.update({ where: { id: decided.id }, data: { decidedAt: new Date(decided.receivedAt.getTime() + 30 * 3_600_000), status: "PART_APPROVED" } });
    }
  });
  // Awards and their money, through the ledger's one posting path (and its bulk one).
  for (let i = 0; i < 24; i++) {
    const fund = pick(funds);
    const potId = pick(fund.pots);
    const caseId = pick(caseIds);
    const amount = BigInt(100 + Math.floor(rand() * 40_000));
    const award = await owner().award.create({
      data: { tenantId: council.id, caseId, potId, needCategory: pick(NEEDS), amountPence: amount, paymentMethod: "bank", status: "APPROVED", proposedById: manager.user.userId, householdTypes: pick(HOUSEHOLDS), accessRoute: pick(ROUTES) },
    });
    const at = pick(MOMENTS);
    const post = (kind: "COMMIT" | "DISBURSE" | "RECOMMIT" | "REVERSE" | "RELEASE", pence: bigint, when: Date) =>
      asOwnerInCouncil(owner(), council.id, (tx) => postLedger(tx, { kind, fundId: fund.id, potId, amountPence: pence, idempotencyKey: `t:${randomUUID()}`, reason: kind, actorUserId: null, awardRef: award.id, at: when }));
    await post("COMMIT", amount, uk("2026-01-10", 10));
    const r = rand();
    if (r < 0.15) {
      await post("RELEASE", amount, at);
      continue;
    }
    await post("DISBURSE", amount, at);
    if (r < 0.35) {
      await post("RECOMMIT", amount, pick(MOMENTS.filter((m) => m >= at)));
      await post("DISBURSE", amount, MOMENTS[4]!);
    } else if (r < 0.5) await post("REVERSE", amount / 3n || 1n, pick(MOMENTS.filter((m) => m >= at)));
  }
  // Spend with no award line (an owner's posting without awardRef): need "none", household "other".
  await asOwnerInCouncil(owner(), council.id, async (tx) => {
    await postLedger(tx, { kind: "COMMIT", fundId: funds[0]!.id, potId: funds[0]!.pots[1]!, amountPence: 2_500n, idempotencyKey: `n:${randomUUID()}`, reason: "Hardship payment", actorUserId: null, at: MOMENTS[1] });
    await postLedger(tx, { kind: "DISBURSE", fundId: funds[0]!.id, potId: funds[0]!.pots[1]!, amountPence: 2_500n, idempotencyKey: `n:${randomUUID()}`, reason: "Hardship payment", actorUserId: null, at: MOMENTS[2] });
  });
  await asOwnerInCouncil(owner(), council.id, (tx) =>
    postLedger(tx, { kind: "ADMIN", fundId: funds[0]!.id, amountPence: 4_321n, costLine: "admin", idempotencyKey: `a:${randomUUID()}`, reason: "Staff", actorUserId: null, at: MOMENTS[2] }),
  );
  // Onward referrals and what they gained.
  const partner = await owner().advicePartner.create({ data: { tenantId: council.id, name: `Welfare rights ${slug}`, kind: "WELFARE_RIGHTS", contactEmail: "wr@example.org" } });
  for (const [i, caseId] of caseIds.slice(0, 4).entries()) {
    const ref = await owner().adviceReferral.create({ data: { tenantId: council.id, caseId, partnerId: partner.id, needNote: "Benefits check", referredByUserId: manager.user.userId, createdAt: MOMENTS[i + 1]! } });
    await owner().adviceOutcome.create({
      data: { tenantId: council.id, referralId: ref.id, kind: (["PENSION_CREDIT", "UNIVERSAL_CREDIT", "HEALTHY_START", "OTHER"] as AdviceOutcomeKind[])[i]!, description: "Gain", valuePence: BigInt(1000 + i * 777), valuePeriod: i % 2 ? "ANNUAL" : "WEEKLY", lumpSumPence: BigInt(i * 5000), confirmedOn: new Date(`${ukDate(MOMENTS[i + 1]!)}T00:00:00Z`), recordedByUserId: manager.user.userId },
    });
  }
  // Council A: cases 0, 1 and 2 are one household (an officer linked 0–1 as the same person and
  // 1–2 as the same household, after their awards were paid); 3–4 is a possible match left open.
  if (slug.endsWith("a")) {
    const link = async (a: string, b: string, state: "LINKED_SAME_PERSON" | "LINKED_SAME_HOUSEHOLD" | "OPEN") => {
      // The intake may have found the pair already (the test applicants share details).
      const m =
        (await owner().caseMatch.findFirst({ where: { tenantId: council.id, OR: [{ caseId: b, matchedCaseId: a }, { caseId: a, matchedCaseId: b }] } })) ??
        (await owner().caseMatch.create({ data: { tenantId: council.id, caseId: b, matchedCaseId: a, reasons: ["name-dob"] } }));
      if (state !== "OPEN") await asOwnerInCouncil(owner(), council.id, (tx) => tx.caseMatch.update({ where: { id: m.id }, data: { state } }));
    };
    await link(caseIds[0]!, caseIds[1]!, "LINKED_SAME_PERSON");
    await link(caseIds[1]!, caseIds[2]!, "LINKED_SAME_HOUSEHOLD");
    await link(caseIds[3]!, caseIds[4]!, "OPEN");
  }
  return { council, manager, funds, caseIds, orgs };
}

/** Rows of a statement over the base tables, in the council's scope (the app role). */
const rows = <R>(tx: Tx, query: ReturnType<typeof q<R>>) => query.execute(prismaSql(tx).db).then((r) => r.rows);
const ukDay = (col: string) => q.raw(`(${col} at time zone 'UTC' at time zone 'Europe/London')::date`);

/** The straightforward answer: every figure from the base tables. */
async function baseline(tx: Tx, f: TDashboardFilter) {
  const fund = f.fundId ? q`and t."fundId" = ${f.fundId}::uuid` : q``;
  const net = await rows<{ award: string | null; caseId: string | null; need: string; hh: string; route: string; partner: string; pot: string; net: string; types: string[] | null }>(
    tx,
    q`select a.id::text as award, a."caseId"::text as "caseId", coalesce(a."needCategory", '') as need, a."householdTypes" as types, coalesce(a."accessRoute", '') as route,
        coalesce(c."organisationId"::text, '') as partner, t."potId"::text as pot,
        sum(case when t.kind = 'DISBURSE' then t."amountPence" else -t."amountPence" end)::text as net, '' as hh
      from "LedgerTransaction" t left join "Award" a on a.id::text = t."awardRef" left join "Case" c on c.id = a."caseId"
      where t.kind in ('DISBURSE', 'RECOMMIT', 'REVERSE') and ${ukDay('t."createdAt"')} between ${f.from}::date and ${f.to}::date ${fund}
      group by 1, 2, 3, 4, 5, 6, 7`,
  );
  for (const r of net) r.hh = r.award ? householdGroupOf(r.types ?? []) : "other";
  // Every award's payment day (ADR 0044), from all its movements whatever the period: the UK day of
  // its latest DISBURSE while its DISBURSEs outnumber its RECOMMITs and its net paid is above 0.
  const state = await rows<{ award: string; caseId: string; fundId: string; need: string; types: string[] | null; route: string; partner: string; pot: string; d: number; r: number; net: string; last: string | null }>(
    tx,
    q`select a.id::text as award, a."caseId"::text as "caseId", min(t."fundId"::text) as "fundId", coalesce(a."needCategory", '') as need, a."householdTypes" as types,
        coalesce(a."accessRoute", '') as route, coalesce(c."organisationId"::text, '') as partner, min(t."potId"::text) as pot,
        (count(*) filter (where t.kind = 'DISBURSE'))::int as d, (count(*) filter (where t.kind = 'RECOMMIT'))::int as r,
        sum(case when t.kind = 'DISBURSE' then t."amountPence" else -t."amountPence" end)::text as net,
        to_char(max(${ukDay('t."createdAt"')}) filter (where t.kind = 'DISBURSE'), 'YYYY-MM-DD') as last
      from "LedgerTransaction" t join "Award" a on a.id::text = t."awardRef" left join "Case" c on c.id = a."caseId"
      where t.kind in ('DISBURSE', 'RECOMMIT', 'REVERSE') group by a.id, a."caseId", a."needCategory", a."householdTypes", a."accessRoute", c."organisationId"`,
  );
  const paidOn = (s: (typeof state)[number]) => (s.d > s.r && BigInt(s.net) > 0n ? s.last : null);
  const inScope = state.filter((s) => !f.fundId || s.fundId === f.fundId);
  const paidIn = inScope.filter((s) => {
    const day = paidOn(s);
    return day !== null && day >= f.from && day <= f.to;
  });
  const breakdown = (d: TBreakdownDimension) => {
    const keyOf = (r: { need: string; hh: string; route: string; partner: string; pot: string }) => (d === "need" ? r.need : d === "household" ? r.hh : d === "route" ? r.route : d === "partner" ? r.partner : r.pot);
    const out = new Map<string, { paid: bigint; awards: number }>();
    const entry = (k: string) => out.get(k) ?? out.set(k, { paid: 0n, awards: 0 }).get(k)!;
    for (const r of net) entry(keyOf(r) || "none").paid += BigInt(r.net);
    for (const s of paidIn) entry(keyOf({ ...s, hh: householdGroupOf(s.types ?? []) }) || "none").awards += 1;
    return [...out.entries()].filter(([, e]) => e.paid !== 0n || e.awards > 0).map(([key, e]) => ({ key, paidPence: e.paid, awards: e.awards })).sort((a, b) => a.key.localeCompare(b.key));
  };
  // Households: cases joined by an officer's links (same person or household), transitively.
  const links = await rows<{ a: string; b: string }>(tx, q`select "caseId"::text as a, "matchedCaseId"::text as b from "CaseMatch" where state in ('LINKED_SAME_PERSON', 'LINKED_SAME_HOUSEHOLD')`);
  const parent = new Map<string, string>();
  const root = (c: string): string => (parent.has(c) && parent.get(c) !== c ? root(parent.get(c)!) : c);
  for (const l of links) parent.set(root(l.a), root(l.b));
  const helped = new Set(paidIn.map((s) => root(s.caseId)));
  const helpDays = new Map<string, Set<string>>();
  for (const s of inScope) {
    const day = paidOn(s);
    if (day !== null && day <= f.to) helpDays.set(root(s.caseId), (helpDays.get(root(s.caseId)) ?? new Set()).add(day));
  }
  const weekly = await rows<{ week: string; channel: string; n: number }>(
    tx,
    q`select to_char(date_trunc('week', ${ukDay('"receivedAt"')})::date, 'YYYY-MM-DD') as week, channel::text, count(*)::int as n from "Case"
      where ${ukDay('"receivedAt"')} between ${f.from}::date and ${f.to}::date group by 1, 2 order by 1, 2`,
  );
  const timing = async (at: ReturnType<typeof q.raw>) => {
    const r = await rows<{ cases: number; median: number | null; p90: number | null; within: number; approved: number }>(
      tx,
      q`with e as (select c.id, c.status, c."receivedAt", c."slaDueOn", ${at} as at from "Case" c)
        select count(*)::int as cases, percentile_disc(0.5) within group (order by floor(extract(epoch from (at - "receivedAt")) / 3600)) as median,
          percentile_disc(0.9) within group (order by floor(extract(epoch from (at - "receivedAt")) / 3600)) as p90,
          count(*) filter (where ${ukDay("at")} <= "slaDueOn")::int as within, count(*) filter (where status in ('APPROVED', 'PART_APPROVED'))::int as approved
        from e where at is not null and ${ukDay("at")} between ${f.from}::date and ${f.to}::date`,
    );
    const x = r[0]!;
    return { timing: { cases: x.cases, medianHours: x.median === null ? null : Number(x.median), p90Hours: x.p90 === null ? null : Number(x.p90), withinSla: x.within }, approved: x.approved };
  };
  const decision = await timing(q.raw(`c."decidedAt"`));
  const firstContact = await timing(q.raw(`least(c."decidedAt", (select min(i."createdAt") from "InformationRequest" i where i."caseId" = c.id))`));
  const gains = await rows<TGainRow>(
    tx,
    q`select o."tenantId", r."partnerId", p.name as "partnerName", o.kind, o."valuePence", o."valuePeriod", o."lumpSumPence", to_char(o."confirmedOn", 'YYYY-MM-DD') as "confirmedOn"
      from "AdviceOutcome" o join "AdviceReferral" r on r.id = o."referralId" join "AdvicePartner" p on p.id = r."partnerId"`,
  );
  const referrals = await rows<{ n: number }>(tx, q`select count(*)::int as n from "AdviceReferral" where ${ukDay('"createdAt"')} between ${f.from}::date and ${f.to}::date`);
  return {
    paid: net.reduce((s, r) => s + BigInt(r.net), 0n),
    breakdown,
    helped: helped.size,
    moreThanOnce: [...helped].filter((c) => helpDays.get(c)!.size > 1).length,
    weekly: weekly.map((w) => ({ weekStart: w.week, channel: w.channel, submissions: w.n })),
    decision,
    firstContact,
    gained: incomeGained(gains, { from: f.from, to: f.to }),
    referrals: referrals[0]!.n,
  };
}

const strip = (rs: { key: string; paidPence: bigint; awards: number }[]) => rs.map(({ key, paidPence, awards }) => ({ key, paidPence, awards })).sort((a, b) => a.key.localeCompare(b.key));

let A: TWorld, B: TWorld;
beforeAll(async () => {
  A = await world("summaries-a", 7);
  B = await world("summaries-b", 11);
}, 300_000);

const PERIODS = [
  { from: "2026-07-01", to: "2026-09-30" },
  { from: "2026-02-02", to: "2026-10-09" },
  { from: "2026-01-01", to: "2026-12-31" },
  { from: "2026-10-01", to: "2026-10-01" },
];

describe("loadDashboard and loadBreakdown equal plain SQL over the base tables", () => {
  it("for every figure, in both councils, over periods whose edges are in summer time and winter, for each fund and all", async () => {
    let checked = 0;
    // The data is not trivial: somewhere each figure is non-zero.
    const seen = { paid: 0n, awards: 0, more: 0, weekly: 0, decided: 0, contact: 0, within: 0, approved: 0, gained: 0n, partners: 0, noneRoute: 0 };
    for (const w of [A, B]) {
      for (const period of PERIODS) {
        for (const fundId of [null, w.funds[0]!.id, w.funds[1]!.id]) {
          const filter = { fundId, ...period };
          await withTenant(w.council.id, async (tx) => {
            const d = await loadDashboard(tx, filter, NOW);
            const e = await baseline(tx, filter);
            const label = `${w.council.slug} ${period.from}..${period.to} ${fundId ?? "all"}`;
            expect(d.outcomes.awardsPaidPence, label).toBe(e.paid);
            expect(strip(d.outputs.byNeed), label).toEqual(e.breakdown("need"));
            expect(strip(d.outputs.byHousehold), label).toEqual(e.breakdown("household"));
            expect(strip(d.outputs.byRoute), label).toEqual(e.breakdown("route"));
            expect(strip(d.outputs.byPartner), label).toEqual(e.breakdown("partner"));
            expect(d.outputs.householdsHelped, label).toBe(e.helped);
            expect(d.outputs.householdsHelpedMoreThanOnce, label).toBe(e.moreThanOnce);
            expect(d.outputs.weekly, label).toEqual(e.weekly);
            expect(d.outputs.decision, label).toEqual(e.decision.timing);
            expect(d.outputs.decided, label).toBe(e.decision.timing.cases);
            expect(d.outputs.approved, label).toBe(e.decision.approved);
            expect(d.outputs.firstContact, label).toEqual(e.firstContact.timing);
            expect(d.outcomes.incomeGained, label).toEqual({ outcomes: e.gained.outcomes, annualisedPence: e.gained.annualisedPence, lumpSumPence: e.gained.lumpSumPence, totalPence: e.gained.totalPence });
            expect(d.outcomes.onwardReferrals.reduce((s, r) => s + r.referrals, 0), label).toBe(e.referrals);
            expect(d.outcomes.onwardReferrals.reduce((s, r) => s + r.gainedPence, 0n), label).toBe(e.gained.totalPence);
            expect(d.outcomes.staffCostPence).toBeNull();
            for (const dim of BREAKDOWN_DIMENSIONS) {
              expect(strip(await loadBreakdown(tx, { ...filter, need: null, household: null, route: null, partner: null }, dim)), `${label} ${dim}`).toEqual(e.breakdown(dim));
            }
            seen.paid += d.outcomes.awardsPaidPence;
            seen.awards += d.outputs.byNeed.reduce((s, r) => s + r.awards, 0);
            seen.more += d.outputs.householdsHelpedMoreThanOnce;
            seen.weekly += d.outputs.weekly.length;
            seen.decided += d.outputs.decided;
            seen.contact += d.outputs.firstContact.cases;
            seen.within += d.outputs.decision.withinSla;
            seen.approved += d.outputs.approved;
            seen.gained += d.outcomes.incomeGained.totalPence;
            seen.partners += d.outputs.byPartner.filter((r) => r.key !== "none").length;
            seen.noneRoute += d.outputs.byPartner.filter((r) => r.key === "none").length;
            checked++;
          });
        }
      }
    }
    expect(checked).toBe(2 * PERIODS.length * 3);
    for (const [k, v] of Object.entries(seen)) expect(v > 0, k).toBe(true);
  }, 120_000);

  it("applies a breakdown page's filters (need, household, route, partner and 'none')", async () => {
    const period = { from: "2026-01-01", to: "2026-12-31" };
    await withTenant(A.council.id, async (tx) => {
      const all = await loadBreakdown(tx, { fundId: null, ...period, need: null, household: null, route: null, partner: null }, "need");
      for (const need of all.map((r) => r.key)) {
        const only = await loadBreakdown(tx, { fundId: null, ...period, need, household: null, route: null, partner: null }, "route");
        expect(only.reduce((s, r) => s + r.paidPence, 0n), need).toBe(all.find((r) => r.key === need)!.paidPence);
        expect(only.reduce((s, r) => s + r.awards, 0), need).toBe(all.find((r) => r.key === need)!.awards);
      }
      const partners = await loadBreakdown(tx, { fundId: null, ...period, need: null, household: null, route: null, partner: null }, "partner");
      for (const p of partners) {
        const only = await loadBreakdown(tx, { fundId: null, ...period, need: null, household: null, route: null, partner: p.key }, "partner");
        expect(strip(only)).toEqual(strip([p]));
      }
    });
  });

  it("computes the money lines from the balances and the burn from the summaries (the last 7 and 30 UK days), with the warnings", async () => {
    await withTenant(A.council.id, async (tx) => {
      const d = await loadDashboard(tx, { fundId: null, from: "2026-07-01", to: "2026-09-30" }, NOW);
      const today = ukDate(NOW);
      for (const line of d.money.filter((l) => l.potId)) {
        const [b] = await rows<{ last30: string }>(
          tx,
          q`select coalesce(sum(case when kind = 'COMMIT' then "amountPence" else -"amountPence" end), 0)::text as last30 from "LedgerTransaction"
            where "potId" = ${line.potId}::uuid and kind in ('COMMIT', 'RELEASE', 'REVERSE') and ${ukDay('"createdAt"')} between (${today}::date - 29) and ${today}::date`,
        );
        expect(line.burnPerDay30Pence, line.potName!).toBe(BigInt(b!.last30) > 0n ? BigInt(b!.last30) / 30n : 0n);
        const acc = await tx.ledgerAccount.findMany({ where: { potId: line.potId } });
        const bal = (k: string) => acc.find((a) => a.kind === k)!.balancePence;
        expect([line.availablePence, line.committedPence, line.paidPence]).toEqual([bal("AVAILABLE"), bal("COMMITTED"), bal("SPENT")]);
        expect(line.warning).toBe(line.projection.kind === "runs-out" && line.projection.daysFromNow < 14 ? "pot-runs-out-soon" : null);
      }
      expect(d.money.filter((l) => !l.potId).map((l) => l.fundId).sort()).toEqual(A.funds.map((f) => f.id).sort());
    });
  });
});

describe("households helped, from per-day counters (ADR 0044)", () => {
  it("equal the base tables for every period between the data's edges (before, inside, after, ending in the past), for each fund and all", async () => {
    const edges = ["2026-01-01", "2026-02-01", "2026-02-02", "2026-06-30", "2026-07-01", "2026-08-14", "2026-09-30", "2026-10-01", "2026-10-05", "2026-10-09", "2026-12-31"];
    let checked = 0;
    let nonZero = 0;
    for (const w of [A, B]) {
      for (const [i, from] of edges.entries()) {
        for (const to of edges.slice(i)) {
          for (const fundId of [null, w.funds[0]!.id, w.funds[1]!.id]) {
            await withTenant(w.council.id, async (tx) => {
              const filter = { fundId, from, to };
              const [got, e] = [await householdsHelped(tx, filter), await baseline(tx, filter)];
              expect(got, `${w.council.slug} ${from}..${to} ${fundId ?? "all"}`).toEqual({ helped: e.helped, moreThanOnce: e.moreThanOnce });
              if (got.moreThanOnce > 0 && got.helped > got.moreThanOnce) nonZero++;
              checked++;
            });
          }
        }
      }
    }
    expect(checked).toBe(2 * 3 * ((edges.length * (edges.length + 1)) / 2));
    expect(nonZero).toBeGreaterThan(0);
  }, 120_000);

  it("follow an officer's links: cases linked as one household count once, and undoing a link splits them again", async () => {
    const edges = ["2026-01-01", "2026-07-01", "2026-09-30", "2026-10-09", "2026-12-31"];
    const check = async (label: string) => {
      for (const [i, from] of edges.entries())
        for (const to of edges.slice(i))
          for (const fundId of [null, A.funds[0]!.id, A.funds[1]!.id])
            await withTenant(A.council.id, async (tx) => {
              const e = await baseline(tx, { fundId, from, to });
              expect(await householdsHelped(tx, { fundId, from, to }), `${label} ${from}..${to} ${fundId ?? "all"}`).toEqual({ helped: e.helped, moreThanOnce: e.moreThanOnce });
            });
    };
    const linked = await owner().caseMatch.findFirstOrThrow({ where: { tenantId: A.council.id, state: "LINKED_SAME_HOUSEHOLD" } });
    const all = { fundId: null, from: "2026-01-01", to: "2026-12-31" };
    const joined = await withTenant(A.council.id, (tx) => householdsHelped(tx, all));
    await check("linked");
    // The officer decides 1–2 are not the same household after all: case 2 is its own household again.
    await asOwnerInCouncil(owner(), A.council.id, (tx) => tx.caseMatch.update({ where: { id: linked.id }, data: { state: "DISMISSED", stateReason: "Different people" } }));
    const split = await withTenant(A.council.id, (tx) => householdsHelped(tx, all));
    await check("split");
    expect(split.helped).toBeGreaterThan(joined.helped);
    expect((await owner().reportHousehold.findMany({ where: { tenantId: A.council.id } })).length).toBe(2);
    await asOwnerInCouncil(owner(), A.council.id, (tx) => tx.caseMatch.update({ where: { id: linked.id }, data: { state: "LINKED_SAME_HOUSEHOLD" } }));
    expect(await withTenant(A.council.id, (tx) => householdsHelped(tx, all))).toEqual(joined);
    await check("linked again");
  }, 120_000);

  it("an officer's link made while a payment to one of the cases is in flight waits for it, and both count exactly", async () => {
    const [x, y] = [B.caseIds[6]!, B.caseIds[7]!];
    const fund = B.funds[1]!;
    const potId = fund.pots[0]!;
    const a = await owner().award.create({ data: { tenantId: B.council.id, caseId: y, potId, needCategory: "food", amountPence: 900n, paymentMethod: "bank", status: "APPROVED", proposedById: B.manager.user.userId, householdTypes: ["single-adults"], accessRoute: "APPLICATION" } });
    await withTenant(B.council.id, (tx) => postLedger(tx, { kind: "COMMIT", fundId: fund.id, potId, amountPence: 900n, idempotencyKey: `lc:${a.id}`, reason: "Award approved", actorUserId: null, awardRef: a.id }));
    const match =
      (await owner().caseMatch.findFirst({ where: { tenantId: B.council.id, OR: [{ caseId: y, matchedCaseId: x }, { caseId: x, matchedCaseId: y }] } })) ??
      (await owner().caseMatch.create({ data: { tenantId: B.council.id, caseId: y, matchedCaseId: x, reasons: ["address"] } }));
    let paid!: () => void;
    const posted = new Promise<void>((resolve) => (paid = resolve));
    const order: string[] = [];
    await Promise.all([
      withTenant(B.council.id, async (tx) => {
        await postLedger(tx, { kind: "DISBURSE", fundId: fund.id, potId, amountPence: 900n, idempotencyKey: `ld:${a.id}`, reason: "Paid", actorUserId: null, awardRef: a.id });
        paid();
        await new Promise((r) => setTimeout(r, 400));
        order.push("payment committed");
      }),
      (async () => {
        await posted;
        await withTenant(B.council.id, (tx) => tx.caseMatch.update({ where: { id: match.id }, data: { state: "LINKED_SAME_HOUSEHOLD" } }));
        order.push("linked");
      })(),
    ]);
    expect(order).toEqual(["payment committed", "linked"]);
    await withTenant(B.council.id, async (tx) => {
      for (const f of [{ fundId: null, from: "2026-01-01", to: "2026-12-31" }, { fundId: fund.id, from: "2026-01-01", to: ukDate(new Date()) }]) {
        const e = await baseline(tx, f);
        expect(await householdsHelped(tx, f)).toEqual({ helped: e.helped, moreThanOnce: e.moreThanOnce });
      }
    });
    await asOwnerInCouncil(owner(), B.council.id, (tx) => tx.caseMatch.update({ where: { id: match.id }, data: { state: "DISMISSED", stateReason: "Test over" } }));
  });

  it("two transactions paying the same household at once (from two funds: no ledger account in common) take turns: it is counted once", async () => {
    const caseId = B.caseIds[5]!;
    const today = ukDate(new Date());
    const filter = { fundId: null, from: today, to: today };
    const before = await withTenant(B.council.id, (tx) => householdsHelped(tx, filter));
    const awards: { id: string; fundId: string; potId: string }[] = [];
    for (const fund of B.funds) {
      const potId = fund.pots[0]!;
      const a = await owner().award.create({ data: { tenantId: B.council.id, caseId, potId, needCategory: "food", amountPence: 700n, paymentMethod: "bank", status: "APPROVED", proposedById: B.manager.user.userId, householdTypes: ["single-adults"], accessRoute: "APPLICATION" } });
      await withTenant(B.council.id, (tx) => postLedger(tx, { kind: "COMMIT", fundId: fund.id, potId, amountPence: 700n, idempotencyKey: `cc:${a.id}`, reason: "Award approved", actorUserId: null, awardRef: a.id }));
      awards.push({ id: a.id, fundId: fund.id, potId });
    }
    let firstPosted!: () => void;
    const posted = new Promise<void>((resolve) => (firstPosted = resolve));
    const pay = (a: (typeof awards)[number]) => (tx: Tx) => postLedger(tx, { kind: "DISBURSE", fundId: a.fundId, potId: a.potId, amountPence: 700n, idempotencyKey: `cd:${a.id}`, reason: "Paid", actorUserId: null, awardRef: a.id });
    const order: string[] = [];
    await Promise.all([
      withTenant(B.council.id, async (tx) => {
        await pay(awards[0]!)(tx);
        firstPosted();
        // Hold the transaction open while the other one posts (and waits for this case's turn).
        await new Promise((r) => setTimeout(r, 400));
        order.push("first committed");
      }),
      (async () => {
        await posted;
        await withTenant(B.council.id, async (tx) => {
          await pay(awards[1]!)(tx);
          order.push("second posted");
        });
      })(),
    ]);
    expect(order).toEqual(["first committed", "second posted"]);
    await withTenant(B.council.id, async (tx) => {
      for (const f of [filter, ...B.funds.map((x) => ({ ...filter, fundId: x.id }))]) {
        const e = await baseline(tx, f);
        expect(await householdsHelped(tx, f)).toEqual({ helped: e.helped, moreThanOnce: e.moreThanOnce });
      }
      expect((await householdsHelped(tx, filter)).helped).toBe(before.helped + 1);
    });
  });
});

describe("the summaries follow new postings at once, in the posting's transaction", () => {
  it("COMMIT, DISBURSE in bulk (postLedgerSet), RECOMMIT, REVERSE, RELEASE and ADMIN each show in the next read", async () => {
    const fund = A.funds[1]!;
    const potId = fund.pots[0]!;
    const today = ukDate(new Date());
    const filter = { fundId: fund.id, from: today, to: today };
    await withTenant(A.council.id, async (tx) => {
      const before = await loadDashboard(tx, filter, new Date());
      const awards = [];
      for (let i = 0; i < 3; i++)
        awards.push(
          await tx.award.create({ data: { tenantId: A.council.id, caseId: A.caseIds[i]!, potId, needCategory: "food", amountPence: 1000n, paymentMethod: "bank", status: "APPROVED", proposedById: A.manager.user.userId, householdTypes: ["pension-age"], accessRoute: "REFERRAL" } }),
        );
      for (const a of awards) await postLedger(tx, { kind: "COMMIT", fundId: fund.id, potId, amountPence: 1000n, idempotencyKey: `c:${a.id}`, reason: "Award approved", actorUserId: null, awardRef: a.id });
      const committed = (await loadDashboard(tx, filter, new Date())).money.find((l) => l.potId === potId)!;
      expect(committed.burnPerDay30Pence - before.money.find((l) => l.potId === potId)!.burnPerDay30Pence).toBe(100n); // 3,000p over 30 days
      const movements = q<{ fundId: string; potId: string; amountPence: bigint; idempotencyKey: string; reason: string; awardRef: string | null; paymentRef: string | null }>`
        select ${fund.id}::uuid as "fundId", ${potId}::uuid as "potId", 1000::bigint as "amountPence", 'd:' || x.id as "idempotencyKey", 'Paid' as reason, x.id as "awardRef", null::text as "paymentRef"
        from unnest(${awards.map((a) => a.id)}::text[]) as x(id)`;
      expect((await postLedgerSet(tx, "DISBURSE", null, movements)).posted).toBe(3);
      const paid = await loadDashboard(tx, filter, new Date());
      expect(paid.outcomes.awardsPaidPence - before.outcomes.awardsPaidPence).toBe(3000n);
      expect(paid.outputs.byRoute.find((r) => r.key === "REFERRAL")!.awards).toBe((before.outputs.byRoute.find((r) => r.key === "REFERRAL")?.awards ?? 0) + 3);
      await postLedger(tx, { kind: "RECOMMIT", fundId: fund.id, potId, amountPence: 1000n, idempotencyKey: `r:${awards[0]!.id}`, reason: "Returned", actorUserId: null, awardRef: awards[0]!.id });
      await postLedger(tx, { kind: "REVERSE", fundId: fund.id, potId, amountPence: 1000n, idempotencyKey: `v:${awards[1]!.id}`, reason: "Refunded", actorUserId: null, awardRef: awards[1]!.id });
      await postLedger(tx, { kind: "RELEASE", fundId: fund.id, potId, amountPence: 1000n, idempotencyKey: `l:${awards[0]!.id}`, reason: "Cancelled", actorUserId: null, awardRef: awards[0]!.id });
      const adminCost = await postLedger(tx, { kind: "ADMIN", fundId: fund.id, amountPence: 50n, costLine: "admin", idempotencyKey: `a:${randomUUID()}`, reason: "Admin", actorUserId: null });
      const wrongCost = await postLedger(tx, { kind: "ADMIN", fundId: fund.id, amountPence: 20n, costLine: "admin", idempotencyKey: `a:${randomUUID()}`, reason: "Admin in error", actorUserId: null });
      await postLedger(tx, { kind: "ADMIN_REVERSE", fundId: fund.id, amountPence: 20n, costLine: "admin", idempotencyKey: `ar:${randomUUID()}`, reason: "Recorded in error", actorUserId: null, reversesId: wrongCost.transactionId });
      expect(adminCost.replayed).toBe(false);
      const after = await loadDashboard(tx, filter, new Date());
      expect(after.outcomes.awardsPaidPence - before.outcomes.awardsPaidPence).toBe(1000n);
      expect(after.outputs.byRoute.find((r) => r.key === "REFERRAL")!.awards).toBe((before.outputs.byRoute.find((r) => r.key === "REFERRAL")?.awards ?? 0) + 1);
      // Used money: +3,000 committed, −1,000 reversed, −1,000 released: 1,000 over 30 days.
      expect(after.money.find((l) => l.potId === potId)!.burnPerDay30Pence - before.money.find((l) => l.potId === potId)!.burnPerDay30Pence).toBe(33n);
      const [admin] = await rows<{ p: string }>(tx, q`select sum("adminPence")::text as p from "ReportLedgerDay" where "fundId" = ${fund.id}::uuid and day = ${today}::date`);
      // Administration is net of the cost reversed (50 + 20 − 20).
      expect(BigInt(admin!.p)).toBe(50n);
      const e = await baseline(tx, filter);
      expect(after.outcomes.awardsPaidPence).toBe(e.paid);
      expect(strip(after.outputs.byNeed)).toEqual(e.breakdown("need"));
      throw new Rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  });
});

class Rollback extends Error {}

describe("the migration's backfill", () => {
  it("writes exactly what the triggers wrote, row for row, from the base tables alone", async () => {
    const section = (migration: string) => {
      const sqlText = fs.readFileSync(path.resolve(import.meta.dirname, `../../prisma/migrations/${migration}/migration.sql`), "utf8");
      return sqlText.slice(sqlText.indexOf("-- ===== Backfill"), sqlText.indexOf("-- ===== Security"));
    };
    // 20261206161000 replaced the per-award-day summary (ReportAwardDay) by payment days and help days: its backfill runs after the first one's, less that table's statement.
    const statements = [...section("20261206130100_reporting_summaries").split(/;\s*\n/).filter((x) => !x.includes('"ReportAwardDay"')), ...section("20261206161000_reporting_paid_awards").split(/;\s*\n/), ...section("20261206174000_reporting_households_linked").split(/;\s*\n/)];
    const backfill = statements.join(";\n");
    const tables = ["ReportLedgerDay", "ReportSubmissionDay", "ReportTimingDay", "ReportCaseContact", "ReportAwardPaid", "ReportHouseholdDay", "ReportHouseholdGap", "ReportHousehold"];
    // As the owner (the migration's role), in one transaction rolled back: keep what the triggers wrote, empty the tables, backfill, compare.
    await owner()
      .$transaction(async (tx) => {
        for (const t of tables) await tx.$executeRawUnsafe(`create temp table "kept_${t}" on commit drop as select * from "${t}"`);
        for (const t of tables) await tx.$executeRawUnsafe(`delete from "${t}"`);
        for (const statement of backfill.split(/;\s*\n/).map((x) => x.trim()).filter((x) => x && !/^(--[^\n]*\n?)+$/.test(x))) await tx.$executeRawUnsafe(statement);
        for (const t of tables) {
          // Counters the triggers took back down to zero are rows the backfill never writes.
          const zero = {
            ReportTimingDay: `where cases <> 0 or "withinSla" <> 0 or approved <> 0`,
            ReportSubmissionDay: `where submissions <> 0`,
            ReportHouseholdDay: `where "helpDays" <> 0 or "firstHelpDays" <> 0 or "asPrevious" <> 0 or "asFirstOfTwo" <> 0`,
            ReportHouseholdGap: `where "helpDays" <> 0`,
            ReportLedgerDay: `where "committedPence" <> 0 or "releasedPence" <> 0 or "disbursedPence" <> 0 or "recommittedPence" <> 0 or "reversedPence" <> 0 or "adminPence" <> 0 or "awardsPaid" <> 0`,
          }[t] ?? "";
          const [diff] = await tx.$queryRawUnsafe<{ missing: number; extra: number; n: number }[]>(
            `select (select count(*) from (select * from "kept_${t}" ${zero} except all select * from "${t}") x)::int as missing,
                    (select count(*) from (select * from "${t}" except all select * from "kept_${t}") x)::int as extra, (select count(*) from "${t}")::int as n`,
          );
          expect(diff, t).toMatchObject({ missing: 0, extra: 0 });
          expect(diff!.n, t).toBeGreaterThan(0);
        }
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  });
});

describe("row-level security on the summaries", () => {
  it("council A reads none of council B's summary rows, asked for by id or not, and the app role cannot write any", async () => {
    await withTenant(A.council.id, async (tx) => {
      for (const table of ["ReportLedgerDay", "ReportAwardPaid", "ReportHouseholdDay", "ReportHouseholdGap", "ReportHousehold", "ReportSubmissionDay", "ReportTimingDay", "ReportCaseContact"]) {
        const [r] = await rows<{ mine: number; theirs: number }>(
          tx,
          q`select count(*) filter (where "tenantId" = ${A.council.id}::uuid)::int as mine, count(*) filter (where "tenantId" = ${B.council.id}::uuid)::int as theirs from ${q.table(table)}`,
        );
        expect(r!.mine, table).toBeGreaterThan(0);
        expect(r!.theirs, table).toBe(0);
      }
      const theirs = await loadDashboard(tx, { fundId: B.funds[0]!.id, from: "2026-01-01", to: "2026-12-31" }, NOW);
      expect(theirs.money).toEqual([]);
      expect(theirs.outcomes.awardsPaidPence).toBe(0n);
      expect(theirs.outputs.byNeed).toEqual([]);
    });
    await expect(withTenant(A.council.id, (tx) => tx.$executeRawUnsafe(`update "ReportLedgerDay" set "disbursedPence" = 0`))).rejects.toThrow(/permission denied/);
    // Nor regroup households: only an officer's link (CaseMatch, through its trigger) does that.
    await expect(withTenant(A.council.id, (tx) => tx.$executeRawUnsafe(`delete from "ReportHousehold"`))).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(A.council.id, (tx) => tx.$executeRawUnsafe(`insert into "ReportSubmissionDay" ("tenantId", day, channel, slot, submissions) values ('${A.council.id}', '2026-01-01', 'RESIDENT_ONLINE', 0, 1000)`)),
    ).rejects.toThrow(/permission denied/);
  });
});

describe("pure parts", () => {
  it("reads a median and 90th percentile off a histogram as percentile_disc does", () => {
    expect(timingOf([])).toEqual({ cases: 0, medianHours: null, p90Hours: null, withinSla: 0 });
    expect(timingOf([{ hours: 5, cases: 1, withinSla: 1 }, { hours: 1, cases: 1, withinSla: 0 }])).toEqual({ cases: 2, medianHours: 1, p90Hours: 5, withinSla: 1 });
    expect(timingOf([{ hours: 0, cases: 9, withinSla: 9 }, { hours: 48, cases: 1, withinSla: 0 }, { hours: 3, cases: 0, withinSla: 0 }])).toEqual({ cases: 10, medianHours: 0, p90Hours: 0, withinSla: 9 });
    expect(weekStart("2026-10-04")).toBe("2026-09-28");
    expect(weekStart("2026-10-05")).toBe("2026-10-05");
    expect(ukDate(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(ukDate(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});
