import { expect, test } from "@playwright/test";
import { expectAccessible, latestMailLink } from "./support";

test("magic links are refused for addresses outside the partners' domains", async ({ page }) => {
  await page.goto("/hackwell/partner/sign-in");
  await expectAccessible(page);
  await page.getByLabel("Work email address").fill("someone@gmail.example");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("This address is not from one of the council's partner organisations");
  await expect(page.getByLabel("Work email address")).toHaveValue("someone@gmail.example");
  await expectAccessible(page);
});

test("a referrer signs in by email link, once, and cannot reach staff pages", async ({ page, browser }) => {
  await page.goto("/hackwell/partner/sign-in");
  await page.getByLabel("Work email address").fill("leaving.care@hackwell.example");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expectAccessible(page);

  const link = await latestMailLink(page, "leaving.care@hackwell.example");
  expect(new URL(link).pathname).toBe("/hackwell/partner/sign-in/link");
  // Opening the link (as a mail scanner would) does not spend it.
  const other = await browser.newPage();
  await other.goto(link);
  await other.close();

  await page.goto(link);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/hackwell\/partner$/);
  await expect(page.getByRole("heading", { name: "Partner portal" })).toBeVisible();
  await expect(page.getByText("Hackwell Leaving Care Team")).toBeVisible();
  await expectAccessible(page);

  const staff = await page.goto("/hackwell/staff");
  expect(staff?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  expect((await page.goto("/hackwell/staff/people"))?.status()).toBe(403);
  // Another council's partner portal is not theirs either.
  expect((await page.goto("/fenshire/partner"))?.status()).toBe(403);

  // The same link a second time.
  await page.goto("/hackwell/partner");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "This sign-in link does not work" })).toBeVisible();
  await expect(page.getByText("already been used")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/hackwell/partner/sign-in");
  await expectAccessible(page);
});

test("a made-up link is refused with a way to ask for a new one", async ({ page }) => {
  await page.goto("/hackwell/partner/sign-in/link?token=made-up");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "This sign-in link does not work" })).toBeVisible();
});
