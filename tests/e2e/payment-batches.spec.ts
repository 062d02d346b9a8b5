import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { postLedger } from "@/lib/ledger/post";
import { encryptSecret } from "@/lib/security/crypto";
import { asOwnerInCouncil, createFund } from "@/prisma/factories";
import { readStandard18 } from "../support/standard18-reader";
import { copyDemoAccount, expectAccessible, expectAccessibleWithoutJs, HACKWELL, ownerQuery, signInAsStaff } from "./support";

// Finance pays approved awards by bank batch (issue 19): one person in finance makes the batch
// (without JavaScript), a SECOND person releases it (the first cannot), downloads the Bacs
// Standard 18 file, and its totals match the batch and the ledger's DISBURSE postings. The awards
// are made in the database, in a fund of the spec's own, so the batch holds only them whatever
// other specs do at the same moment.

const RUN = randomUUID().slice(0, 6).toUpperCase();
const MAKER = `maker.${RUN.toLowerCase()}@hackwell.example`;
const RELEASER = `releaser.${RUN.toLowerCase()}@hackwell.example`;
const AMOUNTS = [12_345, 8_050];

type TSetup = { fundId: string; fundName: string; references: string[] };

/** A fund of the spec's own with two approved bank-transfer awards in it, READY to pay (their money committed). */
async function approvedBankAwards(): Promise<TSetup> {
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.E2E_OWNER_DATABASE_URL }) });
  try {
    const tenant = await owner.tenant.findUniqueOrThrow({ where: { slug: HACKWELL } });
    const fundName = `E2E batch fund ${RUN}`;
    const { fund, pots } = await createFund(owner, tenant.id, { name: fundName, pots: [{ name: `E2E batch pot ${RUN}`, allocatePence: 1_000_000n }] });
    const pot = pots[0]!;
    // Sealed bank details as an application keeps them (a published modulus-valid account).
    const bank = { bankDetailsEnc: encryptSecret(JSON.stringify({ accountName: "Grace Okafor", sortCode: "089999", accountNumber: "66374958", rollNumber: null })) };
    const [officer] = await ownerQuery<{ id: string }>(`select id from "User" where email = 'officer@hackwell.example'`);
    const references: string[] = [];
    await asOwnerInCouncil(owner, tenant.id, async (tx) => {
      for (const [i, pence] of AMOUNTS.entries()) {
        const reference = `HKW-B${RUN}${i}`;
        const [applicationId, caseId, awardId] = [randomUUID(), randomUUID(), randomUUID()];
        await tx.$executeRaw`insert into "Application" (id, "tenantId", reference, "schemaVersion", channel, "residentStatus", data, "fullName", "dateOfBirth", postcode, email, locale, "urgencyFlags", "submittedAt", "updatedAt", "bankDetailsEnc")
          values (${applicationId}::uuid, ${tenant.id}::uuid, ${reference}, 1, 'RESIDENT_ONLINE', 'DECIDED', '{}'::jsonb, 'Grace Okafor', '1990-04-02', 'E8 1DY', 'grace@example.com', 'en', '{}', now() - interval '2 days', now(), ${bank.bankDetailsEnc})`;
        await tx.$executeRaw`insert into "Case" (id, "tenantId", "applicationId", reference, status, channel, "fullName", postcode, "needCategories", "assignedToId", "assignedAt", "priorityScore", "priorityBand", "priorityReasons", "receivedAt", "slaDueOn", "decidedAt", "decidedById", "decisionReasonCode", "decisionExplanation")
          values (${caseId}::uuid, ${tenant.id}::uuid, ${applicationId}::uuid, ${reference}, 'APPROVED', 'RESIDENT_ONLINE', 'Grace Okafor', 'E8 1DY', '{food}', ${officer!.id}::uuid, now(), 40, 'URGENT', '{no-food-today}', now() - interval '2 days', current_date + 1, now(), ${officer!.id}::uuid, 'need-met', 'We will pay this into your bank account.')`;
        await tx.$executeRaw`insert into "Award" (id, "tenantId", "caseId", "potId", "needCategory", "amountPence", "paymentMethod", status, "proposedById", "approvedById", "approvedAt")
          values (${awardId}::uuid, ${tenant.id}::uuid, ${caseId}::uuid, ${pot.id}::uuid, 'food', ${pence}, 'bank', 'APPROVED', ${officer!.id}::uuid, ${officer!.id}::uuid, now())`;
        await postLedger(tx, { kind: "COMMIT", fundId: fund.id, potId: pot.id, amountPence: BigInt(pence), idempotencyKey: `e2e:commit:${awardId}`, reason: "E2E award", actorUserId: null, awardRef: awardId });
        await tx.$executeRaw`insert into "Payment" (id, "tenantId", "awardId", "caseId", reference, method, status, "amountPence", "bankDetailsEnc", "bankLast4", "updatedAt")
          values (gen_random_uuid(), ${tenant.id}::uuid, ${awardId}::uuid, ${caseId}::uuid, ${`${reference}-1`}, 'BANK_TRANSFER', 'READY', ${pence}, ${bank.bankDetailsEnc}, '4958', now())`;
        references.push(`${reference}-1`);
      }
    });
    return { fundId: fund.id, fundName, references };
  } finally {
    await owner.$disconnect();
  }
}

test("finance makes a bank batch without JavaScript, a second person releases it, and the Standard 18 file adds up to the batch and the ledger", async ({ browser }) => {
  // Two people, two sign-ins and six accessibility checks on a machine other specs share.
  test.setTimeout(240_000);
  const setup = await approvedBankAwards();
  await copyDemoAccount("approver@hackwell.example", MAKER, "Maker ");
  await copyDemoAccount("finance@hackwell.example", RELEASER, "Releaser ");
  const total = AMOUNTS.reduce((a, b) => a + b, 0);
  const pounds = `£${(total / 100).toFixed(2)}`;

  // The maker, without JavaScript: the staff navigation's Payments link, the ready list, the form.
  const makerContext = await browser.newContext({ javaScriptEnabled: false });
  const maker = await makerContext.newPage();
  await signInAsStaff(maker, MAKER, { totpOf: "approver@hackwell.example" });
  await maker.goto(`/${HACKWELL}/staff`);
  await maker.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Payments", exact: true }).click();
  await expect(maker.getByRole("heading", { name: "Payments", level: 1 })).toBeVisible();
  await expect(maker.getByTestId("ready-table").getByRole("row").filter({ hasText: "Bank transfer" })).toBeVisible();
  await expectAccessibleWithoutJs(maker);
  // A day that is not a date: a specific error, the choices kept.
  await maker.getByLabel("Bank transfer").check();
  await maker.getByLabel("From which fund").selectOption({ label: setup.fundName });
  await maker.getByLabel("Day").fill("31");
  await maker.getByLabel("Month").fill("2");
  await maker.getByLabel("Year").fill("2026");
  await maker.getByRole("button", { name: "Make the batch" }).click();
  await expect(maker.getByRole("link", { name: "Enter a real date, like 27 3 2027, or leave the date empty" })).toBeVisible();
  await expect(maker.getByLabel("From which fund")).toHaveValue(setup.fundId);
  await expectAccessibleWithoutJs(maker);
  for (const box of ["Day", "Month", "Year"]) await maker.getByLabel(box).fill("");
  await maker.getByRole("button", { name: "Make the batch" }).click();
  await expect(maker.getByTestId("batch-banner")).toContainText(`2 payments, ${pounds}`);
  const batchUrl = maker.url().replace(/\?.*$/, "");
  const reference = (await maker.getByRole("heading", { level: 1 }).textContent())!.replace("Batch ", "").trim();
  await expect(maker.getByTestId("batch-count")).toContainText("2");
  await expect(maker.getByTestId("batch-total")).toContainText(pounds);
  for (const r of setup.references) await expect(maker.getByTestId("batch-lines")).toContainText(r);
  // Whoever made it cannot release it: no button, only the reason.
  await expect(maker.getByTestId("release-own")).toBeVisible();
  await expect(maker.getByRole("button", { name: "Release the batch" })).toHaveCount(0);
  await expectAccessibleWithoutJs(maker);
  await makerContext.close();

  // The second person releases it and downloads the file.
  const releaserContext = await browser.newContext();
  const releaser = await releaserContext.newPage();
  await signInAsStaff(releaser, RELEASER, { totpOf: "finance@hackwell.example" });
  await releaser.goto(batchUrl);
  await expectAccessible(releaser);
  await releaser.getByRole("button", { name: "Release the batch" }).click();
  await expect(releaser.getByTestId("batch-banner")).toContainText(`Batch ${reference} released: 2 payments sent, ${pounds} paid out.`);
  await expect(releaser.getByTestId("batch-status")).toHaveText("released");
  await expect(releaser.getByTestId("batch-released-by")).toContainText("Releaser ");
  await expectAccessible(releaser);

  const link = releaser.getByTestId("batch-files").getByRole("link");
  const [download] = await Promise.all([releaser.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`${reference}-standard18.txt`);
  const bytes = await (await import("node:fs/promises")).readFile((await download.path())!);
  const file = readStandard18(bytes.toString("ascii"));
  expect(file.credits.map((c) => c.reference.trim()).sort()).toEqual([...setup.references].sort());
  expect(file.trailer.creditTotal).toBe(BigInt(total));
  expect(file.trailer.creditCount).toBe(2);
  expect(file.serviceUserNumber).toBe("412345");
  // The same bytes again, as an attachment the browser will not sniff.
  const again = await releaser.request.get((await link.getAttribute("href"))!);
  expect(again.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(again.headers()["x-content-type-options"]).toBe("nosniff");
  expect(Buffer.compare(await again.body(), bytes)).toBe(0);
  // The ledger: each payment disbursed once, and the file's total is their sum to the penny.
  const [ledger] = await ownerQuery<{ n: string; sum: string }>(
    `select count(*)::text as n, sum("amountPence")::text as sum from "LedgerTransaction" where kind = 'DISBURSE' and "paymentRef" = any($1::text[])`,
    [setup.references],
  );
  expect(ledger).toEqual({ n: "2", sum: String(total) });
  const [downloads] = await ownerQuery<{ n: string }>(`select count(*)::text as n from "AuditEvent" where action = 'payment-batch.file-downloaded' and summary like $1`, [`%${reference}%`]);
  expect(Number(downloads!.n)).toBeGreaterThanOrEqual(2);
  await releaserContext.close();
});
