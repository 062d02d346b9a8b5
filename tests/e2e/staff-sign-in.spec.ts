import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signInAsStaff } from "./support";

test("a wrong password is refused without saying which part was wrong", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("officer@hackwell.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toContainText("Enter a correct email address and password");
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("Email address")).toHaveValue("officer@hackwell.example");
  await expectAccessible(page);

  // The same words for an account that does not exist.
  await page.getByLabel("Email address").fill("nobody@hackwell.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter a correct email address and password");
});

test("empty fields get a GOV.UK error summary linking to each field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary.getByRole("link", { name: "Enter your email address" })).toHaveAttribute("href", "#field-email");
  await expect(summary.getByRole("link", { name: "Enter your password" })).toHaveAttribute("href", "#field-password");
  await expect(page.locator("#field-email-error")).toContainText("Enter your email address");
  await expectAccessible(page);
});

test("MFA is enforced: a right password alone does not sign in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("manager@hackwell.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/sign-in\/code$/);
  await page.goto("/hackwell/staff");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/sign-in/code");
  await page.getByLabel("Enter the code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("The code is not right");
  await expectAccessible(page);
});

test("staff sign in with password and code, and sign out for good", async ({ page, context }) => {
  await signInAsStaff(page, "officer@hackwell.example", { check: true });
  await expect(page).toHaveURL(/\/hackwell\/staff$/);
  await expect(page.getByRole("heading", { name: "Hello, Priya Shah" })).toBeVisible();
  await expectAccessible(page);
  const staffResponse = await page.goto("/hackwell/staff");
  expect(staffResponse?.headers()["cache-control"]).toContain("no-store");

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "__Host-moneyhub.session");
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
  // Putting the old cookie back does not help: the server-side session has ended.
  await context.addCookies([session!]);
  await page.goto("/hackwell/staff");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("staff can sign in and see errors", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("Enter your email address");
    await expect(page).toHaveTitle(/^Error: /);
    await signInAsStaff(page, "approver@fenshire.example");
    await expect(page).toHaveURL(/\/fenshire\/staff$/);
    await expect(page.getByRole("heading", { name: "Hello, Owen Pryce" })).toBeVisible();
  });
});
