// Duplicates (issue 18): a resident sends the same application twice; the second is flagged in
// the queue as a possible duplicate and shows the first at the top of its case. An officer (the
// Fenshire approver, whom no other spec uses), without JavaScript, is refused a dismissal with no
// reason, then closes the case as a duplicate; the resident's status page says which application
// we are dealing with, and the message to them names it. axe on the queue, the panel and its error state.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import type { TRawAnswers } from "@/lib/applications/steps";
import { FULL } from "../support/application-answers";
import { answerEveryPage, expectAccessibleWithoutJs, FENSHIRE, ownerQuery, sendApplication, signInAsStaff } from "./support";

const OFFICER = "approver@fenshire.example";

/** A Fenshire resident (manual address, in journey order: address-manual right after address). */
function fenshirePerson(name: string): TRawAnswers {
  const answers: TRawAnswers = { ...FULL, "full-name": { fullName: name }, postcode: { postcode: "CB2 1ZZ" }, address: { address: "manual" }, "address-manual": { line1: "7 Trumpington Street", line2: "", town: "Cambridge" } };
  const order = ["full-name", "date-of-birth", "contact", "language", "postcode", "address", "address-manual", ...Object.keys(FULL).filter((k) => !["full-name", "date-of-birth", "contact", "language", "postcode", "address"].includes(k))];
  return Object.fromEntries(order.map((k) => [k, answers[k as keyof TRawAnswers]!])) as TRawAnswers;
}

test("an officer closes a duplicate without JavaScript and the resident's status page shows the original reference", async ({ browser }) => {
  // Two whole applications, then the officer's work.
  test.setTimeout(240_000);
  const name = `Greta Twice ${randomUUID().slice(0, 6)}`;
  const answers = { ...fenshirePerson(name), language: { preferredLanguage: "en" } };
  const resident = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  await answerEveryPage(resident, { council: FENSHIRE, answers });
  const original = await sendApplication(resident);
  // Sent again from another browser (this one's draft is sent: it shows its confirmation).
  const second = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  await answerEveryPage(second, { council: FENSHIRE, answers });
  const again = await sendApplication(second);
  expect(again).not.toBe(original);

  const officer = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signInAsStaff(officer, OFFICER);
  // The queue: the filter and the tag.
  await officer.goto(`/${FENSHIRE}/staff/cases?duplicate=yes&q=${encodeURIComponent(name)}`);
  // The second is flagged (the first may be too: other specs send the same address and bank account at the same time).
  const row = officer.getByTestId("queue-table").locator("tbody tr").filter({ hasText: again });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("duplicate-tag")).toHaveText("Possible duplicate");
  await expectAccessibleWithoutJs(officer);

  // The case: the panel first below the header, with the original and why it matched.
  await officer.getByRole("link", { name: again }).click();
  const panel = officer.getByTestId("duplicates-panel");
  await expect(panel.getByRole("heading", { name: "Possible duplicates" })).toBeVisible();
  const match = panel.getByTestId("duplicate-match").filter({ hasText: original });
  await expect(match.getByTestId("duplicate-reasons")).toContainText("same name and date of birth, same bank account, same email address, same phone number, same address");
  await expect(match.getByTestId("duplicate-state")).toHaveText("To check");
  await expectAccessibleWithoutJs(officer);

  // Dismissing needs a reason: the error is shown with its form opened, and is accessible.
  const dismiss = match.getByTestId("dismiss-form");
  await dismiss.locator("summary").click();
  await dismiss.getByRole("button", { name: "Dismiss match" }).click();
  await expect(officer.getByTestId("error-summary")).toContainText("Enter why this is not a duplicate");
  await expect(officer.getByTestId("dismiss-form").filter({ hasText: "Enter why this is not a duplicate" })).toHaveAttribute("open", "");
  await expectAccessibleWithoutJs(officer);

  // Close as a duplicate of the original.
  const close = officer.getByTestId("duplicate-match").filter({ hasText: original }).getByTestId("close-duplicate-form");
  await close.locator("summary").click();
  await close.getByLabel("Note for the timeline (optional)").fill("Sent twice a minute apart");
  await close.getByRole("button", { name: "Close as duplicate" }).click();
  await expect(officer).toHaveURL(/done=duplicate-closed/);
  await expect(officer.getByTestId("case-banner")).toContainText("Case closed as a duplicate");
  await expect(officer.getByTestId("duplicate-of")).toContainText(`Closed as a duplicate of ${original}`);
  await expect(officer.getByTestId("close-duplicate-form")).toHaveCount(0);
  await expectAccessibleWithoutJs(officer);

  // The resident is told the truth: on the status page and in a message, never "we cannot help".
  await resident.goto(`/${FENSHIRE}/status`);
  await resident.getByLabel("Reference number").fill(again);
  await resident.getByLabel("Day").fill("7");
  await resident.getByLabel("Month").fill("3");
  await resident.getByLabel("Year").fill("1988");
  await resident.locator("main form button[type=submit]").click();
  await expect(resident.getByTestId("status")).toHaveText("Being dealt with under another application");
  await expect(resident.getByTestId("status-text")).toContainText(`We are dealing with your application ${original}`);
  const sent = await ownerQuery<{ subject: string; body: string }>(`select subject, body from "OutboundMessage" where template = 'duplicate-closed' and personalisation->>'reference' = $1`, [again]);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.subject).toContain(original);
  expect(sent[0]!.body).not.toMatch(/cannot help/i);
});
