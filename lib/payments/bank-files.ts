// The file a bank batch is paid with, built once when the batch is made (lib/payments/batches.ts)
// and stored (PaymentBatchFile), so it downloads byte for byte the same ever after: Bacs
// Standard 18 or the bank's CSV (lib/banking), whichever the council's bank takes
// (PaymentSettings.bankFileFormat). One file, never both: a second file for the same payments is
// a second chance to pay them twice. Each payee's bank details are opened here and only here.
import "server-only";
import { writeBankCsv } from "@/lib/banking/bank-csv";
import { writeStandard18, type TStandard18Line } from "@/lib/banking/bacs-standard18";
import { standardiseAccount } from "@/lib/banking/modulus";
import type { TSql } from "@/lib/db/sql";
import type { TBatchFile, TBatchForFiles } from "@/lib/payments/batch-file";
import { decryptSecret } from "@/lib/security/crypto";

/** The council's Bacs identity and account (PaymentSettings), every part present. */
export type TBankSettings = {
  serviceUserNumber: string;
  serviceUserName: string;
  originatingSortCode: string;
  originatingAccountNumber: string;
  originatingAccountName: string;
  bankFileFormat: "STANDARD18" | "CSV";
};

type TSealedBank = { accountName?: string; sortCode?: string; accountNumber?: string; rollNumber?: string | null };

/** One payment's line: the payee's details opened, the account standardised to the 8 digits Bacs pays. */
export function bankLine(p: { reference: string; amountPence: bigint; bankDetailsEnc: string | null }): TStandard18Line {
  if (!p.bankDetailsEnc) throw new Error(`Payment ${p.reference} has no bank details`);
  const bank = JSON.parse(decryptSecret(p.bankDetailsEnc)) as TSealedBank;
  const digits = (v: string | undefined) => (v ?? "").replace(/\D/g, "");
  const account = standardiseAccount(digits(bank.sortCode), digits(bank.accountNumber));
  // A building society's roll number goes in the reference, where the society looks for it (its
  // bank report then names the payment by the roll number: docs/payments.md, "Bank files").
  const reference = bank.rollNumber ? bank.rollNumber : p.reference;
  return { sortCode: account.sortCode, accountNumber: account.accountNumber, amountPence: p.amountPence, payeeName: bank.accountName ?? "", reference };
}

export async function bankBatchFiles(sql: TSql, batch: TBatchForFiles, settings: TBankSettings): Promise<TBatchFile[]> {
  const payments = await sql.db.selectFrom("Payment").select(["reference", "amountPence", "bankDetailsEnc"]).where("batchId", "=", batch.id).orderBy("reference").execute();
  const lines = payments.map(bankLine);
  if (settings.bankFileFormat === "CSV") {
    return [{ kind: "bank-csv", fileName: `${batch.reference}-bank.csv`, mediaType: "text/csv; charset=us-ascii", content: Buffer.from(writeBankCsv(lines), "ascii") }];
  }
  const text = writeStandard18({
    serviceUserNumber: settings.serviceUserNumber,
    serviceUserName: settings.serviceUserName,
    originating: { sortCode: settings.originatingSortCode, accountNumber: settings.originatingAccountNumber, name: settings.originatingAccountName },
    processingDay: batch.processingDay!,
    fileSerial: batch.fileSerial!,
    creationDate: batch.createdAt,
    lines,
  });
  return [{ kind: "bacs-standard18", fileName: `${batch.reference}-standard18.txt`, mediaType: "text/plain; charset=us-ascii", content: Buffer.from(text, "ascii") }];
}
