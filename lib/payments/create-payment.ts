// Makes the payment that pays an award line: when the line is approved (from the award's method
// and the bank details the application gave, still sealed), and again, by the same or another
// method, when a payment was returned, rejected or expired (replacesPaymentId). At most one live
// payment per award (a unique index); the reference is the case's with a number, unique per
// council and at most 18 characters (a Bacs reference). Call with the case row locked (the
// resident-view writer locks it), so two lines of one case never take the same number.
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import type { TSql } from "@/lib/db/sql";
import { paymentMethodOfAward, type TPaymentMethod } from "@/lib/payments/lifecycle";
import { decryptSecret } from "@/lib/security/crypto";

export type TNewPayment = {
  awardId: string;
  method?: TPaymentMethod;
  deliverChannel?: "SMS" | "EMAIL" | null;
  deliverTo?: string | null;
  bankDetailsEnc?: string | null;
  supplierId?: string | null;
  supplierAccountRef?: string | null;
  voucherProviderId?: string | null;
  replacesPaymentId?: string | null;
};

/** The last 4 digits of sealed bank details, for masked display (null if none or unreadable). */
export function lastFourOf(bankDetailsEnc: string | null | undefined): string | null {
  if (!bankDetailsEnc) return null;
  try {
    const details = JSON.parse(decryptSecret(bankDetailsEnc)) as { accountNumber?: string };
    return details.accountNumber ? details.accountNumber.replace(/\D/g, "").slice(-4) : null;
  } catch {
    return null;
  }
}

export async function createPayment(sql: TSql, actor: TActor, input: TNewPayment): Promise<{ id: string; reference: string }> {
  const award = await sql.db
    .selectFrom("Award as a")
    .innerJoin("Case as c", "c.id", "a.caseId")
    .innerJoin("Application as ap", "ap.id", "c.applicationId")
    .select(["a.id", "a.caseId", "a.amountPence", "a.paymentMethod", "c.reference as caseReference", "ap.bankDetailsEnc"])
    .where("a.id", "=", input.awardId)
    .executeTakeFirstOrThrow();
  const fromAward = paymentMethodOfAward(award.paymentMethod);
  const method = input.method ?? fromAward.method;
  const bankDetailsEnc = method === "BANK_TRANSFER" ? (input.bankDetailsEnc !== undefined ? input.bankDetailsEnc : award.bankDetailsEnc) : null;
  const { n } = await sql.db.selectFrom("Payment").select((eb) => eb.fn.countAll<string>().as("n")).where("caseId", "=", award.caseId).executeTakeFirstOrThrow();
  const reference = `${award.caseReference}-${Number(n) + 1}`;
  const row = await sql.db
    .insertInto("Payment")
    .values({
      id: q<string>`gen_random_uuid()`,
      tenantId: councilIdOf(actor),
      awardId: award.id,
      caseId: award.caseId,
      reference,
      method,
      status: "READY",
      amountPence: award.amountPence,
      bankDetailsEnc,
      bankLast4: lastFourOf(bankDetailsEnc),
      supplierId: method === "SUPPLIER" ? (input.supplierId ?? null) : null,
      supplierAccountRef: method === "SUPPLIER" ? (input.supplierAccountRef ?? null) : null,
      voucherProviderId: input.voucherProviderId ?? null,
      deliverChannel: input.deliverChannel !== undefined ? input.deliverChannel : input.method ? null : fromAward.deliverChannel,
      deliverTo: input.deliverTo ?? null,
      replacesPaymentId: input.replacesPaymentId ?? null,
      createdById: actorUserId(actor),
      updatedAt: q<Date>`now()`,
    })
    .returning(["id", "reference"])
    .executeTakeFirstOrThrow();
  return row;
}
