// Demo funds for the two demo councils: each fund opened and its pots given their opening
// allocations, and nothing else. Every other movement in the demo's ledger belongs to an award:
// the demo queue (prisma/demo-queue.ts) decides and approves its cases through the real services,
// which commit (and, on cancelling, release) money with the award's id; and the demo's payments
// (prisma/demo-payments.ts) disburse it through released batches, so "Spent" is what was really
// paid (issue 15: seeded "daily payment run" postings that belonged to no award made a manager
// think payments were running; issue 19: payments exist, and spent money is theirs).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { openFund, openPot, type TPotRules } from "@/lib/funds/write";
import { postLedger } from "@/lib/ledger/post";
import { asOwnerInCouncil } from "./factories";

type DemoPot = Partial<TPotRules> & { name: string; allocatePounds: number; owner?: string };
/** publicFunds false: the fund may pay people with no recourse to public funds (docs/eligibility.md). */
type DemoFund = { name: string; funder: string; start: string; end: string; allocationPounds: number; adminCapPercent?: number; publicFunds?: boolean; pots: DemoPot[] };

const CRF_START = "2026-04-01";
const CRF_END = "2027-03-31";

export const DEMO_FUNDS: Record<string, DemoFund[]> = {
  hackwell: [
    {
      name: "Crisis and Resilience Fund 2026/27",
      funder: "Department for Work and Pensions",
      start: CRF_START,
      end: CRF_END,
      allocationPounds: 2_400_000,
      adminCapPercent: 10,
      pots: [
        { name: "Food and energy", allocatePounds: 900_000, maxSingleAwardPence: 30_000n, eligibleNeeds: ["food", "energy"] },
        { name: "White goods and furniture", allocatePounds: 350_000, maxSingleAwardPence: 60_000n, eligibleNeeds: ["furniture"], maxAwardsPerHousehold: 1, repeatWindowDays: 365 },
        { name: "Rent and council tax arrears", allocatePounds: 500_000, maxSingleAwardPence: 150_000n, eligibleNeeds: ["rent-arrears", "council-tax-arrears"] },
        { name: "Housing Payments", allocatePounds: 150_000, maxSingleAwardPence: 100_000n, eligibleNeeds: ["rent-arrears"], housingPayment: true },
        { name: "Direct awards: health visiting", allocatePounds: 60_000, owner: "Hackwell Health Visiting Service", maxSingleAwardPence: 15_000n, accessRoutes: ["REFERRAL"] },
        { name: "Direct awards: social prescribing", allocatePounds: 30_000, owner: "Hackwell Social Prescribing Partnership", maxSingleAwardPence: 15_000n, accessRoutes: ["REFERRAL"] },
      ],
    },
    {
      name: "Discretionary hardship 2026/27",
      funder: "London Borough of Hackwell",
      start: CRF_START,
      end: CRF_END,
      allocationPounds: 250_000,
      publicFunds: false,
      pots: [{ name: "Hardship grants", allocatePounds: 200_000, maxSingleAwardPence: 50_000n }],
    },
  ],
  fenshire: [
    {
      name: "Crisis and Resilience Fund 2026/27",
      funder: "Department for Work and Pensions",
      start: CRF_START,
      end: CRF_END,
      allocationPounds: 5_200_000,
      adminCapPercent: 10,
      pots: [
        { name: "Food vouchers", allocatePounds: 1_600_000, maxSingleAwardPence: 10_000n, eligibleNeeds: ["food"] },
        { name: "Energy support", allocatePounds: 1_500_000, maxSingleAwardPence: 20_000n, eligibleNeeds: ["energy"] },
        { name: "Essential household items", allocatePounds: 900_000, eligibleNeeds: ["essentials", "furniture"] },
        { name: "Housing Payments", allocatePounds: 300_000, maxSingleAwardPence: 100_000n, eligibleNeeds: ["rent-arrears"], housingPayment: true },
        { name: "Direct awards: social prescribing", allocatePounds: 120_000, owner: "Fenshire Social Prescribing Network", maxSingleAwardPence: 15_000n, accessRoutes: ["REFERRAL"] },
        { name: "Direct awards: health visiting", allocatePounds: 60_000, owner: "Fenshire Health Visiting Service", maxSingleAwardPence: 15_000n, accessRoutes: ["REFERRAL"] },
      ],
    },
    {
      name: "NRPF hardship 2026/27",
      funder: "Fenshire County Council",
      start: CRF_START,
      end: CRF_END,
      allocationPounds: 80_000,
      publicFunds: false,
      pots: [{ name: "No recourse to public funds", allocatePounds: 80_000 }],
    },
  ],
};

const pence = (pounds: number) => BigInt(Math.round(pounds * 100));

export async function seedDemoFunds(db: PrismaClient, tenantId: string, slug: string, organisations: Map<string, string>): Promise<number> {
  const funds = DEMO_FUNDS[slug] ?? [];
  let transactions = 0;
  for (const f of funds) {
    await asOwnerInCouncil(
      db,
      tenantId,
      async (tx) => {
        const start = new Date(`${f.start}T09:00:00Z`);
        const actor = { tenantId, actorUserId: null, at: start };
        const fund = await openFund(
          tx,
          actor,
          {
            name: f.name,
            funder: f.funder,
            periodStart: new Date(`${f.start}T00:00:00Z`),
            periodEnd: new Date(`${f.end}T00:00:00Z`),
            allocationPence: pence(f.allocationPounds),
            adminCapBasisPoints: f.adminCapPercent ? f.adminCapPercent * 100 : null,
            publicFunds: f.publicFunds ?? true,
          },
          `demo:${slug}:${f.name}:fund`,
        );
        transactions++;
        const key = (s: string) => `demo:${fund.id}:${s}`;
        const post = async (m: Omit<Parameters<typeof postLedger>[1], "fundId" | "actorUserId">) => {
          await postLedger(tx, { ...m, fundId: fund.id, actorUserId: null });
          transactions++;
        };
        for (const p of f.pots) {
          const { allocatePounds, owner, ...rules } = p;
          const pot = await openPot(tx, actor, fund.id, {
            ownerOrganisationId: owner ? (organisations.get(owner) ?? null) : null,
            maxSingleAwardPence: null,
            eligibleNeeds: [],
            eligibleHouseholdTypes: [],
            accessRoutes: [],
            maxAwardsPerHousehold: null,
            repeatWindowDays: null,
            ...rules,
          });
          await post({ kind: "ALLOCATE", toPotId: pot.id, amountPence: pence(allocatePounds), idempotencyKey: key(`${pot.id}:opening`), reason: "Opening allocation", at: start });
        }
      },
      { timeout: 60_000 },
    );
  }
  return transactions;
}
