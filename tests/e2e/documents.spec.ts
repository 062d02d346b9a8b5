// Documents on a case (issue 18), without JavaScript: a Fenshire approver (who works cases; no
// other spec signs in as them) opens a resident's new case, is refused a script renamed .pdf with
// the GOV.UK error summary (axe on that state), uploads a PDF, sees it listed as not scanned with
// a line on the timeline, and downloads it: an attachment with the detected type and nosniff,
// recorded in the audit log. Another council's staff get 404 for the same document.
import { expect, test } from "@playwright/test";
import type { TRawAnswers } from "@/lib/applications/steps";
import { samplePdf } from "@/prisma/sample-files";
import { FULL } from "../support/application-answers";
import { answerEveryPage, expectAccessibleWithoutJs, FENSHIRE, ownerQuery, sendApplication, signInAsStaff } from "./support";

/** A Fenshire resident (manual address, in journey order: address-manual right after address). */
function fenshirePerson(name: string): TRawAnswers {
  const answers: TRawAnswers = { ...FULL, "full-name": { fullName: name }, postcode: { postcode: "CB1 2ZZ" }, address: { address: "manual" }, "address-manual": { line1: "3 Mill Road", line2: "", town: "Cambridge" } };
  const order = ["full-name", "date-of-birth", "contact", "language", "postcode", "address", "address-manual", ...Object.keys(FULL).filter((k) => !["full-name", "date-of-birth", "contact", "language", "postcode", "address"].includes(k))];
  return Object.fromEntries(order.map((k) => [k, answers[k as keyof TRawAnswers]!])) as TRawAnswers;
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an officer uploads a PDF to a case, is refused a script renamed .pdf, and downloads the PDF as an attachment", async ({ page, browser }) => {
    test.setTimeout(300_000);
    const name = `Docs Resident ${Date.now()}`;
    const resident = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await answerEveryPage(resident, { council: FENSHIRE, answers: fenshirePerson(name) });
    const reference = await sendApplication(resident);
    const [row] = await ownerQuery<{ id: string }>(`select id from "Case" where reference = $1`, [reference]);
    const casePath = `/${FENSHIRE}/staff/cases/${row!.id}`;

    await signInAsStaff(page, "approver@fenshire.example");
    await page.goto(casePath);
    const section = page.getByTestId("case-documents");
    await expect(section.getByRole("heading", { name: "Documents" })).toBeVisible();
    await expect(page.getByTestId("documents-none")).toBeVisible();

    // A shell script called statement.pdf: refused by its content, the error naming the file.
    await page.getByLabel("Upload a document").setInputFiles({ name: "statement.pdf", mimeType: "application/pdf", buffer: Buffer.from("#!/bin/sh\necho pwned\n") });
    await page.getByTestId("document-upload-submit").click();
    await expect(page.getByTestId("error-summary")).toContainText("There is a problem");
    await expect(page.getByTestId("error-summary").getByRole("link", { name: "The selected file statement.pdf must be a PDF, JPG, PNG or HEIC" })).toHaveAttribute("href", "#field-document");
    await expect(page.getByTestId("document-error")).toContainText("The selected file statement.pdf must be a PDF, JPG, PNG or HEIC");
    await expect(page).toHaveTitle(/^Error: /);
    await expectAccessibleWithoutJs(page);
    await expect(page.getByTestId("documents-none")).toBeVisible();

    // A real PDF.
    const pdf = Buffer.from(samplePdf(["Bank statement (test)", "Closing balance: 4.20"]));
    await page.getByLabel("Upload a document").setInputFiles({ name: "Bank statement.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByTestId("document-upload-submit").click();
    await expect(page.getByTestId("documents-banner")).toHaveText("Document uploaded");
    await expect(page).not.toHaveTitle(/^Error: /);
    await expect(page.getByTestId("document-row")).toHaveCount(1);
    const listed = page.getByTestId("document-row").filter({ hasText: "Bank statement.pdf" });
    await expect(listed.getByTestId("document-name")).toHaveText("Bank statement.pdf");
    await expect(listed.getByTestId("document-type")).toHaveText("PDF");
    await expect(listed.getByTestId("document-scan")).toHaveText("Not scanned");
    await expect(listed).toContainText("Owen Pryce");
    const timeline = page.getByRole("list", { name: "Timeline of the case" });
    await expect(timeline.getByText("Document uploaded", { exact: true })).toHaveCount(1);
    await expect(timeline.getByText("Bank statement.pdf", { exact: true })).toBeVisible();
    await expectAccessibleWithoutJs(page);

    // Over the 1 MB form limit but within the upload's own: accepted. Over 10 MB: refused by name, not a 413.
    const padded = (size: number) => Buffer.concat([pdf, Buffer.alloc(size - pdf.length, 0x20)]);
    await page.getByLabel("Upload a document").setInputFiles({ name: "Scan of letter.pdf", mimeType: "application/pdf", buffer: padded(3 * 1024 * 1024) });
    await page.getByTestId("document-upload-submit").click();
    await expect(page.getByTestId("documents-banner")).toHaveText("Document uploaded");
    await page.getByLabel("Upload a document").setInputFiles({ name: "Huge scan.pdf", mimeType: "application/pdf", buffer: padded(10 * 1024 * 1024 + 1) });
    await page.getByTestId("document-upload-submit").click();
    await expect(page.getByTestId("document-error")).toContainText("The selected file Huge scan.pdf must be smaller than 10 MB");
    await expect(page.getByTestId("document-row")).toHaveCount(2);

    // The download: an attachment, the same bytes.
    const [download] = await Promise.all([page.waitForEvent("download"), listed.getByTestId("document-download").click()]);
    expect(download.suggestedFilename()).toBe("Bank statement.pdf");
    const saved = await download.path();
    const { readFile } = await import("node:fs/promises");
    expect((await readFile(saved)).equals(pdf)).toBe(true);
    const href = (await listed.getByTestId("document-download").getAttribute("href"))!;
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="Bank statement\.pdf"/);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    const documentId = href.split("/").pop()!;
    const [audited] = await ownerQuery<{ n: string }>(`select count(*)::text as n from "AuditEvent" where action = 'document.downloaded' and "entityId" = $1`, [documentId]);
    expect(Number(audited!.n)).toBe(2);

    // Another council's manager: the same document under their own council is not found.
    const other = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signInAsStaff(other, "manager@hackwell.example");
    const theirs = await other.request.get(`/hackwell/staff/cases/${row!.id}/documents/${documentId}`, { maxRedirects: 0 });
    expect(theirs.status()).toBe(404);
    const [still] = await ownerQuery<{ n: string }>(`select count(*)::text as n from "AuditEvent" where action = 'document.downloaded' and "entityId" = $1`, [documentId]);
    expect(Number(still!.n)).toBe(2);
  });
});
