import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

// Issue 7, finding 8: a 3 MB form post gave a 500. Bodies over 1 MB get a 413 and a page saying why.
const THREE_MB = "x".repeat(3 * 1024 * 1024);

test("a 3 MB form post gets 413 and a page that says what happened", async ({ page, baseURL }) => {
  await page.goto("/hackwell/apply");
  // As a browser without JavaScript would send an over-long form.
  await page.evaluate((value) => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = location.href;
    const field = document.createElement("textarea");
    field.name = "fullName";
    field.value = value;
    form.append(field);
    document.body.append(form);
    form.submit();
  }, THREE_MB);
  await expect(page.getByRole("heading", { name: "What you sent was too large" })).toBeVisible();
  await expect(page.getByText("more than 1 MB")).toBeVisible();
  await expect(page.getByRole("link", { name: "Go back" })).toHaveAttribute("href", "/hackwell/apply");
  await expectAccessible(page);

  // And a server-action request (as the JavaScript client sends it).
  const res = await page.request.post("/hackwell/apply/name", {
    headers: { Origin: baseURL!, "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8" },
    data: THREE_MB,
  });
  expect(res.status()).toBe(413);
  expect(await res.text()).toContain("What you sent was too large");
});

test("a form under the limit still goes through", async ({ page }) => {
  const res = await page.request.post("/hackwell/apply", { form: { note: "x".repeat(500 * 1024) } });
  expect(res.status()).not.toBe(413);
  expect(res.status()).toBeLessThan(500);
});
