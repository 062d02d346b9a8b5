import { expect, test, type Page } from "@playwright/test";
import { copyDemoAccount, expectAccessible, expectAccessibleWithoutJs, latestMailLink, ownerQuery, signInAsStaff as signInAsStaffOf } from "./support";

// This spec's own staff, so that no other spec running at the same moment (two workers) spends
// the shared demo accounts' second-factor codes: copies of demo staff (same password, roles and
// authenticator secret), each with its own last-used code step.
const ORIGINALS = ["admin@hackwell.example", "admin@fenshire.example", "officer@hackwell.example"] as const;
// Likewise for the demo referrers (their email links): same organisation, lead flag and training.
const REFERRERS = ["hv.amara@nhs.example", "leaving.care@hackwell.example"] as const;
const copyOf = (email: string) => `partners.${email}`;
// A referrer's copy keeps the domain (the organisation allows only its own).
const referrerCopy = (email: (typeof REFERRERS)[number]) => copyOf(email);

test.beforeAll(async () => {
  for (const email of [...ORIGINALS, ...REFERRERS]) await copyDemoAccount(email, copyOf(email), "Pat ");
});

// An organisation of this spec's own to deactivate, with one member (not a lead), so that the
// demo organisations stay active for every other spec.
const TEST_ORG = "Hackwell Community Navigators";
const NAVIGATOR = "partners.navigator@nhs.example";
test.beforeAll(async () => {
  await ownerQuery(
    `insert into "Organisation" (id, "tenantId", name, type, "allowedEmailDomains", "updatedAt")
     select gen_random_uuid(), id, $1, 'SOCIAL_PRESCRIBING', '{nhs.example}', now() from "Tenant" where slug = 'hackwell'
     on conflict do nothing`,
    [TEST_ORG],
  );
  await ownerQuery(`insert into "User" (id, email, name, "updatedAt") values (gen_random_uuid(), $1, 'Nia Navigator', now()) on conflict (email) do nothing`, [NAVIGATOR]);
  await ownerQuery(
    `insert into "Membership" (id, "tenantId", "userId", role, "organisationId", "updatedAt")
     select gen_random_uuid(), o."tenantId", u.id, 'REFERRER', o.id, now() from "Organisation" o, "User" u where o.name = $1 and u.email = $2
     on conflict do nothing`,
    [TEST_ORG, NAVIGATOR],
  );
});

/** Signs in this spec's copy of a demo staff member through the real pages: password, then the authenticator code. */
const signInAsStaff = (page: Page, original: (typeof ORIGINALS)[number]) => signInAsStaffOf(page, copyOf(original), { totpOf: original });

/** A referrer signs in through the partner portal's email link (dev mailbox). */
async function signInAsReferrer(page: Page, slug: string, email: string) {
  await page.goto(`/${slug}/partner/sign-in`);
  await page.getByLabel("Work email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(await latestMailLink(page, email));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/partner$`));
}

test("a council admin adds a partner organisation (nonsense first), invites a member who joins and appears, records training and makes them lead", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const stamp = Date.now();
  const name = `Northside Midwives ${stamp}`;
  const email = `midwife.${stamp}@northside.example`;
  await signInAsStaff(page, "admin@hackwell.example");
  await page.goto("/hackwell/staff");
  await page.getByTestId("service-navigation").getByRole("link", { name: "Partners", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Partner organisations" })).toBeVisible();
  await expect(page.getByTestId("partners-table")).toContainText("Hackwell Health Visiting Service");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Add a partner organisation" }).click();
  await expect(page.getByRole("heading", { name: "Add a partner organisation" })).toBeVisible();
  await expectAccessible(page);
  // Nonsense first: every problem at once, in the error summary, nothing typed lost.
  await page.getByLabel("Allowed email domains").fill("northside, name@@");
  await page.getByLabel("Contact email address").fill("not an email");
  await page.getByRole("button", { name: "Add organisation" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Enter the organisation’s name");
  await expect(summary).toContainText("Select the type of organisation");
  await expect(summary).toContainText("Enter each email domain in the correct format");
  await expect(summary).toContainText("Enter the contact’s email address in the correct format");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("Allowed email domains")).toHaveValue("northside, name@@");
  await expectAccessible(page);
  // Then properly.
  await page.getByLabel("Organisation name").fill(name);
  await page.getByLabel("Type of organisation").selectOption("MIDWIFERY");
  await page.getByLabel("Allowed email domains").fill("northside.example\n@NHS.example");
  await page.getByLabel("Contact name (optional)").fill("Rosa Lead");
  await page.getByLabel("Contact email address (optional)").fill("rosa@northside.example");
  await page.getByRole("button", { name: "Add organisation" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("partner-banner")).toContainText(`${name} added`);
  await expect(page.getByTestId("organisation-domains")).toHaveText("northside.example\nnhs.example");
  await expectAccessible(page);

  // Invite: an address outside the allowed domains is refused, naming them.
  const invite = page.locator("form", { has: page.getByRole("heading", { name: "Invite a member" }) });
  await invite.getByLabel("Full name").fill("Mia Midwife");
  await invite.getByLabel("Work email address").fill(`mia.${stamp}@gmail.com`);
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByTestId("error-summary")).toContainText("Enter an email address ending in @northside.example or @nhs.example");
  await expect(invite.getByLabel("Full name")).toHaveValue("Mia Midwife");
  await expectAccessible(page);
  await invite.getByLabel("Work email address").fill(email);
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("partner-banner")).toContainText(`Invitation sent to ${email}`);
  await expect(page.getByTestId("invitations-table")).toContainText(email);

  // The invitee joins from the email, in their own browser.
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(await latestMailLink(invitee, email));
  await expect(invitee.getByRole("heading", { name: "Join the partner portal" })).toBeVisible();
  await invitee.getByRole("button", { name: "Accept and continue" }).click();
  await expect(invitee).toHaveURL(/\/hackwell\/partner\/sign-in/);

  // The member appears, untrained.
  await page.reload();
  const row = page.getByTestId("members-table").getByRole("row", { name: /Mia Midwife/ });
  await expect(row).toContainText("Not trained");
  await expect(row).toContainText("Active");

  // Training: a date that is not real, then proper dates.
  await row.getByRole("link", { name: "Record training for Mia Midwife" }).click();
  await expect(page.getByRole("heading", { name: "Training for Mia Midwife" })).toBeVisible();
  await expectAccessible(page);
  const year = new Date().getUTCFullYear();
  const fill = async (legend: string, d: string, m: string, y: string) => {
    const group = page.getByRole("group", { name: legend });
    await group.getByLabel("Day").fill(d);
    await group.getByLabel("Month").fill(m);
    await group.getByLabel("Year").fill(y);
  };
  await fill("Date training was completed", "31", "2", String(year));
  await page.getByRole("button", { name: "Save training" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Date training was completed must be a real date");
  await expect(page.getByTestId("error-summary")).toContainText("Enter the last day the training counts");
  await expectAccessible(page);
  await fill("Date training was completed", "1", "2", String(year));
  await fill("Last day the training counts", "31", "1", String(year + 2));
  await page.getByRole("button", { name: "Save training" }).click();
  await expect(page.getByTestId("partner-banner")).toContainText("Mia Midwife: changes saved");
  await expect(page.getByTestId("members-table").getByRole("row", { name: /Mia Midwife/ })).toContainText(`Trained until 31 Jan ${year + 2}`);

  await page.getByRole("button", { name: "Make lead for Mia Midwife" }).click();
  await expect(page.getByTestId("members-table").getByRole("row", { name: /Mia Midwife/ })).toContainText("Lead");
  await expect(page.getByRole("button", { name: "Remove as lead for Mia Midwife" })).toBeVisible();

  // Deactivate the member: their row says so.
  await page.getByRole("button", { name: "Deactivate for Mia Midwife" }).click();
  await expect(page.getByTestId("members-table").getByRole("row", { name: /Mia Midwife/ })).toContainText("Deactivated");
  await expectAccessible(page);

  // All on the audit log.
  await page.goto("/hackwell/staff/audit?kind=people");
  const audit = page.getByRole("table");
  await expect(audit).toContainText(`Added partner organisation ${name}`);
  await expect(audit).toContainText(`Recorded training for ${email}`);
  await expect(audit).toContainText(`Made ${email} (${name}) an organisation lead`);
  await expect(audit).toContainText(`Deactivated ${email} (${name})`);
});

test("deactivating an organisation signs its members out on their next request; an organisation lead sees members and allowance", async ({ page, browser }) => {
  // The demo lead of Hackwell's health visitors sees the members' training and the allowance.
  const lead = await (await browser.newContext()).newPage();
  await signInAsReferrer(lead, "hackwell", referrerCopy("hv.amara@nhs.example"));
  await lead.goto("/hackwell/partner/organisation");
  await expect(lead.getByRole("heading", { name: "Your organisation" })).toBeVisible();
  await expect(lead.getByTestId("members-table")).toContainText("Ben Carter");
  await expect(lead.getByTestId("members-table").getByRole("row", { name: /^Amara Okafor/ })).toContainText("Trained until");
  await expect(lead.getByTestId("allowance-table")).toContainText("Direct awards: health visiting");
  await expect(lead.getByTestId("allowance-table")).toContainText("Remaining");
  await expectAccessible(lead);

  // A member who does not lead sees that the page is for leads only.
  const member = await (await browser.newContext()).newPage();
  await signInAsReferrer(member, "hackwell", NAVIGATOR);
  await member.goto("/hackwell/partner/organisation");
  await expect(member.getByTestId("not-lead")).toBeVisible();

  // The admin deactivates the navigators' organisation: Nia's next request is refused; Amara's is not.
  await signInAsStaff(page, "admin@hackwell.example");
  await page.goto("/hackwell/staff/partners");
  await page.getByRole("link", { name: TEST_ORG }).click();
  await expect(page).toHaveTitle(/^Partner organisation/);
  await page.getByRole("button", { name: `Deactivate ${TEST_ORG}` }).click();
  await expect(page.getByTestId("organisation-deactivated")).toBeVisible();
  expect((await member.goto("/hackwell/partner"))?.status()).toBe(403);
  expect((await lead.goto("/hackwell/partner"))?.status()).toBe(200);
  // Reactivated, Nia is back (the same session).
  await page.getByRole("button", { name: `Reactivate ${TEST_ORG}` }).click();
  await expect(page.getByTestId("partner-banner")).toContainText("is active again");
  expect((await member.goto("/hackwell/partner"))?.status()).toBe(200);
});

test("another council's admin, an officer and a referrer cannot reach a council's partner pages", async ({ page, browser }) => {
  const [fenOrg] = await ownerQuery<{ id: string }>(`select o.id from "Organisation" o join "Tenant" t on t.id = o."tenantId" where t.slug = 'fenshire' limit 1`);
  const [fenMember] = await ownerQuery<{ id: string }>(`select m.id from "Membership" m where m."organisationId" = $1 limit 1`, [fenOrg!.id]);
  await signInAsStaff(page, "admin@hackwell.example");
  expect((await page.goto("/fenshire/staff/partners"))?.status()).toBe(403);
  // Fenshire's organisation by its exact id, under Hackwell's URL: not found, like any unknown id.
  expect((await page.goto(`/hackwell/staff/partners/${fenOrg!.id}`))?.status()).toBe(404);
  expect((await page.goto(`/hackwell/staff/partners/${fenOrg!.id}/edit`))?.status()).toBe(404);
  expect((await page.goto(`/hackwell/staff/partners/${fenOrg!.id}/members/${fenMember!.id}/training`))?.status()).toBe(404);
  expect((await page.goto("/hackwell/staff/partners/not-a-uuid"))?.status()).toBe(404);
  const officer = await (await browser.newContext()).newPage();
  await signInAsStaff(officer, "officer@hackwell.example");
  expect((await officer.goto("/hackwell/staff/partners"))?.status()).toBe(403);
  await expect(officer.getByTestId("service-navigation")).not.toContainText("Partners");
  const referrer = await (await browser.newContext()).newPage();
  await signInAsReferrer(referrer, "hackwell", referrerCopy("leaving.care@hackwell.example"));
  expect((await referrer.goto("/hackwell/staff/partners"))?.status()).toBe(403);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin adds an organisation: the error summary, then the organisation's page", async ({ page }) => {
    const name = `Fen Housing Options ${Date.now()}`;
    await signInAsStaff(page, "admin@fenshire.example");
    await page.goto("/fenshire/staff/partners/new");
    await page.getByLabel("Organisation name").fill(name);
    await page.getByLabel("Type of organisation").selectOption("HOUSING");
    await page.getByLabel("Allowed email domains").fill("gmail.com");
    await page.getByRole("button", { name: "Add organisation" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("a public one such as gmail.com");
    await expect(page.getByLabel("Organisation name")).toHaveValue(name);
    await expect(page).toHaveTitle(/^Error: /);
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Allowed email domains").fill("fenshire-housing.example");
    await page.getByRole("button", { name: "Add organisation" }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.goto("/fenshire/staff/partners");
    await expect(page.getByTestId("partners-table").getByRole("row", { name: new RegExp(name) })).toContainText("Housing");
  });
});
