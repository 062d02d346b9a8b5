import { PrismaPg } from "@prisma/adapter-pg";
import { expect, test } from "@playwright/test";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createMember } from "@/prisma/factories";
import { expectAccessible, latestMailLink, signInAsStaff } from "./support";

// Issue 7, finding 1: a council admin invited another council's officer and, holding the link,
// set a new password and second factor for that officer's account. Now the link alone cannot.
test("an invitation to another council's officer cannot take over their account; they accept it signed in as themselves", async ({ page, browser }) => {
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.E2E_OWNER_DATABASE_URL }) });
  const fenshire = await owner.tenant.findUniqueOrThrow({ where: { slug: "fenshire" } });
  const victim = `victim.${Date.now()}@fenshire.example`;
  const before = await createMember(owner, fenshire.id, "OFFICER", { email: victim, name: "Vic Tim" });

  // Hackwell's admin invites the Fenshire officer's address, and opens the link themselves.
  await signInAsStaff(page, "admin@hackwell.example");
  await page.goto("/hackwell/staff/people");
  const invite = page.locator("form", { has: page.getByRole("heading", { name: "Invite a member of staff" }) });
  await invite.getByLabel("Full name").fill("Vic Tim");
  await invite.getByLabel("Email address").fill(victim);
  await invite.getByLabel("Role").selectOption("COUNCIL_ADMIN");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("notification-banner")).toContainText(`Invitation sent to ${victim}`);
  const link = await latestMailLink(page, victim);

  // Signed in as the admin (someone else), and signed out: no way to set credentials.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await expect(page.getByText("You are signed in as someone else")).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Accept and continue" })).toHaveCount(0);
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(link);
  await expect(stranger.getByText("which already has a Money Hub account")).toBeVisible();
  await expect(stranger.getByLabel("Password", { exact: true })).toHaveCount(0);
  await expectAccessible(stranger);
  const after = await owner.user.findUniqueOrThrow({ where: { id: before.id } });
  expect([after.passwordHash, after.totpSecretEnc]).toEqual([before.passwordHash, before.totpSecretEnc]);

  // The officer, signed in with their own password and code, accepts: one more council, same credentials.
  const officer = await (await browser.newContext()).newPage();
  await signInAsStaff(officer, victim);
  await officer.goto(link);
  await officer.getByRole("button", { name: "Accept and continue" }).click();
  await expect(officer).toHaveURL(/\/hackwell\/staff$/);
  expect(await owner.membership.count({ where: { userId: before.id, status: "ACTIVE" } })).toBe(2);
  expect((await owner.user.findUniqueOrThrow({ where: { id: before.id } })).passwordHash).toBe(before.passwordHash);
  await owner.$disconnect();
});
