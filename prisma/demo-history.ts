// The demo's history for the managers' dashboard and the funder's return (issue 20,
// docs/reporting-demo.md), on top of the demo queue (twelve weeks of applications, referrals and
// outreach applications, decided and paid), advice outcomes, requests for information, repeats and
// the outreach campaign (prisma/demo-*.ts). Adds, in each demo council, through the real writers:
// - administration spend on the Crisis and Resilience Fund: two costs recorded weeks ago (the
//   ledger's ADMIN, backdated as the other demo postings are), one of them a mistake reversed
//   (ADMIN_REVERSE) with its reason, so the return's administration line shows the net;
// - the outreach campaign's funnel: two invited households opened their link (started), one of
//   them sent its application (PROACTIVE_INVITATION), which the officer approved (awarded).
// Idempotent: each part is skipped once it is there (ledger idempotency keys; an opened
// invitation). Runs in the demo queue's child process (server-only services): prisma/demo-queue.ts.
import { staffActor, type TStaffActor } from "@/lib/actor";
import { saveDraftAnswer } from "@/lib/applications/drafts";
import type { TRawAnswers, TStepId } from "@/lib/applications/steps";
import { approveAward } from "@/lib/awards/approve-award";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { submitApplication } from "@/lib/intake/submit-application";
import { postLedger } from "@/lib/ledger/post";
import { invitationToken } from "@/lib/outreach/campaigns";
import { openInvitation } from "@/lib/outreach/invitations";
import { isLocale } from "@/lib/i18n/locales";
import { hashToken } from "@/lib/security/crypto";
import { findCouncilBySlug } from "@/lib/tenancy/queries";
import { DEMO_COUNCILS } from "./demo-data";
import { asOwnerInCouncil } from "./factories";

const DAY = 86_400_000;

/** Administration spend per council: [days ago, cost line, pounds, description, reversed (days ago, why)]. */
const ADMIN: Record<string, { daysAgo: number; costLine: string; pence: bigint; reason: string; reversed?: { daysAgo: number; reason: string } }[]> = {
  hackwell: [
    { daysAgo: 60, costLine: "crisis-admin", pence: 1_850_000n, reason: "Money Hub caseworkers' salaries, October" },
    { daysAgo: 31, costLine: "crisis-admin", pence: 1_850_000n, reason: "Money Hub caseworkers' salaries, November" },
    { daysAgo: 24, costLine: "evaluation", pence: 420_000n, reason: "Evaluation partner: first report", reversed: { daysAgo: 20, reason: "Invoiced to the wrong fund: it belongs to the hardship fund" } },
    { daysAgo: 14, costLine: "evaluation", pence: 420_000n, reason: "Evaluation partner: first report (hardship share corrected)" },
  ],
  fenshire: [
    { daysAgo: 45, costLine: "crisis-admin", pence: 2_600_000n, reason: "County hub team, October and November" },
    { daysAgo: 18, costLine: "housing-admin", pence: 380_000n, reason: "Housing payments officer, part-time", reversed: { daysAgo: 11, reason: "Recorded twice: already in the October and November hub costs" } },
  ],
};

/** What a resident invited by the demo campaign answers after the pre-filled pages (a family with rent arrears, paid by voucher). */
const ANSWERS: TRawAnswers = {
  household: { adults: "1", children: "2" },
  "children-ages": { childrenAges: "4, 11" },
  circumstances: { "circumstances-disability": "yes" },
  needs: { "needs-food": "yes", "needs-energy": "yes" },
  "food-today": { enoughFoodToday: "no" },
  "energy-meter": { prepaymentMeter: "running-out" },
  eviction: { evictionNotice: "no" },
  employment: { employment: "not-working" },
  benefits: { "benefits-universal-credit": "yes" },
  nrpf: { nrpf: "no" },
  housing: { tenure: "council-or-housing-association" },
  payment: { paymentMethod: "voucher-email" },
  consent: { shareWithAdvicePartners: "yes", contactAboutSupport: "yes" },
};

async function staff(db: PrismaClient, tenantId: string, slug: string, role: "OFFICER" | "APPROVER" | "MANAGER"): Promise<TStaffActor> {
  const email = DEMO_COUNCILS.find((c) => c.slug === slug)!.staff.find((s) => s.role === role)!.email;
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return staffActor({ council: { id: tenantId }, user: { userId: user.id, email }, roles: [role] });
}

export async function seedDemoHistory(db: PrismaClient, log: (m: string) => void = console.log, now = new Date()): Promise<void> {
  if (process.env.NODE_ENV === "production") throw new Error("Refusing to seed demo data in production");
  for (const council of DEMO_COUNCILS) {
    const tenant = await db.tenant.findUnique({ where: { slug: council.slug } });
    if (!tenant) continue;
    const done: string[] = [];
    const started = Date.now();

    // ---- administration spend, one cost reversed (the one posting function, backdated) ----
    const fund = await asOwnerInCouncil(db, tenant.id, (tx) => tx.fund.findFirst({ where: { tenantId: tenant.id, name: { startsWith: "Crisis and Resilience Fund" } } }));
    const manager = await staff(db, tenant.id, council.slug, "MANAGER");
    if (fund) {
      let posted = 0;
      for (const [i, a] of (ADMIN[council.slug] ?? []).entries()) {
        await asOwnerInCouncil(db, tenant.id, async (tx) => {
          const cost = await postLedger(tx, {
            kind: "ADMIN",
            fundId: fund.id,
            amountPence: a.pence,
            idempotencyKey: `demo:admin:${council.slug}:${i}`,
            reason: a.reason,
            actorUserId: manager.user.userId,
            costLine: a.costLine,
            at: new Date(now.getTime() - a.daysAgo * DAY),
          });
          if (!cost.replayed) posted++;
          if (a.reversed) {
            const reversal = await postLedger(tx, {
              kind: "ADMIN_REVERSE",
              fundId: fund.id,
              amountPence: a.pence,
              idempotencyKey: `admin-reverse:${cost.transactionId}`,
              reason: a.reversed.reason,
              actorUserId: manager.user.userId,
              reversesId: cost.transactionId,
              at: new Date(now.getTime() - a.reversed.daysAgo * DAY),
            });
            if (!reversal.replayed) posted++;
          }
        });
      }
      if (posted) done.push(`${posted} administration postings (one reversed)`);
    }

    // ---- the outreach funnel: started, submitted, awarded ----
    const opened = await asOwnerInCouncil(db, tenant.id, (tx) => tx.outreachInvitation.count({ where: { tenantId: tenant.id, usedAt: { not: null } } }));
    const invitations = opened
      ? []
      : await asOwnerInCouncil(db, tenant.id, (tx) => tx.outreachInvitation.findMany({ where: { tenantId: tenant.id, channel: "EMAIL" }, orderBy: { createdAt: "asc" }, take: 2, select: { id: true, locale: true } }));
    const councilOf = (await findCouncilBySlug(council.slug))!;
    for (const [i, invitation] of invitations.entries()) {
      const link = await openInvitation(councilOf, invitationToken(invitation.id));
      if (!link) continue;
      if (i > 0) {
        done.push("an invitation opened (started)");
        continue;
      }
      const hash = hashToken(link.draftToken);
      for (const [step, answer] of Object.entries(ANSWERS)) await saveDraftAnswer(councilOf, hash, step as TStepId, answer, isLocale(invitation.locale) ? invitation.locale : "en");
      const sent = await submitApplication(councilOf, hash, { ip: null });
      if (sent.outcome !== "submitted") {
        done.push(`an invitation opened, not submitted (${sent.outcome})`);
        continue;
      }
      const theCase = await asOwnerInCouncil(db, tenant.id, (tx) => tx.case.findFirstOrThrow({ where: { tenantId: tenant.id, reference: sent.reference } }));
      const pot = await asOwnerInCouncil(db, tenant.id, (tx) => tx.pot.findFirst({ where: { tenantId: tenant.id, eligibleNeeds: { has: "food" }, accessRoutes: { isEmpty: true } }, orderBy: { name: "asc" } }));
      const officer = await staff(db, tenant.id, council.slug, "OFFICER");
      await claimCase(officer, theCase.id);
      const decided = pot
        ? await decideCase(officer, theCase.id, {
            decision: "approve",
            reasonCode: "need-met",
            explanation: "Invited through the council tax arrears campaign; food and energy help agreed.",
            lines: [{ potId: pot.id, needCategory: "food", amountPence: 6_000n, paymentMethod: "voucher-email" }],
          })
        : { outcome: "no pot" };
      if (decided.outcome === "decided") {
        const awards = await asOwnerInCouncil(db, tenant.id, (tx) => tx.award.findMany({ where: { tenantId: tenant.id, caseId: theCase.id, status: { not: "APPROVED" } }, select: { id: true } }));
        const approver = await staff(db, tenant.id, council.slug, "APPROVER");
        for (const a of awards) await approveAward(approver, a.id);
      }
      done.push(`${sent.reference} invited, applied and ${decided.outcome === "decided" ? "awarded" : `not decided (${decided.outcome})`}`);
    }
    log(`Demo history: ${council.name}: ${done.join("; ") || "already there"} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  }
}
