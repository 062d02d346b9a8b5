// Requests for information (issue 18), the whole way through the real pages: a Fenshire officer
// (without JavaScript) claims a resident's new case and asks for evidence (the request form's
// error state first); the resident opens the one-time link from the dev mailbox, is told what is
// missing when sending nothing, then answers with text and a photo of a letter; the link then
// says it is used; the case is back in review, tagged "answered" in the queue, and the officer
// downloads the photo from the case page. axe on the answer page and its error state.
// Signs in as an officer of its own, made for the run (no other spec signs in as them).
import { PrismaPg } from "@prisma/adapter-pg";
import { expect, test, type Page } from "@playwright/test";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createMember } from "@/prisma/factories";
import type { TRawAnswers } from "@/lib/applications/steps";
import { FULL } from "../support/application-answers";
import fs from "node:fs";
import { answerEveryPage, expectAccessible, expectAccessibleWithoutJs, FENSHIRE, ownerQuery, sendApplication, signInAsStaff } from "./support";

// The Yiddish words of the answer page (read as a file: Playwright's ESM would want an import attribute).
const yi = JSON.parse(fs.readFileSync("messages/yi/moreInformation.json", "utf8")) as { title: string; errors: { answerMissing: string } };

// A 1×1 PNG: the photo of the letter.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** A Fenshire resident (manual address, in journey order) with an email address of their own. */
function fenshirePerson(name: string, email: string): TRawAnswers {
  const answers: TRawAnswers = {
    ...FULL,
    "full-name": { fullName: name },
    contact: { email, mobile: "" },
    language: { preferredLanguage: "en" },
    postcode: { postcode: "CB1 2ZZ" },
    address: { address: "manual" },
    "address-manual": { line1: "2 Mill Road", line2: "", town: "Cambridge" },
  };
  const order = ["full-name", "date-of-birth", "contact", "language", "postcode", "address", "address-manual", ...Object.keys(FULL).filter((k) => !["full-name", "date-of-birth", "contact", "language", "postcode", "address"].includes(k))];
  return Object.fromEntries(order.map((k) => [k, answers[k as keyof TRawAnswers]!])) as TRawAnswers;
}

/** The answer link from the newest request email to this address in the dev mailbox. */
async function answerLink(page: Page, to: string): Promise<string> {
  let link: string | undefined;
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    const bodies = await page.getByTestId("mail-body").allTextContents();
    link = bodies.map((b) => b.match(/https?:\/\/\S+\/information\/[A-Za-z0-9_-]+/)?.[0]).find(Boolean);
    expect(link).toBeTruthy();
  }).toPass({ timeout: 20_000 });
  return link!;
}

test("an officer asks for evidence; the resident answers through the emailed link with a photo; the case returns answered and the officer downloads the photo", async ({ browser }) => {
  test.setTimeout(300_000);
  const stamp = Date.now();
  const name = `Info Resident ${stamp}`;
  const email = `info-${stamp}@example.com`;
  const resident = await (await browser.newContext()).newPage();
  await answerEveryPage(resident, { council: FENSHIRE, answers: fenshirePerson(name, email) });
  const reference = await sendApplication(resident);
  const [row] = await ownerQuery<{ id: string }>(`select id from "Case" where reference = $1`, [reference]);

  // The officer, without JavaScript: one of Fenshire's, made for this run.
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.E2E_OWNER_DATABASE_URL }) });
  const fenshire = await owner.tenant.findUniqueOrThrow({ where: { slug: FENSHIRE } });
  const officerEmail = `info.officer.${stamp}@fenshire.example`;
  await createMember(owner, fenshire.id, "OFFICER", { email: officerEmail, name: "Ines Ortega" });
  await owner.$disconnect();
  const officerContext = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
  const officer = await officerContext.newPage();
  await signInAsStaff(officer, officerEmail);
  await officer.goto(`/${FENSHIRE}/staff/cases/${row!.id}`);
  await officer.getByRole("button", { name: "Claim this case" }).click();
  await expect(officer.getByTestId("case-banner")).toHaveText("Case claimed");
  const form = officer.getByTestId("request-information-form");
  await officer.getByTestId("request-information").locator("summary").click();
  await form.getByRole("button", { name: "Send the request" }).click();
  // Without JavaScript the page comes back with the form open and the error above it.
  await expect(officer.getByTestId("request-information-form").getByTestId("error-summary")).toBeVisible();
  await expect(officer.getByTestId("request-information-form").getByTestId("error-summary")).toContainText("Enter what you need");
  await expectAccessibleWithoutJs(officer);
  await officer.getByLabel("What do you need?").fill("A photo of the letter from your landlord.");
  await officer.getByTestId("request-information-form").getByRole("button", { name: "Send the request" }).click();
  await expect(officer.getByTestId("case-banner")).toHaveText("Information requested. The case is awaiting information.");
  await expect(officer.getByTestId("case-status")).toHaveText("Awaiting information");
  await expect(officer.getByTestId("information-question")).toHaveText("A photo of the letter from your landlord.");
  await expectAccessibleWithoutJs(officer);

  // The resident: the link from the email, an empty answer refused, then text and a photo.
  const link = await answerLink(resident, email);
  // The same page in Yiddish, right to left, on a phone (opening it spends nothing).
  const yiddish = await (await browser.newContext({ viewport: { width: 390, height: 900 } })).newPage();
  await yiddish.context().addCookies([{ name: "moneyhub.lang", value: "yi", url: new URL(link).origin }]);
  await yiddish.goto(link);
  await expect(yiddish.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(yiddish.getByRole("heading", { level: 1 })).toHaveText(yi.title);
  await expectAccessible(yiddish);
  await yiddish.locator("main form button[type=submit]").click();
  await expect(yiddish.getByTestId("error-summary")).toContainText(yi.errors.answerMissing);
  await expectAccessible(yiddish);
  expect(await yiddish.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await yiddish.context().close();
  await resident.goto(link);
  await expect(resident.getByTestId("information-question")).toHaveText("A photo of the letter from your landlord.");
  await expectAccessible(resident);
  await resident.getByRole("button", { name: "Send my answer" }).click();
  await expect(resident.getByTestId("error-summary")).toContainText("Enter your answer or upload a document");
  await expect(resident).toHaveTitle(/^Error: /);
  await expectAccessible(resident);
  await resident.getByLabel("Your answer").fill("Here is the letter: I owe £640 by the end of the month.");
  await resident.getByLabel("Upload documents (optional)").setInputFiles({ name: "letter.png", mimeType: "image/png", buffer: PNG });
  await resident.getByRole("button", { name: "Send my answer" }).click();
  await expect(resident.getByRole("heading", { name: "Thank you, we have your answer" })).toBeVisible();
  await expect(resident.getByTestId("information-done")).toContainText(reference);
  // The link works once.
  await resident.goto(link);
  await expect(resident.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
  await expect(resident.getByTestId("council-contact")).toContainText("Fenshire");
  await expectAccessible(resident);

  // Back with the officer: in review, answered in the queue, the photo downloads.
  await officer.goto(`/${FENSHIRE}/staff/cases?info=answered&q=${encodeURIComponent(reference)}`);
  await expect(officer.getByTestId("tag-information-answered")).toBeVisible();
  await officer.getByTestId("case-link").filter({ hasText: reference }).click();
  await expect(officer.getByTestId("case-status")).toHaveText("In review");
  await expect(officer.getByTestId("information-answer")).toHaveText("Here is the letter: I owe £640 by the end of the month.");
  const [download] = await Promise.all([officer.waitForEvent("download"), officer.getByTestId("information-document-link").first().click()]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const [audited] = await ownerQuery<{ n: number }>(`select count(*)::int as n from "AuditEvent" where action = 'document.downloaded' and "entityId" in (select id::text from "CaseDocument" where "caseId" = $1)`, [row!.id]);
  expect(audited!.n).toBeGreaterThanOrEqual(1);
});
