// How staff pages name a payment's state and method (English: staff pages are English only).
import type { TPaymentMethod, TPaymentState } from "@/lib/payments/lifecycle";

export const PAYMENT_STATUS_WORDS: Readonly<Record<TPaymentState, string>> = {
  READY: "ready to pay",
  IN_BATCH: "in a batch",
  SENT: "sent",
  PAID: "paid",
  RETURNED: "returned",
  REJECTED: "rejected",
  ISSUED: "issued",
  REDEEMED: "redeemed",
  EXPIRED: "expired",
  CANCELLED: "cancelled",
};

export const PAYMENT_METHOD_WORDS: Readonly<Record<TPaymentMethod, string>> = {
  BANK_TRANSFER: "Bank transfer",
  CASH_VOUCHER: "Cash-out voucher",
  SUPERMARKET_VOUCHER: "Supermarket e-voucher",
  ENERGY_TOPUP: "Energy prepayment top-up",
  SUPPLIER: "Direct to a supplier",
};
