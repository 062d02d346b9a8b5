import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { expectAccessible, signInAsStaff } from "./support";

// Reconciliation (issue 19, docs/reconciliation.md): finance imports the bank's report with one
// returned payment, sees every line checked before anything changes, applies it; the same file
// again changes nothing; the officer finds the case under "Payment returned" in the queue, reads
// the bank's reason on the case and pays it again by e-voucher. The sent payment is set up in the
// database as a released batch leaves it (its award committed and the money disbursed through the
// ledger's own function), not through the batch pages.

const COUNCIL = "hackwell";
/** SCREENSHOTS=<dir>: full-page screenshots of the pages on the way (for reviewing the pages). */
const shoot = async (p: Page, name: string) => {
  if (process.env.SCREENSHOTS) await p.screenshot({ path: `${process.env.SCREENSHOTS}/${name}.png`, fullPage: true });
};
const AMOUNT = 4_500;

type TSent = { caseId: string; reference: string; paymentRef: string };

async function sentPayment(): Promise<TSent> {
  const c = new pg.Client({ connectionString: process.env.E2E_OWNER_DATABASE_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ tenantId: string; potId: string; fundId: string; officerId: string; approverId: string; managerId: string }>(
      `select t.id as "tenantId", p.id as "potId", p."fundId", o.id as "officerId", a.id as "approverId", m.id as "managerId"
       from "Tenant" t join "Pot" p on p."tenantId" = t.id and p.name = 'Food and energy'
       join "User" o on o.email = 'officer@hackwell.example' join "User" a on a.email = 'approver@hackwell.example' join "User" m on m.email = 'manager@hackwell.example'
       where t.slug = $1 limit 1`,
      [COUNCIL],
    );
    const { tenantId, potId, fundId, officerId, approverId, managerId } = rows[0]!;
    const reference = `HKW-RC-${randomUUID().slice(0, 6).toUpperCase()}`;
    const paymentRef = `${reference}-1`;
    const [applicationId, caseId, awardId, paymentId, batchId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await c.query("begin");
    await c.query(
      `insert into "Application" (id, "tenantId", reference, "schemaVersion", channel, "residentStatus", data, "fullName", "dateOfBirth", postcode, email, locale, "urgencyFlags", "submittedAt", "updatedAt")
       values ($1, $2, $3, 1, 'RESIDENT_ONLINE', 'PAID', '{}'::jsonb, 'Ravi Returned', '1985-06-02', 'E8 1DY', 'ravi@example.com', 'en', '{}', now() - interval '3 days', now())`,
      [applicationId, tenantId, reference],
    );
    await c.query(
      `insert into "Case" (id, "tenantId", "applicationId", reference, status, channel, "fullName", postcode, "needCategories", "assignedToId", "assignedAt", "priorityScore", "priorityBand", "priorityReasons", "receivedAt", "slaDueOn", "decidedAt", "decidedById", "decisionReasonCode", "decisionExplanation")
       values ($1, $2, $3, $4, 'APPROVED', 'RESIDENT_ONLINE', 'Ravi Returned', 'E8 1DY', '{food}', $5, now(), 40, 'STANDARD', '{}', now() - interval '3 days', current_date + 1, now(), $5, 'need-met', 'We will pay you for food.')`,
      [caseId, tenantId, applicationId, reference, officerId],
    );
    await c.query(
      `insert into "Award" (id, "tenantId", "caseId", "potId", "needCategory", "amountPence", "paymentMethod", status, "proposedById", "approvedById", "approvedAt") values ($1, $2, $3, $4, 'food', $5, 'bank', 'APPROVED', $6, $6, now())`,
      [awardId, tenantId, caseId, potId, AMOUNT, officerId],
    );
    await c.query(
      `insert into "PaymentBatch" (id, "tenantId", reference, method, status, count, "totalPence", "createdById", "releasedById", "releasedAt") values ($1, $2, $3, 'BANK_TRANSFER', 'RELEASED', 1, $4, $5, $6, now())`,
      [batchId, tenantId, `B-E2E-${randomUUID().slice(0, 6)}`, AMOUNT, approverId, managerId],
    );
    await c.query(
      `insert into "Payment" (id, "tenantId", "awardId", "caseId", reference, method, status, "amountPence", "bankLast4", "batchId", "sentAt", "updatedAt") values ($1, $2, $3, $4, $5, 'BANK_TRANSFER', 'SENT', $6, '4958', $7, now(), now())`,
      [paymentId, tenantId, awardId, caseId, paymentRef, AMOUNT, batchId],
    );
    await c.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    await c.query(`select * from post_ledger_transaction('COMMIT', $1, $2, null, $3, $4, 'e2e: award approved', null, $5, null)`, [fundId, potId, AMOUNT, `award:${awardId}:commit`, awardId]);
    await c.query(`select * from post_ledger_transaction('DISBURSE', $1, $2, null, $3, $4, 'e2e: payment sent', null, $5, $6)`, [fundId, potId, AMOUNT, `payment:${paymentId}:disburse`, awardId, paymentRef]);
    await c.query("commit");
    return { caseId, reference, paymentRef };
  } finally {
    await c.end();
  }
}

test("finance imports a bank report with one returned payment; the officer sees it back in the queue and pays it again", async ({ browser }) => {
  // Two people sign in and the pages are checked for accessibility on the way.
  test.setTimeout(300_000);
  const sent = await sentPayment();
  const report = { name: `bank-${sent.reference}.csv`, mimeType: "text/csv", buffer: Buffer.from(`reference,amount,outcome,reason\n${sent.paymentRef},45.00,returned,Account closed\nHKW-NOT-A-REF-1,10.00,paid,\n`) };

  const finance = await browser.newContext();
  const page = await finance.newPage();
  await signInAsStaff(page, "approver@hackwell.example");
  await page.goto(`/${COUNCIL}/staff/payments/reconciliation`);
  await expect(page.getByRole("heading", { level: 1, name: "Reconcile payments" })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "reconciliation-upload");
  // No file chosen: a specific error, nothing imported.
  await page.getByTestId("report-submit").click();
  await expect(page.getByTestId("error-summary")).toContainText("Choose the report file");
  await page.getByLabel("The bank's (Bacs: paid, returned or rejected)").check();
  await page.getByTestId("report-input").setInputFiles(report);
  await page.getByTestId("report-submit").click();
  await page.waitForURL(/\/reconciliation\/[0-9a-f-]{36}$/);
  const lines = page.getByTestId("reconciliation-lines");
  await expect(lines).toContainText("No payment has the reference HKW-NOT-A-REF-1 in this council");
  await expect(lines).toContainText(`Payment ${sent.paymentRef} (£45.00) will be marked returned: Account closed.`);
  await expect(page.getByTestId("reconciliation-counts")).toHaveText("1 to apply · 0 already so · 1 exceptions");
  await expectAccessible(page);
  await shoot(page, "reconciliation-preview");
  await page.getByRole("button", { name: "Apply the report" }).click();
  await expect(page.getByTestId("reconciliation-banner")).toHaveText("Report applied: 0 paid, 1 returned, 0 rejected, 1 exceptions.");
  await expect(lines).toContainText(`Payment ${sent.paymentRef} marked returned: Account closed.`);
  await shoot(page, "reconciliation-applied");
  // The same file again changes nothing, and says so.
  await page.goto(`/${COUNCIL}/staff/payments/reconciliation`);
  await page.getByTestId("report-input").setInputFiles(report);
  await page.getByTestId("report-submit").click();
  await expect(page.getByTestId("already-imported")).toContainText("Importing it again changes nothing");
  await expect(page.getByTestId("applied-by")).toContainText("Nothing more will change");
  await expect(page.getByRole("button", { name: "Apply the report" })).toHaveCount(0);
  await finance.close();

  const officer = await browser.newContext();
  const op = await officer.newPage();
  await signInAsStaff(op, "officer@hackwell.example");
  await op.goto(`/${COUNCIL}/staff/cases?payment=returned&q=${sent.reference}`);
  const row = op.getByTestId("queue-table").locator("tr", { hasText: sent.reference });
  await expect(row.getByTestId("tag-payment-returned")).toHaveText("Payment returned");
  await shoot(op, "queue-payment-returned");
  await row.getByTestId("case-link").click();
  const returned = op.getByTestId("returned-payment");
  await expect(returned).toContainText(`£45.00 for food: payment ${sent.paymentRef} was returned (bank transfer). Reason: Account closed`);
  await expectAccessible(op);
  await shoot(op, "case-payment-returned");
  // Bank details that do not belong together are refused, what was typed kept.
  await op.getByLabel("Bank transfer").check();
  await op.getByLabel("Name on the account").fill("Ravi Returned");
  await op.getByLabel("Sort code").fill("08-99-99");
  await op.getByLabel("Account number").fill("66374959");
  await op.getByRole("button", { name: "Pay again" }).click();
  await expect(op.getByTestId("error-summary")).toContainText("This sort code and account number do not belong together");
  await shoot(op, "case-pay-again-refused");
  await expect(op.getByLabel("Sort code")).toHaveValue("08-99-99");
  await op.getByLabel("Supermarket e-voucher by text message").check();
  await op.getByRole("button", { name: "Pay again" }).click();
  await expect(op.getByTestId("paid-again-banner")).toHaveText(`Payment ${sent.reference}-2 is ready for finance's next batch. It replaces the returned payment.`);
  await expect(op.getByTestId("returned-payment")).toHaveCount(0);
  await expect(op.getByText("Paying again").first()).toBeVisible();
  await op.goto(`/${COUNCIL}/staff/cases?payment=returned&q=${sent.reference}`);
  await expect(op.getByTestId("queue-empty")).toBeVisible();
  await officer.close();
});
