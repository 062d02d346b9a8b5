import { expect, test } from "@playwright/test";
import { openMailbox, signInAsStaff } from "./support";

test("staff of one council cannot reach another council's pages or people", async ({ page }) => {
  await signInAsStaff(page, "admin@hackwell.example");
  expect((await page.goto("/fenshire/staff"))?.status()).toBe(403);
  expect((await page.goto("/fenshire/staff/people"))?.status()).toBe(403);
  expect((await page.goto("/fenshire/staff/audit"))?.status()).toBe(403);

  // Fenshire's officer's real id, found by a Fenshire admin in a separate session.
  const fenshire = await (await page.context().browser()!.newContext()).newPage();
  await signInAsStaff(fenshire, "admin@fenshire.example");
  await fenshire.goto("/fenshire/staff/people");
  const href = await fenshire.getByRole("link", { name: "Lucy Marsh", exact: true }).getAttribute("href");
  const fenshireUserId = href!.split("/").pop()!;

  // Crafted URL inside Hackwell with Fenshire's id: not found.
  expect((await page.goto(`/hackwell/staff/people/${fenshireUserId}`))?.status()).toBe(404);

  // Crafted form: Hackwell's deactivate form, with the hidden id swapped for Fenshire's.
  await page.goto("/hackwell/staff/people");
  await page.getByRole("link", { name: "Priya Shah", exact: true }).click();
  await page.locator('input[name="userId"]').last().evaluate((el, id) => ((el as HTMLInputElement).value = id), fenshireUserId);
  await page.getByRole("button", { name: "Deactivate Priya Shah", exact: true }).click();
  await expect(page.getByTestId("error-summary")).toContainText("That person does not work for this council");
  await fenshire.goto("/fenshire/staff/people");
  await expect(fenshire.getByRole("row", { name: /^Lucy Marsh/ })).toContainText("Active");
});

test("a server action without an Origin header, or from another site, is refused", async ({ page, request, baseURL }) => {
  await signInAsStaff(page, "admin@hackwell.example");
  const cookieHeader = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await page.goto("/hackwell/staff/people");
  // Without JavaScript the form posts its action id as a field; replay it by hand.
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Invite a member of staff" }) });
  const fields = Object.fromEntries(await form.evaluate((f) => [...new FormData(f as HTMLFormElement).entries()].map(([k, v]) => [k, String(v)])));
  const post = (email: string, origin?: string) =>
    request.post("/hackwell/staff/people", {
      headers: { cookie: cookieHeader, ...(origin ? { origin } : {}) },
      multipart: { ...fields, name: "Mallory", email, role: "COUNCIL_ADMIN" },
      maxRedirects: 0,
    });
  for (const origin of [undefined, "null", "https://evil.example"]) {
    const res = await post("mallory@hackwell.example", origin);
    expect(res.status(), `origin ${origin}`).toBeGreaterThanOrEqual(400);
  }
  await page.goto("/dev/mailbox?to=mallory%40hackwell.example");
  await expect(page.getByText("No emails yet.")).toBeVisible();

  // The same request from our own origin goes through: the refusals above were about the Origin.
  const ok = await post("control@hackwell.example", baseURL);
  expect(ok.status()).toBeLessThan(400);
  await openMailbox(page, "control@hackwell.example");
  await expect(page.getByTestId("mail")).toHaveCount(1);
});
