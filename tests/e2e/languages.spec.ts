// The seven languages residents are offered (lib/i18n/locales.ts, catalogues in messages/<code>/):
// a resident switches to Polish, and to Yiddish (right to left), and answers question pages in it.
// Screenshots at 390 px are kept as artefacts (test-results/screenshots/languages), not compared.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_TABLE } from "@/lib/i18n/locales";
import { FULL } from "../support/application-answers";
import { continueTo, expectAccessible, fillRaw, HACKWELL, submitButton } from "./support";

const SHOTS = path.join("test-results", "screenshots", "languages");

type TWords = Record<string, unknown>;
const words = (code: string, ns: string): TWords => JSON.parse(fs.readFileSync(path.join("messages", code, `${ns}.json`), "utf8")) as TWords;
const at = (tree: TWords, keyPath: string): string => keyPath.split(".").reduce<unknown>((node, k) => (node as TWords)[k], tree) as string;

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Nothing sticks out sideways at 390 px (a long word or a mirrored margin would make the page scroll). */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, "page wider than the screen").toBeLessThanOrEqual(client);
}

async function expectSwitcher(page: Page, current: string) {
  const links = page.getByTestId("language-switcher").getByRole("link");
  await expect(links).toHaveCount(LOCALE_TABLE.length);
  for (const l of LOCALE_TABLE) {
    const link = links.filter({ hasText: l.name });
    await expect(link).toHaveAttribute("lang", l.code);
    await expect(link).toHaveAttribute("dir", l.dir);
    if (l.code === current) await expect(link).toHaveAttribute("aria-current", "true");
    else await expect(link).not.toHaveAttribute("aria-current");
  }
}

for (const code of ["pl", "yi"] as const) {
  const lang = LOCALE_TABLE.find((l) => l.code === code)!;
  test(`in ${code}: the switcher offers all seven languages, <html lang dir> and aria-current follow the choice, and question pages are answered in it`, async ({ page }) => {
    test.setTimeout(180_000);
    const start = words(code, "start");
    const common = words(code, "common");
    const steps = words(code, "steps");
    const errors = words(code, "errors");
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`/${HACKWELL}/apply`);
    await expectSwitcher(page, "en");
    await page.getByTestId("language-switcher").getByRole("link", { name: lang.name }).click();
    await expect(page).toHaveURL(new RegExp(`/${HACKWELL}/apply$`));
    await expect(page.locator("html")).toHaveAttribute("lang", code);
    await expect(page.locator("html")).toHaveAttribute("dir", lang.dir);
    await expectSwitcher(page, code);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(at(start, "title"));
    await expect(submitButton(page)).toContainText(at(start, "startNow"));
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await shoot(page, `${code}-start`);

    await submitButton(page).click();
    await expect(page).toHaveURL(new RegExp(`/${HACKWELL}/apply/full-name$`));
    await expect(page.locator("html")).toHaveAttribute("dir", lang.dir);
    // An empty answer is refused in the resident's language (GOV.UK error summary, title prefix).
    await submitButton(page).click();
    await expect(page.getByTestId("error-summary")).toContainText(at(errors, "fullName.required"));
    await expect(page).toHaveTitle(new RegExp(`^${at(common, "errorPrefix").trim()}`));
    await expectAccessible(page);
    for (const step of ["full-name", "date-of-birth", "contact"] as const) {
      await expect(page).toHaveURL(new RegExp(`/apply/${step}$`));
      await fillRaw(page, FULL[step]!);
      await continueTo(page, step);
    }

    // "Which language would you like us to use?" offers this language, named in itself.
    await expect(page).toHaveURL(/\/apply\/language$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(at(steps, "language.title"));
    const own = page.locator(`input[type=radio][name="preferredLanguage"][value="${code}"]`);
    await expect(page.locator(`label[for="${await own.getAttribute("id")}"]`)).toContainText(lang.name);
    if (lang.dir === "rtl") {
      // Mirrored: each radio sits to the right of its label.
      const input = (await own.boundingBox())!;
      const label = (await page.locator(`label[for="${await own.getAttribute("id")}"]`).boundingBox())!;
      expect(input.x, "radio right of its label").toBeGreaterThan(label.x);
    }
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await shoot(page, `${code}-question`);
    await own.check();
    await continueTo(page, "language");
    await expect(page).toHaveURL(/\/apply\/postcode$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(at(steps, "postcode.title"));
    await page.goto(`/${HACKWELL}/language?to=en&back=/${HACKWELL}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
}
