import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { copyDemoAccount, expectAccessible, expectAccessibleWithoutJs, HACKWELL, ownerQuery, signInAsStaff } from "./support";

// Four eyes on where money goes (docs/suppliers.md): two members of Hackwell's finance team
// (copies of the demo approver, so no other spec spends its sign-in codes). One adds a supplier
// (a bank account failing the modulus check is a GOV.UK error on the account number, nothing
// typed is lost) and cannot check it; the other shows the full details (audited) and checks it.
// One asks to change a ready payment's bank details and cannot approve it; the other approves it.

const ORIGINAL = "approver@hackwell.example";
const FIRST = "suppliers.first@hackwell.example";
const SECOND = "suppliers.second@hackwell.example";

// Two people sign in through the real pages in each test: give them time on a busy machine.
test.slow();

/** A full-page picture for the reviewer when E2E_SCREENSHOTS names a folder; nothing otherwise. */
async function picture(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true });
}

test.beforeAll(async () => {
  await copyDemoAccount(ORIGINAL, FIRST, "First ");
  await copyDemoAccount(ORIGINAL, SECOND, "Second ");
});

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAsStaff(page, email, { totpOf: ORIGINAL });
  return page;
}

/** An approved award line of a Hackwell case paid by bank transfer, its payment ready and with no bank details yet (made as the award writer leaves them). */
async function readyBankPayment(): Promise<string> {
  const [ids] = await ownerQuery<{ tenantId: string; potId: string; userId: string }>(
    `select t.id as "tenantId", p.id as "potId", u.id as "userId" from "Tenant" t join "Pot" p on p."tenantId" = t.id join "User" u on u.email = 'officer@hackwell.example'
     where t.slug = $1 order by p."createdAt" limit 1`,
    [HACKWELL],
  );
  const { tenantId, potId, userId } = ids!;
  const reference = `HKW-E2S-${randomUUID().slice(0, 5).toUpperCase()}`;
  const [applicationId, caseId, awardId, paymentId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await ownerQuery(
    `with a as (insert into "Application" (id, "tenantId", reference, "schemaVersion", channel, "residentStatus", data, "fullName", "dateOfBirth", postcode, email, locale, "urgencyFlags", "submittedAt", "updatedAt")
       values ($1, $2, $3, 1, 'RESIDENT_ONLINE', 'DECIDED', '{}'::jsonb, 'Grace Okafor', '1990-04-02', 'E8 1DY', 'grace@example.com', 'en', '{}', now() - interval '2 days', now()) returning id),
     c as (insert into "Case" (id, "tenantId", "applicationId", reference, status, channel, "fullName", postcode, "needCategories", "priorityScore", "priorityBand", "priorityReasons", "receivedAt", "slaDueOn", "decidedAt", "decidedById", "decisionReasonCode", "decisionExplanation")
       select $4, $2, a.id, $3, 'APPROVED', 'RESIDENT_ONLINE', 'Grace Okafor', 'E8 1DY', '{food}', 40, 'URGENT', '{}', now() - interval '2 days', current_date + 1, now(), $5, 'need-met', 'Paid to your bank.' from a returning id),
     aw as (insert into "Award" (id, "tenantId", "caseId", "potId", "needCategory", "amountPence", "paymentMethod", status, "proposedById", "approvedById", "approvedAt")
       select $6, $2, c.id, $7, 'food', 9000, 'bank', 'APPROVED', $5, $5, now() from c returning id)
     insert into "Payment" (id, "tenantId", "awardId", "caseId", reference, method, status, "amountPence", "updatedAt")
       select $8, $2, aw.id, $4, $3 || '-1', 'BANK_TRANSFER', 'READY', 9000, now() from aw`,
    [applicationId, tenantId, reference, caseId, userId, awardId, potId, paymentId],
  );
  return paymentId;
}

const shownCount = async (entityId: string) =>
  Number((await ownerQuery<{ n: string }>(`select count(*) as n from "AuditEvent" where action = 'payments.bank-details-shown' and "entityId" = $1`, [entityId]))[0]!.n);

test("a supplier is added by one person and checked by another; full details are shown on request and audited", async ({ browser }) => {
  const name = `Riverside Lettings ${Date.now().toString(36)}`;
  const first = await signedIn(browser, FIRST);
  await first.goto(`/${HACKWELL}/staff/payments/suppliers`);
  await expect(first.getByRole("heading", { name: "Suppliers", level: 1 })).toBeVisible();
  await expectAccessible(first);
  await first.getByTestId("add-supplier").click();
  await first.getByLabel("Supplier's name").fill(name);
  await first.getByLabel("Landlord or housing provider").check();
  await first.getByLabel("Name on the account").fill("Riverside Lettings Ltd");
  await first.getByLabel("Sort code").fill("08-99-99");
  await first.getByLabel("Account number").fill("66374959");
  await first.getByRole("button", { name: "Add supplier" }).click();
  const summary = first.getByTestId("error-summary");
  await expect(summary).toContainText("Check the sort code and account number – together they are not a valid UK bank account");
  await picture(first, "supplier-add-modulus-error");
  await expect(first.getByLabel("Supplier's name")).toHaveValue(name);
  await expectAccessible(first);
  await first.getByLabel("Account number").fill("66374958");
  await first.getByRole("button", { name: "Add supplier" }).click();
  await expect(first.getByTestId("supplier-banner")).toContainText("Another member of the finance team must now check");
  await expect(first.getByTestId("supplier-account")).toHaveText("ending 4958");
  await expect(first.getByTestId("check-someone-else")).toBeVisible();
  await expect(first.getByTestId("check-supplier")).toHaveCount(0);
  await picture(first, "supplier-added-waiting");
  const supplierUrl = first.url().replace(/\?.*$/, "");
  const supplierId = supplierUrl.split("/").pop()!;

  const second = await signedIn(browser, SECOND);
  await second.goto(supplierUrl);
  await expect(second.getByTestId("supplier-status")).toHaveText("Waiting for a second check");
  await expect(second.getByText("66374958")).toHaveCount(0);
  await second.getByRole("button", { name: "Show full details" }).click();
  await expect(second.getByTestId("full-bank-details")).toContainText("66374958");
  await expect(second.getByTestId("full-bank-details")).toContainText("08-99-99");
  await picture(second, "supplier-full-details-second-person");
  expect(await shownCount(supplierId)).toBe(1);
  await second.getByRole("button", { name: "Confirm bank details are correct" }).click();
  await expect(second.getByTestId("error-summary")).toContainText("Confirm that you have checked the bank details");
  await second.getByLabel("I have checked the name, sort code and account number against the supplier's own document").check();
  await second.getByRole("button", { name: "Confirm bank details are correct" }).click();
  await expect(second.getByTestId("supplier-banner")).toContainText("the supplier can now be paid");
  await expect(second.getByTestId("supplier-status")).toHaveText("Checked");
  await second.goto(`/${HACKWELL}/staff/payments/suppliers`);
  await expect(second.getByTestId("suppliers-table")).toContainText(name);
  await picture(second, "suppliers-list");
  await expectAccessibleWithoutJs(second);
});

test("a change of a ready payment's bank details waits for a second person, who approves it", async ({ browser }) => {
  const payment = { id: await readyBankPayment() };
  const url = `/${HACKWELL}/staff/payments/${payment.id}`;
  const first = await signedIn(browser, FIRST);
  await first.goto(url);
  await expect(first.getByTestId("payment-status")).toHaveText("ready to pay");
  await expect(first.getByTestId("payment-account")).toHaveText("no bank details");
  await expectAccessible(first);
  const form = first.getByTestId("bank-change-form");
  await form.getByLabel("Name on the account").fill("A Resident");
  await form.getByLabel("Sort code").fill("20 00 00");
  await form.getByLabel("Account number").fill("55779911");
  await form.getByRole("button", { name: "Ask for the change" }).click();
  await expect(first.getByTestId("error-summary")).toContainText("Enter why the bank details are changing");
  await expect(form.getByLabel("Account number")).toHaveValue("55779911");
  await form.getByLabel("Why are the bank details changing?").fill("The resident rang from the number we hold: the old account is closed");
  await form.getByRole("button", { name: "Ask for the change" }).click();
  await expect(first.getByTestId("payment-banner")).toContainText("Another member of the finance team must approve it");
  await expect(first.getByTestId("pending-to")).toHaveText("ending 9911");
  await expect(first.getByTestId("approve-someone-else")).toBeVisible();
  await expect(first.getByTestId("approve-change")).toHaveCount(0);
  await picture(first, "payment-change-requester");

  const second = await signedIn(browser, SECOND);
  await second.goto(url);
  await expectAccessible(second);
  await picture(second, "payment-change-approver");
  await second.getByRole("button", { name: "Approve the change" }).click();
  await expect(second.getByTestId("payment-banner")).toContainText("the payment now goes to the new bank details");
  await expect(second.getByTestId("payment-account")).toHaveText("ending 9911");
  await second.getByRole("button", { name: "Show full details" }).click();
  await expect(second.getByTestId("full-bank-details")).toContainText("55779911");
  expect(await shownCount(payment.id)).toBe(1);
  await picture(second, "payment-approved-full-details");
});
