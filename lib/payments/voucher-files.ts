// A voucher batch's file: the provider's bulk order as CSV, built once when the batch is made and
// stored like a bank file. MINIMAL VERSION (issue 19, helper B): one row a payment in a generic
// bulk format (our reference, amount, how the code is delivered and where). Helper C's branch
// (h19-vouchers) replaces this file with each provider's own format and per-voucher caps.
import "server-only";
import { csvField } from "@/lib/banking/bank-csv";
import type { TSql } from "@/lib/db/sql";
import type { TBatchFile, TBatchForFiles } from "@/lib/payments/batch-file";

const HEADER = ["Reference", "Amount", "Delivery", "Send to"];

export async function voucherBatchFiles(sql: TSql, batch: TBatchForFiles): Promise<TBatchFile[]> {
  const payments = await sql.db.selectFrom("Payment").select(["reference", "amountPence", "deliverChannel", "deliverTo"]).where("batchId", "=", batch.id).orderBy("reference").execute();
  const pounds = (p: bigint) => `${p / 100n}.${(p % 100n).toString().padStart(2, "0")}`;
  const rows = [HEADER, ...payments.map((p) => [p.reference, pounds(p.amountPence), p.deliverChannel ?? "", (p.deliverTo ?? "").replace(/^[=+\-@]+/, "")])];
  const text = rows.map((r) => r.map(csvField).join(",") + "\r\n").join("");
  return [{ kind: "voucher-csv", fileName: `${batch.reference}-vouchers.csv`, mediaType: "text/csv; charset=utf-8", content: Buffer.from(text, "utf8") }];
}
