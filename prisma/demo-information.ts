// Demo requests for information (issue 18), made through the real services in each demo council:
// three cases the demo officer has in review are asked for evidence — one answered by the
// resident through the link (text and a photo of a letter), one overdue (asked twelve days ago,
// no answer), one waiting. The answer link's token is read back from the outbox message, as the
// resident would read it. Idempotent: a council with any request already is left alone. Runs with
// the demo queue (prisma/demo-queue.ts), under `--conditions=react-server`.
import { staffActor, type TStaffActor } from "@/lib/actor";
import { answerByLink, requestInformation } from "@/lib/information/requests";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_COUNCILS } from "./demo-data";

// A 1×1 PNG: the "photo of the letter" (valid by its content).
const LETTER_PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"));

async function tokenFor(db: PrismaClient, reference: string): Promise<string | null> {
  const m = await db.outboundMessage.findFirst({ where: { template: "information-request", personalisation: { path: ["reference"], equals: reference } }, orderBy: { createdAt: "desc" } });
  return m ? (/\/information\/([A-Za-z0-9_-]+)/.exec(m.body)?.[1] ?? null) : null;
}

export async function seedDemoInformation(db: PrismaClient, log: (m: string) => void = console.log, now = new Date()): Promise<void> {
  if (process.env.NODE_ENV === "production") throw new Error("Refusing to seed demo data in production");
  for (const council of DEMO_COUNCILS) {
    const tenant = await db.tenant.findUnique({ where: { slug: council.slug } });
    if (!tenant || (await db.informationRequest.count({ where: { tenantId: tenant.id } })) > 0) continue;
    const email = council.staff.find((s) => s.role === "OFFICER")!.email;
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const officer: TStaffActor = staffActor({ council: { id: tenant.id }, user: { userId: user.id, email }, roles: ["OFFICER"] });
    // Resident applications (not referrals) the officer has in review, with an email to answer from.
    const cases = await db.case.findMany({
      where: { tenantId: tenant.id, status: "IN_REVIEW", assignedToId: user.id, referrerUserId: null, channel: "RESIDENT_ONLINE" },
      orderBy: { receivedAt: "asc" },
      take: 3,
      select: { id: true, reference: true },
    });
    const [answered, overdue, waiting] = cases;
    const done: string[] = [];
    if (answered) {
      const r = await requestInformation(officer, { caseId: answered.id, question: "A photo of the letter from your landlord about the rent arrears." });
      const token = r.outcome === "done" ? await tokenFor(db, answered.reference) : null;
      if (token) {
        const a = await answerByLink(tenant.id, token, { text: "Here is the letter. It says I owe £640 and must pay by the end of the month.", files: [{ name: "landlord-letter.png", bytes: LETTER_PNG }] }, null);
        done.push(`${answered.reference} answered (${a.outcome})`);
      }
    }
    if (overdue) {
      const r = await requestInformation(officer, { caseId: overdue.id, question: "Your latest Universal Credit statement, showing the housing element." }, new Date(now.getTime() - 12 * 86_400_000));
      done.push(`${overdue.reference} overdue (${r.outcome})`);
    }
    if (waiting) {
      const r = await requestInformation(officer, { caseId: waiting.id, question: "A recent bank statement (the last month is enough)." }, now);
      done.push(`${waiting.reference} waiting (${r.outcome})`);
    }
    log(`Demo information: ${council.name}: ${done.join(", ") || "no case in review to ask"}.`);
  }
}
