import { PayAgainForm } from "@/components/payments/reconciliation-pay-again-form";
import { caseworkWords } from "@/components/cases/words";
import { SuccessBanner } from "@/components/ui/layout-parts";
import type { TActor } from "@/lib/actor";
import { translate } from "@/lib/i18n/translate";
import { messagesFor } from "@/lib/i18n/catalogues";
import { loadReturnedPayments, PAY_AGAIN_METHOD_WORDS, PAY_AGAIN_METHODS } from "@/lib/payments/pay-again";
import { payAgainAction } from "@/lib/payments/reconciliation-actions";
import { PAYMENT_METHOD_WORDS, PAYMENT_STATUS_WORDS } from "@/lib/payments/words";
import words from "@/messages/en/reconciliation.json";

// The case page's "Payment returned" section (issue 19, docs/reconciliation.md): each approved
// line whose payment the bank returned or rejected and that nothing pays now, with the bank's
// reason, and (for someone who works cases) a "Pay again" form. Server component.

const DEFAULT_METHOD: Record<string, string> = { BANK_TRANSFER: "bank", SUPERMARKET_VOUCHER: "voucher-sms", CASH_VOUCHER: "cash-voucher", ENERGY_TOPUP: "energy-topup" };

export async function ReturnedPayments({ actor, slug, caseId, works, done, paidRef }: { actor: TActor; slug: string; caseId: string; works: boolean; done?: string; paidRef?: string }) {
  const rows = await loadReturnedPayments(actor, caseId);
  const m = messagesFor("en");
  const w = caseworkWords(m);
  const c = words.case;
  if (!rows.length && done !== "paid-again") return null;
  return (
    <section aria-labelledby="payment-returned" data-testid="payment-returned">
      <SuccessBanner testId="paid-again-banner" title="Success">
        {done === "paid-again" && paidRef && /^[A-Z0-9-]{1,18}$/.test(paidRef) ? c.paid.replace("{reference}", paidRef) : null}
      </SuccessBanner>
      {rows.length ? (
        <>
          <h2 className="govuk-heading-m" id="payment-returned">
            {c.heading}
          </h2>
          {rows.map((r) => (
            <div key={r.id} className="govuk-inset-text" data-testid="returned-payment">
              <p className="govuk-body">
                {translate("en", m, "reconciliation.case.line", {
                  amount: w.money(r.amountPence),
                  need: w.need(r.needCategory).toLowerCase(),
                  reference: r.reference,
                  status: PAYMENT_STATUS_WORDS[r.status],
                  method: PAYMENT_METHOD_WORDS[r.method].toLowerCase(),
                  reason: r.outcomeReason ?? "",
                })}
              </p>
              {works ? (
                <>
                  <h3 className="govuk-heading-s">{c.payAgain}</h3>
                  <PayAgainForm
                    action={payAgainAction.bind(null, slug)}
                    caseId={caseId}
                    paymentId={r.id}
                    methods={PAY_AGAIN_METHODS.map((value) => ({ value, label: PAY_AGAIN_METHOD_WORDS[value] }))}
                    defaultMethod={DEFAULT_METHOD[r.method] ?? ""}
                    words={{ method: c.method, bankHint: c.bankHint, accountName: c.accountName, sortCode: c.sortCode, accountNumber: c.accountNumber, submit: c.submit }}
                  />
                </>
              ) : null}
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}
