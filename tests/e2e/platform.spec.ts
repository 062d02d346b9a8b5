import { expect, test } from "@playwright/test";
import { expectAccessible, openMailbox, signInAsStaff } from "./support";

test("a platform operator adds a council with its first admin", async ({ page }) => {
  await signInAsStaff(page, "operator@moneyhub.example");
  await page.goto("/platform");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add council and invite admin" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Enter the council's name");
  await expect(summary).toContainText("Enter at least one postcode area the council serves");
  await expectAccessible(page);

  await page.getByLabel("Council name").fill("Borough of Testford");
  await page.getByLabel("Web address name").fill("testford");
  await page.getByLabel("Type of council").selectOption("UNITARY");
  await page.getByLabel("Public contact email").fill("help@testford.example");
  await page.getByLabel("Public contact phone").fill("01632 960999");
  await page.getByLabel("Postcode areas served").fill("TF1, TF2");
  await page.getByLabel("First council admin's full name").fill("Tess Ford");
  await page.getByLabel("First council admin's email address").fill("tess@testford.example");
  await page.getByRole("button", { name: "Add council and invite admin" }).click();
  await expect(page.getByTestId("notification-banner")).toContainText("Council added");
  await expect(page.getByRole("link", { name: "/testford" })).toBeVisible();
  await openMailbox(page, "tess@testford.example");
  await expect(page.getByTestId("mail-body").first()).toContainText("/testford/invitations/");
});

test("council staff cannot use the platform pages", async ({ page }) => {
  await signInAsStaff(page, "admin@hackwell.example");
  expect((await page.goto("/platform"))?.status()).toBe(403);
});
