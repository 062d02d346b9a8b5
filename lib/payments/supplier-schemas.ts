// Input for the supplier list, a payment's supplier and a change of a payment's bank details
// (docs/suppliers.md): strict Zod schemas over the flat form fields. Every entry of bank details
// passes the UK modulus check (lib/banking/modulus.ts) and is kept standardised to the 6 + 8
// digits Bacs pays. Staff screens are English only: the messages are the words. Pure.
import { z } from "zod";
import { checkUkBankAccount } from "@/lib/banking/modulus";
import { zLine, zText } from "@/lib/forms/text";
import type { SupplierKind } from "@/lib/generated/prisma/enums";

export const SUPPLIER_KINDS = ["LANDLORD", "ENERGY", "RETAILER", "OTHER"] as const satisfies readonly SupplierKind[];

export const SUPPLIER_ERRORS = {
  expired: "This page has expired. Go back to the list and try again.",
  name: { required: "Enter the supplier's name", tooLong: "The supplier's name must be 120 characters or fewer", taken: "Your council already has a supplier with this name" },
  kind: { required: "Select what kind of supplier this is" },
  accountName: { required: "Enter the name on the account", tooLong: "The name on the account must be 100 characters or fewer" },
  sortCode: { required: "Enter a sort code", format: "Enter a valid sort code like 309430" },
  accountNumber: {
    required: "Enter an account number",
    format: "Enter a valid account number like 00733445",
    length: "Account number must be between 6 and 10 digits",
    modulus: "Check the sort code and account number – together they are not a valid UK bank account",
  },
  rollNumber: { format: "Building society roll number must be between 1 and 18 characters" },
  reason: { required: "Enter why the bank details are changing", tooLong: "The reason must be 500 characters or fewer" },
  withdrawReason: { required: "Enter why the supplier is being withdrawn", tooLong: "The reason must be 500 characters or fewer" },
  rejectNote: { required: "Enter why you are rejecting the change", tooLong: "The reason must be 500 characters or fewer" },
  supplierId: { required: "Select the supplier to pay", unavailable: "That supplier cannot be paid: choose a supplier whose bank details have been checked" },
  supplierAccountRef: {
    required: "Enter the resident's account reference with the supplier",
    format: "The account reference can only include letters A to Z, numbers, spaces, full stops, ampersands, slashes and hyphens",
    tooLong: "The account reference must be 18 characters or fewer (it goes in the Bacs reference)",
    tooShort: "The account reference must include at least 6 letters or numbers (Bacs refuses shorter references)",
    sameCharacter: "The account reference cannot be one character repeated (Bacs refuses it)",
  },
  confirm: { required: "Confirm that you have checked the bank details against the supplier's own document" },
} as const;

const e = SUPPLIER_ERRORS;
const reasonText = (required: string, tooLong: string) => zText({ error: required }).trim().min(1, required).max(500, tooLong);

/** The bank details as staff type them; the result is standardised (sort code 6, account 8 digits). */
export const bankDetailsFields = {
  accountName: zLine({ error: e.accountName.required }).trim().min(1, e.accountName.required).max(100, e.accountName.tooLong),
  sortCode: zLine({ error: e.sortCode.required })
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, e.sortCode.required).regex(/^\d{6}$/, e.sortCode.format)),
  accountNumber: zLine({ error: e.accountNumber.required })
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .min(1, e.accountNumber.required)
        .regex(/^\d+$/, e.accountNumber.format)
        .refine((v) => v.length >= 6 && v.length <= 10, e.accountNumber.length),
    ),
  rollNumber: zLine()
    .trim()
    .default("")
    .refine((v) => v === "" || /^[A-Za-z0-9 ./-]{1,18}$/.test(v), e.rollNumber.format),
};

export type TBankDetails = { accountName: string; sortCode: string; accountNumber: string; rollNumber: string | null };

/** Vocalink's modulus check once the fields look right: the error goes on the account number, GOV.UK style. */
function withModulusCheck<T extends { accountName: string; sortCode: string; accountNumber: string; rollNumber: string }>(v: T, ctx: z.RefinementCtx) {
  const check = checkUkBankAccount(v);
  if (!check.ok) {
    ctx.addIssue({ code: "custom", path: ["accountNumber"], message: e.accountNumber.modulus });
    return z.NEVER;
  }
  const { accountName, rollNumber, ...rest } = v;
  delete (rest as Partial<T>).sortCode;
  delete (rest as Partial<T>).accountNumber;
  return { ...(rest as Omit<T, "accountName" | "rollNumber" | "sortCode" | "accountNumber">), bank: { accountName, sortCode: check.sortCode, accountNumber: check.accountNumber, rollNumber: rollNumber || null } satisfies TBankDetails };
}

export const ZSupplier = z
  .object({
    name: zLine({ error: e.name.required }).trim().min(1, e.name.required).max(120, e.name.tooLong),
    kind: z.enum(SUPPLIER_KINDS, { error: e.kind.required }),
    ...bankDetailsFields,
  })
  .strict()
  .transform(withModulusCheck);
export type TSupplierInput = z.output<typeof ZSupplier>;

export const ZSupplierRef = z.object({ supplierId: z.uuid({ error: e.expired }) }).strict();

/** The checker ticks that they compared the details with the supplier's own document (a GOV.UK checkbox: "confirm-yes"). */
export const ZSupplierCheck = z
  .object({ supplierId: z.uuid({ error: e.expired }), "confirm-yes": zLine().optional() })
  .strict()
  .transform((v, ctx) => {
    if (v["confirm-yes"] !== "yes") {
      ctx.addIssue({ code: "custom", path: ["confirm"], message: e.confirm.required });
      return z.NEVER;
    }
    return { supplierId: v.supplierId };
  });

export const ZSupplierWithdraw = z.object({ supplierId: z.uuid({ error: e.expired }), reason: reasonText(e.withdrawReason.required, e.withdrawReason.tooLong) }).strict();

/**
 * The resident's account reference with the supplier, as Bacs takes a reference: upper case,
 * A–Z 0–9 . & / - and space, at most 18 characters, at least 6 letters or digits, not one
 * character repeated (Bacs Payment Services' reference rules for direct credits).
 */
export const zSupplierAccountRef = zLine({ error: e.supplierAccountRef.required })
  .transform((v) => v.trim().replace(/\s+/g, " ").toUpperCase())
  .pipe(
    z
      .string()
      .min(1, e.supplierAccountRef.required)
      .max(18, e.supplierAccountRef.tooLong)
      .regex(/^[A-Z0-9 .&/-]+$/, e.supplierAccountRef.format)
      .refine((v) => v.replace(/[^A-Z0-9]/g, "").length >= 6, e.supplierAccountRef.tooShort)
      .refine((v) => new Set(v.replace(/[^A-Z0-9]/g, "")).size > 1, e.supplierAccountRef.sameCharacter),
  );

export const ZPaymentSupplier = z
  .object({
    paymentId: z.uuid({ error: e.expired }),
    supplierId: z.uuid({ error: e.supplierId.required }),
    supplierAccountRef: zSupplierAccountRef,
  })
  .strict();

export const ZPaymentRef = z.object({ paymentId: z.uuid({ error: e.expired }) }).strict();

export const ZBankChangeRequest = z
  .object({ paymentId: z.uuid({ error: e.expired }), ...bankDetailsFields, reason: reasonText(e.reason.required, e.reason.tooLong) })
  .strict()
  .transform(withModulusCheck);

export const ZBankChangeDecision = z.object({ paymentId: z.uuid({ error: e.expired }), changeId: z.uuid({ error: e.expired }) }).strict();

export const ZBankChangeReject = z
  .object({ paymentId: z.uuid({ error: e.expired }), changeId: z.uuid({ error: e.expired }), note: reasonText(e.rejectNote.required, e.rejectNote.tooLong) })
  .strict();

/** "ending 1234": how bank details are shown to everyone who has not asked to see them in full. */
export function maskedAccount(last4: string | null | undefined): string {
  return last4 ? `ending ${last4}` : "no bank details";
}
