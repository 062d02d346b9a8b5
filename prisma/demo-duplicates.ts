// Duplicates and repeats in each demo council (issue 18, docs/duplicates.md), made through the
// real services: applications recorded by recordApplication (which finds the matches, from any
// channel), a household's award made by decideCase, and one duplicate closed by the officer with
// closeAsDuplicate (the resident is told which application we are dealing with). Each council gets:
// - the same person twice: online, then referred by a partner (open: to link or close);
// - the same person twice online, the second already closed as a duplicate of the first;
// - a neighbour at the same flat with the same mobile (same household, open);
// - Hackwell only: a household awarded white goods (a 365-day repeat window) applying again.
// Idempotent: a council that already has the first demo person is left alone. Runs in the demo
// queue's child process (server-only services need the react-server condition): prisma/demo-queue.ts.
import { staffActor, type TStaffActor } from "@/lib/actor";
import { normaliseUkMobile } from "@/lib/applications/formats";
import { claimCase } from "@/lib/cases/claim-case";
import { withTenant } from "@/lib/db/tenant-scope";
import { decideCase } from "@/lib/decisions/decide-case";
import { closeAsDuplicate } from "@/lib/duplicates/manage";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordApplication } from "@/lib/intake/record-application";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import type { TApplicationChannel } from "@/lib/vocabulary";
import { DEMO_COUNCILS } from "./demo-data";

type TPerson = { fullName: string; dateOfBirth: string; email: string | null; mobile: string | null; postcode: string; line1: string; town: string; bank: { sortCode: string; accountNumber: string } | null; needs: string[]; language: string };

const PEOPLE: Record<string, { first: TPerson; twice: TPerson; neighbour: TPerson; repeat?: TPerson; organisation: string }> = {
  hackwell: {
    first: { fullName: "Folasade Adeyemi", dateOfBirth: "1986-09-14", email: "folasade.adeyemi@example.com", mobile: "07700 900731", postcode: "E8 3RL", line1: "Flat 6, 41 Mare Street", town: "London", bank: { sortCode: "309430", accountNumber: "18273650" }, needs: ["food", "energy"], language: "en" },
    twice: { fullName: "Mehmet Demir", dateOfBirth: "1979-02-03", email: "mehmet.demir@example.com", mobile: "07700 900732", postcode: "N16 7XJ", line1: "22 Amhurst Road", town: "London", bank: null, needs: ["food"], language: "tr" },
    neighbour: { fullName: "Tunde Adeyemi", dateOfBirth: "1990-05-30", email: null, mobile: "+44 7700 900731", postcode: "E8 3RL", line1: "Flat 6, 41 Mare Street", town: "London", bank: null, needs: ["energy"], language: "en" },
    repeat: { fullName: "Kasia Nowak", dateOfBirth: "1992-11-21", email: "kasia.nowak@example.com", mobile: "07700 900733", postcode: "E9 6DB", line1: "9 Victoria Park Road", town: "London", bank: { sortCode: "401276", accountNumber: "55443326" }, needs: ["furniture"], language: "pl" },
    organisation: "Hackwell Health Visiting Service",
  },
  fenshire: {
    first: { fullName: "Liam O'Connor", dateOfBirth: "1983-07-08", email: "liam.oconnor@example.com", mobile: "07700 900741", postcode: "CB1 2LA", line1: "14 Mill Road", town: "Cambridge", bank: { sortCode: "203040", accountNumber: "61728399" }, needs: ["food"], language: "en" },
    twice: { fullName: "Ana Souza", dateOfBirth: "1995-04-17", email: "ana.souza@example.com", mobile: "07700 900742", postcode: "PE13 1AB", line1: "3 Station Road", town: "Wisbech", bank: null, needs: ["energy"], language: "es" },
    neighbour: { fullName: "Niamh O'Connor", dateOfBirth: "1985-12-02", email: null, mobile: "07700900741", postcode: "CB1 2LA", line1: "14 Mill Road", town: "Cambridge", bank: null, needs: ["food"], language: "en" },
    organisation: "Fenshire Social Prescribing Network",
  },
};

function canonical(p: TPerson) {
  return {
    schemaVersion: 1,
    aboutYou: { fullName: p.fullName, dateOfBirth: p.dateOfBirth, email: p.email, mobile: p.mobile ? normaliseUkMobile(p.mobile) : null, preferredLanguage: p.language },
    address: { postcode: p.postcode, line1: p.line1, line2: "", town: p.town, source: "manual", lookupId: null },
    household: { adults: 1, children: 1, childrenAges: [4], pregnant: false, overPensionAge: false, disabilityOrIllness: false },
    needs: { categories: p.needs, rentArrearsPence: null, councilTaxArrearsPence: null, otherNeed: null },
    urgency: { enoughFoodToday: !p.needs.includes("food"), prepaymentMeter: p.needs.includes("energy") ? "running-out" : "no-meter", evictionNotice: false },
    income: { employment: "unemployed", benefits: ["universal-credit"], noRecourseToPublicFunds: "no" },
    housing: { tenure: "council-or-housing-association" },
    payment: p.bank ? { method: "bank", bank: { accountName: p.fullName, ...p.bank, rollNumber: null } } : { method: p.email ? "voucher-email" : "voucher-sms" },
    consent: { shareWithAdvicePartners: true, contactAboutSupport: true },
    declaration: { confirmed: true },
  };
}

async function record(council: TCouncil, p: TPerson, channel: TApplicationChannel, organisationId: string | null = null): Promise<{ caseId: string; reference: string }> {
  return withTenant(council.id, async (tx) => {
    const r = await recordApplication(tx, council, canonical(p), { channel, draftId: null, locale: p.language, actor: null, ip: null, organisationId });
    if (r.outcome !== "recorded") throw new Error(`demo duplicates: ${p.fullName}: ${JSON.stringify(r.issues)}`);
    const c = await tx.case.findUniqueOrThrow({ where: { tenantId_applicationId: { tenantId: council.id, applicationId: r.id } }, select: { id: true } });
    return { caseId: c.id, reference: r.reference };
  });
}

function expectDone(what: string, r: { outcome: string }): void {
  if (r.outcome !== "done" && r.outcome !== "decided") throw new Error(`demo duplicates: ${what}: ${JSON.stringify(r, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`);
}

export async function seedDemoDuplicates(db: PrismaClient, log: (m: string) => void = console.log): Promise<void> {
  for (const demo of DEMO_COUNCILS) {
    const people = PEOPLE[demo.slug];
    const council = await findCouncilBySlug(demo.slug);
    if (!people || !council) continue;
    if (await db.application.findFirst({ where: { tenantId: council.id, email: people.first.email } })) continue;
    const officerEmail = demo.staff.find((s) => s.role === "OFFICER")!.email;
    const officerUser = await db.user.findUniqueOrThrow({ where: { email: officerEmail } });
    const officer: TStaffActor = staffActor({ council: { id: council.id }, user: { userId: officerUser.id, email: officerEmail }, roles: ["OFFICER"] });
    const org = await db.organisation.findFirst({ where: { tenantId: council.id, name: people.organisation } });

    // Repeat first (Hackwell): white goods awarded, then the same household applies again.
    if (people.repeat) {
      const earlier = await record(council, people.repeat, "RESIDENT_ONLINE");
      const pot = await db.pot.findFirstOrThrow({ where: { tenantId: council.id, name: "White goods and furniture" } });
      expectDone("claim", await claimCase(officer, earlier.caseId));
      expectDone(
        "decide",
        await decideCase(officer, earlier.caseId, { decision: "approve", reasonCode: "need-met", explanation: "We will pay for a replacement cooker.", lines: [{ potId: pot.id, needCategory: "furniture", amountPence: 18_000n, paymentMethod: "bank" }] }),
      );
      await record(council, { ...people.repeat, email: null, mobile: people.repeat.mobile }, "OFFICER_PHONE");
    }
    // The same person online and then referred.
    await record(council, people.first, "RESIDENT_ONLINE");
    await record(council, { ...people.first, fullName: people.first.fullName.toUpperCase(), email: null }, "REFERRAL_PORTAL", org?.id ?? null);
    // A neighbour at the same flat with the same mobile.
    await record(council, people.neighbour, "OFFICER_PHONE");
    // Sent twice online; the second closed as a duplicate of the first (the resident is told so).
    const original = await record(council, people.twice, "RESIDENT_ONLINE");
    const again = await record(council, people.twice, "RESIDENT_ONLINE");
    expectDone("close duplicate", await closeAsDuplicate(officer, again.caseId, original.caseId, "Sent twice online a few minutes apart."));
    log(`Demo duplicates: ${demo.name}: duplicate${people.repeat ? ", repeat" : ""} and same-household applications recorded; ${again.reference} closed as a duplicate of ${original.reference}.`);
  }
}
