// Demo data for onward referrals (docs/advice-referrals.md): each demo council's advice partners,
// and referrals with recorded income gains on demo cases whose residents agreed to share with
// advice partners, all made through the real services (lib/advice) as the council's manager and
// officer. The services are server-only, so this runs where the demo queue is seeded (after its
// cases exist, in prisma/demo-queue.ts's child process under the react-server condition). Once
// per council: skipped when the council already has advice partners.
import { staffActor, type TStaffActor } from "@/lib/actor";
import { createAdvicePartner } from "@/lib/advice/partners";
import { recordAdviceOutcome, referToAdvicePartner } from "@/lib/advice/referrals";
import type { TOutcomeInput } from "@/lib/advice/schemas";
import type { AdvicePartnerKind } from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_COUNCILS } from "./demo-data";
import { asOwnerInCouncil } from "./factories";

type TDemoPartner = { name: string; kind: AdvicePartnerKind; contactEmail: string };

const PARTNERS: Record<string, TDemoPartner[]> = {
  hackwell: [
    { name: "Hackwell Citizens Advice welfare rights", kind: "WELFARE_RIGHTS", contactEmail: "welfare.rights@hackwell-ca.example" },
    { name: "Hackwell Money Advice Service", kind: "DEBT_ADVICE", contactEmail: "referrals@hackwell-money.example" },
    { name: "Warm Homes Hackwell", kind: "ENERGY_ADVICE", contactEmail: "hello@warmhomes-hackwell.example" },
    { name: "Hackwell Works", kind: "EMPLOYMENT_SUPPORT", contactEmail: "team@hackwellworks.example" },
  ],
  fenshire: [
    { name: "Fenshire Welfare Rights Unit", kind: "WELFARE_RIGHTS", contactEmail: "wru@fenshire-wru.example" },
    { name: "Fen Valley Debt Advice", kind: "DEBT_ADVICE", contactEmail: "advice@fenvalley-debt.example" },
    { name: "Fenshire Energy Savers", kind: "ENERGY_ADVICE", contactEmail: "help@fenshire-energy.example" },
  ],
};

/** Referrals in order: partner (index), the need, and what it gained (days before today). */
const REFERRALS: { partner: number; need: string; outcomes: (Omit<TOutcomeInput, "confirmedOn"> & { daysAgo: number })[] }[] = [
  {
    partner: 0,
    need: "Benefits check: over pension age and not claiming Pension Credit; struggles with stairs.",
    outcomes: [
      { kind: "PENSION_CREDIT", description: null, valuePence: 4_850n, valuePeriod: "WEEKLY", lumpSumPence: 58_200n, daysAgo: 40 },
      { kind: "ATTENDANCE_ALLOWANCE", description: null, valuePence: 7_275n, valuePeriod: "WEEKLY", lumpSumPence: 0n, daysAgo: 20 },
    ],
  },
  {
    partner: 1,
    need: "Council tax and energy arrears; bailiff letter received last week.",
    outcomes: [
      { kind: "DEBT_WRITTEN_OFF", description: null, valuePence: 0n, valuePeriod: "ANNUAL", lumpSumPence: 184_000n, daysAgo: 30 },
      { kind: "COUNCIL_TAX_REDUCTION", description: null, valuePence: 62_400n, valuePeriod: "ANNUAL", lumpSumPence: 15_600n, daysAgo: 25 },
    ],
  },
  {
    partner: 2,
    need: "Prepayment meter, often self-disconnecting; young child at home.",
    outcomes: [
      { kind: "WARM_HOME_DISCOUNT", description: null, valuePence: 15_000n, valuePeriod: "ANNUAL", lumpSumPence: 0n, daysAgo: 12 },
      { kind: "SOCIAL_TARIFF", description: null, valuePence: 18_000n, valuePeriod: "ANNUAL", lumpSumPence: 0n, daysAgo: 8 },
    ],
  },
  { partner: 0, need: "Pregnant, on Universal Credit: check Healthy Start and the UC childcare element.", outcomes: [{ kind: "HEALTHY_START", description: null, valuePence: 425n, valuePeriod: "WEEKLY", lumpSumPence: 0n, daysAgo: 5 }] },
  { partner: 1, need: "Several payday loans; wants a debt plan.", outcomes: [] },
];

const isoDaysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

function expectOutcome(what: string, r: { outcome: string }, wanted: string) {
  if (r.outcome !== wanted) throw new Error(`demo advice: ${what}: ${r.outcome}`);
}

export async function seedDemoAdvice(db: PrismaClient, log: (m: string) => void = console.log, now = new Date()): Promise<void> {
  for (const council of DEMO_COUNCILS) {
    const tenant = await db.tenant.findUnique({ where: { slug: council.slug } });
    if (!tenant) continue;
    // In the council's scope and by its id: a superuser owner bypasses row-level security, a plain owner does not.
    if ((await asOwnerInCouncil(db, tenant.id, (tx) => tx.advicePartner.count({ where: { tenantId: tenant.id } }))) > 0) continue;
    const actor = async (role: "MANAGER" | "OFFICER"): Promise<TStaffActor> => {
      const email = council.staff.find((s) => s.role === role)!.email;
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      return staffActor({ council: { id: tenant.id }, user: { userId: user.id, email }, roles: [role] });
    };
    const [manager, officer] = [await actor("MANAGER"), await actor("OFFICER")];
    const partnerIds: string[] = [];
    for (const p of PARTNERS[council.slug] ?? []) {
      const r = await createAdvicePartner(manager, p);
      if (r.outcome !== "created") throw new Error(`demo advice: partner ${p.name}: ${r.outcome}`);
      partnerIds.push(r.partnerId);
    }
    // Decided cases whose residents agreed to share with advice partners, oldest first.
    const cases = await asOwnerInCouncil(db, tenant.id, (tx) =>
      tx.$queryRaw<{ id: string }[]>`select c.id from "Case" c join "Application" a on a.id = c."applicationId"
        where c."tenantId" = ${tenant.id}::uuid and a.data #> '{consent,shareWithAdvicePartners}' = 'true'::jsonb and c.status in ('APPROVED', 'PART_APPROVED', 'DECLINED')
        order by c."receivedAt", c.id limit ${REFERRALS.length}`,
    );
    let outcomes = 0;
    for (const [i, plan] of REFERRALS.entries()) {
      const c = cases[i];
      const partnerId = partnerIds[plan.partner % partnerIds.length];
      if (!c || !partnerId) break;
      const referred = await referToAdvicePartner(officer, c.id, { partnerId, needNote: plan.need });
      expectOutcome("referral", referred, "referred");
      if (referred.outcome !== "referred") continue;
      for (const { daysAgo, ...o } of plan.outcomes) {
        expectOutcome("outcome", await recordAdviceOutcome(officer, c.id, referred.referralId, { ...o, confirmedOn: isoDaysAgo(now, daysAgo) }), "recorded");
        outcomes += 1;
      }
    }
    log(`Demo advice: ${council.name}: ${partnerIds.length} advice partners, ${Math.min(cases.length, REFERRALS.length)} onward referrals, ${outcomes} outcomes.`);
  }
}
