// The payments pages' forms, checked on the server (staff pages: English words).
import { z } from "zod";

const trimmed = (max: number, required: string, tooLong: string) => z.string().trim().min(1, required).max(max, tooLong);

/** The council's Bacs identity and bank account (PaymentSettings). The account is also modulus-checked (lib/payments/settings.ts). */
export const ZPaymentSettingsForm = z.strictObject({
  serviceUserNumber: z
    .string()
    .trim()
    .min(1, "Enter the Bacs service user number")
    .regex(/^\d{6}$/, "The Bacs service user number must be 6 digits, like 123456"),
  serviceUserName: trimmed(18, "Enter the service user name", "The service user name must be 18 characters or fewer").regex(
    /^[A-Za-z0-9.&/\- ]+$/,
    "The service user name can only include letters, numbers, spaces and . & / -",
  ),
  originatingSortCode: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, "Enter the sort code of the council's account").regex(/^\d{6}$/, "The sort code must be 6 digits, like 30-99-50")),
  originatingAccountNumber: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, "Enter the account number of the council's account").regex(/^\d{8}$/, "The account number must be 8 digits")),
  // The account name goes into every Standard 18 contra record: Bacs characters only, as the service user name.
  originatingAccountName: trimmed(18, "Enter the name of the council's account", "The account name must be 18 characters or fewer").regex(
    /^[A-Za-z0-9.&/\- ]+$/,
    "The account name can only include letters, numbers, spaces and . & / -",
  ),
  bankFileFormat: z.enum(["STANDARD18", "CSV"], { error: "Choose the file your bank takes" }),
});
export type TPaymentSettingsForm = z.output<typeof ZPaymentSettingsForm>;

/** Making a batch: the method, and optionally one fund and a last approval date (YYYY-MM-DD from the date boxes). */
export const ZCreateBatchForm = z.strictObject({
  method: z.enum(["BANK_TRANSFER", "CASH_VOUCHER", "SUPERMARKET_VOUCHER", "ENERGY_TOPUP", "SUPPLIER"], { error: "Choose how these payments are made" }),
  fundId: z.union([z.literal(""), z.uuid({ error: "Choose a fund from the list" })]).optional(),
  "approvedOnOrBefore-day": z.string().optional(),
  "approvedOnOrBefore-month": z.string().optional(),
  "approvedOnOrBefore-year": z.string().optional(),
});

/** A batch's own buttons (release, cancel). */
export const ZBatchForm = z.strictObject({ batchId: z.uuid({ error: "That batch does not exist" }) });
