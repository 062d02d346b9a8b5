import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { asOwnerInCouncil, createCouncil, createFund, createMember } from "@/prisma/factories";
import { postLedger } from "@/lib/ledger/post";
import { expectAccessible, ownerQuery, signInAsStaff } from "./support";

// The managers' dashboard over a council's history (issue 20): the filter and its mistakes, the
// CSV and XLSX downloads holding the page's totals to the penny, the staff cost, a read-only link
// opened signed out (small numbers as "<5", no names, references or postcodes) and revoked (404).
// The e2e database's demo councils have no casework history, so this spec gives a council of its
// own one (other specs' councils and figures are left alone): 12 awards paid over the last weeks.

const COUNCIL = "dashboard-e2e";
const MANAGER = "manager@dashboard-e2e.example";
const OFFICER = "officer@dashboard-e2e.example";
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/dashboard-${name}.png`, fullPage: true });
const NEEDS = ["food", "food", "energy", "food", "furniture", "energy", "food", "rent-arrears", "food", "energy", "food", "furniture"];

test.beforeAll(async () => {
  fs.mkdirSync("test-results/screenshots", { recursive: true });
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.E2E_OWNER_DATABASE_URL }) });
  try {
    if (await owner.tenant.findUnique({ where: { slug: COUNCIL } })) return;
    const council = await createCouncil(owner, { slug: COUNCIL, name: "Dashboard Borough Council", postcodeAreas: ["E8"], settings: { referencePrefix: "DBE" } });
    const manager = await createMember(owner, council.id, "MANAGER", { email: MANAGER, name: "Dana Manager" });
    await createMember(owner, council.id, "OFFICER", { email: OFFICER, name: "Oli Officer" });
    const today = new Date();
    const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000);
    const made = await createFund(owner, council.id, {
      name: "Dashboard Support Fund",
      periodStart: daysAgo(60),
      periodEnd: new Date(today.getTime() + 120 * 86_400_000),
      allocationPence: 2_000_000n,
      at: daysAgo(60),
      pots: ["Food and energy", "Furniture"].map((name) => ({ name, allocatePence: 500_000n })),
    });
    for (const [i, need] of NEEDS.entries()) {
      const received = daysAgo(40 - i * 3);
      const pot = made.pots[need === "furniture" ? 1 : 0]!;
      await asOwnerInCouncil(owner, council.id, async (tx) => {
        const reference = `DBE-${String(1000 + i)}`;
        const app = await tx.application.create({
          data: { tenantId: council.id, reference, schemaVersion: 1, channel: i % 3 ? "RESIDENT_ONLINE" : "REFERRAL_PORTAL", data: {}, fullName: `Zebedee Quartermaine ${i}`, dateOfBirth: new Date("1980-01-01"), postcode: `E8 ${i}QQ`, locale: "en", urgencyFlags: [], submittedAt: received },
        });
        const c = await tx.case.create({
          data: { tenantId: council.id, applicationId: app.id, reference, status: "APPROVED", channel: app.channel, fullName: app.fullName, postcode: app.postcode, needCategories: [need], priorityScore: 10, priorityBand: "STANDARD", priorityReasons: [], receivedAt: received, slaDueOn: daysAgo(30 - i * 3), decidedAt: daysAgo(38 - i * 3), decidedById: manager.id },
        });
        const amount = BigInt(2_500 + i * 1_234);
        const award = await tx.award.create({
          data: { tenantId: council.id, caseId: c.id, potId: pot.id, needCategory: need, amountPence: amount, paymentMethod: "bank", status: "APPROVED", proposedById: manager.id, approvedById: manager.id, approvedAt: daysAgo(38 - i * 3), householdTypes: i % 4 ? ["single-adults"] : ["families-with-children"], accessRoute: i % 3 ? "APPLICATION" : "REFERRAL" },
        });
        // Paid as a cash voucher, issued: the ledger's payment checks (npm run ledger:verify) hold.
        const payment = await tx.payment.create({ data: { tenantId: council.id, awardId: award.id, caseId: c.id, reference: `DBEP${1000 + i}`, method: "CASH_VOUCHER", status: "ISSUED", amountPence: amount, createdById: manager.id } });
        await postLedger(tx, { kind: "COMMIT", fundId: made.fund.id, potId: pot.id, amountPence: amount, idempotencyKey: `dash-e2e:${randomUUID()}`, reason: "Approved", actorUserId: null, awardRef: award.id, at: daysAgo(38 - i * 3) });
        await postLedger(tx, { kind: "DISBURSE", fundId: made.fund.id, potId: pot.id, amountPence: amount, idempotencyKey: `dash-e2e:${randomUUID()}`, reason: "Voucher issued", actorUserId: null, awardRef: award.id, paymentRef: payment.reference, at: daysAgo(36 - i * 3) });
      });
    }
  } finally {
    await owner.$disconnect();
  }
});

/** "£1,234.56" → 123456 (pence). */
const pence = (text: string) => Math.round(Number(text.replace(/[£,]/g, "").trim()) * 100);

test("a manager reads the dashboard, filters it, downloads it, enters a staff cost, and shares a read-only view", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAsStaff(page, MANAGER);
  await page.goto(`/${COUNCIL}/staff`);
  await page.getByRole("navigation").getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Reports dashboard", level: 1 })).toBeVisible();
  await expect(page.getByTestId("funder-returns-link")).toBeVisible();
  for (const id of ["funds", "pots", "weekly", "timings", "by-need", "by-household", "by-route", "by-partner", "income", "value", "onward"]) await expect(page.getByTestId(`table-${id}`)).toBeVisible();
  await expect(page.getByTestId("chart-by-need")).toHaveAttribute("aria-hidden", "true");
  await expectAccessible(page);
  await shot(page, "all-funds");

  // Nonsense and a reversed period: the GOV.UK error summary, what was typed kept.
  await page.getByLabel("From", { exact: true }).fill("nonsense");
  await page.getByLabel("To", { exact: true }).fill("2020-01-01");
  await page.getByRole("button", { name: "Show figures" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("The start date must be a real date");
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("nonsense");
  await expect(page).toHaveTitle(/^Error: /);
  await shot(page, "filter-errors");
  await page.getByLabel("From", { exact: true }).fill("2026-12-01");
  await page.getByLabel("To", { exact: true }).fill("2026-11-01");
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("The end date must be the same as or after the start date");

  // One fund, its period so far (the default once the dates are cleared).
  const fundName = (await page.getByLabel("Fund", { exact: true }).locator("option").nth(1).textContent())!;
  await page.getByLabel("Fund", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("From", { exact: true }).fill("");
  await page.getByLabel("To", { exact: true }).fill("");
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page.getByTestId("error-summary")).toHaveCount(0);
  await expect(page.getByTestId("dashboard-period")).toContainText(`Showing ${fundName}`);
  expect(new URL(page.url()).searchParams.get("fund")).toMatch(/^[0-9a-f-]{36}$/);
  await expectAccessible(page);
  await shot(page, "one-fund");

  // A breakdown row links to that breakdown with the row as a filter.
  const needTotal = pence((await page.getByTestId("total-by-need").locator("td[data-col=paid]").textContent())!);
  const firstNeed = page.getByTestId("table-by-need").locator("tbody th a").first();
  if (await firstNeed.count()) {
    await firstNeed.click();
    await expect(page.getByRole("heading", { name: "Awards paid by need", level: 1 })).toBeVisible();
    await expectAccessible(page);
    await shot(page, "breakdown");
    await page.goBack();
  }

  // The downloads hold the screen's totals to the penny.
  const screenTotals: Record<string, number> = {};
  for (const id of ["by-need", "by-household", "by-route", "by-partner", "funds"]) screenTotals[id] = pence((await page.getByTestId(`total-${id}`).locator("td[data-col=paid]").textContent()) ?? "0");
  expect(screenTotals["by-need"]).toBe(needTotal);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
  expect(csv.suggestedFilename()).toMatch(/^dashboard-fund-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const blocks = fs.readFileSync((await csv.path())!, "utf8").split("\r\n\r\n");
  const csvTotal = (title: string) => {
    const block = blocks.find((b) => b.startsWith(`"${title}"`))!.split("\r\n");
    const header = block[1]!.split(",");
    const total = block.find((l) => l.startsWith('"Total"'))!.split(",");
    return Math.round(Number(total[header.indexOf('"Paid"')]!.replaceAll('"', "")) * 100);
  };
  expect(csvTotal("Awards paid by need")).toBe(screenTotals["by-need"]);
  expect(csvTotal("Awards paid by household group")).toBe(screenTotals["by-household"]);
  expect(csvTotal("Awards paid by access route")).toBe(screenTotals["by-route"]);
  expect(csvTotal("Awards paid by referring partner")).toBe(screenTotals["by-partner"]);
  expect(csvTotal("Money by fund")).toBe(screenTotals.funds);
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-xlsx").click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await xlsx.path())!);
  for (const [title, id] of [
    ["Awards paid by need", "by-need"],
    ["Awards paid by household group", "by-household"],
    ["Money by fund", "funds"],
  ] as const) {
    const sheet = book.worksheets.find((w) => w.name === title)!;
    const header = sheet.getRow(2).values as unknown[];
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe("Total");
    expect(Math.round(Number(last.getCell(header.indexOf("Paid")).value) * 100), title).toBe(screenTotals[id]);
  }

  // Staff cost: empty and nonsense explained, then saved and used.
  await page.getByRole("button", { name: "Save staff cost" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter the staff cost");
  await page.getByLabel(/What did the staff working on the scheme cost/).fill("lots");
  await page.getByRole("button", { name: "Save staff cost" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("The staff cost must be an amount of money");
  await page.getByLabel(/What did the staff working on the scheme cost/).fill("12,500");
  await page.getByRole("button", { name: "Save staff cost" }).click();
  await expect(page.getByTestId("dashboard-banner")).toContainText("Staff cost saved");
  await expect(page.getByTestId("table-value")).toContainText("£12,500.00");
  await shot(page, "staff-cost");

  // A read-only link for the period shown, opened signed out.
  await page.getByTestId("shared-links-link").click();
  await expect(page.getByRole("heading", { name: "Read-only links", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Create a read-only link" }).click();
  const url = (await page.getByTestId("share-link-url").textContent())!.trim();
  expect(url).toMatch(/\/shared\/reports\/[0-9a-f]{32}[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);
  await shot(page, "shared-links");

  const stranger = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const publicPage = await stranger.newPage();
  const opened = await publicPage.goto(new URL(url).pathname);
  expect(opened?.status()).toBe(200);
  await expect(publicPage.getByTestId("shared-council")).toHaveText("Dashboard Borough Council");
  await expect(publicPage.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  const text = (await publicPage.locator("main").textContent())!;
  expect(text).toContain("<5");
  const people = await ownerQuery<{ fullName: string; reference: string; postcode: string }>(
    `select c."fullName", c.reference, c.postcode from "Case" c join "Tenant" t on t.id = c."tenantId" where t.slug = $1`,
    [COUNCIL],
  );
  expect(people.length).toBe(12);
  for (const p of people) for (const s of [p.fullName, p.reference, p.postcode]) expect(text.includes(s), s).toBe(false);
  await expectAccessible(publicPage);
  await publicPage.screenshot({ path: "test-results/screenshots/dashboard-shared-390.png", fullPage: true });
  await publicPage.setViewportSize({ width: 1280, height: 900 });
  await publicPage.screenshot({ path: "test-results/screenshots/dashboard-shared-1280.png", fullPage: true });

  // Revoked: the plain 404, for the same stranger.
  await page.getByTestId("share-link-row").first().getByRole("button", { name: /Revoke/ }).click();
  await expect(page.getByTestId("shared-links-banner")).toContainText("Link revoked");
  const gone = await publicPage.goto(new URL(url).pathname);
  expect(gone?.status()).toBe(404);
  expect(await publicPage.locator("body").textContent()).not.toContain("<5");
  // A made-up token is the same 404.
  expect((await publicPage.goto(`/shared/reports/${"0".repeat(32)}${"A".repeat(43)}`))?.status()).toBe(404);
  await stranger.close();
});

test("an officer has no dashboard", async ({ page }) => {
  await signInAsStaff(page, OFFICER);
  const res = await page.goto(`/${COUNCIL}/staff/reports`);
  expect(res?.status()).toBe(403);
  const download = await page.request.get(`/${COUNCIL}/staff/reports/download?format=csv`, { maxRedirects: 0 });
  expect(download.status()).not.toBe(200);
  expect(await download.text()).not.toContain("Awards paid by need");
});
