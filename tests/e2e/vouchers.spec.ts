// Vouchers (issue 19), without JavaScript, as Hackwell's finance person (a copy of the demo
// approver): adding a voucher provider, refused a limit that is not an amount
// with the GOV.UK error summary, then saved; a provider's response with the wrong header refused
// with the header spelt out; a response checked line by line (a reference we never issued, a
// voucher whose payment has not been sent) with nothing applied and nothing to apply; the same
// file again found as the first. Applying ready lines, the codes' messages and the ledger are
// covered through the services in tests/integration/vouchers.test.ts.
import { expect, test } from "@playwright/test";
import { copyDemoAccount, expectAccessibleWithoutJs, HACKWELL, ownerQuery, signInAsStaff } from "./support";

const FINANCE = "approver@hackwell.example";
const COPY = "vouchers.approver@hackwell.example";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("finance manages voucher providers and checks a provider's response before anything is applied", async ({ page }) => {
    test.setTimeout(180_000);
    await copyDemoAccount(FINANCE, COPY, "Vouchers ");
    await signInAsStaff(page, COPY, { totpOf: FINANCE });

    await page.goto(`/${HACKWELL}/staff/payments/vouchers/providers`);
    await expect(page.getByRole("heading", { name: "Voucher providers", level: 1 })).toBeVisible();
    const table = page.getByTestId("voucher-providers-table");
    await expectAccessibleWithoutJs(page);

    const name = `PayPoint Cash Out ${Date.now()}`;
    await page.getByTestId("add-voucher-provider").click();
    await expect(page.getByRole("heading", { name: "Add a voucher provider" })).toBeVisible();
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Cash-out (collected at a counter)").check();
    await page.getByLabel("Limit per voucher, in pounds").fill("two hundred");
    await page.getByLabel("How many days a code lasts").fill("90");
    await page.getByRole("button", { name: "Add provider" }).click();
    await expect(page.getByTestId("error-summary").getByRole("link", { name: "Enter the limit in pounds and pence, like 100.00" })).toHaveAttribute("href", "#field-cap");
    await expect(page).toHaveTitle(/^Error: /);
    // Nothing typed is lost.
    await expect(page.getByLabel("Name")).toHaveValue(name);
    await expect(page.getByLabel("Cash-out (collected at a counter)")).toBeChecked();
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Limit per voucher, in pounds").fill("100.00");
    await page.getByRole("button", { name: "Add provider" }).click();
    await expect(page.getByTestId("voucher-providers-banner")).toHaveText("Voucher provider added");
    await expect(table.getByRole("row").filter({ hasText: name })).toContainText("£100.00");
    await expect(table.getByRole("row").filter({ hasText: name })).toContainText("90 days");
    await expectAccessibleWithoutJs(page);

    // A response whose first line is not the header: refused, the header spelt out.
    await page.goto(`/${HACKWELL}/staff/payments/vouchers`);
    await expect(page.getByRole("heading", { name: "Vouchers", level: 1 })).toBeVisible();
    await expectAccessibleWithoutJs(page);
    const codes = page.getByTestId("voucher-upload-codes");
    await codes.getByLabel("Import a provider's response (codes)").setInputFiles({ name: "response.csv", mimeType: "text/csv", buffer: Buffer.from("Ref,Code\nX/1,ABCD\n") });
    await codes.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("The file's first line must be the column names: Reference,Amount,Code,Expiry date");
    await expect(page.getByTestId("voucher-upload-error-codes")).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    await expectAccessibleWithoutJs(page);

    // A response for a voucher payment the council has not sent yet, and a reference nobody issued.
    const [ready] = await ownerQuery<{ reference: string }>(
      `select p.reference from "Payment" p join "Tenant" t on t.id = p."tenantId" where t.slug = $1 and p.status = 'READY' and p.method in ('CASH_VOUCHER', 'SUPERMARKET_VOUCHER', 'ENERGY_TOPUP') order by p.reference limit 1`,
      [HACKWELL],
    );
    const lines = ["Reference,Amount,Code,Expiry date", "HKN-NOTOURS-1/1,20.00,CODE-0001,2099-01-31"];
    if (ready) lines.push(`${ready.reference}/1,20.00,CODE-0002,2099-01-31`);
    const file = Buffer.from(`${lines.join("\r\n")}\r\n${Date.now()}-stamp,,,\r\n`);
    await codes.getByLabel("Import a provider's response (codes)").setInputFiles({ name: "paypoint-response.csv", mimeType: "text/csv", buffer: file });
    await codes.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByRole("heading", { name: "Check the provider's file", level: 1 })).toBeVisible();
    await expect(page.getByTestId("voucher-import-status")).toHaveText("Nothing has been applied yet. Check the lines, then apply the ones marked ready.");
    await expect(page.getByTestId("line-2-result")).toHaveText("Needs a person");
    await expect(page.getByTestId("line-2-message")).toContainText("No voucher payment has the reference HKN-NOTOURS-1/1");
    if (ready) await expect(page.getByTestId("line-3-message")).toHaveText(`${ready.reference}/1 cannot be given a code: its payment has not been sent to the provider yet (it is not in a released batch)`);
    await expect(page.getByTestId("voucher-nothing-to-apply")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
    await expectAccessibleWithoutJs(page);
    const previewUrl = page.url();

    // The same file again: the first import, nothing new.
    await page.goto(`/${HACKWELL}/staff/payments/vouchers`);
    await codes.getByLabel("Import a provider's response (codes)").setInputFiles({ name: "again.csv", mimeType: "text/csv", buffer: file });
    await codes.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByTestId("voucher-same-file")).toHaveText("This file was imported before: nothing in it will be applied again.");
    expect(page.url().split("?")[0]).toBe(previewUrl);
    await page.goto(`/${HACKWELL}/staff/payments/vouchers`);
    await expect(page.getByTestId("voucher-imports").getByRole("link", { name: "paypoint-response.csv" })).toHaveCount(1);
    await expect(page.getByTestId("voucher-imports").getByRole("link", { name: "again.csv" })).toHaveCount(0);
  });
});
