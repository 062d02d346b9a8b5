// Demo suppliers (docs/suppliers.md): each demo council's landlords, energy suppliers and
// retailers, made through the real services (lib/payments/suppliers.ts) so the four-eyes rule
// holds in the demo too: most are added by a second finance colleague and checked by the
// council's demo approver; one waits for its check, added by the colleague, so approver@ can
// check it in the demo. Bank details are Vocalink's published modulus-check test accounts.
// Server-only services: runs in prisma/demo-queue.ts's child process (react-server condition).
// Once per council: skipped when the council already has suppliers.
import { staffActor, type TStaffActor } from "@/lib/actor";
import type { SupplierKind } from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ZSupplier } from "@/lib/payments/supplier-schemas";
import { addSupplier, checkSupplier } from "@/lib/payments/suppliers";
import { DEMO_COUNCILS } from "./demo-data";
import { addMembership, asOwnerInCouncil, createUser } from "./factories";

type TDemoSupplier = { name: string; kind: SupplierKind; accountName: string; sortCode: string; accountNumber: string; checked: boolean };

/** A second member of each council's finance team (APPROVER), who cannot sign in: the demo's other pair of eyes. */
export const DEMO_FINANCE_COLLEAGUE: Record<string, { email: string; name: string }> = {
  hackwell: { email: "ruth.okafor@hackwell.example", name: "Ruth Okafor" },
  fenshire: { email: "ben.catchpole@fenshire.example", name: "Ben Catchpole" },
};

const SUPPLIERS: Record<string, TDemoSupplier[]> = {
  hackwell: [
    { name: "Hackwell Homes", kind: "LANDLORD", accountName: "Hackwell Homes Rents", sortCode: "08-99-99", accountNumber: "66374958", checked: true },
    { name: "Octavia Energy", kind: "ENERGY", accountName: "Octavia Energy Ltd", sortCode: "10-79-99", accountNumber: "88837491", checked: true },
    { name: "Brightwell Appliances", kind: "RETAILER", accountName: "Brightwell Appliances Ltd", sortCode: "20-29-59", accountNumber: "63748472", checked: true },
    { name: "Lee Valley Lettings", kind: "LANDLORD", accountName: "Lee Valley Lettings", sortCode: "87-14-27", accountNumber: "46238510", checked: false },
  ],
  fenshire: [
    { name: "Fenshire Housing Trust", kind: "LANDLORD", accountName: "Fenshire Housing Trust", sortCode: "30-90-70", accountNumber: "02355688", checked: true },
    { name: "East Anglia Power", kind: "ENERGY", accountName: "East Anglia Power plc", sortCode: "82-71-01", accountNumber: "28748352", checked: true },
    { name: "Fen Furniture Reuse", kind: "RETAILER", accountName: "Fen Furniture Reuse CIC", sortCode: "13-40-20", accountNumber: "63849203", checked: false },
  ],
};

function expectOutcome(what: string, r: { outcome: string }, want: string) {
  if (r.outcome !== want) throw new Error(`demo suppliers: ${what}: ${r.outcome}`);
}

export async function seedDemoSuppliers(db: PrismaClient, log: (m: string) => void = console.log): Promise<void> {
  for (const council of DEMO_COUNCILS) {
    const tenant = await db.tenant.findUnique({ where: { slug: council.slug } });
    const plan = SUPPLIERS[council.slug];
    const colleague = DEMO_FINANCE_COLLEAGUE[council.slug];
    if (!tenant || !plan || !colleague) continue;
    if ((await asOwnerInCouncil(db, tenant.id, (tx) => tx.supplier.count({ where: { tenantId: tenant.id } }))) > 0) continue;
    const actor = async (email: string): Promise<TStaffActor> => {
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      return staffActor({ council: { id: tenant.id }, user: { userId: user.id, email }, roles: ["APPROVER"] });
    };
    if (!(await db.user.findUnique({ where: { email: colleague.email } }))) {
      const user = await createUser(db, { email: colleague.email, name: colleague.name, password: null, mfa: false });
      await addMembership(db, tenant.id, user.id, "APPROVER");
    }
    const approver = await actor(council.staff.find((s) => s.role === "APPROVER")!.email);
    const other = await actor(colleague.email);
    for (const s of plan) {
      const added = await addSupplier(other, ZSupplier.parse({ name: s.name, kind: s.kind, accountName: s.accountName, sortCode: s.sortCode, accountNumber: s.accountNumber, rollNumber: "" }));
      expectOutcome(`add ${s.name}`, added, "added");
      if (s.checked && added.outcome === "added") expectOutcome(`check ${s.name}`, await checkSupplier(approver, added.supplierId), "checked");
    }
    log(`Demo suppliers: ${council.name}: ${plan.length} suppliers, ${plan.filter((s) => !s.checked).length} waiting for a second check.`);
  }
}
