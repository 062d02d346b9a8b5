// Proactive outreach (issue 20) through the real pages: a manager uploads a list, sees the invalid
// row with its reason before anything is imported, imports it (the page refreshes itself while the
// job runs), sends an email campaign; the invitation lands in the dev mailbox in the household's
// language; the resident opens the link and finds the application filled in with what the council
// holds. axe on each new page. Uses its own copy of the demo manager and its own households.
import { expect, test } from "@playwright/test";
import { copyDemoAccount, expectAccessible, HACKWELL, latestMailLink, signInAsStaff } from "./support";

test("upload → check → import → campaign → invitation in the mailbox → pre-filled application", async ({ page, browser }) => {
  test.setTimeout(360_000);
  const stamp = Date.now();
  const manager = `outreach-manager-${stamp}@hackwell.example`;
  await copyDemoAccount("manager@hackwell.example", manager, "Outreach ");
  await signInAsStaff(page, manager, { totpOf: "manager@hackwell.example" });

  await page.goto(`/${HACKWELL}/staff`);
  await page.getByRole("navigation").getByRole("link", { name: "Outreach" }).click();
  await expect(page.getByRole("heading", { name: "Outreach", level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Nothing chosen: the error summary says so.
  await page.getByTestId("outreach-upload").click();
  await expect(page.getByTestId("error-summary")).toContainText("Select a CSV file");

  const email = `ayse-${stamp}@example.com`;
  const csv = [
    "Name,Date of birth,Address line 1,Town,Postcode,Email,Mobile,Reason,Language",
    `Ayşe Outreach ${stamp},11/02/1985,2 Dalston Lane,London,E8 1DY,${email},,Council tax arrears,Turkish`,
    `No Birthday ${stamp},,3 Dalston Lane,London,E8 1DY,,,Council tax arrears,`,
  ].join("\n");
  await page.getByTestId("outreach-file").setInputFiles({ name: `arrears-${stamp}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("outreach-upload").click();

  // Every heading was recognised; the manager checks the rows: one cannot be imported, and why.
  await expect(page.getByRole("heading", { name: "Match the file’s columns to our fields" })).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Name");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Check the rows" }).click();
  // The check runs in the app's worker (outreach:check); the page shows its progress and refreshes itself until it is done.
  await expect(page.getByTestId("outreach-preview-summary")).toHaveText("2 rows: 1 can be imported, 1 cannot.", { timeout: 60_000 });
  await expect(page.getByTestId("outreach-problems")).toContainText("Date of birth is missing");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Import 1 household", exact: true }).click();

  // The job runs in the app's worker; the page refreshes itself until it is done.
  await expect(page.getByTestId("outreach-import-status")).toHaveText("Imported", { timeout: 60_000 });
  await expect(page.getByTestId("outreach-imported")).toHaveText("1");
  await expectAccessible(page);

  await page.getByTestId("outreach-start-campaign").click();
  await expect(page.getByRole("heading", { name: "Start a campaign", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter a name for the campaign");
  await expect(page.getByTestId("error-summary")).toContainText("Choose how to send the invitations");
  await expectAccessible(page);
  await page.getByLabel("Campaign name").fill(`Arrears ${stamp}`);
  await page.getByLabel("Email", { exact: true }).check();
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByTestId("outreach-campaign-status")).toHaveText("Sent", { timeout: 60_000 });
  await expect(page.getByTestId("funnel-invited")).toHaveText("1");
  await expectAccessible(page);
  const campaignUrl = page.url();

  // The invitation, in Turkish, in the dev mailbox; its link opens the landing page in Turkish.
  const link = await latestMailLink(page, email);
  const resident = await (await browser.newContext()).newPage();
  await resident.goto(link);
  await expect(resident.getByTestId("invitation-title")).toHaveText("Yardım için başvurmaya davetlisiniz");
  await expectAccessible(resident);
  await resident.getByTestId("invitation-start").click();
  await resident.waitForURL(new RegExp(`/${HACKWELL}/apply/(?!invited)`));
  // What the council holds is already there.
  await resident.goto(`/${HACKWELL}/apply/full-name`);
  await expect(resident.locator("input[name=fullName]")).toHaveValue(`Ayşe Outreach ${stamp}`);
  await resident.goto(`/${HACKWELL}/apply/contact`);
  await expect(resident.locator("input[name=email]")).toHaveValue(email);

  // The link works once.
  await resident.goto(link);
  await expect(resident.getByTestId("invitation-problem")).toBeVisible();

  // The campaign's funnel: started.
  await page.goto(campaignUrl);
  await expect(page.getByTestId("funnel-started")).toHaveText("1");
});
