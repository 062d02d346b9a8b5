// The demo's requests for information (prisma/demo-information.ts), made through the services in
// both demo councils: one answered through the link with a photo, one overdue, one waiting; run
// twice, nothing is added.
import { describe, expect, it } from "vitest";
import { memberActor } from "@/lib/actor";
import { claimCase } from "@/lib/cases/claim-case";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { findCouncilBySlug } from "@/lib/tenancy/queries";
import { DEMO_COUNCILS } from "@/prisma/demo-data";
import { seedDemoInformation } from "@/prisma/demo-information";
import { createCouncil, createMember } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { applyFor } from "../support/casework";
import { testDb } from "../support/globals";

describe("the demo's requests for information", () => {
  it("asks three cases of the demo officer in each council: answered with a photo, overdue, waiting; idempotent", { timeout: 120_000 }, async () => {
    const db = testDb().owner;
    for (const demo of DEMO_COUNCILS) {
      await createCouncil(db, { slug: demo.slug, postcodeAreas: demo.postcodeAreas, settings: demo.settings });
      const council = (await findCouncilBySlug(demo.slug))!;
      const staff = demo.staff.find((s) => s.role === "OFFICER")!;
      const user = await createMember(db, council.id, "OFFICER", { email: staff.email, name: staff.name });
      const officer = memberActor({ council: { id: council.id }, user: { userId: user.id, email: user.email }, roles: ["OFFICER"], organisationId: null });
      const where = demo.slug === "fenshire" ? { postcode: { postcode: "CB1 2ZZ" }, address: { address: "manual" }, "address-manual": { line1: "1 Mill Road", line2: "", town: "Cambridge" } } : {};
      for (let i = 0; i < 3; i++) {
        const c = await applyFor(council, { ...FULL, ...where, "date-of-birth": { "dateOfBirth-day": "1", "dateOfBirth-month": "1", "dateOfBirth-year": String(1960 + i) } });
        expect((await claimCase(officer, c.caseId)).outcome).toBe("done");
      }
    }
    await seedDemoInformation(db, () => {});
    await seedDemoInformation(db, () => {});
    for (const demo of DEMO_COUNCILS) {
      const council = (await findCouncilBySlug(demo.slug))!;
      const requests = await db.informationRequest.findMany({ where: { tenantId: council.id }, include: { case: { select: { status: true } } } });
      expect(requests).toHaveLength(3);
      const answered = requests.filter((r) => r.answeredAt);
      expect(answered).toHaveLength(1);
      expect(answered[0]!.answerDocumentIds).toHaveLength(1);
      expect(answered[0]!.case.status).toBe("IN_REVIEW");
      const overdue = requests.filter((r) => !r.answeredAt && r.replyBy.toISOString().slice(0, 10) < londonIsoDate(new Date()));
      expect(overdue).toHaveLength(1);
      expect(requests.filter((r) => r.case.status === "AWAITING_INFORMATION")).toHaveLength(2);
    }
  });
});
