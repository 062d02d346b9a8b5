// Officer-assisted applications (issue 18): an officer takes a resident's application by phone
// through the staff journey (the resident's own pages, in a draft the officer owns), reads the
// declaration aloud and confirms the resident agreed; the case shows who entered it and that
// consent was witnessed, and the queue shows the channel. The same in person without JavaScript.
// axe on every new page and its error states.
import { expect, test, type Page } from "@playwright/test";
import type { TRawAnswers } from "@/lib/applications/steps";
import { answerDraftPages, copyDemoAccount, expectAccessible, expectAccessibleWithoutJs, FENSHIRE, fillRaw, HACKWELL, openMailbox, ownerQuery, residentOfTheirOwn, signInAsStaff, submitButton } from "./support";

// This spec's own officers: copies of the demo officers (same password, role and authenticator
// secret), so no other spec running at the same time spends their second-factor codes.
const ORIGINALS = ["officer@hackwell.example", "officer@fenshire.example"] as const;
const copyOf = (email: string) => `assisted.${email}`;

test.beforeAll(async () => {
  for (const email of ORIGINALS) await copyDemoAccount(email, copyOf(email), "Assisting ");
});

const signIn = (page: Page, original: (typeof ORIGINALS)[number]) => signInAsStaff(page, copyOf(original), { totpOf: original });

/** A resident of their own (name, date of birth, email), in Hackwell or Fenshire. */
const resident = (name: string, where: "hackwell" | "fenshire") => residentOfTheirOwn(name, where, { tag: "assisted", bornFrom: 1950 });

/** The start page: its error state (no channel chosen), then the channel and the first page. */
async function start(page: Page, council: string, channel: string, axe: (p: Page) => Promise<void>) {
  await page.goto(`/${council}/staff`);
  await page.getByRole("link", { name: "Take an application by phone or in person" }).click();
  await expect(page.getByRole("heading", { name: "Take an application by phone or in person", level: 1 })).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Start the application" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Select how you are speaking to the resident");
  await expect(page).toHaveTitle(/^Error: /);
  await axe(page);
  await page.getByLabel(channel).check();
  await page.getByRole("button", { name: "Start the application" }).click();
  await expect(page).toHaveURL(new RegExp(`/${council}/staff/apply/[0-9a-f-]+/full-name$`));
}

/** Every page of the application from where the journey is, in order. */
async function answer(page: Page, council: string, answers: TRawAnswers, axe: (p: Page) => Promise<void>, skip: string[] = []) {
  await answerDraftPages(page, `/${council}/staff/apply/[0-9a-f-]+`, answers, axe, skip);
  await expect(page).toHaveURL(new RegExp(`/${council}/staff/apply/[0-9a-f-]+/check$`));
}

/** Check, the declaration read aloud: refused until the officer confirms, then sent; the case page. */
async function witnessAndSend(page: Page, axe: (p: Page) => Promise<void>, js: boolean) {
  await expect(page.getByRole("heading", { name: "Check the answers and witness consent", level: 1 })).toBeVisible();
  await expect(page.getByTestId("declaration-read-aloud")).toContainText("By sending this application you confirm");
  await axe(page);
  await page.getByRole("button", { name: "Send the application" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Confirm that you read the declaration to the resident and they agreed");
  await expect(page).toHaveTitle(/^Error: /);
  if (js) await expect(page.getByTestId("error-summary")).toBeFocused();
  await axe(page);
  await page.getByLabel("I confirm I read the declaration to the resident and the resident agreed").check();
  await page.getByRole("button", { name: "Send the application" }).click();
  await expect(page).toHaveURL(/\/staff\/cases\/[0-9a-f-]+\?done=entered$/);
  await expect(page.getByTestId("case-banner")).toHaveText("Application sent. The resident has been sent its reference in their language.");
}

test("an officer takes a phone application end to end: resumable draft, witnessed consent, on the case and in the queue with its channel", async ({ page }) => {
  test.setTimeout(300_000);
  const name = `Phone Resident ${Date.now()}`;
  const answers = resident(name, "hackwell");
  await signIn(page, "officer@hackwell.example");
  await start(page, HACKWELL, "By phone", expectAccessible);

  // The first page answered, the officer leaves and comes back to it from their unfinished applications.
  await fillRaw(page, answers["full-name"]!);
  await submitButton(page).click();
  await expect(page).toHaveURL(/\/date-of-birth$/);
  await page.goto(`/${HACKWELL}/staff/apply`);
  const drafts = page.getByTestId("assisted-drafts");
  await expect(drafts).toContainText(name);
  await expect(drafts).toContainText("By phone");
  await expectAccessible(page);
  await drafts.getByRole("link", { name: `Continue ${name}` }).click();
  await expect(page.getByRole("textbox").first()).toHaveValue(name);
  await submitButton(page).click();
  await answer(page, HACKWELL, answers, expectAccessible, ["full-name"]);
  await witnessAndSend(page, expectAccessible, true);

  await expect(page.getByTestId("case-name")).toHaveText(name);
  await expect(page.getByTestId("case-entered-by")).toContainText("Entered by Assisting Priya Shah by phone, consent witnessed");
  await expectAccessible(page);
  const reference = (await ownerQuery<{ reference: string; channel: string; locale: string }>(`select reference, channel::text, locale from "Application" where "fullName" = $1`, [name]))[0]!;
  expect(reference).toMatchObject({ channel: "OFFICER_PHONE", locale: "tr" });

  // In the queue with its channel.
  await page.goto(`/${HACKWELL}/staff/cases`);
  await expect(page.getByTestId("take-application")).toBeVisible();
  await page.getByLabel("Reference, name or postcode").fill(name);
  await page.getByRole("button", { name: "Apply filters" }).click();
  const row = page.getByTestId("queue-table").locator("tbody tr");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(reference.reference);
  await expect(row).toContainText(/phone/i);

  // The resident's confirmation arrives, as for an online application.
  await openMailbox(page, answers.contact!.email!);
  await expect(page.getByTestId("mail").first()).toContainText(reference.reference);

  // Sent: no longer among the officer's unfinished applications.
  await page.goto(`/${HACKWELL}/staff/apply`);
  await expect(page.locator("main")).not.toContainText(name);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a Fenshire officer takes an application in person with plain forms", async ({ page }) => {
    test.setTimeout(300_000);
    const name = `Desk Resident ${Date.now()}`;
    await signIn(page, "officer@fenshire.example");
    await start(page, FENSHIRE, "In person", expectAccessibleWithoutJs);
    await answer(page, FENSHIRE, resident(name, "fenshire"), expectAccessibleWithoutJs);
    await witnessAndSend(page, expectAccessibleWithoutJs, false);
    await expect(page.getByTestId("case-name")).toHaveText(name);
    await expect(page.getByTestId("case-entered-by")).toContainText("Entered by Assisting Lucy Marsh in person, consent witnessed");
    await expectAccessibleWithoutJs(page);
  });
});
