// Bank details at rest (docs/suppliers.md): sealed with lib/security/crypto as the application's
// are ({accountName, sortCode, accountNumber, rollNumber} as JSON), with the account's last 4
// digits kept beside them for masked display ("ending 1234"). Opening them is for the bank file
// and for finance's audited "Show full details" only. And what a batch must leave out: payments
// whose bank details change waits for a second person (the same rule is a trigger in the
// database, migration 20261206093100_suppliers).
import { sql as q, type ExpressionBuilder } from "kysely";
import type { TBankDetails } from "@/lib/payments/supplier-schemas";
import type { DB } from "@/lib/generated/kysely/db";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";

export function sealBankDetails(bank: TBankDetails): { enc: string; last4: string } {
  return { enc: encryptSecret(JSON.stringify(bank)), last4: bank.accountNumber.slice(-4) };
}

/** The sealed details opened; null when there are none or they cannot be read. */
export function openBankDetails(enc: string | null | undefined): TBankDetails | null {
  if (!enc) return null;
  try {
    const b = JSON.parse(decryptSecret(enc)) as Partial<TBankDetails>;
    if (!b.sortCode || !b.accountNumber) return null;
    return { accountName: b.accountName ?? "", sortCode: b.sortCode, accountNumber: b.accountNumber, rollNumber: b.rollNumber ?? null };
  } catch {
    return null;
  }
}

/** "30-94-30" */
export function formatSortCode(sortCode: string): string {
  return sortCode.replace(/^(\d{2})(\d{2})(\d{2})$/, "$1-$2-$3");
}

/**
 * For the batch writer's selection (`.where(noPendingBankChange)` on "Payment as pm"): a payment
 * whose bank details change waits for a second person is held back, not batched (the database's
 * trigger refuses it otherwise, and the whole batch with it).
 */
export function noPendingBankChange(eb: ExpressionBuilder<DB & { pm: DB["Payment"] }, "pm">) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom("PaymentBankChange as pbc")
        .select("pbc.id")
        .whereRef("pbc.paymentId", "=", "pm.id")
        .where("pbc.status", "=", "PENDING"),
    ),
  );
}

/**
 * For the batch writer: a supplier payment may be batched only with a CHECKED supplier and the
 * resident's account reference (the database's trigger refuses it otherwise).
 */
export function supplierReady(eb: ExpressionBuilder<DB & { pm: DB["Payment"] }, "pm">) {
  return eb.or([
    eb("pm.method", "<>", "SUPPLIER"),
    eb.and([
      eb("pm.supplierAccountRef", "is not", null),
      eb.exists(eb.selectFrom("Supplier as sup").select("sup.id").whereRef("sup.id", "=", "pm.supplierId").where("sup.status", "=", "CHECKED")),
    ]),
  ]);
}

/**
 * The same two rules as one SQL condition on "Payment" aliased pm, for a batch writer that selects
 * in raw SQL: true when the payment may join a batch as far as its payee goes.
 */
export const payeeReadySql = q<boolean>`(not exists (select 1 from "PaymentBankChange" pbc where pbc."paymentId" = pm.id and pbc.status = 'PENDING')
  and (pm.method <> 'SUPPLIER' or (pm."supplierAccountRef" is not null
    and exists (select 1 from "Supplier" sup where sup.id = pm."supplierId" and sup.status = 'CHECKED'))))`;
