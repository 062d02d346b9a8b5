// The payment lifecycle map (lib/payments/lifecycle.ts): every action from every state, and the
// money each step moves. Pure.
import { describe, expect, it } from "vitest";
import { awardMayBeCancelled, nextPaymentState, PAYMENT_ACTIONS, PAYMENT_METHODS, PAYMENT_RULES, PAYMENT_STATES, paymentMethodOfAward } from "@/lib/payments/lifecycle";

describe("the payment lifecycle", () => {
  it("allows each action only from its states, and only for its methods", () => {
    for (const action of PAYMENT_ACTIONS)
      for (const state of PAYMENT_STATES)
        for (const method of PAYMENT_METHODS) {
          const step = nextPaymentState(state, method, action);
          const rule = PAYMENT_RULES[action];
          if (!rule.from.includes(state)) expect(step).toEqual({ ok: false, problem: "not-allowed-from-state" });
          else if (step.ok) expect(step.to).toBe(rule.to);
          else expect(step.problem).toBe("not-for-method");
        }
  });

  it("disburses when sent and puts the money back as committed when returned, rejected or cancelled after expiry; nothing else moves money", () => {
    expect(nextPaymentState("IN_BATCH", "BANK_TRANSFER", "send")).toEqual({ ok: true, to: "SENT", ledger: "disburse" });
    expect(nextPaymentState("SENT", "BANK_TRANSFER", "return")).toEqual({ ok: true, to: "RETURNED", ledger: "recommit" });
    expect(nextPaymentState("PAID", "SUPPLIER", "return")).toEqual({ ok: true, to: "RETURNED", ledger: "recommit" });
    expect(nextPaymentState("SENT", "CASH_VOUCHER", "reject")).toEqual({ ok: true, to: "REJECTED", ledger: "recommit" });
    expect(nextPaymentState("EXPIRED", "CASH_VOUCHER", "cancel")).toEqual({ ok: true, to: "CANCELLED", ledger: "recommit" });
    expect(nextPaymentState("READY", "BANK_TRANSFER", "cancel")).toEqual({ ok: true, to: "CANCELLED", ledger: null });
    expect(nextPaymentState("IN_BATCH", "BANK_TRANSFER", "cancel")).toEqual({ ok: true, to: "CANCELLED", ledger: null });
    expect(nextPaymentState("SENT", "BANK_TRANSFER", "cancel")).toEqual({ ok: false, problem: "not-allowed-from-state" });
    expect(nextPaymentState("SENT", "SUPERMARKET_VOUCHER", "confirm-paid")).toEqual({ ok: false, problem: "not-for-method" });
    expect(nextPaymentState("SENT", "BANK_TRANSFER", "issue")).toEqual({ ok: false, problem: "not-for-method" });
  });

  it("lets an award be cancelled only while its payment has not joined a batch", () => {
    expect(awardMayBeCancelled(null)).toBe(true);
    expect(awardMayBeCancelled("READY")).toBe(true);
    for (const s of ["IN_BATCH", "SENT", "PAID", "ISSUED", "REDEEMED", "EXPIRED"] as const) expect(awardMayBeCancelled(s)).toBe(false);
  });

  it("maps the decision's methods to payments", () => {
    expect(paymentMethodOfAward("bank")).toEqual({ method: "BANK_TRANSFER", deliverChannel: null });
    expect(paymentMethodOfAward("voucher-sms")).toEqual({ method: "SUPERMARKET_VOUCHER", deliverChannel: "SMS" });
    expect(paymentMethodOfAward("voucher-email")).toEqual({ method: "SUPERMARKET_VOUCHER", deliverChannel: "EMAIL" });
    expect(paymentMethodOfAward("cash-voucher").method).toBe("CASH_VOUCHER");
    expect(paymentMethodOfAward("energy-topup").method).toBe("ENERGY_TOPUP");
    expect(paymentMethodOfAward("supplier").method).toBe("SUPPLIER");
  });
});
