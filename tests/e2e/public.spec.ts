import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test("the home page lists the councils and passes accessibility checks", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Get emergency help with money from your council");
  await expect(page.getByRole("link", { name: "London Borough of Hackwell" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Fenshire County Council" })).toBeVisible();
  await expectAccessible(page);
});

test("each council has its own start page with its name in the header", async ({ page }) => {
  await page.goto("/fenshire");
  await expect(page.getByRole("banner")).toContainText("Fenshire County Council");
  await expect(page.getByText("alpha", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/hackwell");
  await expect(page.getByRole("banner")).toContainText("London Borough of Hackwell");
  await expect(page.getByText("beta", { exact: true })).toBeVisible();
});

test("an unknown council gives a 404 page", async ({ page }) => {
  const response = await page.goto("/no-such-council");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});

test("skip link is the first thing a keyboard user reaches", async ({ page }) => {
  await page.goto("/hackwell");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
});

test("every page carries the security headers", async ({ request, page }) => {
  const res = await request.get("/hackwell");
  const h = res.headers();
  expect(h["strict-transport-security"]).toContain("max-age=");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["cache-control"]).toContain("no-store");
  const csp = h["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h["x-powered-by"]).toBeUndefined();
  // The nonce changes per request, and the page's scripts carry it (so hydration is allowed).
  const again = (await request.get("/hackwell")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
});

test("health check reports the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", db: "ok" });
});
