// Onward referrals to advice partners (issue 18): a manager adds the council's advice partner; an
// officer refers a resident who agreed to share with advice partners, from the case page, and
// records what they gained; the council's total on the advice partners page follows. Without
// consent the case page says why there is no referral. With and without JavaScript; axe on every
// new page and its error state. Signs in as the managers and officers of both councils, and
// changes nothing of theirs (no claims): the cases are this spec's own.
import { expect, test, type Page } from "@playwright/test";
import type { TRawAnswers } from "@/lib/applications/steps";
import { FULL } from "../support/application-answers";
import { answerEveryPage, expectAccessible, expectAccessibleWithoutJs, FENSHIRE, HACKWELL, ownerQuery, sendApplication, signInAsStaff } from "./support";

test.describe.configure({ mode: "serial" });

const NO_CONSENT = { shareWithAdvicePartners: "no", contactAboutSupport: "no" };

function hackwellPerson(name: string, consent = FULL.consent!): TRawAnswers {
  return { ...FULL, "full-name": { fullName: name }, consent };
}

/** A Fenshire address (manual entry, in journey order: address-manual right after address). */
function fenshirePerson(name: string, consent = FULL.consent!): TRawAnswers {
  const answers: TRawAnswers = { ...hackwellPerson(name, consent), postcode: { postcode: "CB1 2ZZ" }, address: { address: "manual" }, "address-manual": { line1: "1 Mill Road", line2: "", town: "Cambridge" } };
  const order = ["full-name", "date-of-birth", "contact", "language", "postcode", "address", "address-manual", ...Object.keys(FULL).filter((k) => !["full-name", "date-of-birth", "contact", "language", "postcode", "address"].includes(k))];
  return Object.fromEntries(order.map((k) => [k, answers[k as keyof TRawAnswers]!])) as TRawAnswers;
}

async function caseIdOf(reference: string): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(`select id from "Case" where reference = $1`, [reference]);
  return row!.id;
}

const threeDaysAgo = () => {
  const d = new Date(Date.now() - 3 * 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
};

async function addPartner(page: Page, council: string, partner: string, email: string, axe: (p: Page) => Promise<void>) {
  await page.goto(`/${council}/staff`);
  await page.getByRole("navigation").getByRole("link", { name: "Advice partners" }).click();
  await expect(page.getByRole("heading", { name: "Advice partners", level: 1 })).toBeVisible();
  await axe(page);
  await page.getByTestId("add-advice-partner").click();
  await expect(page.getByRole("heading", { name: "Add an advice partner", level: 1 })).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Add partner" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Enter the partner's name");
  await expect(summary).toContainText("Select what kind of advice the partner gives");
  await expect(summary).toContainText("Enter the email address referrals are sent to");
  await expect(page).toHaveTitle(/^Error: /);
  await axe(page);
  await page.getByLabel("Name", { exact: true }).fill(partner);
  await page.getByLabel("Welfare rights").check();
  await page.getByLabel("Email address for referrals").fill(email);
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByTestId("advice-banner")).toHaveText("Advice partner added");
  await expect(page.getByTestId("advice-partners-table")).toContainText(partner);
  await axe(page);
}

async function referAndRecord(page: Page, council: string, reference: string, partner: string, axe: (p: Page) => Promise<void>) {
  const caseId = await caseIdOf(reference);
  await page.goto(`/${council}/staff/cases/${caseId}`);
  await expect(page.getByTestId("advice-consent")).toBeVisible();
  await page.getByTestId("advice-refer-link").click();
  await expect(page.getByRole("heading", { name: "Refer to an advice partner", level: 1 })).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Send referral" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Select the advice partner to refer to");
  await expect(summary).toContainText("Enter what help the resident needs");
  await expect(page).toHaveTitle(/^Error: /);
  await axe(page);
  const option = await page.locator('[name="partnerId"] option').filter({ hasText: partner }).getAttribute("value");
  await page.locator('[name="partnerId"]').selectOption(option!);
  await page.getByLabel("What help does the resident need?").fill("Benefits check: over pension age, not claiming Pension Credit.");
  await page.getByRole("button", { name: "Send referral" }).click();
  await expect(page.getByTestId("case-banner")).toHaveText("Referral sent to the advice partner");
  const card = page.getByTestId("advice-referral");
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(partner);
  await expect(card).toContainText("No outcomes recorded yet.");
  await axe(page);
  // The partner's email is in the outbox: reference, and the help needed.
  const mails = await ownerQuery<{ to: string; body: string }>(`select "to", body from "OutboundMessage" where template = 'advice-referral' and personalisation->>'reference' = $1`, [reference]);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.body).toContain("Benefits check");

  await page.getByTestId("advice-outcome-link").click();
  await expect(page.getByRole("heading", { name: "Record an outcome", level: 1 })).toBeVisible();
  await axe(page);
  await page.getByLabel("Value, in pounds").fill("lots");
  await page.getByRole("button", { name: "Record outcome" }).click();
  await expect(summary).toContainText("Select the benefit or entitlement gained");
  await expect(summary).toContainText("Enter the value in pounds and pence, like 82.45");
  await expect(summary).toContainText("Enter the date the outcome was confirmed");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("Value, in pounds")).toHaveValue("lots");
  await axe(page);
  await page.getByLabel("Pension Credit").check();
  await page.getByLabel("Value, in pounds").fill("82.45");
  await page.getByLabel("Weekly").check();
  await page.getByLabel("Backdated lump sum, in pounds").fill("1200");
  const d = threeDaysAgo();
  await page.getByLabel("Day", { exact: true }).fill(d.day);
  await page.getByLabel("Month", { exact: true }).fill(d.month);
  await page.getByLabel("Year", { exact: true }).fill(d.year);
  await page.getByRole("button", { name: "Record outcome" }).click();
  await expect(page.getByTestId("case-banner")).toHaveText("Outcome recorded");
  // £82.45 × 52 + £1,200 backdated.
  await expect(page.getByTestId("advice-referral-gain")).toHaveText("Income gained from this referral: £5,487.40 a year, including lump sums");
  await expect(page.getByTestId("advice-outcomes")).toContainText("Pension Credit");
  await axe(page);
}

test.describe("with JavaScript", () => {
  test("a manager adds an advice partner; an officer refers a consenting resident and records the income gained; the council's total follows", async ({ page, browser }) => {
    test.setTimeout(300_000);
    const name = `Advice Resident ${Date.now()}`;
    const partner = `Hackwell Welfare Rights ${Date.now()}`;
    const resident = await (await browser.newContext()).newPage();
    await answerEveryPage(resident, { council: HACKWELL, answers: hackwellPerson(name) });
    const reference = await sendApplication(resident);

    const manager = await (await browser.newContext()).newPage();
    await signInAsStaff(manager, "manager@hackwell.example");
    await addPartner(manager, HACKWELL, partner, "rights@hackwell-welfare.example", expectAccessible);

    await signInAsStaff(page, "officer@hackwell.example");
    await referAndRecord(page, HACKWELL, reference, partner, expectAccessible);

    await manager.goto(`/${HACKWELL}/staff/advice-partners`);
    const row = manager.getByTestId("advice-partners-table").locator("tbody tr").filter({ hasText: partner });
    await expect(row).toContainText("£5,487.40");
    await expect(manager.getByTestId("income-by-kind")).toContainText("Pension Credit");
    await expectAccessible(manager);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same with plain forms in Fenshire; without consent the case says why there is no referral", async ({ page, browser }) => {
    test.setTimeout(300_000);
    const stamp = Date.now();
    const partner = `Fenshire Welfare Rights ${stamp}`;
    const resident = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await answerEveryPage(resident, { council: FENSHIRE, answers: fenshirePerson(`Nojs Advice ${stamp}`) });
    const reference = await sendApplication(resident);
    // Another resident, in their own browser.
    const other = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await answerEveryPage(other, { council: FENSHIRE, answers: fenshirePerson(`Noconsent Advice ${stamp}`, NO_CONSENT) });
    const withoutConsent = await sendApplication(other);

    const manager = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signInAsStaff(manager, "manager@fenshire.example");
    await addPartner(manager, FENSHIRE, partner, "rights@fenshire-welfare.example", expectAccessibleWithoutJs);

    await signInAsStaff(page, "officer@fenshire.example");
    const caseId = await caseIdOf(withoutConsent);
    await page.goto(`/${FENSHIRE}/staff/cases/${caseId}`);
    await expect(page.getByTestId("advice-no-consent")).toContainText("did not agree");
    await expect(page.getByTestId("advice-refer-link")).toHaveCount(0);
    await page.goto(`/${FENSHIRE}/staff/cases/${caseId}/advice`);
    await expect(page.getByTestId("advice-no-consent")).toBeVisible();
    await expect(page.locator("main form")).toHaveCount(0);
    await expectAccessibleWithoutJs(page);

    await referAndRecord(page, FENSHIRE, reference, partner, expectAccessibleWithoutJs);
  });
});
