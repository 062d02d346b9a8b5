// How staff pages name suppliers and bank-details changes (English: staff pages are English only).
import type { PaymentBankChangeStatus, SupplierKind, SupplierStatus } from "@/lib/generated/prisma/enums";

export const SUPPLIER_KIND_WORDS: Readonly<Record<SupplierKind, string>> = {
  LANDLORD: "Landlord or housing provider",
  ENERGY: "Energy supplier",
  RETAILER: "Retailer (white goods, furniture)",
  OTHER: "Other",
};

export const SUPPLIER_STATUS_WORDS: Readonly<Record<SupplierStatus, string>> = {
  PENDING_CHECK: "Waiting for a second check",
  CHECKED: "Checked",
  WITHDRAWN: "Withdrawn",
};

export const SUPPLIER_STATUS_COLOUR = { PENDING_CHECK: "yellow", CHECKED: "green", WITHDRAWN: "grey" } as const satisfies Record<SupplierStatus, string>;

export const BANK_CHANGE_STATUS_WORDS: Readonly<Record<PaymentBankChangeStatus, string>> = {
  PENDING: "Waiting for a second person",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  CANCELLED: "Taken back",
};
