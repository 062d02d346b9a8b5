// Issue 15, hole 7: a NUL byte in the queue's URL, in a case note and in a resident's answer
// gave a 500 (PostgreSQL 22021). Now the URL is cleaned and typed text gets the GOV.UK error.
import { expect, test } from "@playwright/test";
import { answerEveryPage, HACKWELL, ownerQuery, sendApplication, signInAsStaff, submitButton } from "./support";

const HIDDEN = "must not contain hidden control characters";

test("?q=%00 on the queue answers with the page, not a 500", async ({ page }) => {
  await signInAsStaff(page, "officer@hackwell.example");
  const response = await page.goto(`/${HACKWELL}/staff/cases?q=%00&status=%00`);
  expect(response!.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Cases", level: 1 })).toBeVisible();
});

test("a note with a NUL byte gets the GOV.UK error and is not saved", async ({ page, browser }) => {
  const resident = await (await browser.newContext()).newPage();
  await answerEveryPage(resident, { council: HACKWELL });
  await sendApplication(resident);
  await signInAsStaff(page, "officer@hackwell.example");
  const [c] = await ownerQuery<{ id: string }>(`select c.id from "Case" c join "Tenant" t on t.id = c."tenantId" where t.slug = $1 order by c."receivedAt" desc limit 1`, [HACKWELL]);
  const notes = async () => (await ownerQuery<{ n: string }>(`select count(*)::text as n from "CaseEvent" where "caseId" = $1 and kind = 'note'`, [c!.id]))[0]!.n;
  const before = await notes();
  await page.goto(`/${HACKWELL}/staff/cases/${c!.id}`);
  await page.getByLabel("Add a note").fill("Called\u0000 the resident");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("note-form").getByTestId("error-summary")).toContainText(HIDDEN);
  expect(await notes()).toBe(before);
});

test("a resident's name with a NUL byte gets the error on the page", async ({ page }) => {
  await page.goto(`/${HACKWELL}/apply`);
  await submitButton(page).click();
  await expect(page).toHaveURL(/\/apply\/full-name$/);
  await page.locator("input[name=fullName]").fill("Ayşe\u0000 Yılmaz");
  await submitButton(page).click();
  await expect(page.getByTestId("error-summary")).toContainText(HIDDEN);
  await expect(page).toHaveURL(/\/apply\/full-name$/);
});
