import { expect, test } from "@playwright/test";
import { copyDemoAccount, expectAccessible, HACKWELL, signInAsStaff } from "./support";

// The stand-in report pages (replaced by the dashboard branch at merge) read the summaries: the
// dashboard and a breakdown for the demo council, a nonsense period explained in a GOV.UK error
// summary (the default period shown instead), an unknown dimension not found, an officer refused.

const MANAGER = "summaries-manager@hackwell.example";
const OFFICER = "summaries-officer@hackwell.example";

test.beforeAll(async () => {
  await copyDemoAccount("manager@hackwell.example", MANAGER, "Summaries ");
  await copyDemoAccount("officer@hackwell.example", OFFICER, "Summaries ");
});

test("a manager reads the dashboard and a breakdown; nonsense in the query string is explained", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsStaff(page, MANAGER, { totpOf: "manager@hackwell.example" });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/${HACKWELL}/staff/reports?fund=all&from=2026-01-01&to=2026-12-31`);
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect(page.getByTestId("money")).toContainText("Allocation");
  await expect(page.getByTestId("by-need")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/reports-dashboard-1280.png", fullPage: true });

  await page.goto(`/${HACKWELL}/staff/reports?fund=nonsense&from=2026-13-45&to=yesterday`);
  await expect(page.getByTestId("error-summary")).toContainText("Choose a fund from the list");
  await expect(page.getByTestId("error-summary")).toContainText("Enter the start of the period as a real date");
  await expect(page.getByTestId("error-summary")).toContainText("Enter the end of the period as a real date");
  await expect(page.getByTestId("money")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/reports-errors-1280.png", fullPage: true });

  await page.getByRole("link", { name: "Break down by route" }).click();
  await expect(page.getByRole("heading", { name: "Awards paid by route", level: 1 })).toBeVisible();
  await expect(page.getByTestId("breakdown")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/reports-breakdown-1280.png", fullPage: true });

  expect((await page.goto(`/${HACKWELL}/staff/reports/breakdown/salary?fund=all`))?.status()).toBe(404);
});

test("an officer may not read the reports", async ({ page }) => {
  await signInAsStaff(page, OFFICER, { totpOf: "officer@hackwell.example" });
  expect((await page.goto(`/${HACKWELL}/staff/reports`))?.status()).toBe(403);
  expect((await page.goto(`/${HACKWELL}/staff/reports/breakdown/need`))?.status()).toBe(403);
});
