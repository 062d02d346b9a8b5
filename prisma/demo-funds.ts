// Demo funds for the two demo councils, with months of ledger history so the budget screens'
// burn rate and projection mean something: Hackwell spends fast (projected to run out before
// the period ends), Fenshire slowly (projected underspend). Deterministic (seeded PRNG).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { openFund, openPot, type TPotRules } from "@/lib/funds/write";
import { postLedger } from "@/lib/ledger/post";
import { asOwnerInCouncil } from "./factories";
import { prng } from "./prng";

type DemoPot = Partial<TPotRules> & { name: string; allocatePounds: number; owner?: string; dailyPounds: number };
type DemoFund = { name: string; funder: string; start: string; end: string; allocationPounds: number; adminCapPercent?: number; pots: DemoPot[] };

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
        { name: "Food and energy", allocatePounds: 900_000, dailyPounds: 5_300, maxSingleAwardPence: 30_000n, eligibleNeeds: ["food", "energy"] },
        { name: "White goods and furniture", allocatePounds: 350_000, dailyPounds: 1_500, maxSingleAwardPence: 60_000n, eligibleNeeds: ["furniture"], maxAwardsPerHousehold: 1, repeatWindowDays: 365 },
        { name: "Rent and council tax arrears", allocatePounds: 500_000, dailyPounds: 2_700, maxSingleAwardPence: 150_000n, eligibleNeeds: ["rent-arrears", "council-tax-arrears"] },
        { name: "Direct awards: health visiting", allocatePounds: 60_000, dailyPounds: 240, owner: "Hackwell Health Visiting Service", maxSingleAwardPence: 15_000n, accessRoutes: ["REFERRAL"] },
      ],
    },
    {
      name: "Discretionary hardship 2026/27",
      funder: "London Borough of Hackwell",
      start: CRF_START,
      end: CRF_END,
      allocationPounds: 250_000,
      pots: [{ name: "Hardship grants", allocatePounds: 200_000, dailyPounds: 600, maxSingleAwardPence: 50_000n }],
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
        { name: "Food vouchers", allocatePounds: 1_600_000, dailyPounds: 3_900, maxSingleAwardPence: 10_000n, eligibleNeeds: ["food"] },
        { name: "Energy support", allocatePounds: 1_500_000, dailyPounds: 3_100, maxSingleAwardPence: 20_000n, eligibleNeeds: ["energy"] },
        { name: "Essential household items", allocatePounds: 900_000, dailyPounds: 1_400, eligibleNeeds: ["essentials", "furniture"] },
        { name: "Direct awards: social prescribing", allocatePounds: 120_000, dailyPounds: 180, owner: "Fenshire Social Prescribing Network", accessRoutes: ["REFERRAL"] },
      ],
    },
    {
      name: "NRPF hardship 2026/27",
      funder: "Fenshire County Council",
      start: CRF_START,
      end: CRF_END,
      allocationPounds: 80_000,
      pots: [{ name: "No recourse to public funds", allocatePounds: 80_000, dailyPounds: 150 }],
    },
  ],
};

const DAY = 86_400_000;
const pence = (pounds: number) => BigInt(Math.round(pounds * 100));

export async function seedDemoFunds(db: PrismaClient, tenantId: string, slug: string, organisations: Map<string, string>, now = new Date()): Promise<number> {
  const funds = DEMO_FUNDS[slug] ?? [];
  const random = prng(slug.length * 7919);
  let transactions = 0;
  for (const f of funds) {
    await asOwnerInCouncil(
      db,
      tenantId,
      async (tx) => {
        const start = new Date(`${f.start}T09:00:00Z`);
        const end = new Date(`${f.end}T17:00:00Z`);
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
          const { allocatePounds, dailyPounds, owner, ...rules } = p;
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
          // Each working day: the day's approved awards committed, yesterday's paid, now and then one cancelled.
          let unpaid = 0n;
          let available = pence(allocatePounds);
          const last = Math.min(now.getTime() - DAY / 2, end.getTime());
          for (let t = start.getTime() + DAY, day = 1; t <= last; t += DAY, day++) {
            const at = new Date(t);
            if (at.getUTCDay() === 0 || at.getUTCDay() === 6) continue;
            // Demand grows through autumn and winter.
            const season = 0.7 + 0.6 * Math.min(1, day / 240);
            const committed = pence(dailyPounds * season * (0.6 + 0.8 * random()));
            if (unpaid > 0n) {
              const cancelled = random() < 0.15 ? unpaid / 10n : 0n;
              if (cancelled > 0n) {
                await post({ kind: "RELEASE", potId: pot.id, amountPence: cancelled, idempotencyKey: key(`${pot.id}:${day}:release`), reason: "Awards cancelled: household circumstances changed", at: new Date(t - 2 * 3_600_000) });
                unpaid -= cancelled;
                available += cancelled;
              }
              await post({ kind: "DISBURSE", potId: pot.id, amountPence: unpaid, idempotencyKey: key(`${pot.id}:${day}:paid`), reason: "Payments made (daily payment run)", paymentRef: `RUN-${day}`, at: new Date(t - 3_600_000) });
              unpaid = 0n;
            }
            if (committed > 0n && committed <= available) {
              await post({ kind: "COMMIT", potId: pot.id, amountPence: committed, idempotencyKey: key(`${pot.id}:${day}:awards`), reason: "Awards approved", at });
              unpaid = committed;
              available -= committed;
            }
          }
        }
      },
      { timeout: 300_000 },
    );
  }
  return transactions;
}
