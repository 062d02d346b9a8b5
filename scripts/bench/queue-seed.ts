// Bulk data for `npm run bench:queue`: N applications with their cases (and, for one case in
// five, a timeline and an award line) in two councils, written by INSERT … SELECT over
// generate_series as the database owner (council in scope: row-level security is FORCEd even for
// the owner). Realistic shape: three years of cases, mostly decided; about 6 % open, recent ones
// mostly, plus stragglers breached long ago; surnames drawn log-uniformly from a list (so common
// names match tens of thousands of cases and rare ones a few hundred, per council); postcodes of
// the council's areas; needs, channels and priority reasons at the demo's rates. Deterministic
// (setseed). SLA dates here are calendar approximations of the working-day rule (2 and 14 days).
import type pg from "pg";

export const SURNAMES = [
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes",
  "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison",
  "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey",
  "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson", "Foster", "Chapman",
  "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell",
  "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey", "Graham", "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart", "Elliott",
  "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West", "Lawrence", "Cole", "Atkinson", "Bradley", "Spencer", "Gill", "Dawson", "Ball", "Burton", "O'Brien",
  "Watts", "Rose", "Booth", "Perry", "Ryan", "Grant", "Wells", "Armstrong", "Francis", "Rees", "Hayes", "Hart", "Hudson", "Newman", "Barrett", "Webster", "Hunter", "Gregory", "Carr",
  "Lowe", "Page", "Marsh", "Riley", "Dunn", "Woods", "Parsons", "Berry", "Stone", "Reid", "Holland", "Hawkins", "Harding", "Porter", "Robertson", "Newton", "Oliver", "Reed", "Kennedy",
  "Williamson", "Bird", "Gardner", "Shah", "Dean", "Lane", "Cooke", "Bates", "Henderson", "Parry", "Burgess", "Bishop", "Walton", "Burns", "Nicholson", "Shepherd", "Ross", "Cross",
  "Long", "Freeman", "Warren", "Nicholls", "Hamilton", "Byrne", "Sutton", "McDonald", "Yates", "Hodgson", "Robson", "Curtis", "Hopkins", "O'Connor", "Harper", "Coleman", "Watkins",
  "Moss", "McCarthy", "Chambers", "O'Neill", "Griffin", "Sharp", "Hardy", "Wheeler", "Potter", "Osborne", "Johnston", "Gordon", "Doyle", "Wallace", "George", "Jordan", "Hutchinson",
  "Rahman", "Okafor", "Mensah", "Yilmaz", "Demir", "Kaya", "Adeyemi", "Osei", "Nwosu", "Boateng", "Kowalski", "Nowak", "Popescu", "Ionescu", "Celik", "Ozturk", "Baptiste", "Da Silva",
  "Mahmood", "Abdi", "Farah", "Hassan", "Ibrahim", "Mohamed", "Omar", "Warsame", "Gotobed", "Fenwick", "Kisby", "Lovell", "Blyth", "Pryor", "Rayner", "Peck", "Hewitt", "Tilney",
] as const;

const FIRST_NAMES = [
  "Amina", "Kwame", "Ayse", "Mehmet", "Chloe", "Daniel", "Fatima", "Olumide", "Grace", "Yusuf", "Sophie", "Jamal", "Leah", "Emre", "Blessing", "Tyrone", "Maria", "Hassan", "Zainab",
  "Callum", "Precious", "Ibrahim", "Rosa", "Samuel", "Hannah", "Kemal", "Nadia", "Joseph", "Aaliyah", "Tomas", "Emma", "Jack", "Olivia", "Harry", "Amelia", "George", "Isla", "Oliver",
  "Jessica", "Thomas", "Lily", "James", "Poppy", "William", "Ruby", "Liam", "Agnieszka", "Marek", "Ioana", "Andrei", "Sarah", "Mark", "Kirsty", "Dean", "Shannon", "Wayne", "Chantelle",
  "Craig", "Aleksandra", "Tomasz",
];

/** The k-th character of a reference: a bijection of the case number over 23^6, so references are unique and look random. */
const refChar = (k: number) => `substr('3479ACDEFGHJKMNPQRTWXY6', 1 + (((f.i::bigint * 7919 + 104729) % 148035889) / ${23 ** k} % 23)::int, 1)`;

const sqlArray = (xs: readonly string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]::text[]`;

export type TBenchCouncil = { tenantId: string; prefix: string; areas: string[]; streets: string[]; town: string; organisationIds: string[]; staffIds: string[]; potId: string; fundId: string };

/**
 * Writes `count` applications and cases for one council, numbered from `first` (references are a
 * bijection of the number, so unique). Returns the rows written per table.
 */
export async function seedBenchCouncil(client: pg.Client, c: TBenchCouncil, first: number, count: number, seed: number, options: { awards?: boolean } = {}): Promise<Record<string, number>> {
  const written: Record<string, number> = {};
  await client.query("begin");
  try {
    await client.query(`select set_config('app.tenant_id', $1, true), setseed($2)`, [c.tenantId, seed]);
    await client.query(`drop table if exists bench_rows`);
    // One row per case with every attribute drawn once, so the application and its case agree.
    await client.query(
      `create temp table bench_rows on commit drop as
       with base as (
         select i, random() as r_age, random() as r_status, random() as r_name, random() as r_first, random() as r_area, random() as r_channel, random() as r_need, random() as r_need2,
                random() as r_pri, random() as r_pri2, random() as r_pri3, random() as r_staff, random() as r_org, random() as r_dob
         from generate_series($1::int, $1::int + $2::int - 1) as i),
       drawn as (
         select b.*,
           -- 6 % arrived in the last 21 days; the rest over three years.
           case when b.r_age < 0.06 then now() - (b.r_age / 0.06) * interval '21 days' else now() - interval '21 days' - ((b.r_age - 0.06) / 0.94) * interval '1075 days' end as received,
           (${sqlArray(SURNAMES)})[1 + least(${SURNAMES.length - 1}, floor(exp(b.r_name * ln(${SURNAMES.length + 1})) - 1)::int)] as surname,
           (${sqlArray(FIRST_NAMES)})[1 + floor(b.r_first * ${FIRST_NAMES.length})::int] as firstname,
           (${sqlArray(c.areas)})[1 + floor(b.r_area * ${c.areas.length})::int] as area,
           case when b.r_channel < 0.58 then 'RESIDENT_ONLINE' when b.r_channel < 0.70 then 'OFFICER_PHONE' when b.r_channel < 0.76 then 'OFFICER_IN_PERSON'
                when b.r_channel < 0.89 then 'REFERRAL_PORTAL' when b.r_channel < 0.94 then 'REFERRAL_API' else 'PROACTIVE_INVITATION' end as channel,
           case when b.r_need < 0.40 then 'food' when b.r_need < 0.70 then 'energy' when b.r_need < 0.81 then 'essentials' when b.r_need < 0.88 then 'furniture'
                when b.r_need < 0.95 then 'rent-arrears' when b.r_need < 0.98 then 'council-tax-arrears' else 'other' end as need1,
           case when b.r_need2 < 0.12 then 'energy' when b.r_need2 < 0.22 then 'food' when b.r_need2 < 0.30 then 'essentials' when b.r_need2 < 0.35 then 'rent-arrears' end as need2
         from base b),
       facts as (
         select d.*,
           d.r_pri < 0.18 as no_food, d.r_pri2 < 0.07 as meter_off, d.r_pri2 >= 0.07 and d.r_pri2 < 0.19 as running_out, d.r_pri3 < 0.04 as eviction,
           d.r_pri3 >= 0.04 and d.r_pri3 < 0.22 as child_under_5, (d.r_pri * 7)::numeric % 1 < 0.04 as pregnant, (d.r_pri2 * 5)::numeric % 1 < 0.20 as disability,
           (d.r_pri3 * 3)::numeric % 1 < 0.10 as pension, d.channel like 'REFERRAL%' and d.r_org < 0.3 as fast_track,
           case when d.received > now() - interval '21 days'
                then case when d.r_status < 0.45 then 'NEW' when d.r_status < 0.75 then 'IN_REVIEW' when d.r_status < 0.85 then 'AWAITING_INFORMATION'
                          when d.r_status < 0.95 then 'APPROVED' else 'DECLINED' end
                else case when d.r_status < 0.004 then 'NEW' when d.r_status < 0.007 then 'IN_REVIEW' when d.r_status < 0.010 then 'AWAITING_INFORMATION'
                          when d.r_status < 0.61 then 'APPROVED' when d.r_status < 0.69 then 'PART_APPROVED' when d.r_status < 0.92 then 'DECLINED'
                          when d.r_status < 0.96 then 'WITHDRAWN' else 'CLOSED_DUPLICATE' end end as status
         from drawn d)
       select f.i, f.firstname || ' ' || f.surname as "fullName", f.firstname, f.surname,
         '${c.prefix}-' || ${[0, 1, 2, 3].map(refChar).join(" || ")} || '-' || ${[4, 5].map(refChar).join(" || ")} as reference,
         f.area || ' ' || (1 + f.i % 9) || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + (f.i / 9) % 20, 1) || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + (f.i / 180) % 20, 1) as postcode,
         f.channel, f.status, f.received at time zone 'UTC' as "receivedAt",
         array_remove(array[f.need1, case when f.need2 is distinct from f.need1 then f.need2 end], null) as needs,
         (case when f.no_food then 40 else 0 end) + (case when f.meter_off then 40 else 0 end) + (case when f.eviction then 35 else 0 end) + (case when f.running_out then 20 else 0 end)
           + (case when f.fast_track then 20 else 0 end) + (case when f.child_under_5 then 15 else 0 end) + (case when f.pregnant then 15 else 0 end)
           + (case when f.disability then 10 else 0 end) + (case when f.pension then 10 else 0 end) as score,
         array_remove(array[case when f.no_food then 'no-food-today' end, case when f.meter_off then 'meter-off' end, case when f.eviction then 'eviction-notice' end,
           case when f.running_out then 'meter-running-out' end, case when f.fast_track then 'fast-track-referral' end, case when f.child_under_5 then 'child-under-5' end,
           case when f.pregnant then 'pregnancy' end, case when f.disability then 'disability' end, case when f.pension then 'pension-age' end], null) as reasons,
         f.no_food, f.meter_off, f.running_out, f.eviction, f.child_under_5, f.pregnant, f.disability, f.pension,
         case when f.channel like 'REFERRAL%' then (${sqlArray(c.organisationIds)})[1 + floor(f.r_org * ${c.organisationIds.length})::int]::uuid end as "organisationId",
         case when f.status = 'NEW' then null else (${sqlArray(c.staffIds)})[1 + floor(f.r_staff * ${c.staffIds.length})::int]::uuid end as "assignedToId",
         (date '1950-01-01' + (f.r_dob * 20000)::int) as dob
       from facts f`,
      [first, count],
    );
    await client.query(`create index on bench_rows (reference)`);
    await client.query(`analyze bench_rows`);
    // The canonical application (lib/applications/schemas.ts), small but complete.
    const app = await client.query(
      `insert into "Application" (id, "tenantId", reference, "schemaVersion", channel, "residentStatus", data, "fullName", "dateOfBirth", postcode, email, mobile, locale, "urgencyFlags", "submittedAt", "updatedAt")
       select gen_random_uuid(), $1::uuid, r.reference, 1, r.channel::"ApplicationChannel",
         (case when r.status = 'NEW' then 'RECEIVED' when r.status in ('IN_REVIEW') then 'IN_REVIEW' when r.status = 'AWAITING_INFORMATION' then 'MORE_INFO_NEEDED'
               when r.status in ('WITHDRAWN', 'CLOSED_DUPLICATE') then 'CLOSED' else 'DECIDED' end)::"ResidentStatus",
         jsonb_build_object(
           'schemaVersion', 1,
           'aboutYou', jsonb_build_object('fullName', r."fullName", 'dateOfBirth', r.dob, 'email', lower(r.firstname) || '.' || r.i || '@example.com', 'mobile', null, 'preferredLanguage', 'en'),
           'address', jsonb_build_object('postcode', r.postcode, 'line1', (1 + r.i % 180) || ' ' || (${sqlArray(c.streets)})[1 + r.i % ${c.streets.length}], 'line2', '', 'town', '${c.town}', 'source', 'manual', 'lookupId', null),
           'household', jsonb_build_object('adults', 1 + r.i % 2, 'children', case when r.child_under_5 then 1 else 0 end, 'childrenAges', case when r.child_under_5 then '[3]'::jsonb else '[]'::jsonb end,
                                           'pregnant', r.pregnant, 'overPensionAge', r.pension, 'disabilityOrIllness', r.disability),
           'needs', jsonb_build_object('categories', to_jsonb(r.needs), 'rentArrearsPence', null, 'councilTaxArrearsPence', null, 'otherNeed', null),
           'urgency', jsonb_build_object('enoughFoodToday', not r.no_food, 'prepaymentMeter', case when r.meter_off then 'off' when r.running_out then 'running-out' else 'no-meter' end, 'evictionNotice', r.eviction),
           'income', jsonb_build_object('employment', case when r.pension then 'retired' else 'unemployed' end, 'benefits', '["universal-credit"]'::jsonb, 'noRecourseToPublicFunds', 'no'),
           'housing', jsonb_build_object('tenure', case when r.eviction then 'private-rent' else 'council-or-housing-association' end),
           'payment', jsonb_build_object('method', 'voucher-email'),
           'consent', jsonb_build_object('shareWithAdvicePartners', true, 'contactAboutSupport', false),
           'declaration', jsonb_build_object('confirmed', true)),
         r."fullName", r.dob, r.postcode, lower(r.firstname) || '.' || r.i || '@example.com', null, 'en',
         array_remove(array[case when r.no_food then 'no-food-today' end, case when r.meter_off then 'meter-off' end, case when r.running_out then 'meter-running-out' end,
           case when r.eviction then 'eviction-notice' end, case when r.pregnant then 'pregnancy' end, case when r.child_under_5 then 'child-under-5' end, case when r.disability then 'disability' end], null),
         r."receivedAt", r."receivedAt"
       from bench_rows r`,
      [c.tenantId],
    );
    written.applications = app.rowCount ?? 0;
    const cases = await client.query(
      `insert into "Case" (id, "tenantId", "applicationId", reference, status, channel, "fullName", postcode, "needCategories", "organisationId", "assignedToId", "assignedAt",
                           "priorityScore", "priorityBand", "priorityReasons", "receivedAt", "slaDueOn", "decidedAt", "decidedById", "decisionReasonCode", "decisionExplanation", "createdAt", "updatedAt")
       select gen_random_uuid(), $1::uuid, a.id, r.reference, r.status::"CaseStatus", a.channel, r."fullName", r.postcode, r.needs, r."organisationId", r."assignedToId",
              case when r."assignedToId" is null then null else r."receivedAt" + interval '3 hours' end,
              r.score, (case when r.score >= 40 then 'URGENT' else 'STANDARD' end)::"PriorityBand", r.reasons, r."receivedAt",
              (r."receivedAt" + case when r.score >= 40 then interval '2 days' else interval '14 days' end)::date,
              case when r.status in ('APPROVED', 'PART_APPROVED', 'DECLINED') then r."receivedAt" + interval '2 days' end,
              case when r.status in ('APPROVED', 'PART_APPROVED', 'DECLINED') then r."assignedToId" end,
              case when r.status in ('APPROVED', 'PART_APPROVED') then 'need-met' when r.status = 'DECLINED' then 'not-eligible' end,
              case when r.status in ('APPROVED', 'PART_APPROVED') then 'We have agreed to help.' when r.status = 'DECLINED' then 'The fund cannot help with this.' end,
              r."receivedAt", r."receivedAt"
       from bench_rows r join "Application" a on a."tenantId" = $1::uuid and a.reference = r.reference`,
      [c.tenantId],
    );
    written.cases = cases.rowCount ?? 0;
    // Every application's "we have your application" email, sent (the case page lists an application's messages).
    const messages = await client.query(
      `insert into "OutboundMessage" (id, "tenantId", template, channel, "to", locale, subject, body, personalisation, status, attempts, provider, "createdAt", "nextAttemptAt", "sentAt")
       select gen_random_uuid(), $1::uuid, 'application-received', 'EMAIL', lower(r.firstname) || '.' || r.i || '@example.com', 'en', 'We have your application',
              'We have your application. Your reference is ' || r.reference || '.', jsonb_build_object('reference', r.reference, 'council', 'Bench'), 'SENT', 1, 'smtp',
              r."receivedAt", r."receivedAt", r."receivedAt" + interval '1 minute'
       from bench_rows r`,
      [c.tenantId],
    );
    written.messages = messages.rowCount ?? 0;
    // One case in five has a timeline and, when approved, an award line (the case page reads them).
    const events = await client.query(
      `insert into "CaseEvent" (id, "tenantId", "caseId", kind, "actorKind", "actorUserId", data, "createdAt")
       select gen_random_uuid(), $1::uuid, c.id, e.kind, case when c."assignedToId" is null then 'system' else 'staff' end, c."assignedToId", jsonb_build_object('from', e.f, 'to', e.t), c."receivedAt" + e.after
       from "Case" c join bench_rows r on r.reference = c.reference
       cross join lateral (values ('claimed', 'NEW', 'IN_REVIEW', interval '3 hours'), ('note', null, null, interval '5 hours'),
                                  ('status.' || case c.status when 'APPROVED' then 'approve' when 'PART_APPROVED' then 'part-approve' else 'decline' end, 'IN_REVIEW', c.status::text, interval '2 days')) as e(kind, f, t, after)
       where c."tenantId" = $1::uuid and r.i % 5 = 0 and c.status in ('APPROVED', 'PART_APPROVED', 'DECLINED')`,
      [c.tenantId],
    );
    written.events = events.rowCount ?? 0;
    const awards = options.awards === false ? { rowCount: 0 } : await client.query(
      `insert into "Award" (id, "tenantId", "caseId", "potId", "needCategory", "amountPence", "paymentMethod", status, "proposedById", "approvedById", "approvedAt", "createdAt", "updatedAt")
       select gen_random_uuid(), $1::uuid, c.id, $2::uuid, c."needCategories"[1], 2000 + (r.i % 20) * 500, 'voucher-email', 'APPROVED', c."assignedToId", c."assignedToId", c."decidedAt", c."decidedAt", c."decidedAt"
       from "Case" c join bench_rows r on r.reference = c.reference
       where c."tenantId" = $1::uuid and r.i % 5 = 0 and c.status in ('APPROVED', 'PART_APPROVED')`,
      [c.tenantId, c.potId],
    );
    written.awards = awards.rowCount ?? 0;
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }
  return written;
}
