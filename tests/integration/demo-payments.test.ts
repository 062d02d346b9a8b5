// The demo's payment history (prisma/demo-payments.ts, issue 19): on the demo councils as the
// demo queue leaves them, the awards approved more than PAY_AFTER_DAYS ago are paid through
// released batches (createBatch by one person, releaseBatch by another) and the bank's reports. Every
// fund page's "Spent" is then exactly the payments that went out, ledger:verify is clean, one bank
// payment per council came back, and the newest approvals are still ready to pay. Run again, it
// adds nothing.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { listFunds } from "@/lib/funds/queries";
import { verifyLedger } from "@/lib/ledger/verify";
import { DISBURSED_STATES } from "@/lib/payments/lifecycle";
import { DEMO_FINANCE, seedDemoPayments } from "@/prisma/demo-payments";
import { seedDemoQueue } from "@/prisma/demo-queue";
import { PAY_AFTER_DAYS, demoPaymentsWorkLeft } from "@/prisma/demo-queue-state";
import { seedDemo } from "@/prisma/seed";
import { testDb } from "../support/globals";

describe("the demo's payments", () => {
  it("pays the older approvals through released batches: Spent is what went out, the ledger verifies, once", { timeout: 600_000 }, async () => {
    const db = testDb().owner;
    const now = new Date();
    await seedDemo(db, () => {});
    await seedDemoQueue(db, () => {}, now);
    expect(await demoPaymentsWorkLeft(db, now)).toBe(true);
    const sent = await seedDemoPayments(db, () => {}, now);
    expect(sent).toBeGreaterThan(0);
    expect(await demoPaymentsWorkLeft(db, now)).toBe(false);

    // Paid: approved on or before the (London) day PAY_AFTER_DAYS ago.
    const cutoffDay = londonIsoDate(new Date(now.getTime() - PAY_AFTER_DAYS * 86_400_000));
    for (const slug of ["hackwell", "fenshire"]) {
      const tenant = await db.tenant.findUniqueOrThrow({ where: { slug } });
      const finance = await db.user.findUniqueOrThrow({ where: { email: DEMO_FINANCE[slug]!.email } });
      const batches = await db.paymentBatch.findMany({ where: { tenantId: tenant.id } });
      expect(batches.length, slug).toBeGreaterThan(1);
      for (const b of batches) {
        expect(b.status).toBe("RELEASED");
        // Made by createBatch: its file built and stored.
        expect(await db.paymentBatchFile.count({ where: { batchId: b.id } })).toBe(1);
        expect(b.createdById).toBe(finance.id);
        expect(b.releasedById).not.toBe(finance.id);
        expect(b.releasedAt!.getTime()).toBeLessThan(now.getTime());
      }
      const payments = await db.payment.findMany({ where: { tenantId: tenant.id }, include: { award: { select: { approvedAt: true } } } });
      // Every award approved before the cut-off was paid in a batch; the newer ones wait, ready.
      for (const p of payments.filter((p) => p.status !== "CANCELLED")) {
        if (londonIsoDate(p.award.approvedAt!) <= cutoffDay) expect(p.batchId, `${p.reference} ${p.status}`).not.toBeNull();
        else expect(p.status).toBe("READY");
      }
      expect(payments.some((p) => p.status === "READY"), slug).toBe(true);
      expect(payments.filter((p) => p.status === "RETURNED"), slug).toHaveLength(1);
      // The bank's answers came as reports, imported and applied.
      expect(await db.reconciliationImport.count({ where: { tenantId: tenant.id, status: "APPLIED" } }), slug).toBeGreaterThan(0);
      expect(payments.some((p) => p.status === "PAID"), slug).toBe(true);

      // The fund pages' "Spent": the payments that went out (sent and not come back), to the penny.
      const out = payments.filter((p) => DISBURSED_STATES.includes(p.status)).reduce((s, p) => s + p.amountPence, 0n);
      expect(out).toBeGreaterThan(0n);
      const spent = (await listFunds(tenant.id, now)).reduce((s, f) => s + f.spentPence, 0n);
      // Plus the funds' administration spend, net of reversals (prisma/demo-history.ts), held in each fund's own SPENT account.
      const admin = (await db.ledgerTransaction.findMany({ where: { tenantId: tenant.id, kind: { in: ["ADMIN", "ADMIN_REVERSE"] } } })).reduce((s, t) => s + (t.kind === "ADMIN" ? t.amountPence : -t.amountPence), 0n);
      expect(admin, slug).toBeGreaterThan(0n);
      expect(spent, slug).toBe(out + admin);
      // No movement out of a pot that no payment stands behind.
      expect(await db.ledgerTransaction.count({ where: { tenantId: tenant.id, kind: { in: ["DISBURSE", "RECOMMIT", "REVERSE"] }, paymentRef: null } })).toBe(0);
      // The cases' timelines say when each payment went (before now, after the award's approval).
      const events = await db.caseEvent.findMany({ where: { tenantId: tenant.id, kind: "payment.sent" } });
      expect(events.length).toBe(payments.filter((p) => p.sentAt).length);
      for (const e of events) expect(e.createdAt.getTime()).toBeLessThan(now.getTime());
    }

    const client = new pg.Client({ connectionString: testDb().ownerUrl });
    await client.connect();
    try {
      expect((await verifyLedger(client)).breaks).toEqual([]);
    } finally {
      await client.end();
    }

    const before = { batches: await db.paymentBatch.count(), transactions: await db.ledgerTransaction.count() };
    expect(await seedDemoPayments(db, () => {}, now)).toBe(0);
    expect({ batches: await db.paymentBatch.count(), transactions: await db.ledgerTransaction.count() }).toEqual(before);
  });
});
