// The pure parts of reconciliation (lib/payments/reconciliation.ts) and of the resident's payment
// messages (lib/cases/resident-view.ts paymentTelling): reading a report, checking its lines, and
// telling each payment once.
import { describe, expect, it } from "vitest";
import { paymentTelling, residentView, type TViewLine } from "@/lib/cases/resident-view";
import { checkReport, parseCsv, readReport, type TReportPayment } from "@/lib/payments/reconciliation";

describe("reading a report", () => {
  it("parses quoted fields, commas and quotes inside them, CRLF and a byte-order mark", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
    ]);
  });

  it("refuses a wrong header naming the columns, and says per line what cannot be read", () => {
    const wrong = readReport("ref,amount\nA,1\n");
    expect(wrong.ok === false && wrong.code).toBe("header");
    const r = readReport("Reference,Amount,Outcome,Reason\nab-1,£1,200.50,PAID,\nab-2,1.5,returned,\nab-3,x,paid,\n,1.00,paid,\nab-5,1.00,paid\n\n");
    if (!r.ok) throw new Error(r.problem);
    // "£1,200.50" splits at its comma: five columns, said so.
    expect([...r.problems.entries()]).toEqual([
      [2, "Line 2 has 5 columns; it needs 4 (reference, amount, outcome, reason)."],
      [3, "Line 3: a returned payment needs the reason the bank or provider gave."],
      [4, 'Line 4: the amount "x" is not a sum of money (write it like 125.00).'],
      [5, "Line 5 has no reference."],
      [6, "Line 6 has 3 columns; it needs 4 (reference, amount, outcome, reason)."],
    ]);
    expect(r.lines.map((l) => [l.reference, l.amountPence])).toEqual([
      ["AB-1", 100n],
      ["AB-2", 150n],
      ["AB-3", null],
      ["", 100n],
      ["AB-5", 100n],
    ]);
  });
});

describe("checking lines", () => {
  const payments = new Map<string, TReportPayment>([
    ["P-1", { id: "1", reference: "P-1", method: "BANK_TRANSFER", status: "SENT", amountPence: 1000n }],
    ["P-2", { id: "2", reference: "P-2", method: "BANK_TRANSFER", status: "PAID", amountPence: 1000n }],
    ["P-3", { id: "3", reference: "P-3", method: "SUPERMARKET_VOUCHER", status: "SENT", amountPence: 1000n }],
  ]);
  it("matches, knows what is already so, and says why the rest cannot apply", () => {
    const { lines, problems } = readReport("reference,amount,outcome,reason\nP-1,10.00,paid,\nP-2,10.00,paid,\nP-2,10.00,returned,Closed\nP-1,10.00,paid,\nP-3,10.00,rejected,Bad number\nP-9,10.00,paid,\n") as Extract<ReturnType<typeof readReport>, { ok: true }>;
    const checked = checkReport(lines, problems, "bank", payments);
    expect(checked.map((l) => l.result)).toEqual(["match", "no-change", "exception", "exception", "exception", "exception"]);
    expect(checked[2]!.message).toBe("Duplicate of line 3: payment P-2 appears more than once in this file. Only the first is used.");
    expect(checked[3]!.message).toContain("Duplicate of line 2");
    expect(checked[4]!.message).toBe("Payment P-3 is a supermarket e-voucher: it is reconciled from its provider's report, not the bank's.");
    const asProvider = checkReport(lines.slice(4, 5), problems, "provider", payments);
    expect(asProvider[0]!.result).toBe("match");
  });
});

describe("the resident's payment messages", () => {
  const line = (id: string, payment: string | null): TViewLine => ({ id, status: "APPROVED", amountPence: 1000n, needCategory: "food", payment: payment ? { id: `p-${id}-${payment}`, status: payment } : null });
  const at = "e1";
  it("reads 'paid' only when every approved line's payment has gone out", () => {
    expect(residentView({ status: "APPROVED", decision: at }, [line("a", "SENT")], null).status).toBe("PAID");
    expect(residentView({ status: "PART_APPROVED", decision: at }, [line("a", "ISSUED"), line("b", "READY")], null).status).toBe("DECIDED");
    expect(residentView({ status: "APPROVED", decision: at }, [line("a", "RETURNED")], null)).toMatchObject({ status: "DECIDED", paymentFailed: [{ id: "a" }] });
  });

  it("tells each payment once: sent, did not go through, and sent again", () => {
    const lines = [line("a", "SENT")];
    const view = residentView({ status: "APPROVED", decision: at }, lines, null);
    const first = paymentTelling(view, lines, null)!;
    expect(first.tell.template).toBe("payment-sent");
    expect(paymentTelling(view, lines, first.told)).toBeNull();
    const returned = [{ ...lines[0]!, payment: { id: "p-a-SENT", status: "RETURNED" } }];
    const failed = paymentTelling(residentView({ status: "APPROVED", decision: at }, returned, null), returned, first.told)!;
    expect(failed.tell.template).toBe("payment-failed");
    const again = [line("a", "SENT2")].map((l) => ({ ...l, payment: { id: "p-a-new", status: "SENT" } }));
    expect(paymentTelling(residentView({ status: "APPROVED", decision: at }, again, null), again, failed.told)?.tell.template).toBe("payment-sent");
  });
});
