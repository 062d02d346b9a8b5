// A payment's lifecycle, in one place (like lib/awards/lifecycle.ts and lib/cases/lifecycle.ts).
// Money moves with it: SENT disburses (committed → spent); RETURNED, REJECTED and CANCELLED
// after an expiry put the money back as committed to the same award (RECOMMIT), so another
// payment can pay it without a new decision. Only cancelling the award releases it. Pure.
import type { PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";

export type TPaymentState = PaymentStatus;
export type TPaymentMethod = PaymentMethod;

export const PAYMENT_STATES = ["READY", "IN_BATCH", "SENT", "PAID", "RETURNED", "REJECTED", "ISSUED", "REDEEMED", "EXPIRED", "CANCELLED"] as const satisfies readonly TPaymentState[];
export const PAYMENT_METHODS = ["BANK_TRANSFER", "CASH_VOUCHER", "SUPERMARKET_VOUCHER", "ENERGY_TOPUP", "SUPPLIER"] as const satisfies readonly TPaymentMethod[];

/** Paid through a provider's bulk order, with a code for the resident. */
export const VOUCHER_METHODS: readonly TPaymentMethod[] = ["CASH_VOUCHER", "SUPERMARKET_VOUCHER", "ENERGY_TOPUP"];
/** Paid by Bacs (a Standard 18 or CSV file from the council's bank account). */
export const BANK_METHODS: readonly TPaymentMethod[] = ["BANK_TRANSFER", "SUPPLIER"];

export function isVoucherMethod(method: TPaymentMethod): boolean {
  return VOUCHER_METHODS.includes(method);
}

export const PAYMENT_ACTIONS = ["add-to-batch", "remove-from-batch", "send", "confirm-paid", "return", "reject", "issue", "redeem", "expire", "cancel"] as const;
export type TPaymentAction = (typeof PAYMENT_ACTIONS)[number];

export type TPaymentLedger = "disburse" | "recommit" | null;
type TRule = { from: readonly TPaymentState[]; to: TPaymentState; ledger: TPaymentLedger; methods?: "bank" | "voucher" };

export const PAYMENT_RULES: Readonly<Record<TPaymentAction, TRule>> = {
  "add-to-batch": { from: ["READY"], to: "IN_BATCH", ledger: null },
  "remove-from-batch": { from: ["IN_BATCH"], to: "READY", ledger: null },
  // Releasing the batch: the money leaves (a Bacs file submitted, a provider's order placed).
  send: { from: ["IN_BATCH"], to: "SENT", ledger: "disburse" },
  // A bank's report says it arrived.
  "confirm-paid": { from: ["SENT"], to: "PAID", ledger: null, methods: "bank" },
  // A Bacs return (ARUCS) can come after the money seemed to arrive.
  return: { from: ["SENT", "PAID"], to: "RETURNED", ledger: "recommit", methods: "bank" },
  reject: { from: ["SENT"], to: "REJECTED", ledger: "recommit" },
  // The provider's response gave the code, which goes to the resident.
  issue: { from: ["SENT"], to: "ISSUED", ledger: null, methods: "voucher" },
  redeem: { from: ["ISSUED"], to: "REDEEMED", ledger: null, methods: "voucher" },
  expire: { from: ["ISSUED"], to: "EXPIRED", ledger: null, methods: "voucher" },
  // Before any money left: nothing to move. An expired voucher: its money is the award's again.
  cancel: { from: ["READY", "IN_BATCH", "EXPIRED"], to: "CANCELLED", ledger: null },
};

export type TPaymentStep = { ok: true; to: TPaymentState; ledger: TPaymentLedger } | { ok: false; problem: "not-allowed-from-state" | "not-for-method" };

export function nextPaymentState(state: TPaymentState, method: TPaymentMethod, action: TPaymentAction): TPaymentStep {
  const rule = PAYMENT_RULES[action];
  if (!rule.from.includes(state)) return { ok: false, problem: "not-allowed-from-state" };
  if (rule.methods === "bank" && isVoucherMethod(method)) return { ok: false, problem: "not-for-method" };
  if (rule.methods === "voucher" && !isVoucherMethod(method)) return { ok: false, problem: "not-for-method" };
  const ledger = action === "cancel" && state === "EXPIRED" ? "recommit" : rule.ledger;
  return { ok: true, to: rule.to, ledger };
}

/** States in which the payment's money has left the council (disbursed and not put back). */
export const DISBURSED_STATES: readonly TPaymentState[] = ["SENT", "PAID", "ISSUED", "REDEEMED", "EXPIRED"];
/** States after which the award is paid for good (nothing more will come back). */
export const SETTLED_STATES: readonly TPaymentState[] = ["PAID", "REDEEMED"];
/** A payment that no longer pays its award: another may be made. */
export const ENDED_STATES: readonly TPaymentState[] = ["RETURNED", "REJECTED", "CANCELLED"];

export function isLive(state: TPaymentState): boolean {
  return !ENDED_STATES.includes(state);
}

/** The award line may still be cancelled (releasing its money) only while no money has left or is about to. */
export function awardMayBeCancelled(livePayment: TPaymentState | null): boolean {
  return livePayment === null || livePayment === "READY";
}

/** The award's payment method as the decision recorded it ("bank", "voucher-sms", …) → how it is paid. */
export function paymentMethodOfAward(awardMethod: string): { method: TPaymentMethod; deliverChannel: "SMS" | "EMAIL" | null } {
  switch (awardMethod) {
    case "bank":
      return { method: "BANK_TRANSFER", deliverChannel: null };
    case "voucher-sms":
      return { method: "SUPERMARKET_VOUCHER", deliverChannel: "SMS" };
    case "voucher-email":
      return { method: "SUPERMARKET_VOUCHER", deliverChannel: "EMAIL" };
    case "cash-voucher":
      return { method: "CASH_VOUCHER", deliverChannel: null };
    case "energy-topup":
      return { method: "ENERGY_TOPUP", deliverChannel: null };
    case "supplier":
      return { method: "SUPPLIER", deliverChannel: null };
    default:
      return { method: "SUPERMARKET_VOUCHER", deliverChannel: null };
  }
}
