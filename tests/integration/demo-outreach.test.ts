// The demo's outreach (prisma/demo-outreach.ts), made through the services in both demo councils:
// a list imported and an email campaign to it, in each household's language; run twice, nothing is
// added.
import { describe, expect, it } from "vitest";
import { findCouncilBySlug } from "@/lib/tenancy/queries";
import { DEMO_COUNCILS } from "@/prisma/demo-data";
import { seedDemoOutreach } from "@/prisma/demo-outreach";
import { createCouncil, createMember } from "@/prisma/factories";
import { testDb } from "../support/globals";

describe("the demo's outreach", () => {
  it("imports a list and sends an email campaign in each demo council; idempotent", { timeout: 120_000 }, async () => {
    const db = testDb().owner;
    for (const demo of DEMO_COUNCILS) {
      await createCouncil(db, { slug: demo.slug, postcodeAreas: demo.postcodeAreas, settings: demo.settings });
      const council = (await findCouncilBySlug(demo.slug))!;
      const staff = demo.staff.find((s) => s.role === "MANAGER")!;
      await createMember(db, council.id, "MANAGER", { email: staff.email, name: staff.name });
    }
    await seedDemoOutreach(db, () => {});
    await seedDemoOutreach(db, () => {});
    for (const demo of DEMO_COUNCILS) {
      const council = (await findCouncilBySlug(demo.slug))!;
      const imports = await db.outreachImport.findMany({ where: { tenantId: council.id } });
      expect(imports).toHaveLength(1);
      expect(imports[0]).toMatchObject({ status: "IMPORTED", invalidRows: 0 });
      const campaign = await db.outreachCampaign.findFirstOrThrow({ where: { tenantId: council.id } });
      expect(campaign.status).toBe("SENT");
      const messages = await db.outboundMessage.findMany({ where: { tenantId: council.id, template: "outreach-invitation" } });
      expect(messages).toHaveLength(campaign.invitedCount);
      expect(messages.length).toBeGreaterThanOrEqual(3);
    }
    const hackwell = (await findCouncilBySlug("hackwell"))!;
    const yiddish = await db.outboundMessage.findFirstOrThrow({ where: { tenantId: hackwell.id, to: "chaya.r@outreach.example" } });
    expect(yiddish.locale).toBe("yi");
  });
});
