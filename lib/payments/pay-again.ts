// Paying an award line again after its payment was returned or rejected (issue 19,
// docs/reconciliation.md): the officer chooses the same or another method on the case page, and
// a new READY payment (createPayment, replacesPaymentId = the failed one) waits for finance's next
// batch. The money is still committed to the award (the failed payment's RECOMMIT), so no new
// decision is needed. Bank details typed again pass the modulus check (lib/banking/modulus.ts)
// and are sealed at once; without new ones a bank transfer goes to the account the award was
// decided with. Officers (cases:work) and finance (payments:manage) may do it; finance still
// batches and releases under segregation of duties (lib/payments/batches.ts).
import "server-only";
import { z } from "zod";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { checkUkBankAccount } from "@/lib/banking/modulus";
import { updateResidentView } from "@/lib/cases/resident-view-writer";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { createPayment } from "@/lib/payments/create-payment";
import { isLive, type TPaymentMethod, type TPaymentState } from "@/lib/payments/lifecycle";
import { PAYMENT_METHOD_WORDS } from "@/lib/payments/words";
import { encryptSecret } from "@/lib/security/crypto";
import { recordCaseEvent } from "@/lib/timeline/case-events";

/** How a line may be paid again from the case page ("supplier" needs a checked supplier: lib/payments suppliers). */
export const PAY_AGAIN_METHODS = ["bank", "voucher-sms", "voucher-email", "cash-voucher", "energy-topup"] as const;
export type TPayAgainMethod = (typeof PAY_AGAIN_METHODS)[number];
const METHOD: Record<TPayAgainMethod, { method: TPaymentMethod; deliverChannel: "SMS" | "EMAIL" | null }> = {
  bank: { method: "BANK_TRANSFER", deliverChannel: null },
  "voucher-sms": { method: "SUPERMARKET_VOUCHER", deliverChannel: "SMS" },
  "voucher-email": { method: "SUPERMARKET_VOUCHER", deliverChannel: "EMAIL" },
  "cash-voucher": { method: "CASH_VOUCHER", deliverChannel: null },
  "energy-topup": { method: "ENERGY_TOPUP", deliverChannel: null },
};
export const PAY_AGAIN_METHOD_WORDS: Readonly<Record<TPayAgainMethod, string>> = {
  bank: "Bank transfer",
  "voucher-sms": "Supermarket e-voucher by text message",
  "voucher-email": "Supermarket e-voucher by email",
  "cash-voucher": "Cash-out voucher",
  "energy-topup": "Energy prepayment top-up",
};

const text = (max: number) => z.string().trim().max(max).optional().default("");
export const ZPayAgain = z.object({
  method: z.enum(PAY_AGAIN_METHODS, { error: "Choose how to pay it this time" }),
  accountName: text(70),
  sortCode: text(20),
  accountNumber: text(20),
  rollNumber: text(18),
});
export type TPayAgainInput = z.input<typeof ZPayAgain>;
export type TPayAgainErrors = Partial<Record<"method" | "accountName" | "sortCode" | "accountNumber", string>>;

export type TPayAgainResult =
  | { outcome: "created"; paymentId: string; reference: string }
  | { outcome: "invalid"; errors: TPayAgainErrors }
  /** The payment is not returned or rejected, or a newer payment already pays the line. */
  | { outcome: "not-failed"; status: TPaymentState }
  | { outcome: "already-paying"; reference: string }
  | { outcome: "award-not-approved" }
  | { outcome: "not-found" }
  | { outcome: "forbidden" };

const BANK_PROBLEM = {
  "sort-code-format": ["sortCode", "Enter a valid sort code, like 309430"],
  "account-number-format": ["accountNumber", "Enter a valid account number, like 00733445 (6 to 10 digits)"],
  "failed-modulus-check": ["accountNumber", "This sort code and account number do not belong together. Check them with the resident"],
} as const;

/** The form checked: bank details only for a bank transfer, all three or none (none: the account the award was decided with). Pure. */
export function checkPayAgain(raw: unknown): { ok: true; method: TPayAgainMethod; bank: { accountName: string; sortCode: string; accountNumber: string; rollNumber: string | null } | null } | { ok: false; errors: TPayAgainErrors } {
  const parsed = ZPayAgain.safeParse(raw);
  if (!parsed.success) {
    const errors: TPayAgainErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "method") as keyof TPayAgainErrors;
      errors[key] ??= key === "method" ? "Choose how to pay it this time" : "This is too long";
    }
    return { ok: false, errors };
  }
  const v = parsed.data;
  if (v.method !== "bank") return { ok: true, method: v.method, bank: null };
  const typed = [v.accountName, v.sortCode, v.accountNumber].filter(Boolean).length;
  if (!typed) return { ok: true, method: v.method, bank: null };
  const errors: TPayAgainErrors = {};
  if (!v.accountName) errors.accountName = "Enter the name on the account";
  if (!v.sortCode) errors.sortCode = "Enter the sort code";
  if (!v.accountNumber) errors.accountNumber = "Enter the account number";
  if (Object.keys(errors).length) return { ok: false, errors };
  const check = checkUkBankAccount({ sortCode: v.sortCode, accountNumber: v.accountNumber });
  if (!check.ok) {
    const [field, message] = BANK_PROBLEM[check.problem];
    return { ok: false, errors: { [field]: message } };
  }
  return { ok: true, method: v.method, bank: { accountName: v.accountName, sortCode: check.sortCode, accountNumber: check.accountNumber, rollNumber: v.rollNumber || null } };
}

/** Lines of a case whose latest payment was returned or rejected and nothing pays them now (for the case page). */
export async function failedPaymentsOf(sql: TSql, caseId: string) {
  const rows = await sql.db
    .selectFrom("Payment as pm")
    .innerJoin("Award as a", "a.id", "pm.awardId")
    .select(["pm.id", "pm.awardId", "pm.reference", "pm.method", "pm.status", "pm.amountPence", "pm.outcomeReason", "pm.settledAt", "pm.bankLast4", "a.status as awardStatus", "a.needCategory"])
    .where("pm.caseId", "=", caseId)
    .orderBy("pm.createdAt")
    .orderBy("pm.id")
    .execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.awardId, r);
  return [...latest.values()].filter((r) => (r.status === "RETURNED" || r.status === "REJECTED") && r.awardStatus === "APPROVED");
}

/** See the file comment. */
export async function payAgain(actor: TActor, input: { caseId: string; paymentId: string; form: unknown }): Promise<TPayAgainResult> {
  if (!can(actor, "cases:work") && !can(actor, "payments:manage")) return { outcome: "forbidden" };
  if (!/^[0-9a-f-]{36}$/i.test(input.caseId) || !/^[0-9a-f-]{36}$/i.test(input.paymentId)) return { outcome: "not-found" };
  const checked = checkPayAgain(input.form);
  if (!checked.ok) return { outcome: "invalid", errors: checked.errors };
  return withTenantSql(
    councilIdOf(actor),
    async (sql) => {
      // The case row locked first (createPayment numbers the reference per case; see its comment).
      const locked = await sql.db.selectFrom("Case").select("id").where("id", "=", input.caseId).forUpdate().executeTakeFirst();
      if (!locked) return { outcome: "not-found" };
      const failed = await sql.db
        .selectFrom("Payment as pm")
        .innerJoin("Award as a", "a.id", "pm.awardId")
        .select(["pm.id", "pm.awardId", "pm.reference", "pm.method", "pm.status", "pm.bankDetailsEnc", "pm.supplierId", "pm.supplierAccountRef", "a.status as awardStatus"])
        .where("pm.id", "=", input.paymentId)
        .where("pm.caseId", "=", input.caseId)
        .executeTakeFirst();
      if (!failed) return { outcome: "not-found" };
      if (failed.status !== "RETURNED" && failed.status !== "REJECTED") return { outcome: "not-failed", status: failed.status };
      if (failed.awardStatus !== "APPROVED") return { outcome: "award-not-approved" };
      const live = await sql.db.selectFrom("Payment").select(["reference", "status"]).where("awardId", "=", failed.awardId).execute();
      const paying = live.find((p) => isLive(p.status));
      if (paying) return { outcome: "already-paying", reference: paying.reference };
      const { method, deliverChannel } = METHOD[checked.method];
      // A bank transfer without new details: the account the award was decided with (createPayment's default).
      const bankDetailsEnc = checked.bank ? encryptSecret(JSON.stringify(checked.bank)) : undefined;
      const made = await createPayment(sql, actor, { awardId: failed.awardId, method, deliverChannel, ...(bankDetailsEnc ? { bankDetailsEnc } : {}), replacesPaymentId: failed.id });
      await recordCaseEvent(sql, actor, input.caseId, "payment.pay-again", {
        paymentId: made.id,
        reference: made.reference,
        replaces: failed.reference,
        method,
        methodWords: PAY_AGAIN_METHOD_WORDS[checked.method],
        newBankDetails: Boolean(checked.bank),
      });
      await recordAuditSql(sql, {
        tenantId: councilIdOf(actor),
        actor,
        action: "payment.pay-again",
        entityType: "Payment",
        entityId: made.id,
        summary: `Pay again: ${made.reference} (${PAYMENT_METHOD_WORDS[method]}${checked.bank ? ", new bank details" : ""}) replaces ${failed.reference} (${failed.status.toLowerCase()})`,
        metadata: { replaces: failed.id, method, newBankDetails: Boolean(checked.bank), by: actorUserId(actor) },
      });
      await updateResidentView(sql, actor, input.caseId);
      return { outcome: "created", paymentId: made.id, reference: made.reference };
    },
    actorUserId(actor),
  );
}

/** The case page's "Payment returned" section: its lines to pay again (empty without cases:read). */
export async function loadReturnedPayments(actor: TActor, caseId: string) {
  if (!can(actor, "cases:read") || !/^[0-9a-f-]{36}$/i.test(caseId)) return [];
  return withTenantSql(councilIdOf(actor), (sql) => failedPaymentsOf(sql, caseId), actorUserId(actor));
}
