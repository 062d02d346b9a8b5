import "server-only";
// Expired, unredeemed vouchers (docs/vouchers.md): the provider's redemption report said every
// voucher of the payment expired unused. Finance cancels it, which puts its money back as
// committed to the same award (lib/payments/lifecycle.ts: cancel from EXPIRED recommits), and pays
// it again in the same transaction, by the same method and provider or another, as a new payment
// that replaces it (lib/payments/create-payment.ts) — no new application, no new decision. Or
// cancels only, and the officer pays it again later from the case.
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { createPayment } from "@/lib/payments/create-payment";
import { isVoucherMethod, type TPaymentMethod } from "@/lib/payments/lifecycle";
import { readPayment, transitionPayment } from "@/lib/payments/transition";
import type { TCancelExpiredInput } from "@/lib/payments/voucher-schemas";

export type TExpiredVoucherRow = {
  id: string;
  reference: string;
  caseId: string;
  caseReference: string;
  method: TPaymentMethod;
  amountPence: bigint;
  providerName: string | null;
  expiredAt: Date;
  hasBankDetails: boolean;
};

/** Payments whose vouchers all expired unused, oldest first (payments:manage). */
export async function listExpiredVouchers(actor: TActor): Promise<TExpiredVoucherRow[] | null> {
  if (!can(actor, "payments:manage")) return null;
  return withTenantSql(actor.council.id, async (sql) => {
    const rows = await sql.db
      .selectFrom("Payment as pm")
      .innerJoin("Case as c", "c.id", "pm.caseId")
      .innerJoin("Application as a", "a.id", "c.applicationId")
      .leftJoin("PaymentBatch as b", "b.id", "pm.batchId")
      .leftJoin("VoucherProvider as vp", (j) => j.on((eb) => eb("vp.id", "=", eb.fn.coalesce("pm.voucherProviderId", "b.voucherProviderId"))))
      .select(["pm.id", "pm.reference", "pm.caseId", "c.reference as caseReference", "pm.method", "pm.amountPence", "vp.name as providerName", "pm.updatedAt as expiredAt", "a.bankDetailsEnc"])
      .where("pm.status", "=", "EXPIRED")
      .orderBy("pm.updatedAt")
      .orderBy("pm.reference")
      .limit(500)
      .execute();
    return rows.map(({ bankDetailsEnc, ...r }) => ({ ...r, hasBankDetails: Boolean(bankDetailsEnc) }));
  });
}

export type TCancelExpiredResult =
  | { outcome: "cancelled"; reference: string; newPayment: { id: string; reference: string } | null }
  | { outcome: "not-expired" }
  | { outcome: "no-bank-details" }
  | { outcome: "not-found" }
  | { outcome: "forbidden" };

/** Cancels an expired voucher payment (its money committed to the award again) and, unless "none", pays it again. */
export async function cancelExpiredVoucher(actor: TActor, input: TCancelExpiredInput, ip: string | null = null): Promise<TCancelExpiredResult> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  const tenantId = councilIdOf(actor);
  return withTenantSql(
    tenantId,
    async (sql) => {
      const payment = await readPayment(sql, input.paymentId);
      if (!payment) return { outcome: "not-found" as const };
      if (payment.status !== "EXPIRED") return { outcome: "not-expired" as const };
      const old = await sql.db
        .selectFrom("Payment as pm")
        .innerJoin("Case as c", "c.id", "pm.caseId")
        .innerJoin("Application as a", "a.id", "c.applicationId")
        .leftJoin("PaymentBatch as b", "b.id", "pm.batchId")
        .select(["pm.voucherProviderId", "b.voucherProviderId as batchProviderId", "pm.deliverChannel", "pm.deliverTo", "a.bankDetailsEnc"])
        .where("pm.id", "=", payment.id)
        .executeTakeFirstOrThrow();
      const method: TPaymentMethod | null = input.reissueAs === "none" ? null : input.reissueAs === "same" ? payment.method : input.reissueAs;
      if (method === "BANK_TRANSFER" && !old.bankDetailsEnc) return { outcome: "no-bank-details" as const };
      // Cancelling first (it locks the case through the resident-view writer, as createPayment needs).
      const cancelled = await transitionPayment(sql, actor, payment, "cancel", { reason: input.reason });
      if (cancelled.outcome === "changed" || cancelled.outcome === "not-allowed") return { outcome: "not-expired" as const };
      if (cancelled.outcome !== "done") return { outcome: "forbidden" as const };
      await sql.db.updateTable("PaymentVoucher").set({ state: "CANCELLED" }).where("paymentId", "=", payment.id).where("state", "=", "EXPIRED").execute();
      const same = input.reissueAs === "same";
      const newPayment = method
        ? await createPayment(sql, actor, {
            awardId: payment.awardId,
            method,
            replacesPaymentId: payment.id,
            voucherProviderId: same ? (old.voucherProviderId ?? old.batchProviderId) : null,
            deliverChannel: isVoucherMethod(method) ? old.deliverChannel as "SMS" | "EMAIL" | null : null,
            deliverTo: isVoucherMethod(method) ? old.deliverTo : null,
          })
        : null;
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "vouchers.expired-cancelled",
        entityType: "Payment",
        entityId: payment.id,
        summary: `Cancelled expired voucher payment ${payment.reference} (${input.reason})${newPayment ? `; paid again as ${newPayment.reference} (${method})` : "; not paid again yet"}`,
        metadata: { reason: input.reason, reissueAs: input.reissueAs, newPaymentId: newPayment?.id ?? null },
        ip,
      });
      return { outcome: "cancelled" as const, reference: payment.reference, newPayment };
    },
    actorUserId(actor),
  );
}
