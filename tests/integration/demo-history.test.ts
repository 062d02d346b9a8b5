// The demo's history for the managers' dashboard (issue 20, prisma/demo-history.ts,
// docs/reporting-demo.md): on the demo councils as the demo queue leaves them, twelve weeks of
// awards across needs, household groups, access routes and partners; cases with first contact and
// decisions, some after their SLA day; households helped more than once; advice outcomes with
// income gained; the outreach campaign sent with invitations started, submitted and awarded;
// administration spend with one cost reversed; and the ledger verifies. Run again, nothing is added.
// Prints the figures (and how long the seeding took).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { verifyLedger } from "@/lib/ledger/verify";
import { outreachFunnel } from "@/lib/outreach/funnel";
import { seedDemoHistory } from "@/prisma/demo-history";
import { seedDemoQueue } from "@/prisma/demo-queue";
import { seedDemo } from "@/prisma/seed";
import { testDb } from "../support/globals";

describe("the demo's history", () => {
  it("gives each demo council twelve weeks of meaningful history, once, with the ledger exact", { timeout: 900_000 }, async () => {
    const db = testDb().owner;
    const now = new Date();
    let t = performance.now();
    await seedDemo(db, () => {});
    const seedMs = performance.now() - t;
    t = performance.now();
    const historyLines: string[] = [];
    await seedDemoQueue(db, (m) => (m.startsWith("Demo history") ? historyLines.push(m) : undefined), now);
    const queueMs = performance.now() - t;

    for (const slug of ["hackwell", "fenshire"]) {
      const tenant = await db.tenant.findUniqueOrThrow({ where: { slug } });
      const q = async <T,>(sql: string) => (await db.$queryRawUnsafe<T[]>(sql, tenant.id))[0]!;
      const f = await q<Record<string, bigint | number>>(`select
          (select count(*) from "Case" where "tenantId" = $1::uuid and "receivedAt" < now() - interval '8 weeks') as "olderThan8Weeks",
          (select count(distinct "needCategory") from "Award" where "tenantId" = $1::uuid and status = 'APPROVED') as needs,
          (select count(distinct "accessRoute") from "Award" where "tenantId" = $1::uuid and status = 'APPROVED') as routes,
          (select count(distinct c."organisationId") from "Award" w join "Case" c on c.id = w."caseId" where w."tenantId" = $1::uuid and w.status = 'APPROVED') as partners,
          (select count(*) from "Award" where "tenantId" = $1::uuid and status = 'APPROVED' and 'families-with-children' = any("householdTypes")) as families,
          (select count(*) from "Award" where "tenantId" = $1::uuid and status = 'APPROVED' and 'pension-age' = any("householdTypes")) as pension,
          (select count(*) from "Award" where "tenantId" = $1::uuid and status = 'APPROVED' and 'disability' = any("householdTypes")) as disability,
          (select count(*) from "Award" where "tenantId" = $1::uuid and status = 'APPROVED' and 'single-adults' = any("householdTypes")) as singles,
          (select count(*) from "Case" where "tenantId" = $1::uuid and "decidedAt" is not null) as decided,
          (select count(*) from "Case" where "tenantId" = $1::uuid and "decidedAt" is not null and ("decidedAt" at time zone 'UTC' at time zone 'Europe/London')::date > "slaDueOn") as "decidedAfterSla",
          (select count(*) from "InformationRequest" where "tenantId" = $1::uuid) as "informationRequests",
          (select count(*) from "AdviceOutcome" where "tenantId" = $1::uuid) as "adviceOutcomes",
          (select count(*) from "LedgerTransaction" where "tenantId" = $1::uuid and kind = 'ADMIN') as admin,
          (select count(*) from "LedgerTransaction" where "tenantId" = $1::uuid and kind = 'ADMIN_REVERSE') as "adminReversed"`);
      const figures = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Number(v)]));
      const funnel = await withTenantSql(tenant.id, (sql) => outreachFunnel(sql, tenant.id));
      console.log(`[demo-history] ${slug}: ${JSON.stringify({ ...figures, funnel })}`);
      expect(figures.olderThan8Weeks, slug).toBeGreaterThan(0);
      expect(figures.needs, slug).toBeGreaterThanOrEqual(4);
      expect(figures.routes, slug).toBe(3);
      expect(figures.partners, slug).toBeGreaterThanOrEqual(2);
      for (const group of ["families", "pension", "disability", "singles"]) expect(figures[group], `${slug} ${group}`).toBeGreaterThan(0);
      expect(figures.decidedAfterSla, slug).toBeGreaterThan(0);
      expect(figures.decidedAfterSla, slug).toBeLessThan(figures.decided!);
      expect(figures.informationRequests, slug).toBeGreaterThan(0);
      expect(figures.adviceOutcomes, slug).toBeGreaterThan(0);
      expect(figures.admin, slug).toBeGreaterThanOrEqual(2);
      expect(figures.adminReversed, slug).toBe(1);
      expect(funnel.invited, slug).toBeGreaterThanOrEqual(3);
      expect(funnel, slug).toMatchObject({ started: 2, submitted: 1, awarded: 1 });
    }

    const client = new pg.Client({ connectionString: testDb().ownerUrl });
    await client.connect();
    try {
      expect((await verifyLedger(client)).breaks).toEqual([]);
    } finally {
      await client.end();
    }

    const before = { transactions: await db.ledgerTransaction.count(), applications: await db.application.count(), opened: await db.outreachInvitation.count({ where: { usedAt: { not: null } } }) };
    await seedDemoHistory(db, () => {}, now);
    expect({ transactions: await db.ledgerTransaction.count(), applications: await db.application.count(), opened: await db.outreachInvitation.count({ where: { usedAt: { not: null } } }) }).toEqual(before);
    for (const line of historyLines) console.log(`[demo-history] ${line}`);
    console.log(`[demo-history] seedDemo ${(seedMs / 1000).toFixed(1)} s, seedDemoQueue (with documents, advice, information, vouchers, suppliers, outreach, history) ${(queueMs / 1000).toFixed(1)} s`);
  });
});
