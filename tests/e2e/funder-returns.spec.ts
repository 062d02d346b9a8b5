import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { copyDemoAccount, expectAccessible, HACKWELL, signInAsStaff } from "./support";

// The funder's return as a manager drafts, checks, downloads and signs it off (issue 20), on the
// seeded Crisis and Resilience Fund: mapping a pot, every mistake on the draft and sign-off forms
// explained with nothing lost, the XLSX and CSV downloads holding the page's figures, and the
// Section 151 officer's typed approval freezing the return.

const MANAGER = "returns-manager@hackwell.example";

test.beforeAll(async () => {
  await copyDemoAccount("manager@hackwell.example", MANAGER, "Returns ");
});

test("a manager drafts a Crisis and Resilience Fund return, downloads it as XLSX and CSV, and the Section 151 officer signs it off", async ({ page }) => {
  // A long journey (map, draft, two downloads, sign off, new version) on a shared, busy machine.
  test.setTimeout(300_000);
  await signInAsStaff(page, MANAGER, { totpOf: "manager@hackwell.example" });
  await page.goto(`/${HACKWELL}/staff`);
  await page.getByRole("navigation").getByRole("link", { name: "Reports" }).click();
  await page.getByTestId("funder-returns-link").click();
  await expect(page.getByRole("heading", { name: "Funder returns", level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Map the fund's first pot to Crisis Payment.
  const fundRow = page.locator("li").filter({ hasText: "Crisis and Resilience Fund 2026/27" });
  await fundRow.getByRole("link", { name: /Map pots to the funder's categories/ }).click();
  const firstPot = page.locator("select[name^=map-]").first();
  await firstPot.selectOption("crf-crisis");
  await page.getByRole("button", { name: "Save the mapping" }).click();
  await expect(page.getByTestId("mapping-banner")).toContainText("Mapping saved");
  await expect(page.locator("select[name^=map-]").first()).toHaveValue("crf-crisis");
  await expectAccessible(page);

  // Draft: every mistake explained, nothing typed lost.
  await page.getByRole("link", { name: "Funder returns" }).click();
  await page.getByTestId("draft-return").click();
  await page.getByLabel("Single point of contact email").fill("not-an-email");
  await page.getByLabel("Crisis scheme").fill("12,500");
  await page.getByRole("button", { name: "Draft the return" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Select the fund");
  await expect(summary).toContainText("Select the funder's layout");
  await expect(summary).toContainText("Enter the date the reporting period starts");
  await expect(summary).toContainText("Enter the single point of contact's email address in the correct format");
  await expect(page.getByLabel("Crisis scheme")).toHaveValue("12,500");
  await expectAccessible(page);

  await page.getByLabel("Fund", { exact: true }).selectOption({ label: "Crisis and Resilience Fund 2026/27" });
  await page.getByLabel("Crisis and Resilience Fund", { exact: true }).check();
  const start = page.getByRole("group", { name: "Start of the reporting period" });
  await start.getByLabel("Day").fill("1");
  await start.getByLabel("Month").fill("4");
  await start.getByLabel("Year").fill("2026");
  const end = page.getByRole("group", { name: "End of the reporting period" });
  await end.getByLabel("Day").fill("31");
  await end.getByLabel("Month").fill("3");
  await end.getByLabel("Year").fill("2027");
  await page.getByLabel("Council code").fill("E09000012");
  await page.getByLabel("Single point of contact email").fill("returns@hackwell.example");
  for (const line of ["Housing Payments", "Resilience investment", "Community Coordination", "Administration (including evaluation)"]) await page.getByLabel(line).fill("1000");
  await page.getByRole("button", { name: "Draft the return" }).click();
  await expect(page.getByTestId("return-banner")).toContainText("Return drafted");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Crisis and Resilience Fund return, version \d+/);
  await expect(page.getByRole("heading", { name: "Spend and awards" })).toBeVisible();
  await expect(page.locator("tr[data-key='plan.crisis']")).toContainText("£12,500.00");
  // Governance is red until the Section 151 officer signs off.
  await expect(page.getByTestId("return-check").filter({ hasText: "Governance complete" })).toHaveAttribute("data-ok", "no");
  await expectAccessible(page);

  const pageTotal = (await page.locator("tr[data-key='spend.total'] td").first().textContent())!.trim();

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-xlsx").click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^CRF_MI_E09000012_0327_v\d+\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await xlsx.path())!);
  expect(book.worksheets.map((w) => w.name)).toEqual(["Governance", "Spend and awards", "Administration", "Delivery plan"]);
  const plan = book.getWorksheet("Delivery plan")!;
  expect(plan.getRow(2).getCell(1).value).toBe("Crisis scheme");
  expect(plan.getRow(2).getCell(2).value).toBe(12500);

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
  expect(csv.suggestedFilename()).toMatch(/^CRF_MI_E09000012_0327_v\d+\.csv$/);
  const lines = fs.readFileSync((await csv.path())!, "utf8").split("\r\n");
  expect(lines).toContain('"Delivery plan","Crisis scheme","12500.00","0.00","-12500.00"');
  expect(lines.find((l) => l.startsWith('"Spend and awards","Total"'))).toContain(`"${pageTotal.replace(/[£,]/g, "")}"`);

  // Sign-off: the statement must be typed as shown.
  const signOff = page.getByTestId("sign-off");
  await signOff.getByLabel("Section 151 officer's full name").fill("Sam Section");
  await signOff.getByLabel("Section 151 officer's email").fill("s151@hackwell.example");
  await signOff.getByLabel(/Type this statement/).fill("I approve");
  await signOff.getByRole("button", { name: "Sign off the return" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Type the approval statement exactly as shown");
  await expect(signOff.getByLabel("Section 151 officer's full name")).toHaveValue("Sam Section");
  await signOff.getByLabel(/Type this statement/).fill("I approve this return as the Section 151 officer");
  await signOff.getByRole("button", { name: "Sign off the return" }).click();
  await expect(page.getByTestId("return-banner")).toContainText("Return signed off");
  await expect(page.getByTestId("signed-note")).toContainText("Signed off by Sam Section (s151@hackwell.example)");
  await expect(page.getByTestId("return-check").filter({ hasText: "Governance complete" })).toHaveAttribute("data-ok", "yes");
  await expect(page.getByTestId("sign-off")).toHaveCount(0);
  await expectAccessible(page);

  // A new version can be drafted from the signed one; the signed one stays.
  await page.getByRole("button", { name: "Draft a new version" }).click();
  await expect(page.getByTestId("return-banner")).toContainText("Return drafted");
  await expect(page.getByTestId("sign-off")).toBeVisible();
  await page.getByRole("link", { name: "Funder returns" }).click();
  await expect(page.getByTestId("returns-table")).toContainText("Signed off");
  await expect(page.getByTestId("returns-table")).toContainText("Draft");
});

// Fenshire's fund, so the Hackwell return above is not touched while both run.
test("a manager records administration spend, then reverses a cost recorded in error, with a reason", async ({ page }) => {
  test.setTimeout(180_000);
  // Hackwell's fund: funds.spec allocates from Fenshire's fund at the same time and checks its
  // unallocated money moves by exactly what it allocated (a cost recorded meanwhile would move it).
  await signInAsStaff(page, MANAGER, { totpOf: "manager@hackwell.example" });
  await page.goto(`/${HACKWELL}/staff/reports/returns`);
  const fundRow = page.locator("li").filter({ hasText: "Crisis and Resilience Fund 2026/27" });
  await fundRow.getByRole("link", { name: /Administration spend/ }).click();
  await expect(page.getByRole("heading", { name: /Administration spend: Crisis and Resilience Fund/, level: 1 })).toBeVisible();

  const reason = `Hub team invoice ${Date.now()}`;
  await page.getByLabel("Housing Payments administration").check();
  await page.getByLabel("Amount").fill("1,250.00");
  await page.getByLabel("Description").fill(reason);
  await page.getByRole("button", { name: "Record the spend" }).click();
  await expect(page.getByTestId("admin-cost-banner")).toContainText("Administration spend recorded");
  const row = page.getByRole("row").filter({ hasText: reason });
  await row.getByTestId("admin-cost-reverse").click();
  await expect(page.getByTestId("admin-cost-reverse-form")).toContainText("£1,250.00 of housing payments administration");

  // No reason: the error summary says so; then with one, the cost is reversed and the cap freed.
  await page.getByRole("button", { name: "Reverse the spend" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter why the spend is being reversed");
  await expectAccessible(page);
  await page.getByLabel("Why it is being reversed").fill("Invoiced twice");
  await page.getByRole("button", { name: "Reverse the spend" }).click();
  await expect(page.getByTestId("admin-cost-banner")).toContainText("Administration spend reversed");
  await expect(row.getByTestId("admin-cost-reversed")).toContainText("Invoiced twice");
  await expect(row.getByTestId("admin-cost-reverse")).toHaveCount(0);
  await expectAccessible(page);
});
