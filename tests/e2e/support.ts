import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";
import type { TRawAnswers } from "@/lib/applications/steps";
import { FULL } from "../support/application-answers";
import { TOTP_STEP_SECONDS, currentTotp } from "@/lib/security/totp";
import { DEMO_PASSWORD, demoTotpSecret } from "@/prisma/factories";

export { DEMO_PASSWORD };

/** WCAG 2.2 AA checks (axe-core) on whatever the page shows now. */
export async function expectAccessible(page: Page) {
  // After a client-side navigation (a server action's redirect) React sets the new <title> a
  // moment after the new content shows; wait for it rather than race it.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * The same checks for a page loaded with JavaScript disabled (axe itself needs JavaScript): its
 * HTML, scripts removed, is served at the same URL to a JavaScript-enabled page (so the page's
 * own CSS loads and colour contrast is real) and checked there.
 */
const axeContexts = new WeakMap<Browser, Promise<BrowserContext>>();

export async function expectAccessibleWithoutJs(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const browser = page.context().browser()!;
  // One JavaScript-enabled context per browser, reused for every check.
  if (!axeContexts.has(browser)) axeContexts.set(browser, browser.newContext({ javaScriptEnabled: true }));
  const copy = await (await axeContexts.get(browser)!).newPage();
  try {
    await copy.route(page.url(), (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
    await copy.goto(page.url());
    await expectAccessible(copy);
  } finally {
    await copy.close();
  }
}

/**
 * Signs a demo staff member in through the real pages: password, then the authenticator code.
 * `totpOf`: for a spec's copy of a demo account (copyDemoAccount), the demo email whose
 * authenticator secret it shares.
 */
export async function signInAsStaff(page: Page, email: string, { check = false, totpOf = email }: { check?: boolean; totpOf?: string } = {}) {
  await page.goto("/sign-in");
  if (check) await expectAccessible(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Enter the code from your authenticator app" })).toBeVisible();
  if (check) await expectAccessible(page);
  await page.getByLabel("Enter the code from your authenticator app").fill(await freshTotp(email, totpOf));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/**
 * A code the server has not seen yet for this person. A code is accepted once (its time-step is
 * remembered), so a second sign-in within the same 30 seconds uses the next step's code (one step
 * of clock drift is allowed), or waits for a later step, as a person would wait for a new code.
 * `totpOf`: the demo email whose authenticator secret the account has (itself, or a copy's original).
 */
export async function freshTotp(email: string, totpOf = email): Promise<string> {
  const c = new pg.Client({ connectionString: process.env.E2E_OWNER_DATABASE_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ lastTotpStep: number | null }>(`select "lastTotpStep" from "User" where email = $1`, [email]);
    const last = rows[0]?.lastTotpStep ?? 0;
    const now = Math.floor(Date.now() / 1000 / TOTP_STEP_SECONDS);
    const step = Math.max(now, last + 1);
    if (step > now + 1) await new Promise((r) => setTimeout(r, ((now + 1) * TOTP_STEP_SECONDS - Date.now() / 1000) * 1000 + 100));
    return currentTotp(demoTotpSecret(totpOf), step * TOTP_STEP_SECONDS);
  } finally {
    await c.end();
  }
}

/**
 * A spec's own copy of a demo account (same password, authenticator secret, roles, organisation,
 * lead flag and training, its own last-used code step), so that no other spec running at the same
 * moment spends the shared account's second-factor codes or email links. `namePrefix` goes before
 * the original's name. Sign the copy in with signInAsStaff(page, copy, { totpOf: original }).
 */
export async function copyDemoAccount(original: string, copy: string, namePrefix: string): Promise<void> {
  await ownerQuery(
    `insert into "User" (id, email, name, "passwordHash", "totpSecretEnc", "mfaEnrolledAt", "updatedAt")
     select gen_random_uuid(), $1, $3 || name, "passwordHash", "totpSecretEnc", now(), now() from "User" where email = $2
     on conflict (email) do nothing`,
    [copy, original, namePrefix],
  );
  await ownerQuery(
    `insert into "Membership" (id, "tenantId", "userId", role, "organisationId", "organisationLead", "trainingCompletedOn", "trainingExpiresOn", "updatedAt")
     select gen_random_uuid(), m."tenantId", c.id, m.role, m."organisationId", m."organisationLead", m."trainingCompletedOn", m."trainingExpiresOn", now() from "Membership" m join "User" o on o.id = m."userId", "User" c where o.email = $1 and c.email = $2
     on conflict do nothing`,
    [original, copy],
  );
}

/** The dev mailbox for an address, once the job queue has delivered at least one message to it. */
export async function openMailbox(page: Page, to: string): Promise<void> {
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    await expect(page.getByTestId("mail").first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
}

/** The newest dev-mailbox message to an address, and the first link in it. */
export async function latestMailLink(page: Page, to: string): Promise<string> {
  await openMailbox(page, to);
  const body = await page.getByTestId("mail-body").first().textContent();
  const link = body?.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`No link in the latest email to ${to}`);
  return link;
}

export const HACKWELL = "hackwell";
export const FENSHIRE = "fenshire";

// ----- A resident's application through the real pages (apply.spec.ts, casework.spec.ts) -----

export async function ownerQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: process.env.E2E_OWNER_DATABASE_URL });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** Fills a page from stored-answer form values, by field name (so it works in every language). */
export async function fillRaw(page: Page, raw: Record<string, string>) {
  for (const [name, value] of Object.entries(raw)) {
    const radio = page.locator(`input[type=radio][name="${name}"][value="${/^[\w-]+$/.test(value) ? value : "-"}"]`);
    if (await radio.count()) {
      await radio.check();
      continue;
    }
    const box = page.locator(`input[type=checkbox][name="${name}"]`);
    if (await box.count()) {
      if (value === "yes") await box.check();
      continue;
    }
    await page.locator(`[name="${name}"]`).fill(value);
  }
}

export const submitButton = (page: Page) => page.locator("main form button[type=submit]").last();

export async function continueTo(page: Page, from: string) {
  await submitButton(page).click();
  await page.waitForURL((url) => !url.pathname.endsWith(`/apply/${from}`));
}

/**
 * A resident of their own (name, date of birth, email), so no earlier application or award of the
 * demo counts against them, in Hackwell or (with a manual address in Cambridge) Fenshire, in
 * journey order. `tag` starts their email; `bornFrom` is the first year of birth drawn.
 */
export function residentOfTheirOwn(name: string, where: "hackwell" | "fenshire", { tag, bornFrom }: { tag: string; bornFrom: number }): TRawAnswers {
  const n = Date.now() % 100_000;
  const own: TRawAnswers = {
    ...FULL,
    "full-name": { fullName: name },
    "date-of-birth": { "dateOfBirth-day": String((n % 27) + 1), "dateOfBirth-month": String((n % 12) + 1), "dateOfBirth-year": String(bornFrom + (n % 40)) },
    contact: { email: `${tag}-${n}@example.com`, mobile: "" },
  };
  if (where === "hackwell") return own;
  const answers: TRawAnswers = { ...own, postcode: { postcode: "CB1 2ZZ" }, address: { address: "manual" }, "address-manual": { line1: "1 Mill Road", line2: "", town: "Cambridge" } };
  const order = ["full-name", "date-of-birth", "contact", "language", "postcode", "address", "address-manual", ...Object.keys(FULL).filter((k) => !["full-name", "date-of-birth", "contact", "language", "postcode", "address"].includes(k))];
  return Object.fromEntries(order.map((k) => [k, answers[k as keyof TRawAnswers]!])) as TRawAnswers;
}

/**
 * A draft's application pages in journey order, from where it is: each page's URL is `pages`
 * (a regular expression's source, e.g. `/hackwell/staff/apply/[0-9a-f-]+`) then the step; axe on
 * the first. `skip`: steps already answered.
 */
export async function answerDraftPages(page: Page, pages: string, answers: TRawAnswers, axe: (p: Page) => Promise<void>, skip: readonly string[] = []) {
  let first = true;
  for (const [step, raw] of Object.entries(answers)) {
    if (skip.includes(step)) continue;
    await expect(page).toHaveURL(new RegExp(`${pages}/${step}$`));
    if (first) {
      await axe(page);
      first = false;
    }
    await fillRaw(page, raw);
    await submitButton(page).click();
    await page.waitForURL((url) => !url.pathname.endsWith(`/${step}`));
  }
}

export type JourneyOptions = { council: string; answers?: TRawAnswers; check?: boolean; js?: boolean };

/** From the council's apply start page to check your answers, page by page in journey order. */
export async function answerEveryPage(page: Page, { council, answers = FULL, check = false, js = true }: JourneyOptions) {
  const axe = js ? expectAccessible : expectAccessibleWithoutJs;
  await page.goto(`/${council}/apply`);
  if (check) await axe(page);
  await submitButton(page).click();
  for (const [step, raw] of Object.entries(answers)) {
    await expect(page).toHaveURL(new RegExp(`/${council}/apply/${step}$`));
    if (check) {
      await axe(page);
      // Every page refuses an empty answer with the GOV.UK error pattern.
      await submitButton(page).click();
      const summary = page.getByTestId("error-summary");
      await expect(summary).toBeVisible();
      await expect(page).toHaveTitle(/^(Error|Hata): /);
      if (js) await expect(summary).toBeFocused();
      // Each summary link points at a field on the page.
      for (const href of await summary.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
        await expect(page.locator(href!)).toHaveCount(1);
      }
      await axe(page);
    }
    await fillRaw(page, raw);
    await continueTo(page, step);
  }
  await expect(page).toHaveURL(new RegExp(`/${council}/apply/check-answers$`));
}

export async function sendApplication(page: Page, { check = false, js = true } = {}) {
  const axe = js ? expectAccessible : expectAccessibleWithoutJs;
  if (check) {
    await axe(page);
    await page.locator("main form button[type=submit]").click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    if (js) await expect(page.getByTestId("error-summary")).toBeFocused();
    await axe(page);
  }
  await page.locator('input[name="declaration"]').check();
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL(/\/apply\/confirmation$/);
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  expect(reference).toMatch(/^[A-Z]{3}-[3479ACDEFGHJKMNPQRTWXY6]{4}-[3479ACDEFGHJKMNPQRTWXY6]{2}$/);
  return reference;
}

