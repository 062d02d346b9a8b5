// The demo's duplicates and repeats (prisma/demo-duplicates.ts), made through the services on the
// demo councils as seedDemo leaves them: each council has open matches with their reasons and a
// case closed as a duplicate whose resident was told; Hackwell has a repeat. Running it again adds nothing.
import { describe, expect, it } from "vitest";
import { readDuplicatesPanel } from "@/lib/duplicates/queries";
import { staffActor } from "@/lib/actor";
import { seedDemo } from "@/prisma/seed";
import { seedDemoDuplicates } from "@/prisma/demo-duplicates";
import { testDb } from "../support/globals";

describe("the demo's duplicates", () => {
  it("seeds matches, a closed duplicate and a repeat in both councils, once", { timeout: 240_000 }, async () => {
    const db = testDb().owner;
    await seedDemo(db, () => {});
    await seedDemoDuplicates(db, () => {});
    for (const slug of ["hackwell", "fenshire"]) {
      const tenant = await db.tenant.findUniqueOrThrow({ where: { slug } });
      const matches = await db.caseMatch.findMany({ where: { tenantId: tenant.id } });
      expect(matches.some((m) => m.state === "OPEN" && m.reasons.includes("name-dob") && m.reasons.includes("bank")), slug).toBe(true);
      expect(matches.some((m) => m.state === "OPEN" && m.reasons.join() === "phone,address"), slug).toBe(true);
      const closed = await db.case.findFirstOrThrow({ where: { tenantId: tenant.id, status: "CLOSED_DUPLICATE" } });
      expect(closed.duplicateOfCaseId).not.toBeNull();
      expect(await db.outboundMessage.count({ where: { tenantId: tenant.id, template: "duplicate-closed" } })).toBe(1);
      expect(await db.case.count({ where: { tenantId: tenant.id, possibleDuplicate: true } })).toBeGreaterThanOrEqual(2);
    }
    const hackwell = await db.tenant.findUniqueOrThrow({ where: { slug: "hackwell" } });
    const officer = await db.user.findUniqueOrThrow({ where: { email: "officer@hackwell.example" } });
    const again = await db.case.findFirstOrThrow({ where: { tenantId: hackwell.id, fullName: "Kasia Nowak", channel: "OFFICER_PHONE" } });
    const panel = await readDuplicatesPanel(staffActor({ council: { id: hackwell.id }, user: { userId: officer.id, email: officer.email }, roles: ["OFFICER"] }), again.id);
    expect(panel!.repeats).toMatchObject([{ potName: "White goods and furniture", amountPence: 18_000n, repeatWindowDays: 365 }]);
    const before = await db.application.count();
    await seedDemoDuplicates(db, () => {});
    expect(await db.application.count()).toBe(before);
  });
});
