// Casework, the officer's day: a resident applies; an officer signs in with MFA, finds the
// application in the queue, claims it, adds a note and approves an award within the limit; the
// pot's committed figure moves, the resident's status page says decided and the dev mailbox has
// the decision. The same claim and decision without JavaScript. axe on the queue, the case page
// and the decision form's error state. Another council's case id is refused by the page and
// by the actions.
import { expect, test, type Browser, type Page } from "@playwright/test";
import type { TRawAnswers } from "@/lib/applications/steps";
import { FULL } from "../support/application-answers";
import { answerEveryPage, expectAccessible, expectAccessibleWithoutJs, FENSHIRE, HACKWELL, openMailbox, ownerQuery, sendApplication, signInAsStaff } from "./support";

const person = (name: string): TRawAnswers => ({ ...FULL, "full-name": { fullName: name } });

/** A Fenshire address (manual entry, in journey order: address-manual right after address). */
function fenshirePerson(name: string): TRawAnswers {
  const answers: TRawAnswers = { ...person(name), postcode: { postcode: "CB1 2ZZ" }, address: { address: "manual" }, "address-manual": { line1: "1 Mill Road", line2: "", town: "Cambridge" } };
  const order = ["full-name", "date-of-birth", "contact", "language", "postcode", "address", "address-manual", ...Object.keys(FULL).filter((k) => !["full-name", "date-of-birth", "contact", "language", "postcode", "address"].includes(k))];
  return Object.fromEntries(order.map((k) => [k, answers[k as keyof TRawAnswers]!])) as TRawAnswers;
}

// In order: the Fenshire case made without JavaScript is the other council's case the Hackwell officer tries.
test.describe.configure({ mode: "serial" });

async function committedPence(page: Page, council: string, potName: string): Promise<number> {
  const [pot] = await ownerQuery<{ id: string; fundId: string }>(`select p.id, p."fundId" from "Pot" p join "Tenant" t on t.id = p."tenantId" where t.slug = $1 and p.name = $2`, [council, potName]);
  await page.goto(`/${council}/staff/funds/${pot!.fundId}/pots/${pot!.id}`);
  const text = await page.locator(".govuk-summary-list > div").filter({ has: page.getByText("Committed to awards", { exact: true }) }).locator("dd").first().textContent();
  const m = text!.match(/£([\d,]+)\.(\d\d)/)!;
  return Number(m[1]!.replaceAll(",", "")) * 100 + Number(m[2]);
}

async function managerPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAsStaff(page, email);
  return page;
}

async function checkStatus(page: Page, council: string, reference: string, expected: string) {
  await page.goto(`/${council}/status`);
  await page.getByLabel("Reference number").fill(reference);
  await page.getByLabel("Day").fill("7");
  await page.getByLabel("Month").fill("3");
  await page.getByLabel("Year").fill("1988");
  await page.locator("main form button[type=submit]").click();
  await expect(page.getByTestId("status")).toHaveText(expected);
}

/** Opens the queue from the staff navigation and finds the application by searching for its name. */
async function findInQueue(page: Page, council: string, name: string, reference: string, axe: (p: Page) => Promise<void>) {
  await page.goto(`/${council}/staff`);
  await page.getByRole("navigation").getByRole("link", { name: "Cases" }).click();
  await expect(page.getByRole("heading", { name: "Cases", level: 1 })).toBeVisible();
  await axe(page);
  await page.getByLabel("Reference, name or postcode").fill(name);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("queue-table").locator("tbody tr")).toHaveCount(1);
  await axe(page);
  await page.getByRole("link", { name: reference }).click();
  await expect(page.getByTestId("case-name")).toHaveText(name);
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a Fenshire officer claims and decides a case with plain forms", async ({ page, browser }) => {
    test.setTimeout(300_000);
    const name = `Nojs Resident ${Date.now()}`;
    const resident = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await answerEveryPage(resident, { council: FENSHIRE, answers: fenshirePerson(name) });
    const reference = await sendApplication(resident);

    await signInAsStaff(page, "officer@fenshire.example");
    await findInQueue(page, FENSHIRE, name, reference, expectAccessibleWithoutJs);
    await expectAccessibleWithoutJs(page);
    await page.getByRole("button", { name: "Claim this case" }).click();
    await expect(page.getByTestId("case-banner")).toHaveText("Case claimed");
    await expect(page.getByTestId("case-assignee")).toHaveText("Lucy Marsh");
    // The resident's name is the page's one h1; the success banner takes focus on arrival.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByTestId("notification-banner")).toHaveAttribute("autofocus", "");
    // An empty note: the error summary takes focus (autofocus, no script), the title says
    // "Error: " and the earlier "Case claimed" banner is gone.
    await page.getByTestId("note-form").getByRole("button", { name: "Add note" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("Enter a note");
    await expect(page.getByTestId("error-summary")).toHaveAttribute("autofocus", "");
    await expect(page).toHaveTitle(/^Error: Case [A-Z]{3}-/);
    await expect(page.getByTestId("case-banner")).toBeHidden();
    await expectAccessibleWithoutJs(page);
    await page.getByTestId("decide-link").click();
    // Nonsense: an amount that is not money, a line half filled in.
    await page.getByLabel("Approve", { exact: true }).check();
    await page.locator('[name="line-1-need"]').selectOption("food");
    await page.locator('[name="line-1-amount"]').fill("forty quid");
    await page.getByRole("button", { name: "Record decision" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("The amount must be an amount of money, like 60 or 60.50");
    await expect(summary).toContainText("Select an open pot of this council");
    await expect(page).toHaveTitle(/^Error: /);
    await expect(page.locator('[name="line-1-amount"]')).toHaveValue("forty quid");
    await expectAccessibleWithoutJs(page);
    await page.locator('[name="line-1-amount"]').fill("40");
    const pot = await page.locator('[name="line-1-pot"] option').filter({ hasText: /^Food vouchers/ }).getAttribute("value");
    await page.locator('[name="line-1-pot"]').selectOption(pot!);
    await page.locator('[name="line-1-method"]').selectOption("voucher-email");
    await page.locator('[name="reasonCode"]').selectOption("need-met");
    await page.locator('[name="explanation"]').fill("We are sending you a food voucher by email.");
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByTestId("case-banner")).toHaveText("Decision recorded: approved £40.00, committed from Food vouchers");
    await expect(page.getByTestId("case-status")).toHaveText("Approved");
    await expect(page.getByTestId("awards")).toContainText("Ready for payment");
    await checkStatus(resident, FENSHIRE, reference, "Decided");
  });
});

test.describe("with JavaScript", () => {
  test("an officer goes from the queue to a committed award; the pot, the resident's status and the mailbox follow; another council's case id is refused", async ({ page, browser }) => {
    test.setTimeout(300_000);
    const name = `Casework Resident ${Date.now()}`;
    await answerEveryPage(page, { council: HACKWELL, answers: person(name) });
    const reference = await sendApplication(page);
    await checkStatus(page, HACKWELL, reference, "Received");

    const manager = await managerPage(browser, "manager@hackwell.example");
    const before = await committedPence(manager, HACKWELL, "Hardship grants");

    await page.context().clearCookies();
    await signInAsStaff(page, "officer@hackwell.example");
    await findInQueue(page, HACKWELL, name, reference, expectAccessible);
    await expect(page.getByTestId("case-status")).toHaveText("New");
    await expectAccessible(page);

    // Another council's case id: the page is not found, and swapping it into the forms (they carry
    // the case id) finds nothing and changes nothing.
    const ourCase = page.url();
    const [theirs] = await ownerQuery<{ id: string }>(`select c.id from "Case" c join "Tenant" t on t.id = c."tenantId" where t.slug = $1 limit 1`, [FENSHIRE]);
    expect((await page.goto(`/${HACKWELL}/staff/cases/${theirs!.id}`))!.status()).toBe(404);
    expect((await page.goto(`/${FENSHIRE}/staff/cases/${theirs!.id}`))!.status()).toBe(403);
    await page.goto(ourCase);
    const swap = (form: string) => page.getByTestId(form).locator('input[name="caseId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), theirs!.id);
    const facts = async () =>
      (await ownerQuery<{ assignedToId: string | null; events: number }>(`select "assignedToId", (select count(*)::int from "CaseEvent" e where e."caseId" = c.id) as events from "Case" c where c.id = $1`, [theirs!.id]))[0];
    const untouched = await facts();
    await swap("note-form");
    await page.getByLabel("Add a note").fill("Not mine to write");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByTestId("note-form").getByTestId("error-summary")).toContainText("That case does not exist in this council.");
    await swap("claim-form");
    await page.getByRole("button", { name: "Claim this case" }).click();
    await expect(page.getByTestId("claim-form").getByTestId("error-summary")).toContainText("That case does not exist in this council.");
    expect(await facts()).toEqual(untouched);
    await page.goto(ourCase);

    await page.getByRole("button", { name: "Claim this case" }).click();
    await expect(page.getByTestId("case-banner")).toHaveText("Case claimed");
    await expect(page.getByTestId("case-assignee")).toHaveText("Priya Shah");

    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByTestId("note-form").getByTestId("error-summary")).toContainText("Enter a note");
    await page.getByLabel("Add a note").fill("Called the resident: no gas since Friday.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByTestId("case-banner")).toHaveText("Note added");
    await expect(page.locator(".moj-timeline")).toContainText("Called the resident: no gas since Friday.");

    await page.getByTestId("decide-link").click();
    await page.getByRole("button", { name: "Record decision" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Select a decision");
    await expect(summary).toContainText("Enter the explanation the resident will read");
    await expectAccessible(page);

    await page.getByLabel("Approve", { exact: true }).check();
    await page.locator('[name="line-1-need"]').selectOption("essentials");
    await page.locator('[name="line-1-amount"]').fill("60");
    const pot = await page.locator('[name="line-1-pot"] option').filter({ hasText: /^Hardship grants/ }).getAttribute("value");
    await page.locator('[name="line-1-pot"]').selectOption(pot!);
    await page.locator('[name="line-1-method"]').selectOption("voucher-email");
    await page.locator('[name="reasonCode"]').selectOption("need-met");
    await page.locator('[name="explanation"]').fill("We are sending you £60 for essentials as a voucher by email.");
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByTestId("case-banner")).toHaveText("Decision recorded: approved £60.00, committed from Hardship grants");
    await expect(page.locator(".moj-timeline")).toContainText("Money moved: Award approved");
    await expectAccessible(page);

    expect(await committedPence(manager, HACKWELL, "Hardship grants")).toBe(before + 6000);
    // A manager reads the case, with no actions.
    await manager.goto(page.url());
    await expect(manager.getByTestId("read-only")).toBeVisible();
    await expect(manager.getByRole("button", { name: "Claim this case" })).toHaveCount(0);

    await checkStatus(page, HACKWELL, reference, "Decided");
    await openMailbox(page, "ayse@example.com");
    const mail = page.getByTestId("mail").filter({ hasText: `Application ${reference}: we can help you` });
    await expect(mail).toHaveCount(1);
    await expect(mail).toContainText("£60.00 for essentials such as clothing or bedding");
  });
});
