// The resident application, end to end: with and without JavaScript, in English and Turkish,
// by keyboard alone; check-answers Change links, save and return, double submit, status page.
// axe-core (WCAG 2.2 AA) runs on every page and every error state the journeys pass through.
import { expect, test, type Page } from "@playwright/test";
import type { TRawAnswers } from "@/lib/applications/steps";
import { FULL } from "../support/application-answers";
import { answerEveryPage, continueTo, expectAccessible, expectAccessibleWithoutJs, fillRaw, FENSHIRE, HACKWELL, openMailbox, ownerQuery, sendApplication, submitButton } from "./support";

const named = (name: string): TRawAnswers => ({ ...FULL, "full-name": { fullName: name } });

test.describe("with JavaScript", () => {
  test("a resident applies to Hackwell, every page and error state accessible, and gets a reference", async ({ page }) => {
    test.setTimeout(480_000);
    const name = `Ayşe <script>window.pwned=1</script> O'Brien ${Date.now()}`;
    await answerEveryPage(page, { council: HACKWELL, answers: named(name), check: true });
    // Hostile text is shown as text.
    await expect(page.getByTestId("answer-full-name")).toHaveText(name);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await expect(page.getByTestId("answer-bank-details")).toContainText("account ending 4958");
    await expect(page.getByTestId("answer-bank-details")).not.toContainText("66374958");
    const reference = await sendApplication(page, { check: true });
    expect(reference.startsWith("HKW-")).toBe(true);
    await expect(page.getByTestId("help-today")).toContainText("Hackwell Food Bank");
    await expectAccessible(page);
    const rows = await ownerQuery<{ n: number }>(`select count(*)::int as n from "Application" where reference = $1 and "fullName" = $2`, [reference, name]);
    expect(rows[0]!.n).toBe(1);
    // The reference is sent by email too.
    await openMailbox(page, "ayse@example.com");
    await expect(page.getByTestId("mail").filter({ hasText: reference })).toHaveCount(1);
  });

  test("Change links on check your answers come back to it, via any new question the change opens", async ({ page }) => {
    test.setTimeout(120_000);
    await answerEveryPage(page, { council: HACKWELL, answers: named("Change Tester") });
    await page.getByRole("link", { name: "Change Full name" }).click();
    await expect(page).toHaveURL(/\/apply\/full-name\?change=1$/);
    await expect(page.getByRole("link", { name: "Back", exact: true })).toHaveAttribute("href", "/hackwell/apply/check-answers");
    await page.locator('[name="fullName"]').fill("Changed Name");
    await submitButton(page).click();
    await expect(page).toHaveURL(/\/apply\/check-answers$/);
    await expect(page.getByTestId("answer-full-name")).toHaveText("Changed Name");

    await page.getByRole("link", { name: "Change Help needed" }).click();
    await page.locator('[name="needs-council-tax-arrears"]').check();
    await submitButton(page).click();
    await expect(page).toHaveURL(/\/apply\/council-tax-arrears\?change=1$/);
    await page.locator('[name="councilTaxArrears"]').fill("320.75");
    await submitButton(page).click();
    await expect(page).toHaveURL(/\/apply\/check-answers$/);
    await expect(page.getByTestId("answer-council-tax-arrears")).toHaveText("£320.75");
    await expectAccessible(page);
  });

  test("double-clicking send, then refreshing and sending again, makes one application with one reference", async ({ page }) => {
    test.setTimeout(120_000);
    const name = `Double Clicker ${Date.now()}`;
    await answerEveryPage(page, { council: HACKWELL, answers: named(name) });
    // The declaration is GOV.UK's checkbox, as every other question has: a 44 px target under a
    // 40 px box the label draws (not a 13 px browser checkbox whose focus ring covers its label).
    const declaration = page.locator('input[name="declaration"]');
    await expect(declaration).toHaveClass(/govuk-checkboxes__input/);
    expect((await declaration.boundingBox())!.width).toBeGreaterThanOrEqual(40);
    await expect(page.locator('label[for="field-declaration"]')).toHaveClass(/govuk-checkboxes__label/);
    await declaration.check();
    await page.locator("main form button[type=submit]").dblclick();
    await page.waitForURL(/\/apply\/confirmation$/);
    const reference = (await page.getByTestId("reference").textContent())!.trim();
    await page.reload();
    await expect(page.getByTestId("reference")).toHaveText(reference);
    // Going back to check your answers and sending again shows the same reference.
    await page.goto("/hackwell/apply/check-answers");
    await expect(page).toHaveURL(/\/apply\/confirmation$/);
    await expect(page.getByTestId("reference")).toHaveText(reference);
    const rows = await ownerQuery<{ n: number }>(`select count(*)::int as n from "Application" where "fullName" = $1`, [name]);
    expect(rows[0]!.n).toBe(1);
  });

  test("save and return: a one-time link from the dev mailbox continues the application in another browser", async ({ page, browser }) => {
    test.setTimeout(120_000);
    await page.goto("/hackwell/apply");
    await submitButton(page).click();
    for (const step of ["full-name", "date-of-birth", "contact"] as const) {
      await fillRaw(page, step === "contact" ? { email: "saver@example.com", mobile: "" } : FULL[step]!);
      await continueTo(page, step);
    }
    await expect(page).toHaveURL(/\/apply\/language$/);
    await page.getByRole("link", { name: "Save and come back later" }).click();
    await expect(page.getByRole("heading", { name: "Save your application and come back later" })).toBeVisible();
    await expect(page.getByLabel("Email address")).toHaveValue("saver@example.com");
    await expectAccessible(page);
    await page.getByLabel("Email address").fill("");
    await submitButton(page).click();
    await expect(page.getByTestId("error-summary")).toContainText("Enter your email address");
    await expectAccessible(page);
    await page.getByLabel("Email address").fill("saver@example.com");
    await submitButton(page).click();
    await expect(page.getByRole("heading", { name: "We have sent you a link" })).toBeVisible();
    await expectAccessible(page);

    await openMailbox(page, "saver@example.com");
    const link = (await page.getByTestId("mail-body").first().textContent())!.match(/https?:\/\/\S+/)![0];
    const other = await browser.newContext();
    const phone = await other.newPage();
    await phone.goto(link);
    await expectAccessible(phone);
    await phone.getByRole("button", { name: "Continue" }).click();
    await expect(phone).toHaveURL(/\/hackwell\/apply\/language$/);
    await phone.getByRole("link", { name: "Back", exact: true }).click();
    await expect(phone).toHaveURL(/\/apply\/contact$/);
    await expect(phone.locator('[name="email"]')).toHaveValue("saver@example.com");
    await phone.getByRole("link", { name: "Back", exact: true }).click();
    await expect(phone).toHaveURL(/\/apply\/date-of-birth$/);
    await expect(phone.locator('[name="dateOfBirth-year"]')).toHaveValue("1988");
    // The link works once.
    await phone.goto(link);
    await phone.getByRole("button", { name: "Continue" }).click();
    await expect(phone.getByRole("heading", { name: "This link does not work" })).toBeVisible();
    await expectAccessible(phone);
    await other.close();
  });

  test("a resident checks their status with reference and date of birth; wrong details get a neutral answer", async ({ page }) => {
    test.setTimeout(120_000);
    await answerEveryPage(page, { council: HACKWELL, answers: named("Status Checker") });
    const reference = await sendApplication(page);
    const promised = (await page.getByText(/We will contact you by/).first().textContent())!.match(/by (\w+ \d+ \w+)/)![1]!;
    await page.getByRole("link", { name: "Check the status of your application" }).click();
    await expectAccessible(page);
    await submitButton(page).click();
    await expect(page.getByTestId("error-summary")).toContainText("Enter your reference number");
    await expectAccessible(page);
    // Every problem at once: a malformed reference and the date 99/x/12 are both flagged.
    await page.getByLabel("Reference number").fill("zz");
    await page.getByLabel("Day").fill("99");
    await page.getByLabel("Month").fill("x");
    await page.getByLabel("Year").fill("12");
    await submitButton(page).click();
    await expect(page.getByTestId("error-summary").locator("li")).toHaveCount(2);
    await expect(page.locator("#field-dateOfBirth-error")).toBeVisible();
    await page.getByLabel("Reference number").fill(reference.toLowerCase().replaceAll("-", " "));
    await page.getByLabel("Day").fill("8");
    await page.getByLabel("Month").fill("3");
    await page.getByLabel("Year").fill("1988");
    await submitButton(page).click();
    await expect(page.getByTestId("error-summary")).toContainText("We could not find an application with those details");
    await expectAccessible(page);
    await page.getByLabel("Day").fill("7");
    await submitButton(page).click();
    await expect(page.getByTestId("status")).toHaveText("Received");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Application ${reference}`);
    // The status page promises the same date as the confirmation did, not "soon".
    await expect(page.getByTestId("status-text")).toContainText(`We will contact you by ${promised}.`);
    await expect(page.getByTestId("status-text")).not.toContainText("soon");
    // On a phone the reference stays on one line.
    await page.setViewportSize({ width: 390, height: 844 });
    const box = await page.getByTestId("status-reference").boundingBox();
    const lineHeight = await page.getByTestId("status-reference").evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect(box!.height).toBeLessThan(lineHeight * 1.5);
    await expectAccessible(page);
  });

  test("a postcode outside the council's area gets a kind 'who can help' page", async ({ page }) => {
    await page.goto("/fenshire/apply");
    await submitButton(page).click();
    for (const step of ["full-name", "date-of-birth", "contact", "language"] as const) {
      await fillRaw(page, FULL[step]!);
      await continueTo(page, step);
    }
    await fillRaw(page, { postcode: "E8 1DY" });
    await continueTo(page, "postcode");
    await expect(page).toHaveURL(/\/fenshire\/apply\/outside-area$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We cannot help you with this application");
    await expect(page.getByText("Citizens Advice")).toBeVisible();
    await expectAccessible(page);
    await page.goto("/fenshire/apply/address");
    await expect(page).toHaveURL(/\/fenshire\/apply\/outside-area$/);
  });

  test("the whole application can be done with the keyboard alone", async ({ page }) => {
    test.setTimeout(240_000);
    /** Tabs until the target has focus (at most 80 presses), as a keyboard user would. */
    async function tabTo(target: ReturnType<Page["locator"]>) {
      for (let i = 0; i < 80; i++) {
        if (await target.evaluate((el) => el === document.activeElement)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error("could not reach the element with Tab");
    }
    await page.goto("/hackwell/apply");
    await tabTo(submitButton(page));
    await page.keyboard.press("Enter");
    for (const [step, raw] of Object.entries(named("Keyboard User"))) {
      await expect(page).toHaveURL(new RegExp(`/apply/${step}$`));
      for (const [name, value] of Object.entries(raw)) {
        const radio = page.locator(`input[type=radio][name="${name}"][value="${value}"]`);
        const box = page.locator(`input[type=checkbox][name="${name}"]`);
        if (await radio.count()) {
          // Tab reaches the group's checked (or first) radio; arrow keys move and select.
          await tabTo(page.locator(`input[type=radio][name="${name}"]`).first());
          for (let i = 0; i < 12 && !(await radio.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowDown");
          await page.keyboard.press("Space");
        } else if (await box.count()) {
          await tabTo(box);
          if (value === "yes") await page.keyboard.press("Space");
        } else {
          await tabTo(page.locator(`[name="${name}"]`));
          await page.keyboard.type(value);
        }
      }
      await tabTo(submitButton(page));
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => !url.pathname.endsWith(`/apply/${step}`));
    }
    await expect(page).toHaveURL(/\/apply\/check-answers$/);
    await tabTo(page.locator('input[name="declaration"]'));
    await page.keyboard.press("Space");
    await tabTo(page.locator("main form button[type=submit]").last());
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/apply\/confirmation$/);
    await expect(page.getByTestId("reference")).toHaveText(/^HKW-/);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a resident applies to Fenshire with plain HTML forms, every page and error state accessible", async ({ page }) => {
    test.setTimeout(480_000);
    const answers: TRawAnswers = {
      ...named(`No Script ${Date.now()}`),
      postcode: { postcode: "CB1 2ZZ" },
      address: { address: "manual" },
      "address-manual": { line1: "1 Mill Road", line2: "", town: "Cambridge" },
      needs: { "needs-food": "yes", "needs-rent-arrears": "yes", "needs-council-tax-arrears": "yes", "needs-other": "yes" },
      "council-tax-arrears": { councilTaxArrears: "99.99" },
      "other-need": { otherNeed: "A cot for the baby.\nAnd <b>not bold</b> & a very long line ".repeat(10).slice(0, 990) },
      payment: { paymentMethod: "voucher-email" },
    };
    delete answers["bank-details"];
    // Journey order: address-manual comes right after address; consent last.
    const ordered = Object.fromEntries(
      ["full-name", "date-of-birth", "contact", "language", "postcode", "address", "address-manual", "household", "children-ages", "circumstances", "needs", "rent-arrears", "council-tax-arrears", "other-need", "food-today", "energy-meter", "eviction", "employment", "benefits", "nrpf", "housing", "payment", "consent"].map((k) => [k, answers[k as keyof TRawAnswers]!]),
    ) as TRawAnswers;
    await answerEveryPage(page, { council: FENSHIRE, answers: ordered, check: true, js: false });
    await expect(page.getByTestId("answer-address-manual")).toHaveText("1 Mill Road, Cambridge, CB1 2ZZ");
    const reference = await sendApplication(page, { check: true, js: false });
    expect(reference.startsWith("FEN-")).toBe(true);
    await expectAccessibleWithoutJs(page);
    // A refresh of the confirmation, or sending again, does not make a second application.
    await page.goto("/fenshire/apply/check-answers");
    await expect(page.getByTestId("reference")).toHaveText(reference);
    const rows = await ownerQuery<{ n: number }>(`select count(*)::int as n from "Application" where "fullName" = $1`, [ordered["full-name"]!.fullName]);
    expect(rows[0]!.n).toBe(1);
  });

  test("entered values are kept after a failed validation", async ({ page }) => {
    await page.goto("/hackwell/apply");
    await submitButton(page).click();
    await fillRaw(page, FULL["full-name"]!);
    await continueTo(page, "full-name");
    await page.locator('[name="dateOfBirth-day"]').fill("31");
    await page.locator('[name="dateOfBirth-month"]').fill("2");
    await page.locator('[name="dateOfBirth-year"]').fill("1990");
    await submitButton(page).click();
    await expect(page.getByTestId("error-summary")).toContainText("Date of birth must be a real date");
    await expect(page).toHaveTitle(/^Error: What is your date of birth\?/);
    await expect(page.locator('[name="dateOfBirth-day"]')).toHaveValue("31");
    await expect(page.locator('[name="dateOfBirth-year"]')).toHaveValue("1990");
    await expectAccessibleWithoutJs(page);
  });
});

test("in Turkish: the language switcher, lang attribute, translated pages and errors, to a reference", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/hackwell");
  await page.getByRole("link", { name: "Türkçe" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "tr");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("maddi yardım");
  await expectAccessible(page);
  await page.goto("/hackwell/apply");
  await expect(page.getByRole("button", { name: /Şimdi başla/ })).toBeVisible();
  await submitButton(page).click();
  await expect(page).toHaveURL(/\/hackwell\/apply\/full-name$/);
  await submitButton(page).click();
  await expect(page.getByTestId("error-summary")).toContainText("Bir sorun var");
  await expect(page.getByTestId("error-summary")).toContainText("Adınızı ve soyadınızı girin");
  await expect(page).toHaveTitle(/^Hata: /);
  await expectAccessible(page);
  await answerEveryPage(page, { council: HACKWELL, answers: named("Türkçe Başvuran") });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Başvurunuzu göndermeden önce yanıtlarınızı kontrol edin");
  const reference = await sendApplication(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Başvuru gönderildi");
  expect(reference.startsWith("HKW-")).toBe(true);
  await expectAccessible(page);
  // Staff pages stay in English whatever the resident chose.
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/hackwell/language?to=en&back=/hackwell");
});

test("when a council closes its application route the start page says so, and drafts are kept", async ({ page }) => {
  const slug = `closed-${Date.now()}`;
  await ownerQuery(
    `insert into "Tenant" (id, slug, name, kind, "contactEmail", "contactPhone", "postcodeAreas", settings, "updatedAt")
     values (gen_random_uuid(), $1, 'Closedshire Council', 'UNITARY', 'help@closed.example', '01632 960 000', '{E8}', '{"applicationRoute":"open"}', now())`,
    [slug],
  );
  await page.goto(`/${slug}/apply`);
  await submitButton(page).click();
  await fillRaw(page, { fullName: "Draft Keeper" });
  await continueTo(page, "full-name");
  await ownerQuery(`update "Tenant" set settings = '{"applicationRoute":"fund-exhausted"}' where slug = $1`, [slug]);
  await page.goto(`/${slug}`);
  await expect(page.getByTestId("applications-closed")).toContainText("has all been given out");
  await expectAccessible(page);
  await page.goto(`/${slug}/apply/date-of-birth`);
  await expect(page).toHaveURL(new RegExp(`/${slug}/apply$`));
  await expect(page.getByTestId("applications-closed")).toBeVisible();
  await expectAccessible(page);
  const drafts = await ownerQuery<{ n: number }>(`select count(*)::int as n from "ApplicationDraft" d join "Tenant" t on t.id = d."tenantId" where t.slug = $1`, [slug]);
  expect(drafts[0]!.n).toBe(1);
  await ownerQuery(`update "Tenant" set settings = '{"applicationRoute":"open"}' where slug = $1`, [slug]);
  await page.goto(`/${slug}/apply`);
  await submitButton(page).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/apply/date-of-birth$`));
});
