// A voucher batch's file: the provider's bulk order CSV (docs/vouchers.md), built once when the
// batch is created (lib/payments/batches.ts stores it with the batch's other files), one row per
// voucher: a payment above the provider's per-voucher cap becomes several vouchers
// ("<payment reference>/1", "/2"…), each within the cap. The resident is reached where the
// payment says (deliverTo), else at the contact details of their application as corrected by
// officers (lib/cases/corrected-answers.ts): by text when the payment asks for it, or when the
// provider texts and no email was asked for. The codes import (lib/payments/voucher-imports.ts)
// reads this stored file back, so a response is checked against what was really ordered even if
// the provider's cap changed since.
import type { TSql } from "@/lib/db/sql";
import { correctedContact } from "@/lib/cases/corrected-answers";
import type { TBatchFile, TBatchForFiles } from "@/lib/payments/batch-file";
import type { TPaymentMethod } from "@/lib/payments/lifecycle";
import { PAYMENT_METHOD_WORDS } from "@/lib/payments/words";
import { orderCsv, orderRows, PROVIDER_KIND_OF_METHOD, type TOrderPayment } from "@/lib/payments/voucher-csv";

export type TBatchProvider = { id: string; name: string; kind: string; capPence: bigint; channels: string[] };

/**
 * The provider a voucher batch orders from: the one chosen, else the council's provider in use
 * for the method's kind (the first by name). Null: none (a batch cannot be made; name the setting).
 */
export async function voucherProviderForBatch(sql: TSql, method: TPaymentMethod, providerId: string | null): Promise<TBatchProvider | null> {
  const kind = PROVIDER_KIND_OF_METHOD[method];
  if (!kind) return null;
  let query = sql.db.selectFrom("VoucherProvider").select(["id", "name", "kind", "capPence", "channels"]).where("kind", "=", kind);
  query = providerId ? query.where("id", "=", providerId) : query.where("active", "=", true).orderBy("name");
  return (await query.executeTakeFirst()) ?? null;
}

/**
 * What a voucher batch lacks before it can be made, in words naming the setting (for
 * lib/payments/batches.ts to answer "not-configured" rather than fail in voucherBatchFiles).
 */
export async function missingVoucherSettings(sql: TSql, method: TPaymentMethod, providerId: string | null): Promise<string[]> {
  if (await voucherProviderForBatch(sql, method, providerId)) return [];
  return [`A voucher provider in use for ${PAYMENT_METHOD_WORDS[method].toLowerCase()} payments (Payments, Vouchers, Voucher providers)`];
}

/** Where a voucher payment's code goes: the payment's own channel and address, else the application's (as corrected). */
export function voucherContact(
  payment: { deliverChannel: string | null; deliverTo: string | null },
  contact: { email: string | null; mobile: string | null },
  providerChannels: readonly string[],
): { mobile: string | null; email: string | null } {
  if (payment.deliverChannel === "SMS") return { mobile: payment.deliverTo ?? contact.mobile, email: null };
  if (payment.deliverChannel === "EMAIL") return { mobile: null, email: payment.deliverTo ?? contact.email };
  if (providerChannels.includes("SMS") && contact.mobile) return { mobile: contact.mobile, email: null };
  if (providerChannels.includes("EMAIL") && contact.email) return { mobile: null, email: contact.email };
  return { mobile: contact.mobile, email: contact.email };
}

/** The batch's payments as the bulk order needs them, in reference order. */
async function orderPayments(sql: TSql, batchId: string, providerChannels: readonly string[]): Promise<TOrderPayment[]> {
  const payments = await sql.db
    .selectFrom("Payment as pm")
    .innerJoin("Case as c", "c.id", "pm.caseId")
    .innerJoin("Application as a", "a.id", "c.applicationId")
    .select(["pm.reference", "pm.amountPence", "pm.caseId", "pm.deliverChannel", "pm.deliverTo", "a.data"])
    .where("pm.batchId", "=", batchId)
    .orderBy("pm.reference")
    .execute();
  if (!payments.length) return [];
  const amendments = await sql.db
    .selectFrom("CaseAmendment")
    .select(["caseId", "field", "newValue"])
    .where("caseId", "in", [...new Set(payments.map((p) => p.caseId))])
    .where("field", "in", ["aboutYou.fullName", "aboutYou.email", "aboutYou.mobile"])
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .execute();
  const byCase = new Map<string, typeof amendments>();
  for (const a of amendments) byCase.set(a.caseId, [...(byCase.get(a.caseId) ?? []), a]);
  return payments.map((p) => {
    const contact = correctedContact(p.data, byCase.get(p.caseId) ?? []);
    return { reference: p.reference, amountPence: p.amountPence, recipientName: contact.fullName ?? "", ...voucherContact(p, contact, providerChannels) };
  });
}

function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "provider";
}

/** The bulk order file of a voucher batch (contract with lib/payments/batches.ts). Throws if the batch has no provider. */
export async function voucherBatchFiles(sql: TSql, batch: TBatchForFiles): Promise<TBatchFile[]> {
  const provider = await voucherProviderForBatch(sql, batch.method, batch.voucherProviderId);
  if (!provider) throw new Error(`voucherBatchFiles: batch ${batch.reference} has no voucher provider for ${batch.method}`);
  const rows = orderRows(await orderPayments(sql, batch.id, provider.channels), provider.capPence);
  return [{ kind: "voucher-csv", fileName: `${batch.reference}-${fileSafe(provider.name)}.csv`, mediaType: "text/csv; charset=utf-8", content: Buffer.from(orderCsv(rows), "utf8") }];
}
