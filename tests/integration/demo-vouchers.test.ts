// The demo's voucher providers (prisma/demo-vouchers.ts), made through the service as each demo
// council's finance person; run twice, nothing is added.
import { describe, expect, it } from "vitest";
import { findCouncilBySlug } from "@/lib/tenancy/queries";
import { DEMO_COUNCILS } from "@/prisma/demo-data";
import { seedDemoVouchers } from "@/prisma/demo-vouchers";
import { createCouncil, createMember } from "@/prisma/factories";
import { testDb } from "../support/globals";

describe("the demo's voucher providers", () => {
  it("gives each demo council a cash, a supermarket and an energy provider (PayPoint's cash-out capped at £100); idempotent", async () => {
    const db = testDb().owner;
    for (const demo of DEMO_COUNCILS) {
      await createCouncil(db, { slug: demo.slug, postcodeAreas: demo.postcodeAreas, settings: demo.settings });
      const council = (await findCouncilBySlug(demo.slug))!;
      const staff = demo.staff.find((s) => s.role === "APPROVER")!;
      await createMember(db, council.id, "APPROVER", { email: staff.email, name: staff.name });
    }
    await seedDemoVouchers(db, () => {});
    await seedDemoVouchers(db, () => {});
    for (const demo of DEMO_COUNCILS) {
      const council = (await findCouncilBySlug(demo.slug))!;
      const providers = await db.voucherProvider.findMany({ where: { tenantId: council.id }, orderBy: { kind: "asc" } });
      expect(providers.map((p) => p.kind)).toEqual(["CASH", "SUPERMARKET", "ENERGY"]);
      expect(await db.auditEvent.count({ where: { tenantId: council.id, action: "vouchers.provider-created" } })).toBe(3);
    }
    const paypoint = await db.voucherProvider.findFirstOrThrow({ where: { name: "PayPoint Cash Out" } });
    expect(paypoint.capPence).toBe(10_000n);
  });
});
