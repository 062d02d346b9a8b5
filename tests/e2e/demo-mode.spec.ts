import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

// Issue 7, finding 2: `npm start` serves demo mode, and /dev/mailbox showed every email (magic
// links, save-and-return links) to anyone. Now it answers only the machine the app runs on.

test("every page in demo mode says so", async ({ page }) => {
  for (const path of ["/", "/hackwell", "/hackwell/apply", "/sign-in", "/hackwell/partner/sign-in"]) {
    await page.goto(path);
    await expect(page.getByTestId("demo-banner")).toContainText("Demo: do not enter real details");
  }
  await expectAccessible(page);
});

test("the dev mailbox answers this machine only: not a forwarded client, nor a rebinding host name", async ({ page, request }) => {
  // A magic link lands in the mailbox (sign in as this referrer, for whoever can read it).
  await page.goto("/hackwell/partner/sign-in");
  await page.getByLabel("Work email address").fill("sp.jordan@nhs.example");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // From this machine: the demo works as before.
  // (The job queue delivers it a moment after the request.)
  await expect
    .poll(async () => {
      const local = await request.get("/dev/mailbox?to=sp.jordan@nhs.example");
      return `${local.status()} ${(await local.text()).includes("/hackwell/partner/sign-in/link?token=")}`;
    }, { timeout: 15_000 })
    .toBe("200 true");

  const attacks: Record<string, Record<string, string>> = {
    // A reverse proxy (or tunnel) on this machine forwarding an outside client.
    "forwarded outside client": { "X-Forwarded-For": "203.0.113.7" },
    "forwarded, claiming loopback first": { "X-Forwarded-For": "127.0.0.1, 203.0.113.7" },
    // DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1.
    "rebinding host name": { Host: "rebind.evil.example" },
    "public forwarded host": { "X-Forwarded-Host": "moneyhub.example.org" },
  };
  for (const [what, headers] of Object.entries(attacks)) {
    const res = await request.get("/dev/mailbox?to=sp.jordan@nhs.example", { headers });
    const body = await res.text();
    expect({ what, status: res.status(), leaks: body.includes("sign-in/link?token=") }).toEqual({ what, status: 404, leaks: false });
  }
  // Nor is it offered in the navigation to a forwarded client.
  const home = await request.get("/sign-in", { headers: attacks["forwarded outside client"]! });
  expect(await home.text()).not.toContain('href="/dev/mailbox"');
});
