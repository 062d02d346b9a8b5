// The demo's payments (issue 19): what the demo councils have really paid. After the demo queue
// (prisma/demo-queue.ts) has approved its awards — each approval made a READY payment — the
// awards approved more than PAY_AFTER_DAYS ago are paid as a finance team would have paid them,
// through the payments library itself: one batch per method per week of approval, made by a
// finance colleague (createBatch, its file built and stored) and released by the demo approver
// (releaseBatch: two people, segregation of duties), so every penny "Spent" on a fund page is a
// payment that went out in a released batch, and `npm run ledger:verify` is clean. Then the
// answers: the bank's report of each bank batch but the newest is imported and applied
// (previewReconciliation, applyReconciliation), every payment paid but one in the oldest, returned
// (account closed: its money committed to its award again, the case back with its officer to pay
// another way); vouchers are issued and the older ones redeemed through the one payments writer
// (the provider's files come with the vouchers work). The newest approvals stay READY, for the
// "ready to pay" page. A council without Bacs settings gets the demo's (a made-up service user
// number and account).
//
// Idempotent: a council that has any payment batch is left alone. Runs in the demo queue's child
// process (server-only services, `--conditions=react-server`).
import { staffActor, type TMemberActor, type TStaffActor } from "@/lib/actor";
import { nextBacsProcessingDay } from "@/lib/banking/bacs-standard18";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { TSql } from "@/lib/db/sql";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createBatch, releaseBatch } from "@/lib/payments/batches";
import { checkUkBankAccount } from "@/lib/banking/modulus";
import { isVoucherMethod, type TPaymentAction, type TPaymentMethod } from "@/lib/payments/lifecycle";
import { applyReconciliation, previewReconciliation } from "@/lib/payments/reconciliation";
import { readPayment, transitionPayment } from "@/lib/payments/transition";
import { DEMO_COUNCILS } from "./demo-data";
import { PAY_AFTER_DAYS } from "./demo-queue-state";
import { addMembership, asOwnerInCouncil, createUser } from "./factories";

/** The finance colleague who makes up the batches (the demo approver releases them). */
export const DEMO_FINANCE: Record<string, { email: string; name: string }> = {
  hackwell: { email: "finance.okoro@hackwell.example", name: "Chidi Okoro" },
  fenshire: { email: "finance.webb@fenshire.example", name: "Rachel Webb" },
};

/** The demo councils' Bacs identity, when they have none (a made-up service user number; the account passes the modulus check). */
export const DEMO_BANK_SETTINGS: Record<string, { serviceUserNumber: string; serviceUserName: string; originatingAccountName: string }> = {
  hackwell: { serviceUserNumber: "412345", serviceUserName: "LB HACKWELL", originatingAccountName: "HACKWELL CRF" },
  fenshire: { serviceUserNumber: "498765", serviceUserName: "FENSHIRE CC", originatingAccountName: "FENSHIRE CRF" },
};

/** One payment moved by the one writer in a transaction of its own (a provider's answer about a voucher). */
export function settlePayment(actor: TMemberActor, paymentId: string, action: TPaymentAction, reason?: string): Promise<void> {
  return withTenantSql(
    actor.council.id,
    async (sql: TSql) => {
      const payment = await readPayment(sql, paymentId);
      if (!payment) throw new Error(`demo payments: no payment ${paymentId}`);
      const r = await transitionPayment(sql, actor, payment, action, reason ? { reason } : {});
      if (r.outcome !== "done") throw new Error(`demo payments: ${action} ${payment.reference}: ${r.outcome}`);
    },
    actor.user.userId,
  );
}

async function financeActors(db: PrismaClient, tenantId: string, slug: string): Promise<{ creator: TStaffActor; releaser: TStaffActor }> {
  const council = DEMO_COUNCILS.find((c) => c.slug === slug)!;
  const finance = DEMO_FINANCE[slug]!;
  const colleague = (await db.user.findUnique({ where: { email: finance.email } })) ?? (await createUser(db, { email: finance.email, name: finance.name, password: null, mfa: false }));
  if (!(await db.membership.findFirst({ where: { tenantId, userId: colleague.id } }))) await addMembership(db, tenantId, colleague.id, "APPROVER");
  const approverEmail = council.staff.find((s) => s.role === "APPROVER")!.email;
  const approver = await db.user.findUniqueOrThrow({ where: { email: approverEmail } });
  const council_ = { id: tenantId };
  return {
    creator: staffActor({ council: council_, user: { userId: colleague.id, email: finance.email }, roles: ["APPROVER"] }),
    releaser: staffActor({ council: council_, user: { userId: approver.id, email: approverEmail }, roles: ["APPROVER"] }),
  };
}

type TDue = { id: string; reference: string; amountPence: bigint; method: TPaymentMethod; week: string };

/** The demo councils' payment history (see the top of this file). Returns the payments sent. */
export async function seedDemoPayments(db: PrismaClient, log: (m: string) => void = console.log, now = new Date()): Promise<number> {
  if (process.env.NODE_ENV === "production") throw new Error("Refusing to seed demo data in production");
  const cutoffDay = londonIsoDate(new Date(now.getTime() - PAY_AFTER_DAYS * 86_400_000));
  let sent = 0;
  for (const c of DEMO_COUNCILS) {
    const tenant = await db.tenant.findUnique({ where: { slug: c.slug } });
    if (!tenant) continue;
    const started = Date.now();
    // The council named as well as in scope: the embedded owner is a superuser, whom row-level security does not limit.
    const due = await asOwnerInCouncil(db, tenant.id, async (tx) => {
      if ((await tx.paymentBatch.count({ where: { tenantId: tenant.id } })) > 0) return null;
      return tx.$queryRaw<TDue[]>`
        select pm.id, pm.reference, pm."amountPence", pm.method::text as method,
               to_char(date_trunc('week', a."approvedAt" at time zone 'UTC' at time zone 'Europe/London') + interval '6 days', 'YYYY-MM-DD') as week
        from "Payment" pm join "Award" a on a.id = pm."awardId"
        where pm."tenantId" = ${tenant.id}::uuid and pm.status = 'READY'
          and (a."approvedAt" at time zone 'UTC' at time zone 'Europe/London')::date <= ${cutoffDay}::date
        order by a."approvedAt", pm.reference`;
    });
    if (!due?.length) continue;
    const { creator, releaser } = await financeActors(db, tenant.id, c.slug);
    if (!(await db.paymentSettings.findUnique({ where: { tenantId: tenant.id } }))) {
      const own = demoCouncilAccount(c.slug);
      await asOwnerInCouncil(db, tenant.id, (tx) => tx.paymentSettings.create({ data: { tenantId: tenant.id, ...DEMO_BANK_SETTINGS[c.slug]!, originatingSortCode: own.sortCode, originatingAccountNumber: own.accountNumber } }));
    }

    // One batch per method per week of approval, oldest first: each takes what was approved by the
    // end of its week (the earlier weeks' payments are in their batches already).
    const weeks = [...new Set(due.map((d) => d.week))].sort();
    const made: { batchId: string; reference: string; method: TPaymentMethod }[] = [];
    for (const week of weeks)
      for (const method of [...new Set(due.filter((d) => d.week === week).map((d) => d.method))].sort()) {
        const batch = await createBatch(creator, { method, approvedOnOrBefore: week < cutoffDay ? week : cutoffDay });
        if (batch.outcome === "nothing-to-pay") continue;
        if (batch.outcome !== "created") throw new Error(`demo payments: ${c.slug}: createBatch ${method}: ${JSON.stringify(batch)}`);
        const released = await releaseBatch(releaser, batch.batchId);
        if (released.outcome !== "released") throw new Error(`demo payments: ${c.slug}: releaseBatch ${batch.reference}: ${released.outcome}`);
        made.push({ batchId: batch.batchId, reference: batch.reference, method });
      }

    // The answers: the bank's report of every bank batch but the newest (one payment returned),
    // the provider's codes for every voucher and the redemptions of all but the newest batch.
    const newest = new Map(made.map((b) => [b.method, b.batchId]));
    let returned = 0;
    for (const b of made) {
      const payments = await asOwnerInCouncil(db, tenant.id, (tx) => tx.payment.findMany({ where: { tenantId: tenant.id, batchId: b.batchId }, orderBy: { reference: "asc" }, select: { id: true, reference: true, amountPence: true } }));
      if (isVoucherMethod(b.method)) {
        for (const p of payments) {
          await settlePayment(releaser, p.id, "issue");
          if (newest.get(b.method) !== b.batchId) await settlePayment(releaser, p.id, "redeem");
        }
        continue;
      }
      if (newest.get(b.method) === b.batchId) continue;
      const back = returned === 0 && b.method === "BANK_TRANSFER" ? payments[0]!.reference : null;
      const pounds = (p: bigint) => `${p / 100n}.${(p % 100n).toString().padStart(2, "0")}`;
      const report = ["reference,amount,outcome,reason", ...payments.map((p) => `${p.reference},${pounds(p.amountPence)},${p.reference === back ? "returned,Account closed (ARUCS 0000 B)" : "paid,"}`)].join("\n") + "\n";
      const preview = await previewReconciliation(releaser, { fileName: `${b.reference}-bank-report.csv`, content: Buffer.from(report), kind: "bank" });
      if (preview.outcome !== "previewed" || preview.counts.exception > 0) throw new Error(`demo payments: ${c.slug}: the bank's report of ${b.reference}: ${JSON.stringify(preview.outcome === "previewed" ? preview.counts : preview)}`);
      const applied = await applyReconciliation(releaser, preview.importId);
      if (applied.outcome !== "applied") throw new Error(`demo payments: ${c.slug}: applying the report of ${b.reference}: ${applied.outcome}`);
      returned += applied.returned;
    }
    await backdate(db, tenant.id, now);
    sent += due.length;
    log(`Demo payments: ${c.name}: ${due.length} payments in ${made.length} released batches${returned ? `, ${returned} returned` : ""} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  return sent;
}

/** A made-up account for the council's own (the first number from a seed that passes the modulus check). */
function demoCouncilAccount(slug: string): { sortCode: string; accountNumber: string } {
  const sortCode = slug === "hackwell" ? "089999" : "200000";
  for (let n = slug === "hackwell" ? 66_374_958 : 41_000_000; ; n++) {
    const check = checkUkBankAccount({ sortCode, accountNumber: String(n) });
    if (check.ok) return { sortCode: check.sortCode, accountNumber: check.accountNumber };
  }
}

/**
 * The batches and payments dated when a finance team would have done the work: a batch made the
 * day after its last approval (never later than an hour ago), released two hours later, its
 * vouchers issued a day after that and its payments settled three days after release; the cases'
 * payment events and the bank reports' imports at those times, a bank batch's Bacs processing
 * day the one its making day gives. (The ledger keeps its real posting times, as the demo queue's
 * commitments do, and a batch's stored file the day it was really built.)
 */
async function backdate(db: PrismaClient, tenantId: string, now: Date): Promise<void> {
  // Each statement names the council: the embedded owner is a superuser, whom row-level security does not limit.
  await asOwnerInCouncil(db, tenantId, async (tx) => {
    const cap = new Date(now.getTime() - 3_600_000);
    await tx.$executeRaw`
      with b as (
        select b.id, least(max(a."approvedAt") + interval '1 day', ${cap}::timestamp - interval '2 hours') as made
        from "PaymentBatch" b join "Payment" pm on pm."batchId" = b.id join "Award" a on a.id = pm."awardId" where b."tenantId" = ${tenantId}::uuid group by b.id)
      update "PaymentBatch" x set "createdAt" = b.made, "releasedAt" = b.made + interval '2 hours' from b where b.id = x.id`;
    await tx.$executeRaw`
      update "Payment" pm set "sentAt" = b."releasedAt",
        "settledAt" = case when pm."settledAt" is null then null else least(b."releasedAt" + interval '3 days', ${cap}::timestamp) end,
        "updatedAt" = coalesce(least(b."releasedAt" + interval '3 days', ${cap}::timestamp), b."releasedAt")
      from "PaymentBatch" b where b.id = pm."batchId" and pm."tenantId" = ${tenantId}::uuid`;
    await tx.$executeRaw`
      update "CaseEvent" e set "createdAt" = case e.kind when 'payment.sent' then pm."sentAt"
          when 'payment.issued' then least(pm."sentAt" + interval '1 day', ${cap}::timestamp - interval '1 minute')
          else coalesce(pm."settledAt", least(pm."sentAt" + interval '3 days', ${cap}::timestamp)) end
      from "Payment" pm where pm."tenantId" = ${tenantId}::uuid and e."tenantId" = pm."tenantId" and e."caseId" = pm."caseId" and pm.id::text = e.data->>'paymentId'
        and e.kind like 'payment.%' and pm."sentAt" is not null`;
    await tx.$executeRaw`
      with i as (select l."importId", max(pm."settledAt") as at from "ReconciliationLine" l join "Payment" pm on pm.id = l."paymentId"
                 where l."tenantId" = ${tenantId}::uuid group by 1)
      update "ReconciliationImport" x set "createdAt" = i.at - interval '10 minutes', "appliedAt" = i.at from i where i."importId" = x.id and i.at is not null`;
    const bank = await tx.paymentBatch.findMany({ where: { tenantId, processingDay: { not: null } }, select: { id: true, createdAt: true } });
    for (const b of bank) await tx.paymentBatch.update({ where: { id: b.id }, data: { processingDay: new Date(`${nextBacsProcessingDay(b.createdAt)}T00:00:00Z`) } });
  });
}
