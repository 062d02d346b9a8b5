// Which part of the demo queue (prisma/demo-queue-plan.ts) is in the database yet. No server-only
// imports: scripts/start.ts asks demoQueueWorkLeft() before starting the seeder's child process.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_COUNCILS } from "./demo-data";
import { demoQueuePlan } from "./demo-queue-plan";
import { asOwnerInCouncil } from "./factories";

/** The cases of the plan that exist, and the ones still NEW that the plan takes further. */
export async function demoQueueState(db: PrismaClient, now = new Date()) {
  const councils = [];
  for (const c of DEMO_COUNCILS) {
    const tenant = await db.tenant.findUnique({ where: { slug: c.slug } });
    if (!tenant) continue;
    const plan = demoQueuePlan(c.slug, (c.settings as { referencePrefix: string }).referencePrefix, now);
    const rows = await asOwnerInCouncil(db, tenant.id, (tx) =>
      tx.$queryRaw<{ reference: string; status: string; id: string }[]>`select reference, status::text, id from "Case" where reference = any(${plan.map((p) => p.reference)}::text[])`,
    );
    const found = new Map(rows.map((r) => [r.reference, r]));
    const missing = plan.filter((p) => !found.has(p.reference));
    const toWork = plan.filter((p) => p.target !== "NEW" && (found.get(p.reference)?.status ?? "NEW") === "NEW");
    councils.push({ council: c, tenantId: tenant.id, plan, found, missing, toWork });
  }
  return councils;
}

/** True when some demo council lacks its queue (or part of it): scripts/start.ts then runs the seeder. */
export async function demoQueueWorkLeft(db: PrismaClient): Promise<boolean> {
  return (await demoQueueState(db)).some((c) => c.missing.length > 0 || c.toWork.length > 0);
}

/** The demo's payments (prisma/demo-payments.ts): awards approved at least this long ago have been paid. */
export const PAY_AFTER_DAYS = 3;

/** True when a demo council has awards due to have been paid and no payment batch yet (an install from before payments). */
export async function demoPaymentsWorkLeft(db: PrismaClient, now = new Date()): Promise<boolean> {
  for (const c of DEMO_COUNCILS) {
    const tenant = await db.tenant.findUnique({ where: { slug: c.slug } });
    if (!tenant) continue;
    const due = await asOwnerInCouncil(db, tenant.id, async (tx) =>
      (await tx.paymentBatch.count({ where: { tenantId: tenant.id } })) > 0 ? 0 : tx.payment.count({ where: { tenantId: tenant.id, status: "READY", award: { approvedAt: { lte: new Date(now.getTime() - PAY_AFTER_DAYS * 86_400_000) } } } }),
    );
    if (due > 0) return true;
  }
  return false;
}
