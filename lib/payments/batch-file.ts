// What a batch's file builders take and give (lib/payments/bank-files.ts for bank transfers and
// suppliers, lib/payments/voucher-files.ts for vouchers). A file is built once, when its batch is
// created, and stored (PaymentBatchFile), so it downloads byte for byte the same ever after.
import type { TPaymentMethod } from "@/lib/payments/lifecycle";

export type TBatchForFiles = {
  id: string;
  reference: string;
  method: TPaymentMethod;
  voucherProviderId: string | null;
  /** Bank batches: the Bacs processing day (YYYY-MM-DD, a working day) and file serial. */
  processingDay: string | null;
  fileSerial: number | null;
  createdAt: Date;
};

export type TBatchFile = { kind: "bacs-standard18" | "bank-csv" | "voucher-csv"; fileName: string; mediaType: string; content: Buffer };
