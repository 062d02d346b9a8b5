// The demo's payments (issue 19): what the demo councils have really paid. After the demo queue
// (prisma/demo-queue.ts) has approved its awards — each approval made a READY payment — the
// awards approved more than PAY_AFTER_DAYS ago are paid as a finance team would have paid them:
// one batch per method per week of approval, created by a finance colleague and released by the
// demo approver (two people: segregation of duties), every payment moved by the one writer
// (lib/payments/transition.ts), so every penny "Spent" on a fund page is a payment that went out
// in a released batch, and `npm run ledger:verify` is clean. Then the banks and providers answer:
// bank payments of all but the newest batch are confirmed paid, one is returned (account closed,
// its money committed to its award again, ready to pay another way); vouchers are issued, and the
// older ones redeemed. The newest approvals stay READY, for the "ready to pay" page.
//
// Batches are created and released here through sendInBatch, a stand-in for lib/payments/
// batches.ts (createBatch / releaseBatch) until that lands: the same state changes through the
// same writer, without the files.
//
// Idempotent: a council that has any payment batch is left alone. Runs in the demo queue's child
// process (server-only services, `--conditions=react-server`).
import { sql as q } from "kysely";
import { staffActor, type TMemberActor, type TStaffActor } from "@/lib/actor";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { TSql } from "@/lib/db/sql";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isVoucherMethod, type TPaymentAction, type TPaymentMethod } from "@/lib/payments/lifecycle";
import { readPayment, transitionPayment } from "@/lib/payments/transition";
import { DEMO_COUNCILS } from "./demo-data";
import { PAY_AFTER_DAYS } from "./demo-queue-state";
import { addMembership, asOwnerInCouncil, createUser } from "./factories";

/** The finance colleague who makes up the batches (the demo approver releases them). */
export const DEMO_FINANCE: Record<string, { email: string; name: string }> = {
  hackwell: { email: "finance.okoro@hackwell.example", name: "Chidi Okoro" },
  fenshire: { email: "finance.webb@fenshire.example", name: "Rachel Webb" },
};

function done(what: string, r: { outcome: string }): void {
  if (r.outcome !== "done") throw new Error(`demo payments: ${what}: ${r.outcome}`);
}

async function move(sql: TSql, actor: TMemberActor, paymentId: string, action: TPaymentAction, options: { batchId?: string; reason?: string } = {}): Promise<void> {
  const payment = await readPayment(sql, paymentId);
  if (!payment) throw new Error(`demo payments: no payment ${paymentId}`);
  done(`${action} ${payment.reference}`, await transitionPayment(sql, actor, payment, action, options));
}

/**
 * READY payments of one method made into a batch by `creator` and released (sent: the money
 * disbursed) by `releaser`. Stands in for createBatch + releaseBatch (lib/payments/batches.ts).
 */
export async function sendInBatch(creator: TMemberActor, releaser: TMemberActor, method: TPaymentMethod, paymentIds: readonly string[]): Promise<{ batchId: string; reference: string }> {
  if (creator.user.userId === releaser.user.userId) throw new Error("demo payments: the batch's creator cannot release it");
  const councilId = creator.council.id;
  const batch = await withTenantSql(
    councilId,
    async (sql) => {
      const payments = await sql.db.selectFrom("Payment").select(["id", "amountPence"]).where("id", "in", [...paymentIds]).where("status", "=", "READY").where("method", "=", method).execute();
      if (payments.length !== paymentIds.length) throw new Error(`demo payments: ${paymentIds.length - payments.length} of the ${paymentIds.length} payments are not ready to pay by ${method}`);
      const { n } = await sql.db.selectFrom("PaymentBatch").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      const row = await sql.db
        .insertInto("PaymentBatch")
        .values({
          id: q<string>`gen_random_uuid()`,
          tenantId: councilId,
          reference: `B-${String(Number(n) + 1).padStart(6, "0")}`,
          method,
          count: payments.length,
          totalPence: payments.reduce((s, p) => s + p.amountPence, 0n),
          selection: JSON.stringify({ all: true }),
          createdById: creator.user.userId,
        })
        .returning(["id", "reference"])
        .executeTakeFirstOrThrow();
      for (const p of payments) await move(sql, creator, p.id, "add-to-batch", { batchId: row.id });
      return row;
    },
    creator.user.userId,
  );
  await withTenantSql(
    councilId,
    async (sql) => {
      const released = await sql.db
        .updateTable("PaymentBatch")
        .set({ status: "RELEASED", releasedById: releaser.user.userId, releasedAt: q<Date>`now()` })
        .where("id", "=", batch.id)
        .where("status", "=", "CREATED")
        .returning("id")
        .execute();
      if (!released.length) throw new Error(`demo payments: batch ${batch.reference} not released`);
      for (const id of paymentIds) await move(sql, releaser, id, "send");
    },
    releaser.user.userId,
  );
  return { batchId: batch.id, reference: batch.reference };
}

/** One payment moved by the one writer in a transaction of its own (a bank's or provider's answer). */
export function settlePayment(actor: TMemberActor, paymentId: string, action: TPaymentAction, reason?: string): Promise<void> {
  return withTenantSql(actor.council.id, (sql) => move(sql, actor, paymentId, action, reason ? { reason } : {}), actor.user.userId);
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

type TDue = { id: string; method: TPaymentMethod; approvedAt: Date; week: string };

/** The demo councils' payment history (see the top of this file). Returns the payments sent. */
export async function seedDemoPayments(db: PrismaClient, log: (m: string) => void = console.log, now = new Date()): Promise<number> {
  if (process.env.NODE_ENV === "production") throw new Error("Refusing to seed demo data in production");
  let sent = 0;
  for (const c of DEMO_COUNCILS) {
    const tenant = await db.tenant.findUnique({ where: { slug: c.slug } });
    if (!tenant) continue;
    const started = Date.now();
    const due = await asOwnerInCouncil(db, tenant.id, async (tx) => {
      // The council named as well as in scope: the embedded owner is a superuser, whom row-level security does not limit.
      if ((await tx.paymentBatch.count({ where: { tenantId: tenant.id } })) > 0) return null;
      return tx.$queryRaw<TDue[]>`
        select pm.id, pm.method::text as method, a."approvedAt",
               to_char(date_trunc('week', a."approvedAt" at time zone 'UTC' at time zone 'Europe/London'), 'YYYY-MM-DD') as week
        from "Payment" pm join "Award" a on a.id = pm."awardId"
        where pm."tenantId" = ${tenant.id}::uuid and pm.status = 'READY' and a."approvedAt" <= ${new Date(now.getTime() - PAY_AFTER_DAYS * 86_400_000)}
        order by a."approvedAt", pm.reference`;
    });
    if (!due?.length) continue;
    const { creator, releaser } = await financeActors(db, tenant.id, c.slug);

    // One batch per method per week of approval, oldest first.
    const batches = new Map<string, TDue[]>();
    for (const d of due) batches.set(`${d.week} ${d.method}`, [...(batches.get(`${d.week} ${d.method}`) ?? []), d]);
    const made: { batchId: string; week: string; method: TPaymentMethod; payments: TDue[] }[] = [];
    for (const payments of batches.values()) {
      const { method, week } = payments[0]!;
      const { batchId } = await sendInBatch(creator, releaser, method, payments.map((p) => p.id));
      made.push({ batchId, week, method, payments });
    }

    // The answers: everything but each method's newest batch is settled; one bank payment returned.
    const newest = new Map(made.map((b) => [b.method, b.batchId]));
    let returned = false;
    for (const b of made) {
      const voucher = isVoucherMethod(b.method);
      for (const p of b.payments) {
        if (voucher) {
          await settlePayment(releaser, p.id, "issue");
          if (newest.get(b.method) !== b.batchId) await settlePayment(releaser, p.id, "redeem");
        } else if (newest.get(b.method) !== b.batchId) {
          if (!returned && b.method === "BANK_TRANSFER") {
            returned = true;
            await settlePayment(releaser, p.id, "return", "Account closed (ARUCS 0000 B)");
          } else await settlePayment(releaser, p.id, "confirm-paid");
        }
      }
    }
    await backdate(db, tenant.id, now);
    sent += due.length;
    log(`Demo payments: ${c.name}: ${due.length} payments in ${made.length} released batches${returned ? ", one returned" : ""} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  return sent;
}

/**
 * The batches and payments dated when a finance team would have done the work: a batch made the
 * day after its last approval (never later than an hour ago), released two hours later, its
 * vouchers issued a day after that and its payments settled three days after release; the cases'
 * payment events at those times. (The ledger
 * keeps its real posting times, as the demo queue's commitments do.)
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
  });
}
