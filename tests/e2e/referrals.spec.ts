// Trusted referrers (issue 17): a health visitor signs in by email link, refers a family
// fast-track on the resident's own pages, sees it in "my referrals"; an officer decides it; the
// referrer sees the decision and is emailed. A trained social prescriber, without JavaScript,
// makes a direct award within the allowance, and one outside it stays with the officers with the
// reason shown. axe on every page visited.
import { expect, test, type Page } from "@playwright/test";
import type { TRawAnswers } from "@/lib/applications/steps";
import { answerDraftPages, expectAccessible, expectAccessibleWithoutJs, FENSHIRE, fillRaw, HACKWELL, latestMailLink, openMailbox, residentOfTheirOwn, signInAsStaff, submitButton } from "./support";

type TAxe = (page: Page) => Promise<void>;

test.describe.configure({ mode: "serial" });

/** A family of its own (name, date of birth, email), so no earlier award of the demo counts against it. */
const family = (name: string, where: "hackwell" | "fenshire") => residentOfTheirOwn(name, where, { tag: "family", bornFrom: 1960 });

async function signInAsReferrer(page: Page, council: string, email: string, axe: TAxe) {
  await page.goto(`/${council}/partner/sign-in`);
  await page.getByLabel("Work email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = await latestMailLink(page, email);
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${council}/partner$`));
  await expect(page.getByTestId("partner-navigation")).toBeVisible();
  await axe(page);
}

/** From the partner home page to "Referral sent"; the reference. */
async function refer(page: Page, council: string, answers: TRawAnswers, axe: TAxe): Promise<string> {
  await page.goto(`/${council}/partner`);
  await page.getByRole("link", { name: "Make a new referral" }).click();
  await expect(page.getByRole("heading", { name: "Make a new referral" })).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Start a new referral" }).click();
  await answerDraftPages(page, `/${council}/partner/referrals/drafts/[0-9a-f-]+`, answers, axe);
  await expect(page).toHaveURL(/\/referrer$/);
  await axe(page);
  // The referrer section refuses an empty answer with the GOV.UK pattern.
  await submitButton(page).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter your role");
  await expect(page).toHaveTitle(/^Error: /);
  await axe(page);
  const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date()).split("-");
  await fillRaw(page, {
    role: "Health visitor",
    relationship: "Visits the family every month",
    consentMethod: "in-person",
    "consentDate-day": d!,
    "consentDate-month": m!,
    "consentDate-year": y!,
    alreadyTried: "Food bank voucher last week",
    fastTrack: "yes",
  });
  await submitButton(page).click();
  await expect(page).toHaveURL(/\/check$/);
  await expect(page.getByTestId("answer-fast-track")).toHaveText("Yes");
  await axe(page);
  await page.locator('input[name="declaration"]').check();
  await page.getByRole("button", { name: "Send referral" }).click();
  const sent = page.getByTestId("referral-sent");
  await expect(sent).toBeVisible();
  await axe(page);
  const reference = (await sent.textContent())?.match(/reference is (\S+)\./)?.[1];
  expect(reference).toBeTruthy();
  return reference!;
}

test("a health visitor refers a family fast-track; an officer decides it; the referrer sees the decision and is emailed", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const name = `Referred Family ${Date.now()}`;
  await signInAsReferrer(page, HACKWELL, "hv.ben@nhs.example", expectAccessible);
  const reference = await refer(page, HACKWELL, family(name, "hackwell"), expectAccessible);

  await page.goto(`/${HACKWELL}/partner/referrals`);
  const row = page.getByTestId("referrals").locator("tbody tr").filter({ hasText: reference });
  await expect(row).toContainText(name);
  await expect(row).toContainText("Waiting for an officer");
  await expect(row).toContainText("Fast-track");
  await expectAccessible(page);
  await page.goto(`/${HACKWELL}/partner/referrals/organisation`);
  await expect(page.getByTestId("referrals")).toContainText(reference);
  await expectAccessible(page);

  const officer = await (await browser.newContext()).newPage();
  await signInAsStaff(officer, "officer@hackwell.example");
  await officer.goto(`/${HACKWELL}/staff/cases?q=${encodeURIComponent(reference)}`);
  await officer.getByRole("link", { name: reference, exact: true }).click();
  await expect(officer.getByTestId("case-name")).toHaveText(name);
  await expect(officer.getByText("Hackwell Health Visiting Service").first()).toBeVisible();
  await officer.getByRole("button", { name: "Claim this case" }).click();
  await expect(officer.getByTestId("case-banner")).toHaveText("Case claimed");
  await officer.getByTestId("decide-link").click();
  await officer.getByLabel("Approve", { exact: true }).check();
  await officer.locator('[name="line-1-need"]').selectOption("food");
  await officer.locator('[name="line-1-amount"]').fill("40");
  const pot = await officer.locator('[name="line-1-pot"] option').filter({ hasText: /^Food and energy/ }).getAttribute("value");
  await officer.locator('[name="line-1-pot"]').selectOption(pot!);
  await officer.locator('[name="line-1-method"]').selectOption("voucher-email");
  await officer.locator('[name="reasonCode"]').selectOption("need-met");
  await officer.locator('[name="explanation"]').fill("We are sending a food voucher by email.");
  await officer.getByRole("button", { name: "Record decision" }).click();
  await expect(officer.getByTestId("case-status")).toHaveText("Approved");

  await page.goto(`/${HACKWELL}/partner/referrals`);
  const decided = page.getByTestId("referrals").locator("tbody tr").filter({ hasText: reference });
  await expect(decided).toContainText("Approved");
  await expect(decided).toContainText("The need is met in full");
  await decided.getByRole("link", { name: reference, exact: true }).click();
  await expect(page.getByTestId("referral-status")).toHaveText("Approved");
  await expect(page.getByTestId("referral-award")).toContainText("£40.00");
  await expectAccessible(page);
  await openMailbox(page, "hv.ben@nhs.example");
  await expect(page.getByTestId("mail").first()).toContainText(`Referral ${reference} has been decided`);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a trained social prescriber awards directly within the allowance; one outside it stays with the officers, with the reason", async ({ page, browser }) => {
    test.setTimeout(300_000);
    await signInAsReferrer(page, FENSHIRE, "social.prescriber@nhs.example", expectAccessibleWithoutJs);
    await expect(page.getByTestId("training-status")).toContainText("current");

    const within = await refer(page, FENSHIRE, family(`Direct Award Family ${Date.now()}`, "fenshire"), expectAccessibleWithoutJs);
    await page.getByLabel("Allowance").selectOption({ label: "Direct awards: social prescribing" });
    await page.getByLabel("Food", { exact: true }).check();
    await page.getByLabel("Amount").fill("60");
    await page.getByRole("button", { name: "Make the award" }).click();
    await expect(page.getByTestId("direct-award-made")).toBeVisible();
    await expect(page.getByTestId("referral-status")).toHaveText("Approved");
    await expect(page.getByTestId("referral-award")).toContainText("£60.00");
    await expectAccessibleWithoutJs(page);

    const outside = await refer(page, FENSHIRE, family(`Queued Family ${Date.now()}`, "fenshire"), expectAccessibleWithoutJs);
    await page.getByLabel("Allowance").selectOption({ label: "Direct awards: social prescribing" });
    await page.getByLabel("Food", { exact: true }).check();
    await page.getByLabel("Amount").fill("200");
    await page.getByRole("button", { name: "Make the award" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.goto(`/${FENSHIRE}/partner/referrals`);
    const row = page.getByTestId("referrals").locator("tbody tr").filter({ hasText: outside });
    await expect(row).toContainText("Waiting for an officer");
    await row.getByRole("link", { name: outside, exact: true }).click();
    await expect(page.getByTestId("direct-award-refused")).toBeVisible();
    await expectAccessibleWithoutJs(page);

    // The council sees both: the direct award in the queue's filter and on the case.
    const officer = await (await browser.newContext()).newPage();
    await signInAsStaff(officer, "officer@fenshire.example");
    await officer.goto(`/${FENSHIRE}/staff/cases?direct=yes&q=${encodeURIComponent(within)}`);
    await officer.getByRole("link", { name: within, exact: true }).click();
    await expect(officer.getByTestId("case-direct-award")).toContainText("£60.00");
    await officer.goto(`/${FENSHIRE}/staff/cases?direct=yes&q=${encodeURIComponent(outside)}`);
    await expect(officer.getByRole("link", { name: outside, exact: true })).toHaveCount(0);
  });
});
