// The partner API's portal pages and the API itself over real HTTP (next start, proxy.ts and all):
// the demo health visiting lead makes an API key without JavaScript (an empty name gets the
// GOV.UK error summary), uses it to refer and list, revokes it and is refused; registers a webhook
// endpoint (https only in production), sends a test event and sees it in the delivery log; the
// reference page and the OpenAPI document are served. axe on every page visited.
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { EXAMPLE_REFERRAL } from "@/lib/partner-api/examples";
import { expectAccessibleWithoutJs, HACKWELL, latestMailLink } from "./support";

test.describe.configure({ mode: "serial" });

const LEAD = "hv.amara@nhs.example";
let page: Page;

/** One sign-in for the file (sign-in links are rate-limited per address), without JavaScript. */
test.beforeAll(async ({ browser }: { browser: Browser }) => {
  page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto(`/${HACKWELL}/partner/sign-in`);
  await page.getByLabel("Work email address").fill(LEAD);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const link = await latestMailLink(page, LEAD);
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${HACKWELL}/partner$`));
});

test("a lead makes an API key (shown once), refers with it, revokes it; the API refuses it after", async ({ request }) => {
  await page.goto(`/${HACKWELL}/partner`);
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await page.getByRole("button", { name: "Make key" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter a name for the key");
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessibleWithoutJs(page);
  await page.getByLabel("Name").fill("E2E record system");
  await page.getByRole("button", { name: "Make key" }).click();
  const key = (await page.getByTestId("shown-once").textContent())!.trim();
  expect(key).toMatch(/^mhk_[0-9a-f]{12}_/);
  await expectAccessibleWithoutJs(page);

  const auth = { authorization: `Bearer ${key}` };
  const posted = await request.post(`/api/v1/${HACKWELL}/referrals`, { headers: { ...auth, "idempotency-key": randomUUID() }, data: EXAMPLE_REFERRAL });
  expect(posted.status()).toBe(201);
  const referral = (await posted.json()) as { id: string; reference: string };
  const listed = await request.get(`/api/v1/${HACKWELL}/referrals`, { headers: auth });
  expect(((await listed.json()) as { referrals: { id: string }[] }).referrals.map((r) => r.id)).toContain(referral.id);
  expect((await request.get(`/api/v1/${HACKWELL}/referrals/${referral.reference}`, { headers: auth })).status()).toBe(200);
  // Another council's URL: the key does not exist there.
  expect((await request.get(`/api/v1/fenshire/referrals`, { headers: auth })).status()).toBe(401);

  // A fresh GET (a reload would send the form again without JavaScript).
  await page.goto(`/${HACKWELL}/partner/api-keys`);
  const prefix = key.slice(0, 16);
  const row = page.getByTestId("api-keys").getByRole("row", { name: new RegExp(prefix) });
  await expect(row).not.toContainText("Never");
  await row.getByRole("button", { name: /Revoke/ }).click();
  await expect(page.getByTestId("api-keys").getByRole("row", { name: new RegExp(prefix) })).toContainText("Revoked");
  await expectAccessibleWithoutJs(page);
  const refused = await request.get(`/api/v1/${HACKWELL}/referrals`, { headers: auth });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect(((await refused.json()) as { detail: string }).detail).toMatch(/revoked/);
});

test("a lead registers an https webhook endpoint, sends a test event and reads the delivery log", async () => {
  await page.goto(`/${HACKWELL}/partner/webhooks`);
  await expectAccessibleWithoutJs(page);
  await page.getByLabel("Endpoint address").fill("http://partner.example/hooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("must start with https://");
  await expectAccessibleWithoutJs(page);
  await page.getByLabel("Endpoint address").fill("https://partner.example/hooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByTestId("shown-once")).toContainText("whsec_");
  await page.goto(`/${HACKWELL}/partner/webhooks`);
  await page.getByTestId("webhook-endpoints").getByRole("button", { name: /Send a test event/ }).first().click();
  await expect(page.getByTestId("notification-banner").first()).toContainText("test event");
  await page.goto(`/${HACKWELL}/partner/webhooks`);
  await expect(page.getByTestId("webhook-deliveries")).toContainText("test");
  await expectAccessibleWithoutJs(page);
});

test("the reference page and the OpenAPI document; an oversized body is a problem, not a page", async ({ request }) => {
  await page.goto("/developers");
  await expect(page.getByRole("heading", { level: 1, name: "Money Hub partner API" })).toBeVisible();
  await expect(page.getByTestId("curl-post")).toContainText("Idempotency-Key");
  await expectAccessibleWithoutJs(page);
  const doc = await request.get("/api/v1/openapi.json");
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
  const big = await request.post(`/api/v1/${HACKWELL}/referrals`, { headers: { "content-type": "application/json", "idempotency-key": randomUUID() }, data: "x".repeat(1_100_000) });
  expect(big.status()).toBe(413);
  expect(big.headers()["content-type"]).toBe("application/problem+json");
});
