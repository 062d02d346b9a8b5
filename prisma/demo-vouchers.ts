// Demo data for vouchers (docs/vouchers.md): each demo council's voucher providers, made through
// the real service (lib/payments/voucher-providers.ts) as the council's finance person (the
// approver). Server-only services, so this runs where the demo queue is seeded (prisma/demo-queue.ts).
// Once per council: skipped when the council already has providers. Paying through them (batches,
// codes, redemptions) is the demo history's (prisma/demo-funds.ts).
import { staffActor } from "@/lib/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createVoucherProvider } from "@/lib/payments/voucher-providers";
import type { TVoucherProviderInput } from "@/lib/payments/voucher-schemas";
import { DEMO_COUNCILS } from "./demo-data";
import { asOwnerInCouncil } from "./factories";

/** PayPoint caps one cash-out at £100 (FACTS.md); Post Office Payout codes last about 3 months. */
const PROVIDERS: Record<string, TVoucherProviderInput[]> = {
  hackwell: [
    { name: "PayPoint Cash Out", kind: "CASH", cap: 10_000n, expiryDays: 30, channels: ["SMS", "EMAIL"] },
    { name: "Hackwell Supermarket e-Vouchers", kind: "SUPERMARKET", cap: 25_000n, expiryDays: 180, channels: ["SMS", "EMAIL"] },
    { name: "PayPoint Energy Top-up", kind: "ENERGY", cap: 10_000n, expiryDays: 90, channels: ["SMS"] },
  ],
  fenshire: [
    { name: "Post Office Payout", kind: "CASH", cap: 25_000n, expiryDays: 90, channels: ["SMS", "EMAIL"] },
    { name: "Fenshire Food e-Vouchers", kind: "SUPERMARKET", cap: 20_000n, expiryDays: 120, channels: ["EMAIL"] },
    { name: "Fen Energy Top-up", kind: "ENERGY", cap: 10_000n, expiryDays: 90, channels: ["SMS"] },
  ],
};

export async function seedDemoVouchers(db: PrismaClient, log: (m: string) => void = console.log): Promise<void> {
  for (const council of DEMO_COUNCILS) {
    const tenant = await db.tenant.findUnique({ where: { slug: council.slug } });
    if (!tenant) continue;
    if ((await asOwnerInCouncil(db, tenant.id, (tx) => tx.voucherProvider.count({ where: { tenantId: tenant.id } }))) > 0) continue;
    const email = council.staff.find((s) => s.role === "APPROVER")!.email;
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const finance = staffActor({ council: { id: tenant.id }, user: { userId: user.id, email }, roles: ["APPROVER"] });
    const providers = PROVIDERS[council.slug] ?? [];
    for (const p of providers) {
      const r = await createVoucherProvider(finance, p);
      if (r.outcome !== "created") throw new Error(`demo vouchers: provider ${p.name}: ${r.outcome}`);
    }
    log(`Demo vouchers: ${council.name}: ${providers.length} voucher providers.`);
  }
}
