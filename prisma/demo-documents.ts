// Demo documents (issue 18): a few pieces of evidence on demo cases, uploaded through the real
// service (saveCaseDocument: type from the content, scan step, storage, timeline, audit) by each
// council's demo officer. The files are made here in code: a one-page PDF and a small PNG, both
// valid, so they open when downloaded (prisma/sample-files.ts). Idempotent: a council that has any document is skipped.
// Called at the end of the demo queue (prisma/demo-queue.ts), once its cases exist.
import { staffActor } from "@/lib/actor";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { saveCaseDocument } from "@/lib/documents";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_COUNCILS } from "./demo-data";
import { asOwnerInCouncil } from "./factories";
import { samplePdf, samplePng } from "./sample-files";

const DEMO_DOCUMENTS: Record<string, { name: string; bytes: () => Uint8Array }[][]> = {
  hackwell: [
    [
      { name: "Universal Credit statement.pdf", bytes: () => samplePdf(["Universal Credit statement (demo)", "Assessment period: 1 to 30 November 2026", "Payment due: 7 December 2026"]) },
      { name: "Photo of energy bill.png", bytes: () => samplePng() },
    ],
    [{ name: "Tenancy agreement.pdf", bytes: () => samplePdf(["Tenancy agreement (demo)", "Landlord: Hackwell Homes"]) }],
  ],
  fenshire: [[{ name: "Bank statement.pdf", bytes: () => samplePdf(["Bank statement (demo)", "Closing balance: -12.40"]) }]],
};

export async function seedDemoDocuments(db: PrismaClient, log: (m: string) => void = console.log): Promise<void> {
  for (const council of DEMO_COUNCILS) {
    const tenant = await db.tenant.findUnique({ where: { slug: council.slug } });
    const sets = DEMO_DOCUMENTS[council.slug];
    if (!tenant || !sets) continue;
    if ((await asOwnerInCouncil(db, tenant.id, (tx) => tx.caseDocument.count({ where: { tenantId: tenant.id } }))) > 0) continue;
    // (The owner may bypass row-level security: every query names the council.)
    // The demo officer's open cases under review, oldest reference first: stable across installs.
    const email = council.staff.find((s) => s.role === "OFFICER")!.email;
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const cases = await asOwnerInCouncil(db, tenant.id, (tx) => tx.case.findMany({ where: { tenantId: tenant.id, status: "IN_REVIEW" }, orderBy: { reference: "asc" }, take: sets.length, select: { id: true } }));
    const actor = staffActor({ council: { id: tenant.id }, user: { userId: user.id, email }, roles: ["OFFICER"] });
    let count = 0;
    for (const [i, c] of cases.entries()) {
      await withTenantSql(
        tenant.id,
        async (sql) => {
          for (const d of sets[i]!) {
            const saved = await saveCaseDocument(sql, { tenantId: tenant.id, caseId: c.id, bytes: d.bytes(), originalName: d.name, actor, source: "officer" });
            if (!saved.ok) throw new Error(`demo documents: ${d.name}: ${saved.problem}`);
            count++;
          }
        },
        user.id,
      );
    }
    log(`Demo documents: ${council.name}: ${count} uploaded.`);
  }
}
