// Demo data for a fresh install. Refuses to run in production; does nothing if any council exists.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addMembership, createCouncil, createOrganisation, createUser } from "./factories";
import { DEMO_COUNCILS, DEMO_PLATFORM_OPERATOR } from "./demo-data";
import { seedDemoFunds } from "./demo-funds";

export async function seedDemo(db: PrismaClient, log: (m: string) => void = console.log): Promise<boolean> {
  if (process.env.NODE_ENV === "production") throw new Error("Refusing to seed demo data in production");
  if ((await db.tenant.count()) > 0) {
    log("Demo data: database already has councils, not seeding.");
    return false;
  }
  await createUser(db, { ...DEMO_PLATFORM_OPERATOR, isPlatformOperator: true });
  for (const c of DEMO_COUNCILS) {
    const tenant = await createCouncil(db, c);
    for (const s of c.staff) {
      const user = await createUser(db, { email: s.email, name: s.name });
      await addMembership(db, tenant.id, user.id, s.role);
    }
    const organisations = new Map<string, string>();
    for (const o of c.organisations) {
      const org = await createOrganisation(db, tenant.id, { name: o.name, type: o.type, allowedEmailDomains: o.domains });
      organisations.set(o.name, org.id);
      const existing = await db.user.findUnique({ where: { email: o.referrer.email } });
      const referrer = existing ?? (await createUser(db, { email: o.referrer.email, name: o.referrer.name, password: null }));
      await addMembership(db, tenant.id, referrer.id, "REFERRER", org.id);
      // Issue 17: each demo referrer leads their organisation and is trained, so the demo can fast-track and award directly.
      await db.membership.updateMany({
        where: { tenantId: tenant.id, userId: referrer.id, role: "REFERRER" },
        data: { organisationLead: true, trainingCompletedOn: new Date("2026-09-01"), trainingExpiresOn: new Date("2027-08-31") },
      });
    }
    const posted = await seedDemoFunds(db, tenant.id, c.slug, organisations);
    log(`Demo data: ${c.name}: funds opened and allocated (${posted} ledger transactions).`);
  }
  log(`Demo data: seeded ${DEMO_COUNCILS.length} councils.`);
  return true;
}
