// ledger:verify sits below payments (tests/unit/architecture.test.ts LAYERS), so it repeats the
// payment states in which money has gone out; this keeps its list the lifecycle's, and checks the
// lifecycle moves money exactly when a payment enters or leaves those states.
import { describe, expect, it } from "vitest";
import { DISBURSED_PAYMENT_STATES } from "@/lib/ledger/verify";
import { DISBURSED_STATES, nextPaymentState, PAYMENT_ACTIONS, PAYMENT_METHODS, PAYMENT_STATES } from "@/lib/payments/lifecycle";

const disbursed = (s: string) => (DISBURSED_PAYMENT_STATES as readonly string[]).includes(s);

describe("ledger:verify's disbursed payment states", () => {
  it("are the lifecycle's DISBURSED_STATES", () => {
    expect([...DISBURSED_PAYMENT_STATES].sort()).toEqual([...DISBURSED_STATES].sort());
  });

  it("are entered only with a DISBURSE and left only with a RECOMMIT", () => {
    for (const method of PAYMENT_METHODS)
      for (const from of PAYMENT_STATES)
        for (const action of PAYMENT_ACTIONS) {
          const step = nextPaymentState(from, method, action);
          if (!step.ok) continue;
          const expected = !disbursed(from) && disbursed(step.to) ? "disburse" : disbursed(from) && !disbursed(step.to) ? "recommit" : null;
          expect({ method, from, action, ledger: step.ledger }).toEqual({ method, from, action, ledger: expected });
        }
  });
});
