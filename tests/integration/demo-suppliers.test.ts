// The demo's suppliers (prisma/demo-suppliers.ts), made through the services in both demo
// councils: checked ones added and checked by two different finance people, one per council
// waiting for the demo approver's check; run twice, nothing is added.
import { describe, expect, it } from "vitest";
import { findCouncilBySlug } from "@/lib/tenancy/queries";
import { DEMO_COUNCILS } from "@/prisma/demo-data";
import { seedDemoSuppliers } from "@/prisma/demo-suppliers";
import { createCouncil, createMember } from "@/prisma/factories";
import { testDb } from "../support/globals";

describe("the demo's suppliers", () => {
  it("are checked by a second person, one waits for the demo approver; idempotent", async () => {
    const db = testDb().owner;
    const approvers = new Map<string, string>();
    for (const demo of DEMO_COUNCILS) {
      await createCouncil(db, { slug: demo.slug, postcodeAreas: demo.postcodeAreas, settings: demo.settings });
      const council = (await findCouncilBySlug(demo.slug))!;
      const staff = demo.staff.find((s) => s.role === "APPROVER")!;
      approvers.set(demo.slug, (await createMember(db, council.id, "APPROVER", { email: staff.email, name: staff.name })).id);
    }
    await seedDemoSuppliers(db, () => {});
    await seedDemoSuppliers(db, () => {});
    for (const demo of DEMO_COUNCILS) {
      const council = (await findCouncilBySlug(demo.slug))!;
      const suppliers = await db.supplier.findMany({ where: { tenantId: council.id } });
      expect(suppliers.length).toBeGreaterThanOrEqual(3);
      const waiting = suppliers.filter((s) => s.status === "PENDING_CHECK");
      expect(waiting).toHaveLength(1);
      // The demo approver did not add it, so they can check it.
      expect(waiting[0]!.addedById).not.toBe(approvers.get(demo.slug));
      for (const s of suppliers.filter((x) => x.status === "CHECKED")) {
        expect(s.checkedById).toBe(approvers.get(demo.slug));
        expect(s.addedById).not.toBe(s.checkedById);
      }
      expect(new Set(suppliers.map((s) => s.kind))).toEqual(new Set(["LANDLORD", "ENERGY", "RETAILER"]));
    }
  });
});
