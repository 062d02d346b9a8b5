// Eligibility with reasons (issue 18, docs/eligibility.md): a resident with no recourse to public
// funds applies; the Fenshire officer sees on the case which pots can pay and why, chooses a pot
// that is not eligible, is asked for a reason (GOV.UK error, axe), gives one, and the line waits
// for an approver even at £1; the approver sees the override and its reason. Without JavaScript.
// Its own officer and approver (a sign-in uses up an authenticator code, so no other spec's users).
import { PrismaPg } from "@prisma/adapter-pg";
import { expect, test } from "@playwright/test";
import type { TRawAnswers } from "@/lib/applications/steps";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createMember } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { answerEveryPage, expectAccessible, expectAccessibleWithoutJs, FENSHIRE, ownerQuery, sendApplication, signInAsStaff } from "./support";

/** A Fenshire resident (manual address, in journey order) who has no recourse to public funds. */
function nrpfPerson(name: string): TRawAnswers {
  const answers: TRawAnswers = {
    ...FULL,
    "full-name": { fullName: name },
    "date-of-birth": { "dateOfBirth-day": "11", "dateOfBirth-month": "9", "dateOfBirth-year": "1979" },
    postcode: { postcode: "CB1 2ZZ" },
    address: { address: "manual" },
    "address-manual": { line1: "2 Mill Road", line2: "", town: "Cambridge" },
    nrpf: { nrpf: "yes" },
  };
  const order = ["full-name", "date-of-birth", "contact", "language", "postcode", "address", "address-manual", ...Object.keys(FULL).filter((k) => !["full-name", "date-of-birth", "contact", "language", "postcode", "address"].includes(k))];
  return Object.fromEntries(order.map((k) => [k, answers[k as keyof TRawAnswers]!])) as TRawAnswers;
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an officer sees which pots can pay and why, overrides one with a reason, and the £1.00 line waits for an approver", async ({ page, browser }) => {
    test.setTimeout(300_000);
    const name = `Nrpf Resident ${Date.now()}`;
    const resident = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await answerEveryPage(resident, { council: FENSHIRE, answers: nrpfPerson(name) });
    const reference = await sendApplication(resident);
    const [row] = await ownerQuery<{ id: string }>(`select id from "Case" where reference = $1`, [reference]);

    const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.E2E_OWNER_DATABASE_URL }) });
    const fenshire = await owner.tenant.findUniqueOrThrow({ where: { slug: FENSHIRE } });
    const officerEmail = `eligibility.officer.${Date.now()}@fenshire.example`;
    const approverEmail = `eligibility.approver.${Date.now()}@fenshire.example`;
    await createMember(owner, fenshire.id, "OFFICER", { email: officerEmail, name: "Elif Officer" });
    await createMember(owner, fenshire.id, "APPROVER", { email: approverEmail, name: "Amos Approver" });
    await owner.$disconnect();

    await signInAsStaff(page, officerEmail);
    await page.goto(`/${FENSHIRE}/staff/cases/${row!.id}`);
    await page.getByRole("button", { name: "Claim this case" }).click();
    await expect(page.getByTestId("case-banner")).toHaveText("Case claimed");

    const panel = page.getByTestId("eligibility-panel");
    await expect(panel.getByRole("heading", { name: "Which pots can pay" })).toBeVisible();
    await expect(panel.getByTestId("eligibility-summary")).toHaveText("1 of 7 open pots can pay");
    // The pot that can pay, with its money left; the others with their reasons behind "see why".
    const canPay = panel.getByTestId("eligibility-table").getByRole("rowheader");
    await expect(canPay).toHaveCount(1);
    await expect(canPay).toContainText("No recourse to public funds");
    await expect(panel.getByTestId("eligibility-table")).toContainText("£80,000.00");
    await panel.getByText("6 pots cannot pay this household: see why").click();
    const notPot = (pot: string) => panel.getByTestId("eligibility-not-pot").filter({ has: page.getByText(pot, { exact: true }) });
    await expect(notPot("Food vouchers")).toContainText("Override with a reason");
    await expect(notPot("Food vouchers").getByTestId("eligibility-reasons")).toHaveText("Food vouchers is paid from public funds and this household has no recourse to public funds");
    await expect(notPot("Housing Payments")).toContainText("Housing Payments is a Housing Payment: it pays only households getting Housing Benefit or Universal Credit that includes help with housing costs");
    await expect(notPot("Direct awards: social prescribing")).toContainText("it pays only the households that partner referred");
    await expectAccessibleWithoutJs(page);

    await page.getByTestId("decide-link").click();
    await page.getByLabel("Approve", { exact: true }).check();
    await page.locator('[name="line-1-need"]').selectOption("food");
    await page.locator('[name="line-1-amount"]').fill("1");
    // Food vouchers is offered only among the pots that need a reason.
    const group = page.locator('[name="line-1-pot"] optgroup[label="Not eligible — needs a reason"]');
    const pot = await group.locator("option").filter({ hasText: /^Food vouchers/ }).getAttribute("value");
    await expect(page.locator('[name="line-1-pot"] > option').filter({ hasText: /^Food vouchers/ })).toHaveCount(0);
    await page.locator('[name="line-1-pot"]').selectOption(pot!);
    await page.locator('[name="line-1-method"]').selectOption("voucher-email");
    await page.locator('[name="reasonCode"]').selectOption("need-met");
    await page.locator('[name="explanation"]').fill("We are sending you a food voucher by email.");
    await page.getByRole("button", { name: "Record decision" }).click();

    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("Food vouchers is paid from public funds and this household has no recourse to public funds. To pay from this pot anyway, give your reason for overriding the rule");
    await expect(page).toHaveTitle(/^Error: /);
    await expect(page.locator('[name="line-1-amount"]')).toHaveValue("1");
    await expectAccessibleWithoutJs(page);

    const reason = page.getByLabel("Reason for overriding the pot's rules (award 1)");
    await expect(reason).toBeVisible();
    await reason.fill("Home Office letter seen: leave to remain granted last week, status not yet updated");
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByTestId("case-banner")).toBeVisible();
    await expect(page.getByTestId("awards")).toContainText("Awaiting approval");
    // The case's own awards table says the line broke a pot rule, which and why.
    await expect(page.getByTestId("awards").getByTestId("override-note")).toContainText("Overrides: no recourse to public funds");
    await expect(page.getByTestId("awards").getByTestId("override-note")).toContainText("Officer's reason: Home Office letter seen");
    await expect(page.getByText("Pot rule overridden: the award waits for an approver")).toBeVisible();
    const [award] = await ownerQuery<{ status: string; overriddenRules: string[] }>(`select a.status, a."overriddenRules" from "Award" a join "Case" c on c.id = a."caseId" where c.reference = $1`, [reference]);
    expect(award).toEqual({ status: "AWAITING_APPROVAL", overriddenRules: ["public-funds"] });

    // The approver sees the override, the rules and the reason.
    const approver = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await signInAsStaff(approver, approverEmail);
    await approver.goto(`/${FENSHIRE}/staff/cases/awaiting-approval`);
    const waiting = approver.getByRole("row").filter({ hasText: reference });
    await expect(waiting.getByTestId("override-note")).toContainText("Overrides: no recourse to public funds");
    await expect(waiting.getByTestId("override-note")).toContainText("Officer's reason: Home Office letter seen");
    await expectAccessible(approver);
  });
});
