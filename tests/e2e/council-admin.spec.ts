import { expect, test } from "@playwright/test";
import { currentTotp } from "@/lib/security/totp";
import { expectAccessible, latestMailLink, signInAsStaff } from "./support";

test("a council admin invites an officer, who sets up password and MFA; deactivation ends their session at once", async ({ page, browser }) => {
  const email = `new.officer.${Date.now()}@hackwell.example`;
  await signInAsStaff(page, "admin@hackwell.example");
  await page.goto("/hackwell/staff/people");
  await expectAccessible(page);

  // Bad input first: specific errors, nothing typed is lost.
  const invite = page.locator("form", { has: page.getByRole("heading", { name: "Invite a member of staff" }) });
  await invite.getByLabel("Full name").fill("Nia Officer");
  await invite.getByLabel("Email address").fill("not-an-email");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByTestId("error-summary")).toContainText("Enter an email address in the correct format");
  await expect(invite.getByLabel("Full name")).toHaveValue("Nia Officer");
  await expectAccessible(page);

  await invite.getByLabel("Email address").fill(email);
  await invite.getByLabel("Role").selectOption("OFFICER");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("notification-banner")).toContainText(`Invitation sent to ${email}`);

  // The invitee, in their own browser.
  const invitee = await (await browser.newContext()).newPage();
  const link = await latestMailLink(invitee, email);
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Set up your account" })).toBeVisible();
  await expectAccessible(invitee);
  const secret = (await invitee.getByTestId("totp-secret").textContent())!.trim();
  await invitee.getByLabel("Password", { exact: true }).fill("a sturdy passphrase 2026");
  await invitee.getByLabel("Confirm password").fill("a different one entirely");
  await invitee.getByLabel("Code from your authenticator app").fill(currentTotp(secret));
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee.getByTestId("error-summary")).toContainText("Passwords do not match");
  await expect(invitee.getByTestId("totp-secret")).toHaveText(secret);
  await invitee.getByLabel("Password", { exact: true }).fill("a sturdy passphrase 2026");
  await invitee.getByLabel("Confirm password").fill("a sturdy passphrase 2026");
  await invitee.getByLabel("Code from your authenticator app").fill(currentTotp(secret));
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee).toHaveURL(/\/hackwell\/staff$/);
  await expect(invitee.getByRole("heading", { name: "Hello, Nia Officer" })).toBeVisible();

  // The admin deactivates them; the officer's very next request is refused.
  await page.goto("/hackwell/staff/people");
  await page.getByRole("link", { name: "Nia Officer" }).click();
  // A client-side navigation: the new page's title arrives with it, so wait for it before axe.
  await expect(page).toHaveTitle(/^Person/);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Deactivate Nia Officer" }).click();
  await expect(page.getByTestId("notification-banner")).toContainText("Their sessions have ended");
  await invitee.goto("/hackwell/staff");
  await expect(invitee).toHaveURL(/\/sign-in$/);

  // And it is all on the audit log.
  await page.goto("/hackwell/staff/audit");
  await expect(page.getByRole("table")).toContainText(`Invited ${email} as Money Hub officer`);
  await expect(page.getByRole("table")).toContainText(`Deactivated ${email} and ended their sessions`);
  await expectAccessible(page);
});

test("an admin changes a person's roles", async ({ page }) => {
  await signInAsStaff(page, "admin@fenshire.example");
  await page.goto("/fenshire/staff/people");
  await page.getByRole("link", { name: "Lucy Marsh", exact: true }).click();
  await page.getByLabel("Approver (finance)").check();
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByTestId("notification-banner")).toContainText("Roles saved");
  await expect(page.getByRole("row", { name: /^Lucy Marsh/ })).toContainText("Approver (finance)");
  await page.goto("/fenshire/staff/audit");
  await expect(page.getByRole("table")).toContainText("Changed roles of officer@fenshire.example");
});
