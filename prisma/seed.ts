// Demo data for a fresh install. Refuses to run in production; does nothing if any council exists.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addMembership, asOwnerInCouncil, createCouncil, createOrganisation, createUser } from "./factories";
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
    // Bank batches are paid from the council's own account (lib/payments/settings.ts).
    await asOwnerInCouncil(db, tenant.id, (tx) => tx.paymentSettings.create({ data: { tenantId: tenant.id, ...c.payments } }));
    const organisations = new Map<string, string>();
    for (const o of c.organisations) {
      const org = await createOrganisation(db, tenant.id, { name: o.name, type: o.type, allowedEmailDomains: o.domains });
      organisations.set(o.name, org.id);
      for (const r of [o.referrer, ...(o.colleagues ?? [])]) {
        const existing = await db.user.findUnique({ where: { email: r.email } });
        const referrer = existing ?? (await createUser(db, { email: r.email, name: r.name, password: null }));
        // Trained 60 days ago, valid for a year: fast-track referrals and direct awards are open to them.
        const day = (offset: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + offset));
        await db.membership.create({
          data: {
            tenantId: tenant.id,
            userId: referrer.id,
            role: "REFERRER",
            organisationId: org.id,
            organisationLead: r.lead ?? false,
            ...(r.trained ? { trainingCompletedOn: day(-60), trainingExpiresOn: day(305) } : {}),
          },
        });
      }
    }
    const posted = await seedDemoFunds(db, tenant.id, c.slug, organisations);
    log(`Demo data: ${c.name}: funds opened and allocated (${posted} ledger transactions).`);
  }
  log(`Demo data: seeded ${DEMO_COUNCILS.length} councils.`);
  return true;
}
