import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { expectAccessible, expectAccessibleWithoutJs, signInAsStaff } from "./support";

// Awards above the officer's limit wait for an approver, who approves them from the
// awaiting-approval page (and is refused one they proposed themselves); a council admin changes
// the casework settings. The over-limit decisions are made in the database as the decide service
// leaves them (an APPROVED case whose award line waits), not through the case pages.

const COUNCIL = "hackwell";

async function owner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.E2E_OWNER_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

type TWaiting = { awardId: string; caseId: string; reference: string; potId: string; fundId: string };

/** A resident's case decided by `proposer` with one award line of `pence` from Hackwell's Food and energy pot, waiting for an approver. */
async function waitingAward(proposerEmail: string, pence: number): Promise<TWaiting> {
  return owner(async (c) => {
    const { rows } = await c.query<{ tenantId: string; potId: string; fundId: string; userId: string }>(
      `select t.id as "tenantId", p.id as "potId", p."fundId", u.id as "userId" from "Tenant" t join "Pot" p on p."tenantId" = t.id and p.name = 'Food and energy'
       join "User" u on u.email = $2 where t.slug = $1 limit 1`,
      [COUNCIL, proposerEmail],
    );
    const { tenantId, potId, fundId, userId } = rows[0]!;
    const reference = `HKW-E2E-${randomUUID().slice(0, 6).toUpperCase()}`;
    const applicationId = randomUUID();
    const caseId = randomUUID();
    const awardId = randomUUID();
    await c.query("begin");
    await c.query(
      `insert into "Application" (id, "tenantId", reference, "schemaVersion", channel, "residentStatus", data, "fullName", "dateOfBirth", postcode, email, locale, "urgencyFlags", "submittedAt", "updatedAt")
       values ($1, $2, $3, 1, 'RESIDENT_ONLINE', 'IN_REVIEW', '{}'::jsonb, 'Grace Okafor', '1990-04-02', 'E8 1DY', 'grace@example.com', 'en', '{}', now() - interval '2 days', now())`,
      [applicationId, tenantId, reference],
    );
    await c.query(
      `insert into "Case" (id, "tenantId", "applicationId", reference, status, channel, "fullName", postcode, "needCategories", "assignedToId", "assignedAt", "priorityScore", "priorityBand", "priorityReasons", "receivedAt", "slaDueOn", "decidedAt", "decidedById", "decisionReasonCode", "decisionExplanation")
       values ($1, $2, $3, $4, 'APPROVED', 'RESIDENT_ONLINE', 'Grace Okafor', 'E8 1DY', '{food}', $5, now(), 40, 'URGENT', '{no-food-today}', now() - interval '2 days', current_date + 1, now(), $5, 'need-met', 'We will send you a food voucher.')`,
      [caseId, tenantId, applicationId, reference, userId],
    );
    await c.query(
      `insert into "Award" (id, "tenantId", "caseId", "potId", "needCategory", "amountPence", "paymentMethod", status, "proposedById") values ($1, $2, $3, $4, 'food', $5, 'voucher-email', 'AWAITING_APPROVAL', $6)`,
      [awardId, tenantId, caseId, potId, pence, userId],
    );
    await c.query("commit");
    return { awardId, caseId, reference, potId, fundId };
  });
}

async function committedPence(page: Page, w: TWaiting): Promise<number> {
  await page.goto(`/${COUNCIL}/staff/funds/${w.fundId}/pots/${w.potId}`);
  const text = await page.locator(".govuk-summary-list > div").filter({ has: page.getByText("Committed to awards", { exact: true }) }).locator("dd").first().textContent();
  const m = text!.match(/£([\d,]+)\.(\d\d)/)!;
  return Number(m[1]!.replaceAll(",", "")) * 100 + Number(m[2]);
}

test("an over-limit award waits; an approver approves it and the pot's committed money goes up; their own proposal is refused by four eyes", async ({ page }) => {
  const theirs = await waitingAward("officer@hackwell.example", 28_000);
  const mine = await waitingAward("approver@hackwell.example", 27_500);
  await signInAsStaff(page, "approver@hackwell.example");
  const before = await committedPence(page, theirs);

  await page.goto(`/${COUNCIL}/staff`);
  const navLink = page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: /^Awaiting approval \(\d+\)$/ });
  const waiting = Number((await navLink.textContent())!.match(/\((\d+)\)/)![1]);
  await navLink.click();
  await expect(page.getByRole("heading", { name: "Awards awaiting approval", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: theirs.reference });
  await expect(row).toContainText("£280.00");
  await expect(row).toContainText("Food and energy");
  await expect(row.getByRole("link", { name: theirs.reference, exact: true })).toHaveAttribute("href", `/${COUNCIL}/staff/cases/${theirs.caseId}`);
  await expectAccessible(page);

  await row.getByRole("button", { name: `Approve £280.00 for ${theirs.reference}` }).click();
  await expect(page.getByTestId("approval-banner")).toHaveText(`Award approved: £280.00 for ${theirs.reference} from Food and energy`);
  await expect(page.getByRole("row").filter({ hasText: theirs.reference })).toHaveCount(0);
  // The navigation's count follows (the council's layout is drawn again after the action).
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: `Awaiting approval (${waiting - 1})` })).toBeVisible();
  await expectAccessible(page);
  expect(await committedPence(page, theirs)).toBe(before + 28_000);

  // Four eyes: the approver's own proposal.
  await page.goto(`/${COUNCIL}/staff/cases/awaiting-approval`);
  const own = page.getByRole("row").filter({ hasText: mine.reference });
  await own.getByRole("button", { name: `Approve £275.00 for ${mine.reference}` }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("You proposed this award, so another approver must approve it");
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);
  // The summary links to the line's Approve button.
  await expect(summary.getByRole("link")).toHaveAttribute("href", `#field-award-${mine.awardId}`);
  await expect(page.locator(`#field-award-${mine.awardId}`)).toHaveAccessibleName(`Approve £275.00 for ${mine.reference}`);

  // Rejecting: a reason is required, and four eyes applies too.
  await page.getByRole("row").filter({ hasText: mine.reference }).getByRole("link", { name: /Reject/ }).click();
  await expect(page.getByRole("heading", { name: `Reject £275.00 for ${mine.reference}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Reject award" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter why you are rejecting this award");
  await expectAccessible(page);
  await page.getByLabel("Why are you rejecting this award?").fill("Too much for one household");
  await page.getByRole("button", { name: "Reject award" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("You proposed this award, so another approver must decide on it");
  await expect(page.getByLabel("Why are you rejecting this award?")).toHaveValue("Too much for one household");
  const status = await owner(async (c) => (await c.query<{ status: string }>(`select status from "Award" where id = $1`, [mine.awardId])).rows[0]!.status);
  expect(status).toBe("AWAITING_APPROVAL");
});

test("while a line waits for an approver, the resident's status page says what is approved now and what is being checked; then 'Decided' once the check is over", async ({ page }) => {
  const w = await waitingAward("officer@hackwell.example", 30_000);
  // A reference the status form accepts (HKW-XXXX-XX), and the same decision's line within the
  // officer's limit, already approved.
  const pick = (n: number) => Array.from({ length: n }, () => "3479ACDEFGHJKMNPQRTWXY6"[Math.floor(Math.random() * 23)]).join("");
  const reference = `HKW-${pick(4)}-${pick(2)}`;
  await owner(async (c) => {
    await c.query(`update "Application" set reference = $2 where id = (select "applicationId" from "Case" where id = $1)`, [w.caseId, reference]);
    await c.query(`update "Case" set reference = $2 where id = $1`, [w.caseId, reference]);
    await c.query(
      `insert into "Award" (id, "tenantId", "caseId", "potId", "needCategory", "amountPence", "paymentMethod", status, "proposedById", "approvedById", "approvedAt")
       select $1, a."tenantId", a."caseId", a."potId", 'energy', 6000, 'voucher-email', 'APPROVED', a."proposedById", a."proposedById", now() from "Award" a where a.id = $2`,
      [randomUUID(), w.awardId],
    );
  });
  const check = async (expected: string) => {
    await page.goto(`/${COUNCIL}/status`);
    await page.getByLabel("Reference number").fill(reference);
    await page.getByLabel("Day").fill("2");
    await page.getByLabel("Month").fill("4");
    await page.getByLabel("Year").fill("1990");
    await page.locator("main form button[type=submit]").click();
    await expect(page.getByTestId("status")).toHaveText(expected);
  };
  await check("Partly decided");
  await expect(page.getByTestId("status-approved")).toHaveText("£60.00 for energy and water");
  await expect(page.getByTestId("status-text")).toContainText("A second person is checking the rest (£300.00):");
  await expect(page.getByTestId("status-checking")).toHaveText("£300.00 for food");
  await expect(page.getByTestId("status-text")).toContainText("We will tell you when they have finished.");
  await expectAccessible(page);

  await signInAsStaff(page, "approver@hackwell.example");
  await page.goto(`/${COUNCIL}/staff/cases/awaiting-approval`);
  // Rejected (an approval would meet the pot's household rules, which are not what this checks).
  await page.getByRole("row").filter({ hasText: reference }).getByRole("link", { name: /Reject/ }).click();
  await page.getByLabel("Why are you rejecting this award?").fill("Food is covered by the food bank referral");
  await page.getByRole("button", { name: "Reject award" }).click();
  await expect(page.getByRole("row").filter({ hasText: reference })).toHaveCount(0);
  await page.context().clearCookies();
  await check("Decided");
  await expect(page.getByTestId("status-approved")).toHaveCount(0);
});

for (const email of ["officer@hackwell.example", "manager@hackwell.example"]) {
  test(`${email.split("@")[0]} cannot reach the approval or settings pages`, async ({ page }) => {
    await signInAsStaff(page, email);
    await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: /Awaiting approval|Casework settings/ })).toHaveCount(0);
    for (const path of ["cases/awaiting-approval", "cases/settings", "cases/awaiting-approval/00000000-0000-4000-8000-000000000000/reject"]) {
      const response = await page.goto(`/${COUNCIL}/staff/${path}`);
      expect(response!.status(), path).toBe(403);
    }
  });
}

test("a council admin changes a weight: nonsense is explained on the right boxes, then the open cases are re-scored", async ({ page }) => {
  await signInAsStaff(page, "admin@hackwell.example");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Casework settings" }).click();
  await expect(page.getByRole("heading", { name: "Casework settings", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle("Casework settings – Money Hub");
  await expectAccessible(page);
  const weight = page.getByLabel("No food today");
  const original = await weight.inputValue();

  await weight.fill("lots");
  await page.getByLabel("Largest award an officer can approve alone").fill("£abc");
  await page.getByLabel("Code", { exact: true }).fill("Bad Code!");
  await page.getByRole("button", { name: "Save settings" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("The weight for “No food today” must be a whole number from 0 to 100");
  await expect(summary).toContainText("The officer's approval limit must be an amount of money, like 250 or 1,250.50");
  await expect(summary).toContainText("The code must be 2 to 40 lower-case letters, numbers or hyphens");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(weight).toHaveValue("lots");
  await expectAccessible(page);
  await expect(summary.getByRole("link", { name: /No food today/ })).toHaveAttribute("href", `#${await weight.getAttribute("id")}`);

  await weight.fill(String(Number(original) + 5));
  await page.getByLabel("Largest award an officer can approve alone").fill("250.00");
  await page.getByLabel("Code", { exact: true }).fill("");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("settings-banner")).toHaveText(/^Casework settings saved\. [\d,]+ open cases were given a new priority\.$/);
  await expect(page.getByLabel("No food today")).toHaveValue(String(Number(original) + 5));
  await expectAccessible(page);
  // Put it back for the other specs.
  await page.getByLabel("No food today").fill(original);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("settings-banner")).toBeVisible();
  await expect(page.getByLabel("No food today")).toHaveValue(original);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an approver approves an award with plain forms", async ({ page }) => {
    const w = await waitingAward("officer@hackwell.example", 26_000);
    await signInAsStaff(page, "approver@hackwell.example");
    await page.goto(`/${COUNCIL}/staff/cases/awaiting-approval`);
    await expect(page).toHaveTitle("Awards awaiting approval – Money Hub");
    await expectAccessibleWithoutJs(page);
    await page.getByRole("row").filter({ hasText: w.reference }).getByRole("button", { name: /Approve/ }).click();
    await expect(page.getByTestId("approval-banner")).toHaveText(`Award approved: £260.00 for ${w.reference} from Food and energy`);
    await expectAccessibleWithoutJs(page);
    // The reject page's error state, without JavaScript.
    const other = await waitingAward("officer@hackwell.example", 26_500);
    await page.goto(`/${COUNCIL}/staff/cases/awaiting-approval/${other.awardId}/reject`);
    await page.getByRole("button", { name: "Reject award" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("Enter why you are rejecting this award");
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Why are you rejecting this award?").fill("The resident found help elsewhere");
    await page.getByRole("button", { name: "Reject award" }).click();
    await expect(page.getByTestId("approval-banner")).toContainText(`Award rejected: £265.00 for ${other.reference}. No award is left on the case, so it is back with`);
    const c = await owner(async (db) => (await db.query<{ status: string }>(`select status from "Case" where id = $1`, [other.caseId])).rows[0]!);
    expect(c.status).toBe("IN_REVIEW");
  });
});
