import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, signInAsStaff } from "./support";

// Budget screens as a fund manager uses them, on the seeded demo funds (opening allocations; the
// awards the other specs approve are the only commitments, and no payments exist yet).

async function openFund(page: Page, council: string, name: RegExp | string) {
  await page.goto(`/${council}/staff`);
  await page.getByRole("navigation").getByRole("link", { name: "Funds" }).click();
  await expect(page.getByRole("heading", { name: "Funds", level: 1 })).toBeVisible();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name: "Pots" })).toBeVisible();
}

/** Picks the option whose text starts with `start` (pot options also show the money available). */
async function choose(page: Page, label: string, start: string) {
  const select = page.getByLabel(label);
  const value = await select.locator("option").filter({ hasText: new RegExp(`^${start}`) }).first().getAttribute("value");
  await select.selectOption(value!);
}

/** The pounds in a summary-list row, as pence. */
async function rowPence(page: Page, key: string): Promise<number> {
  const text = await page.locator(".govuk-summary-list > div").filter({ has: page.getByText(key, { exact: true }) }).locator("dd").first().textContent();
  const m = text?.match(/£([\d,]+)\.(\d\d)/);
  if (!m) throw new Error(`No amount in row ${key}: ${text}`);
  return Number(m[1]!.replaceAll(",", "")) * 100 + Number(m[2]);
}

test("a manager sees spend against the allocation, the projection, and a pot's history as a filtered CSV", async ({ page }) => {
  await signInAsStaff(page, "manager@hackwell.example");
  await openFund(page, "hackwell", "Crisis and Resilience Fund 2026/27");
  await expectAccessible(page);
  await expect(page.locator(".govuk-summary-list")).toContainText("£2,400,000.00");
  // No payments exist yet, and the demo seeds none (issue 15): nothing is spent.
  expect(await rowPence(page, "Spent")).toBe(0);
  await expect(page.locator(".govuk-summary-list")).toContainText(/No spending yet|Underspend of about|Runs out around|Nearly empty/);
  await expect(page.locator(".govuk-summary-list")).toContainText(/£[\d,]+\.\d\d a day \(last 7 days\)/);

  await page.getByRole("link", { name: "Food and energy" }).click();
  await expect(page.getByRole("heading", { name: "Transactions" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Type").selectOption({ label: "Allocated from fund" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/kind=ALLOCATE/);
  const rows = page.locator("table.govuk-table tbody tr");
  await expect(rows.last()).toContainText("Opening allocation");
  expect(await rows.filter({ hasNotText: "Allocated from fund" }).count()).toBe(0);
  const showing = await page.getByText(/Showing \d+ to \d+ of \d+ transactions/).textContent();
  const total = Number(showing!.match(/of (\d+)/)![1]);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download all \d+ as CSV/ }).click()]);
  expect(download.suggestedFilename()).toBe("food-and-energy-transactions.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8").trimEnd().split("\r\n");
  expect(csv[0]).toContain('"Type","Amount (£)"');
  expect(csv).toHaveLength(total + 1);
  expect(csv.slice(1).every((line) => line.includes('"Allocated from fund"'))).toBe(true);
});

test("allocating money: every mistake explained, nothing lost, then the figures move by exactly the amount", async ({ page }) => {
  await signInAsStaff(page, "manager@fenshire.example");
  await openFund(page, "fenshire", "Crisis and Resilience Fund 2026/27");
  const before = await rowPence(page, "Not yet in a pot");

  await page.getByRole("link", { name: "Allocate money" }).click();
  await page.getByRole("button", { name: "Allocate money" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Select the pot to allocate money to");
  await expect(summary).toContainText("Enter the amount to allocate");
  await expect(summary).toContainText("Enter a reason");
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);

  await choose(page, "Pot", "Energy support");
  await page.getByLabel("Amount").fill("99,999,999");
  await page.getByLabel("Reason").fill("Cold weather demand");
  await page.getByRole("button", { name: "Allocate money" }).click();
  await expect(summary).toContainText("The amount is more than the fund has left to allocate");
  await expect(page.getByLabel("Reason")).toHaveValue("Cold weather demand");
  await expect(page.getByLabel("Pot")).toHaveValue(/[0-9a-f-]{36}/);
  await expectAccessible(page);

  await page.getByLabel("Amount").fill("12,500.50");
  await page.getByRole("button", { name: "Allocate money" }).click();
  await expect(page.getByText("Money allocated.")).toBeVisible();
  expect(await rowPence(page, "Not yet in a pot")).toBe(before - 1_250_050);

  await page.goto("/fenshire/staff/audit");
  await expect(page.getByText("Allocated £12,500.50 from the fund's unallocated money to Energy support: Cold weather demand")).toBeVisible();
});

test("a manager adds a fund and a pot, and moves money, with the forms working without JavaScript", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAsStaff(page, "manager@hackwell.example");
  await page.goto("/hackwell/staff/funds/new");
  await page.getByLabel("Fund name").fill("Winter warmth 2026/27");
  await page.getByLabel("Funder").fill("London Borough of Hackwell");
  const start = page.getByRole("group", { name: "Date the fund starts" });
  await start.getByLabel("Day").fill("1");
  await start.getByLabel("Month").fill("11");
  await start.getByLabel("Year").fill("2026");
  const end = page.getByRole("group", { name: "Date the fund ends" });
  await end.getByLabel("Day").fill("31");
  await end.getByLabel("Month").fill("2");
  await end.getByLabel("Year").fill("2027");
  await page.getByLabel("Total allocation").fill("40,000");
  await page.getByRole("button", { name: "Create fund" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("The date the fund ends must be a real date");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("Fund name")).toHaveValue("Winter warmth 2026/27");
  await expectAccessibleWithoutJs(page);
  await end.getByLabel("Day").fill("28");
  await page.getByRole("button", { name: "Create fund" }).click();
  await expect(page.getByText("Fund created.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Winter warmth 2026/27" })).toBeVisible();

  for (const name of ["Heating", "Blankets"]) {
    await page.getByRole("link", { name: "Add a pot" }).click();
    await page.getByLabel("Pot name").fill(name);
    await page.getByLabel("Energy and water").check();
    await page.getByRole("button", { name: "Create pot" }).click();
    await expect(page.getByText("Pot created.")).toBeVisible();
    await page.getByRole("link", { name: "Winter warmth 2026/27" }).click();
  }
  await page.getByRole("link", { name: "Allocate money" }).click();
  await choose(page, "Pot", "Heating");
  await page.getByLabel("Amount").fill("30000");
  await page.getByLabel("Reason").fill("Opening allocation");
  await page.getByRole("button", { name: "Allocate money" }).click();
  await expect(page.getByText("Money allocated.")).toBeVisible();

  await page.getByRole("link", { name: "Move money between pots" }).click();
  await choose(page, "Move from", "Heating");
  await choose(page, "Move to", "Heating");
  await page.getByLabel("Amount").fill("5,000");
  await page.getByLabel("Reason").fill("Blanket orders");
  await page.getByRole("button", { name: "Move money" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Select a different pot to move the money to");
  await expectAccessibleWithoutJs(page);
  await choose(page, "Move to", "Blankets");
  await page.getByRole("button", { name: "Move money" }).click();
  await expect(page.getByText("Money moved.")).toBeVisible();
  const pots = page.locator("table.govuk-table tbody tr");
  await expect(pots.filter({ hasText: "Blankets" })).toContainText("£5,000.00");
  await expect(pots.filter({ hasText: "Heating" })).toContainText("£25,000.00");
  await context.close();
});

test("approvers may read the budgets but not change them; officers may not see them", async ({ page, browser }) => {
  await signInAsStaff(page, "approver@hackwell.example");
  await page.goto("/hackwell/staff/funds");
  await expect(page.getByRole("heading", { name: "Funds", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add a fund" })).toHaveCount(0);
  expect((await page.goto("/hackwell/staff/funds/new"))?.status()).toBe(403);
  // Another council's funds are not theirs to read.
  expect((await page.goto("/fenshire/staff/funds"))?.status()).toBe(403);

  const officer = await browser.newPage();
  await signInAsStaff(officer, "officer@hackwell.example");
  expect((await officer.goto("/hackwell/staff/funds"))?.status()).toBe(403);
  await officer.close();
});
