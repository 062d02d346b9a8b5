// Demo officer-assisted applications (issue 18): in each demo council the demo officer takes one
// application by phone and one in person, through the staff journey's own service
// (lib/assisted/drafts.ts: a draft owned by the officer, every page's answers, then sent with the
// consent witnessed), so the queue shows both channels and the case page says who entered them.
// Needs the server-only services: run from prisma/demo-queue.ts (under --conditions=react-server).
// Idempotent: a council that already has an officer-entered application gets none.
import { staffActor } from "@/lib/actor";
import { saveAssistedAnswer, startAssistedDraft, submitAssistedDraft, type TAssistedChannel } from "@/lib/assisted/drafts";
import type { TRawAnswers, TStepId } from "@/lib/applications/steps";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findCouncilBySlug } from "@/lib/tenancy/queries";
import { DEMO_COUNCILS } from "./demo-data";
import { asOwnerInCouncil } from "./factories";

type TDemoAssisted = { channel: TAssistedChannel; answers: (postcode: string) => TRawAnswers };

/** The demo applications: a pensioner on the phone (Polish), a parent at the council's front desk. */
export const DEMO_ASSISTED: readonly TDemoAssisted[] = [
  {
    channel: "OFFICER_PHONE",
    answers: (postcode) => ({
      "full-name": { fullName: "Edith Nowak" },
      "date-of-birth": { "dateOfBirth-day": "14", "dateOfBirth-month": "11", "dateOfBirth-year": "1949" },
      contact: { email: "edith.nowak@example.com", mobile: "" },
      language: { preferredLanguage: "pl" },
      postcode: { postcode },
      address: { address: "manual" },
      "address-manual": { line1: "Flat 3, 12 Mill Lane", line2: "", town: "Demo Town" },
      household: { adults: "1", children: "0" },
      circumstances: { "circumstances-pension-age": "yes" },
      needs: { "needs-energy": "yes" },
      "food-today": { enoughFoodToday: "yes" },
      "energy-meter": { prepaymentMeter: "running-out" },
      eviction: { evictionNotice: "no" },
      employment: { employment: "retired" },
      benefits: { "benefits-pension-credit": "yes" },
      nrpf: { nrpf: "no" },
      housing: { tenure: "council-or-housing-association" },
      payment: { paymentMethod: "voucher-email" },
      consent: { shareWithAdvicePartners: "yes", contactAboutSupport: "yes" },
    }),
  },
  {
    channel: "OFFICER_IN_PERSON",
    answers: (postcode) => ({
      "full-name": { fullName: "Dan Okafor" },
      "date-of-birth": { "dateOfBirth-day": "2", "dateOfBirth-month": "6", "dateOfBirth-year": "1991" },
      contact: { email: "", mobile: "07700 900417" },
      language: { preferredLanguage: "en" },
      postcode: { postcode },
      address: { address: "manual" },
      "address-manual": { line1: "27 Station Road", line2: "", town: "Demo Town" },
      household: { adults: "1", children: "1" },
      "children-ages": { childrenAges: "4" },
      circumstances: { "circumstances-none": "yes" },
      needs: { "needs-food": "yes" },
      "food-today": { enoughFoodToday: "no" },
      "energy-meter": { prepaymentMeter: "ok" },
      eviction: { evictionNotice: "no" },
      employment: { employment: "unemployed" },
      benefits: { "benefits-universal-credit": "yes" },
      nrpf: { nrpf: "no" },
      housing: { tenure: "private-rent" },
      payment: { paymentMethod: "voucher-sms" },
      consent: { shareWithAdvicePartners: "yes", contactAboutSupport: "no" },
    }),
  },
];

export async function seedDemoAssisted(db: PrismaClient, log: (m: string) => void = console.log): Promise<void> {
  if (process.env.NODE_ENV === "production") throw new Error("Refusing to seed demo data in production");
  for (const c of DEMO_COUNCILS) {
    const council = await findCouncilBySlug(c.slug);
    if (!council) continue;
    const already = await asOwnerInCouncil(db, council.id, (tx) => tx.application.count({ where: { tenantId: council.id, enteredById: { not: null } } }));
    if (already) continue;
    const officer = c.staff.find((s) => s.role === "OFFICER");
    if (!officer) continue;
    const user = await db.user.findUniqueOrThrow({ where: { email: officer.email } });
    const actor = staffActor({ council: { id: council.id }, user: { userId: user.id, email: user.email }, roles: ["OFFICER"] });
    const postcode = `${c.postcodeAreas[0]} 1AA`;
    for (const a of DEMO_ASSISTED) {
      const draftId = await startAssistedDraft(council, actor, a.channel);
      if (!draftId) throw new Error(`demo assisted: ${c.slug}: the officer may not take applications`);
      for (const [step, raw] of Object.entries(a.answers(postcode))) {
        if (!(await saveAssistedAnswer(council, actor, draftId, step as TStepId, raw as Record<string, string>))) throw new Error(`demo assisted: ${c.slug}: ${step} not saved`);
      }
      const sent = await submitAssistedDraft(council, actor, draftId, null);
      if (sent.outcome !== "sent") throw new Error(`demo assisted: ${c.slug}: ${a.channel}: ${sent.outcome}`);
      log(`Demo assisted: ${c.name}: ${sent.reference} taken ${a.channel === "OFFICER_PHONE" ? "by phone" : "in person"} by ${officer.name}.`);
    }
  }
}
