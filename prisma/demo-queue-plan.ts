// The demo councils' casework queue, as a plan: ~300 fictional residents per council, each with a
// complete canonical application (lib/applications/schemas.ts), a channel, an age, and where its
// case should end up (new, claimed, waiting for information, approved with awards, part approved,
// declined, withdrawn, closed as a duplicate), with who does what. Pure and deterministic (seeded
// PRNG, references included); the receive times are relative to `now`, so the queue ages with the
// install and always has cases due today and breached. prisma/demo-queue.ts carries it out
// through the real case and award services, so the awards are committed through the ledger.
import { newReference } from "@/lib/applications/reference";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { scorePriority, type TPriority } from "@/lib/triage/priority";
import { slaDueDate } from "@/lib/triage/sla";
import { isLocale } from "@/lib/i18n/locales";
import type { TCaseState } from "@/lib/cases/lifecycle";
import type { TApplicationChannel, TNeed } from "@/lib/vocabulary";
import { checkUkBankAccount } from "@/lib/banking/modulus";
import { prng } from "./prng";

export const DEMO_QUEUE_SIZE = 300;

/** A made-up account that passes Vocalink's modulus check for its sort code: the next such number from `account` up (no extra draws, so the rest of the plan is unchanged). */
function demoBankAccount(sortCode: string, account: number): { sortCode: string; accountNumber: string } {
  for (let n = account; ; n = n >= 99_999_999 ? 10_000_000 : n + 1) {
    const check = checkUkBankAccount({ sortCode, accountNumber: String(n) });
    if (check.ok) return { sortCode: check.sortCode, accountNumber: check.accountNumber };
  }
}

/** Colleagues of the demo officer: they work most of the older cases (no password: they never sign in). */
export const DEMO_COLLEAGUES: Record<string, { email: string; name: string }[]> = {
  hackwell: [
    { email: "tomasz.nowak@hackwell.example", name: "Tomasz Nowak" },
    { email: "funmi.adebayo@hackwell.example", name: "Funmi Adebayo" },
  ],
  fenshire: [
    { email: "jack.tilney@fenshire.example", name: "Jack Tilney" },
    { email: "aisha.rahman@fenshire.example", name: "Aisha Rahman" },
  ],
};

type TPlace = { areas: string[]; streets: string[]; towns: Record<string, string> };

const PLACES: Record<string, TPlace> = {
  hackwell: {
    areas: ["E5", "E8", "E9", "N1", "N16"],
    streets: ["Mare Street", "Amhurst Road", "Dalston Lane", "Clapton Square", "Well Street", "Kingsland Road", "Stoke Newington Church Street", "Homerton High Street", "Lower Clapton Road", "Wilton Way", "Chatsworth Road", "Balls Pond Road", "Victoria Park Road", "Rectory Road", "Cazenove Road", "Shacklewell Lane"],
    towns: { E5: "London", E8: "London", E9: "London", N1: "London", N16: "London" },
  },
  fenshire: {
    areas: ["CB1", "CB2", "CB4", "CB5", "PE13", "PE14", "PE15", "PE16"],
    streets: ["Mill Road", "Station Road", "High Street", "Church Lane", "Elm Road", "Broad Street", "Nene Parade", "Ramnoth Road", "The Causeway", "Fen Road", "Wisbech Road", "Coldham's Lane", "Newmarket Road", "Victoria Road", "Eastfield Road", "Chatteris Road"],
    towns: { CB1: "Cambridge", CB2: "Cambridge", CB4: "Cambridge", CB5: "Cambridge", PE13: "Wisbech", PE14: "Wisbech", PE15: "March", PE16: "Chatteris" },
  },
};

const FIRST: Record<string, string[]> = {
  hackwell: ["Amina", "Kwame", "Ayşe", "Mehmet", "Chloe", "Daniel", "Fatima", "Olumide", "Grace", "Yusuf", "Sophie", "Jamal", "Leah", "Emre", "Blessing", "Tyrone", "Maria", "Hassan", "Zainab", "Callum", "Precious", "Ibrahim", "Rosa", "Samuel", "Hannah", "Kemal", "Nadia", "Joseph", "Aaliyah", "Tomás"],
  fenshire: ["Emma", "Jack", "Olivia", "Harry", "Amelia", "George", "Isla", "Oliver", "Jessica", "Thomas", "Lily", "James", "Poppy", "William", "Ruby", "Liam", "Agnieszka", "Marek", "Ioana", "Andrei", "Sarah", "Mark", "Kirsty", "Dean", "Shannon", "Wayne", "Chantelle", "Craig", "Aleksandra", "Tomasz"],
};

const LAST: Record<string, string[]> = {
  hackwell: ["Okafor", "Yılmaz", "Mensah", "Demir", "Campbell", "Ahmed", "Brown", "Kaya", "Adeyemi", "Hussain", "Williams", "Begum", "O'Connor", "Osei", "Clarke", "Rahman", "Da Silva", "Levy", "Öztürk", "Johnson", "Ali", "Baptiste", "Khan", "Nwosu", "Murphy", "Celik", "Thompson", "Mahmood", "Francis", "Boateng"],
  fenshire: ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Johnson", "Roberts", "Walker", "Wright", "Hall", "Green", "Wood", "Harris", "Kowalski", "Nowak", "Popescu", "Ionescu", "Marsh", "Fenwick", "Pryor", "Gotobed", "Rayner", "Kisby", "Peck", "Hewitt", "Blyth", "Lovell", "Saunders"],
};

/** Who acts on a case: the demo officer, the demo approver, or one of the colleagues (0 or 1). */
export type TDemoActor = "officer" | "approver" | 0 | 1;

export type TDemoAward = { need: TNeed; amountPence: number; pot: string; approvedBy: "approver" | null; cancelled: boolean };

export type TDemoCase = {
  reference: string;
  channel: TApplicationChannel;
  /** The referring organisation's name (referral channels). */
  organisation: string | null;
  fastTrack: boolean;
  application: Record<string, unknown> & { aboutYou: { fullName: string }; address: { postcode: string }; needs: { categories: TNeed[] } };
  locale: string;
  priority: TPriority;
  receivedAt: Date;
  slaDueOn: string;
  /** Where the case ends up, and who takes it there. */
  target: TCaseState;
  worker: TDemoActor | null;
  decision: { decision: "approve" | "part-approve" | "decline"; reasonCode: string; explanation: string; awards: TDemoAward[] } | null;
  /** Withdrawn after being approved (its committed awards released). */
  withdrawnAfterDecision: boolean;
  /** When the worker acted (the timeline is backdated to this). */
  actedAt: Date;
};

const REFERRAL_ORGS: Record<string, string[]> = {
  hackwell: ["Hackwell Health Visiting Service", "Hackwell Leaving Care Team"],
  fenshire: ["Fenshire Social Prescribing Network", "Fen Valley Food Partnership"],
};

/** The pot an award for `need` comes from (council's demo funds, prisma/demo-funds.ts). */
function potFor(slug: string, need: TNeed, organisation: string | null, nrpf: boolean): { pot: string; max: number } | null {
  if (slug === "hackwell") {
    if (organisation === "Hackwell Health Visiting Service" && (need === "food" || need === "essentials")) return { pot: "Direct awards: health visiting", max: 15_000 };
    if (need === "food" || need === "energy") return { pot: "Food and energy", max: 30_000 };
    if (need === "furniture") return { pot: "White goods and furniture", max: 60_000 };
    if (need === "rent-arrears" || need === "council-tax-arrears") return { pot: "Rent and council tax arrears", max: 150_000 };
    return { pot: "Hardship grants", max: 50_000 };
  }
  if (nrpf) return { pot: "No recourse to public funds", max: 40_000 };
  if (organisation === "Fenshire Social Prescribing Network" && need !== "rent-arrears" && need !== "council-tax-arrears") return { pot: "Direct awards: social prescribing", max: 15_000 };
  if (need === "food") return { pot: "Food vouchers", max: 10_000 };
  if (need === "energy") return { pot: "Energy support", max: 20_000 };
  if (need === "essentials" || need === "furniture") return { pot: "Essential household items", max: 60_000 };
  return null;
}

/** A typical award for a need, in pence (whole pounds), within the pot's maximum. */
function amountFor(need: TNeed, random: () => number, max: number): number {
  const range: Record<TNeed, [number, number]> = {
    food: [30, 90],
    energy: [49, 150],
    essentials: [60, 320],
    furniture: [180, 480],
    "rent-arrears": [200, 900],
    "council-tax-arrears": [120, 420],
    other: [40, 160],
  };
  const [lo, hi] = range[need];
  return Math.min(max, Math.round(lo + (hi - lo) * random()) * 100);
}

/** What the demo's awards may take from Hackwell's nearly spent food and energy pot. */
const FOOD_AND_ENERGY_BUDGET_PENCE = 150_000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The demo queue of one council; the same every time for the same council (only the times move with `now`). */
export function demoQueuePlan(slug: string, referencePrefix: string, now: Date = new Date(), size = DEMO_QUEUE_SIZE): TDemoCase[] {
  const random = prng(0x51ab1e + slug.length * 104_729 + slug.charCodeAt(0));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const chance = (p: number) => random() < p;
  const weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    let r = random() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1]![0];
  };
  const place = PLACES[slug] ?? PLACES.hackwell!;
  const firsts = FIRST[slug] ?? FIRST.hackwell!;
  const lasts = LAST[slug] ?? LAST.hackwell!;
  const orgs = REFERRAL_ORGS[slug] ?? [];
  const letters = [..."ABDEFGHJLNPQRSTUWXYZ"];
  const references = new Set<string>();
  const today = londonIsoDate(now);
  const cases: TDemoCase[] = [];
  const spent = new Map<string, number>();

  for (let i = 0; i < size; i++) {
    let reference = newReference(referencePrefix, (n) => Math.floor(random() * n));
    while (references.has(reference)) reference = newReference(referencePrefix, (n) => Math.floor(random() * n));
    references.add(reference);

    // ---- who they are ----
    const first = pick(firsts);
    const last = pick(lasts);
    const fullName = `${first} ${last}`;
    const area = pick(place.areas);
    const postcode = `${area} ${1 + Math.floor(random() * 9)}${pick(letters)}${pick(letters)}`;
    const age = 19 + Math.floor(random() * 62);
    const born = new Date(Date.UTC(now.getUTCFullYear() - age, Math.floor(random() * 12), 1 + Math.floor(random() * 28)));
    const handle = `${first}.${last}`.toLowerCase().normalize("NFD").replace(/[^a-z.]/g, "");
    const email = chance(0.8) ? `${handle}${i}@example.com` : null;
    const mobile = !email || chance(0.6) ? `+4477009${String(10_000 + Math.floor(random() * 89_999)).slice(0, 5)}` : null;
    const language = slug === "hackwell" ? weighted([["en", 70], ["tr", 14], ["bn", 5], ["so", 4], ["pl", 3], ["ar", 4]] as const) : weighted([["en", 78], ["pl", 9], ["ro", 8], ["other", 5]] as const);

    // ---- household and circumstances ----
    const children = weighted([[0, 45], [1, 20], [2, 18], [3, 11], [4, 6]] as const);
    const childrenAges = Array.from({ length: children }, () => Math.floor(random() * 18));
    const pregnant = age < 45 && chance(0.07);
    const overPensionAge = age >= 66;
    const disabilityOrIllness = chance(0.22);
    const nrpf = slug === "fenshire" ? chance(0.03) : false;

    // ---- needs and urgency ----
    const needs = new Set<TNeed>([weighted([["food", 40], ["energy", 30], ["essentials", 11], ["furniture", 7], ["rent-arrears", 7], ["council-tax-arrears", 3], ["other", 2]] as const)]);
    if (chance(0.35)) needs.add(weighted([["food", 30], ["energy", 35], ["essentials", 20], ["rent-arrears", 10], ["council-tax-arrears", 5]] as const));
    const categories = [...needs];
    const enoughFoodToday = !(needs.has("food") && chance(0.45));
    const prepaymentMeter = needs.has("energy") ? weighted([["off", 25], ["running-out", 40], ["ok", 25], ["no-meter", 10]] as const) : weighted([["ok", 40], ["no-meter", 60]] as const);
    const evictionNotice = needs.has("rent-arrears") && chance(0.35);

    // ---- channel ----
    const channel = weighted([["RESIDENT_ONLINE", 58], ["OFFICER_PHONE", 12], ["OFFICER_IN_PERSON", 6], ["REFERRAL_PORTAL", 13], ["REFERRAL_API", 5], ["PROACTIVE_INVITATION", 6]] as const);
    const organisation = channel === "REFERRAL_PORTAL" || channel === "REFERRAL_API" ? pick(orgs) : null;
    const fastTrack = organisation !== null && chance(0.4);

    const payment = weighted([["bank", 50], ["voucher-sms", mobile ? 30 : 0], ["voucher-email", email ? 20 : 0]] as const);
    const application = {
      schemaVersion: 1,
      aboutYou: { fullName, dateOfBirth: born.toISOString().slice(0, 10), email, mobile, preferredLanguage: language },
      address: { postcode, line1: `${1 + Math.floor(random() * 180)} ${pick(place.streets)}`, line2: chance(0.3) ? `Flat ${1 + Math.floor(random() * 40)}` : "", town: place.towns[area] ?? "London", source: "manual", lookupId: null },
      household: { adults: weighted([[1, 55], [2, 40], [3, 5]] as const), children, childrenAges, pregnant, overPensionAge, disabilityOrIllness },
      needs: {
        categories,
        rentArrearsPence: needs.has("rent-arrears") ? (300 + Math.floor(random() * 2200)) * 100 : null,
        councilTaxArrearsPence: needs.has("council-tax-arrears") ? (150 + Math.floor(random() * 800)) * 100 : null,
        otherNeed: needs.has("other") ? pick(["School uniform for two children", "Travel to a hospital appointment", "Replacement glasses", "Baby equipment: a cot and a pram"]) : null,
      },
      urgency: { enoughFoodToday, prepaymentMeter, evictionNotice },
      income: {
        employment: overPensionAge ? "retired" : weighted([["part-time", 25], ["full-time", 10], ["self-employed", 6], ["unemployed", 34], ["not-working", 25]] as const),
        benefits: overPensionAge ? ["pension-credit"] : nrpf ? ["none"] : weighted([[["universal-credit"], 55], [["universal-credit", "council-tax-support"], 15], [["esa", "pip"], 10], [["universal-credit", "child-benefit"], 12], [["none"], 8]] as const),
        noRecourseToPublicFunds: nrpf ? "yes" : weighted([["no", 94], ["not-sure", 6]] as const),
      },
      housing: { tenure: evictionNotice ? "private-rent" : weighted([["council-or-housing-association", 42], ["private-rent", 35], ["temporary-accommodation", 8], ["family-or-friends", 8], ["owner", 4], ["other", 3]] as const) },
      payment:
        payment === "bank"
          ? { method: "bank", bank: { accountName: `${first[0]} ${last}`, ...demoBankAccount(String(200_000 + Math.floor(random() * 699_999)), 10_000_000 + Math.floor(random() * 89_999_999)), rollNumber: null } }
          : { method: payment },
      consent: { shareWithAdvicePartners: chance(0.7), contactAboutSupport: chance(0.5) },
      declaration: { confirmed: true },
    };
    const priority = scorePriority({ ...application.urgency, ...application.household, fastTrackReferral: fastTrack });

    // ---- where the case ends up ----
    const target = weighted([
      ["NEW", 24],
      ["IN_REVIEW", 12],
      ["AWAITING_INFORMATION", 6],
      ["APPROVED", 30],
      ["PART_APPROVED", 7],
      ["DECLINED", 12],
      ["WITHDRAWN", 5],
      ["CLOSED_DUPLICATE", 4],
    ] as const) as TCaseState;

    // ---- when it came in: open cases mostly recent, with some due today and some breached ----
    const open = target === "NEW" || target === "IN_REVIEW" || target === "AWAITING_INFORMATION";
    let receivedAt: Date;
    const slot = i % 10;
    if (open && slot === 0) receivedAt = receivedSoThatDueOn(today, priority.band, now, random);
    else if (open && slot <= 2) receivedAt = new Date(now.getTime() - (priority.band === "URGENT" ? 4 + random() * 6 : 16 + random() * 14) * DAY);
    else if (open) receivedAt = new Date(now.getTime() - random() * (priority.band === "URGENT" ? 1.5 : 9) * DAY - 0.2 * HOUR);
    else receivedAt = new Date(now.getTime() - (2 + random() * 70) * DAY);
    const slaDueOn = slaDueDate(receivedAt, priority.band);

    // ---- who works it and what they decide ----
    const worker: TDemoActor | null = target === "NEW" ? null : target === "IN_REVIEW" || target === "AWAITING_INFORMATION" ? weighted<TDemoActor>([["officer", 40], [0, 25], [1, 25], ["approver", 10]]) : weighted<TDemoActor>([["officer", 30], [0, 35], [1, 35]]);
    let decision: TDemoCase["decision"] = null;
    let finalTarget = target;
    let withdrawnAfterDecision = false;
    if (target === "APPROVED" || target === "PART_APPROVED" || (target === "WITHDRAWN" && chance(0.5))) {
      const lines = categories
        .map((need) => ({ need, pot: potFor(slug, need, organisation, nrpf) }))
        .filter((l): l is { need: TNeed; pot: { pot: string; max: number } } => l.pot !== null);
      const chosen = target === "PART_APPROVED" ? lines.slice(0, 1) : lines;
      if (!chosen.length) finalTarget = "DECLINED";
      else {
        withdrawnAfterDecision = target === "WITHDRAWN";
        // A pot's largest award bounds what one decision gives the household from it (all its
        // lines together), and the officer's limit what the decision gives in all
        // (lib/awards/pot-rules.ts): the demo's officers keep to both.
        const fromPot = new Map<string, number>();
        let decisionTotal = 0;
        let kept = 0;
        const awards = chosen.flatMap((line) => {
          let l = line;
          let amountPence = amountFor(l.need, random, l.pot.max);
          // Hackwell's food and energy pot is nearly spent (prisma/demo-funds.ts): once the demo
          // has used its share, officers meet those needs from the hardship grants instead.
          if (l.pot.pot === "Food and energy" && (spent.get(l.pot.pot) ?? 0) + amountPence > FOOD_AND_ENERGY_BUDGET_PENCE) {
            l = { ...l, pot: { pot: "Hardship grants", max: 50_000 } };
          }
          amountPence = Math.min(amountPence, l.pot.max - (fromPot.get(l.pot.pot) ?? 0));
          if (amountPence < 1_000) return [];
          fromPot.set(l.pot.pot, (fromPot.get(l.pot.pot) ?? 0) + amountPence);
          spent.set(l.pot.pot, (spent.get(l.pot.pot) ?? 0) + amountPence);
          decisionTotal += amountPence;
          const over = decisionTotal > 25_000;
          // A line found elsewhere before payment is cancelled, never the first kept: cancelling the
          // last line standing sends the case back to its officer (lib/awards/after-award-change.ts),
          // and a case planned as approved must keep an award behind it. (The draw stays, so the
          // rest of the plan is as before.)
          const cancelled = !over && chance(0.04) && kept > 0;
          kept += 1;
          return [{ need: l.need, amountPence, pot: l.pot.pot, approvedBy: over && chance(0.3) ? ("approver" as const) : null, cancelled }];
        });
        const partial = target === "PART_APPROVED" && lines.length > 1;
        decision = {
          decision: partial ? "part-approve" : "approve",
          reasonCode: partial ? "need-part-met" : "need-met",
          explanation: partial
            ? `We can help with ${chosen[0]!.need.replace(/-/g, " ")}. For the rest, our money advice partners will contact you this week.`
            : "We have agreed to help. You will get the money or voucher within 2 working days.",
          awards,
        };
        if (target === "PART_APPROVED" && !partial) finalTarget = "APPROVED";
      }
    }
    if (finalTarget === "DECLINED") {
      const reasonCode = weighted([["not-eligible", 35], ["recent-award", 25], ["other-support", 25], ["outside-area", 15]] as const);
      const words: Record<string, string> = {
        "not-eligible": "The fund can only help households on a low income, and the income you told us about is above its limit.",
        "recent-award": "You had an award from this fund in the last 12 months, and it can only help once a year.",
        "other-support": "Your energy supplier's hardship fund can help with this better than we can. We have sent you its details.",
        "outside-area": "The address you gave is outside the council's area. Your own council runs a similar scheme.",
      };
      decision = { decision: "decline", reasonCode, explanation: words[reasonCode]!, awards: [] };
    }
    const actedAt = open
      ? new Date(Math.min(now.getTime() - 0.1 * HOUR, receivedAt.getTime() + (0.5 + random() * 30) * HOUR))
      : new Date(Math.min(now.getTime() - HOUR, receivedAt.getTime() + (2 + random() * 5 * 24) * HOUR));

    cases.push({
      reference,
      channel,
      organisation,
      fastTrack,
      application: application as TDemoCase["application"],
      // Residents applied in their language when the service is offered in it (lib/i18n/locales.ts).
      locale: isLocale(language) ? language : "en",
      priority,
      receivedAt,
      slaDueOn,
      target: finalTarget,
      worker,
      decision,
      withdrawnAfterDecision,
      actedAt,
    });
  }
  return cases;
}

/** A receive time (within the last few weeks, office hours) whose SLA due date is `due`. */
function receivedSoThatDueOn(due: string, band: TPriority["band"], now: Date, random: () => number): Date {
  for (let days = 1; days < 40; days++) {
    const at = new Date(now.getTime() - days * DAY);
    at.setUTCHours(9 + Math.floor(random() * 7), Math.floor(random() * 60));
    if (slaDueDate(at, band) === due) return at;
  }
  return new Date(now.getTime() - DAY);
}
