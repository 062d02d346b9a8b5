// Issue 15: the demo's "Spent" figures came from seeded "daily payment run" postings that belonged
// to no award, so a manager would think payments are running. The demo's funds history is
// allocations only; commitments come from the demo queue's real awards (through the award
// services, each posting carrying its award's id) and spending from the demo's payments
// (prisma/demo-payments.ts, tests/integration/demo-payments.test.ts).
import { describe, expect, it } from "vitest";
import { createCouncil, createOrganisation } from "@/prisma/factories";
import { DEMO_COUNCILS } from "@/prisma/demo-data";
import { seedDemoFunds } from "@/prisma/demo-funds";
import { testDb } from "../support/globals";

describe("the demo funds' history (issue 15)", () => {
  it("posts no award or payment movement that no award stands behind, and nothing spent", { timeout: 240_000 }, async () => {
    const db = testDb().owner;
    for (const slug of ["hackwell", "fenshire"]) {
      const demo = DEMO_COUNCILS.find((c) => c.slug === slug)!;
      const tenant = await createCouncil(db, { slug, postcodeAreas: demo.postcodeAreas, settings: demo.settings });
      const organisations = new Map<string, string>();
      for (const o of demo.organisations) organisations.set(o.name, (await createOrganisation(db, tenant.id, { name: o.name, type: o.type, allowedEmailDomains: o.domains })).id);
      expect(await seedDemoFunds(db, tenant.id, slug, organisations)).toBeGreaterThan(0);
      const kinds = await db.ledgerTransaction.groupBy({ by: ["kind"], where: { tenantId: tenant.id }, _count: true });
      const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k._count]));
      expect(byKind.ALLOCATE).toBeGreaterThan(0);
      // Award movements without an award, and spending without a payment, are not seeded.
      expect(await db.ledgerTransaction.count({ where: { tenantId: tenant.id, kind: { in: ["COMMIT", "RELEASE"] }, awardRef: null } })).toBe(0);
      expect(await db.ledgerTransaction.count({ where: { tenantId: tenant.id, kind: { in: ["DISBURSE", "REVERSE"] } } })).toBe(0);
      const spent = await db.ledgerAccount.aggregate({ where: { tenantId: tenant.id, kind: "SPENT" }, _sum: { balancePence: true } });
      expect(spent._sum.balancePence ?? 0n).toBe(0n);
    }
  });
});
