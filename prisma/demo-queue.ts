// Carries out the demo queue plan (prisma/demo-queue-plan.ts) in each demo council: writes the
// applications (the canonical shape, validated by ZApplication, bank details sealed and masked as
// recordApplication stores them) with their cases in one statement, then moves each case where the
// plan says through the real services — claimCase, transitionCase, decideCase (awards committed
// through the ledger), approveAward by the approver (four eyes), cancelAward, withdrawCase — as
// the demo officer, the approver or a colleague. Finally the timeline's times are moved back to
// when the plan says the work happened (the ledger keeps its real posting times).
//
// Idempotent: a case already in the database is not written again, and only a case still NEW
// whose plan says otherwise is worked. No "application received" messages are queued (the demo
// residents are fictional). Needs the server-only services, so it runs under
// `--conditions=react-server` (scripts/start.ts runs it as a child process only when some work is
// left: see demoQueueWorkLeft and demoPaymentsWorkLeft). Run as a script, it then pays what the
// demo councils have paid (prisma/demo-payments.ts).
import { staffActor, type TStaffActor } from "@/lib/actor";
import { PrismaPg } from "@prisma/adapter-pg";
import { approveAward } from "@/lib/awards/approve-award";
import { cancelAward } from "@/lib/awards/cancel-award";
import { maskedForStorage } from "@/lib/intake/record-application";
import { urgencyFlags, ZApplication } from "@/lib/applications/schemas";
import { addCaseNote } from "@/lib/cases/add-case-note";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/decisions/decide-case";
import { transitionCase } from "@/lib/cases/transition";
import { withdrawCase } from "@/lib/decisions/withdraw-case";
import { closeDb } from "@/lib/db/client";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { encryptSecret } from "@/lib/security/crypto";
import { DEMO_COUNCILS } from "./demo-data";
import { seedDemoInformation } from "./demo-information";
import { DEMO_COLLEAGUES, type TDemoActor, type TDemoCase } from "./demo-queue-plan";
import { demoQueueState } from "./demo-queue-state";
import { seedDemoDocuments } from "./demo-documents";
import { seedDemoAdvice } from "./demo-advice";
import { seedDemoVouchers } from "./demo-vouchers";
import { seedDemoSuppliers } from "./demo-suppliers";
import { seedDemoOutreach } from "./demo-outreach";
import { seedDemoHistory } from "./demo-history";
import { addMembership, asOwnerInCouncil, createUser } from "./factories";

type TActors = Record<"officer" | "approver", TStaffActor> & { colleagues: TStaffActor[] };

async function actorsOf(db: PrismaClient, tenantId: string, slug: string): Promise<TActors> {
  const council = DEMO_COUNCILS.find((c) => c.slug === slug)!;
  const actor = async (email: string, role: string): Promise<TStaffActor> => {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    return staffActor({ council: { id: tenantId }, user: { userId: user.id, email }, roles: [role] });
  };
  const colleagues: TStaffActor[] = [];
  for (const c of DEMO_COLLEAGUES[slug] ?? []) {
    if (!(await db.user.findUnique({ where: { email: c.email } }))) {
      const user = await createUser(db, { email: c.email, name: c.name, password: null, mfa: false });
      await addMembership(db, tenantId, user.id, "OFFICER");
    }
    colleagues.push(await actor(c.email, "OFFICER"));
  }
  return {
    officer: await actor(council.staff.find((s) => s.role === "OFFICER")!.email, "OFFICER"),
    approver: await actor(council.staff.find((s) => s.role === "APPROVER")!.email, "APPROVER"),
    colleagues,
  };
}

const who = (actors: TActors, a: TDemoActor): TStaffActor => (a === "officer" ? actors.officer : a === "approver" ? actors.approver : actors.colleagues[a] ?? actors.officer);

function expectDone(what: string, result: { outcome: string }): void {
  if (result.outcome !== "done" && result.outcome !== "added" && result.outcome !== "decided") throw new Error(`demo queue: ${what}: ${JSON.stringify(result, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`);
}

export async function seedDemoQueue(db: PrismaClient, log: (m: string) => void = console.log, now = new Date()): Promise<void> {
  if (process.env.NODE_ENV === "production") throw new Error("Refusing to seed demo data in production");
  for (const state of await demoQueueState(db, now)) {
    const { council, tenantId, plan, missing, toWork } = state;
    if (!missing.length && !toWork.length) continue;
    const started = Date.now();
    const actors = await actorsOf(db, tenantId, council.slug);
    const orgs = new Map((await db.organisation.findMany({ where: { tenantId } })).map((o) => [o.name, o.id]));
    const pots = new Map((await db.pot.findMany({ where: { tenantId } })).map((p) => [p.name, p.id]));

    // ---- the applications and their cases, in one statement ----
    if (missing.length) {
      const rows = missing.map((p) => {
        const app = ZApplication.parse(p.application);
        return {
          reference: p.reference,
          channel: p.channel,
          data: maskedForStorage(app),
          bankDetailsEnc: app.payment.method === "bank" ? encryptSecret(JSON.stringify(app.payment.bank)) : null,
          fullName: app.aboutYou.fullName,
          dateOfBirth: app.aboutYou.dateOfBirth,
          postcode: app.address.postcode,
          email: app.aboutYou.email,
          mobile: app.aboutYou.mobile,
          locale: p.locale,
          urgencyFlags: urgencyFlags(app),
          submittedAt: p.receivedAt.toISOString(),
          needCategories: app.needs.categories,
          organisationId: p.organisation ? (orgs.get(p.organisation) ?? null) : null,
          priorityScore: p.priority.score,
          priorityBand: p.priority.band,
          priorityReasons: p.priority.reasons,
          slaDueOn: p.slaDueOn,
        };
      });
      await asOwnerInCouncil(db, tenantId, (tx) =>
        tx.$executeRawUnsafe(
          `with r as (select * from jsonb_to_recordset($2::jsonb) as r(reference text, channel text, data jsonb, "bankDetailsEnc" text, "fullName" text, "dateOfBirth" date, postcode text, email text,
                mobile text, locale text, "urgencyFlags" text[], "submittedAt" timestamptz, "needCategories" text[], "organisationId" uuid, "priorityScore" int, "priorityBand" text,
                "priorityReasons" text[], "slaDueOn" date)),
           a as (
             insert into "Application" (id, "tenantId", reference, "schemaVersion", channel, data, "bankDetailsEnc", "fullName", "dateOfBirth", postcode, email, mobile, locale, "urgencyFlags", "submittedAt", "updatedAt")
             select gen_random_uuid(), $1::uuid, r.reference, 1, r.channel::"ApplicationChannel", r.data, r."bankDetailsEnc", r."fullName", r."dateOfBirth", r.postcode, r.email, r.mobile, r.locale,
                    r."urgencyFlags", r."submittedAt" at time zone 'UTC', r."submittedAt" at time zone 'UTC'
             from r on conflict ("tenantId", reference) do nothing
             returning id, reference, channel, "fullName", postcode, "submittedAt")
           insert into "Case" (id, "tenantId", "applicationId", reference, channel, "fullName", postcode, "needCategories", "organisationId", "priorityScore", "priorityBand", "priorityReasons", "receivedAt", "slaDueOn", "createdAt", "updatedAt")
           select gen_random_uuid(), $1::uuid, a.id, a.reference, a.channel, a."fullName", a.postcode, r."needCategories", r."organisationId", r."priorityScore", r."priorityBand"::"PriorityBand",
                  r."priorityReasons", a."submittedAt", r."slaDueOn", a."submittedAt", a."submittedAt"
           from a join r on r.reference = a.reference`,
          tenantId,
          JSON.stringify(rows),
        ),
      );
    }
    const ids = new Map(
      (await asOwnerInCouncil(db, tenantId, (tx) => tx.$queryRaw<{ id: string; reference: string }[]>`select id, reference from "Case" where reference = any(${toWork.map((p) => p.reference)}::text[])`)).map((r) => [
        r.reference,
        r.id,
      ]),
    );

    // ---- each case taken where the plan says, through the services ----
    let awards = 0;
    let refused = 0;
    const worked: { id: string; at: string }[] = [];
    const byReference = new Map(plan.map((p) => [p.reference, p]));
    for (const p of toWork) {
      const caseId = ids.get(p.reference)!;
      const outcome = await workCase(p, caseId, actors, pots, byReference);
      awards += outcome.awards;
      refused += outcome.refused ? 1 : 0;
      worked.push({ id: caseId, at: p.actedAt.toISOString() });
    }

    // ---- the timeline backdated to when the work happened ----
    if (worked.length) await backdate(db, tenantId, worked);
    log(`Demo queue: ${council.name}: ${missing.length} applications, ${worked.length} cases worked, ${awards} award lines${refused ? ` (${refused} declined: pot refused)` : ""} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  await seedDemoDocuments(db, log);
  await seedDemoAdvice(db, log, now);
  await seedDemoInformation(db, log, now);
  await seedDemoVouchers(db, log);
  await seedDemoSuppliers(db, log);
  await seedDemoOutreach(db, log);
  await seedDemoHistory(db, log, now);
}

async function workCase(p: TDemoCase, caseId: string, actors: TActors, pots: Map<string, string>, plan: Map<string, TDemoCase>): Promise<{ awards: number; refused: boolean }> {
  const worker = who(actors, p.worker ?? 0);
  const sql = (fn: Parameters<typeof withTenantSql>[1]) => withTenantSql(worker.council.id, fn, worker.user.userId);
  if (p.target === "WITHDRAWN" && !p.decision) {
    expectDone("withdraw", await withdrawCase(worker, caseId, "The resident phoned to say they no longer need help: a family member has helped."));
    return { awards: 0, refused: false };
  }
  expectDone("claim", await claimCase(worker, caseId));
  if (p.target === "IN_REVIEW") {
    if (p.reference.charCodeAt(5) % 3 === 0) expectDone("note", await addCaseNote(worker, caseId, { text: "Called the resident: no answer. Left a voicemail asking them to call back." }));
    return { awards: 0, refused: false };
  }
  if (p.target === "AWAITING_INFORMATION") {
    const result = (await sql((s) => transitionCase(s, worker, caseId, "request-information", { eventData: { request: "A recent bank statement and the latest Universal Credit statement" } }))) as { outcome: string };
    expectDone("request information", result);
    return { awards: 0, refused: false };
  }
  if (p.target === "CLOSED_DUPLICATE") {
    const original = [...plan.values()].find((o) => o.application.aboutYou.fullName === p.application.aboutYou.fullName && o.reference !== p.reference);
    const result = (await sql((s) => transitionCase(s, worker, caseId, "close-duplicate", { eventData: { reason: original ? `Same household as ${original.reference}` : "Sent twice by mistake" } }))) as { outcome: string };
    expectDone("close duplicate", result);
    return { awards: 0, refused: false };
  }
  const d = p.decision!;
  const paymentMethod = (p.application.payment as { method: string }).method;
  const input =
    d.decision === "decline"
      ? { decision: "decline", reasonCode: d.reasonCode, explanation: d.explanation }
      : { decision: d.decision, reasonCode: d.reasonCode, explanation: d.explanation, lines: d.awards.map((a) => ({ potId: pots.get(a.pot)!, needCategory: a.need, amountPence: BigInt(a.amountPence), paymentMethod })) };
  let decided = await decideCase(worker, caseId, input);
  let refused = false;
  if (decided.outcome === "refused") {
    // Someone using the demo spent the pot: the officer says so.
    refused = true;
    decided = await decideCase(worker, caseId, { decision: "decline", reasonCode: "fund-exhausted", explanation: "The fund has no money left for this need. We have sent you details of other help." });
  }
  if (decided.outcome !== "decided") throw new Error(`demo queue: decide ${p.reference}: ${decided.outcome}`);
  if (refused) return { awards: 0, refused };
  for (const [i, award] of decided.awards.entries()) {
    const planned = d.awards[i]!;
    if (award.status === "AWAITING_APPROVAL" && planned.approvedBy) {
      const approved = await approveAward(actors.approver, award.id);
      if (approved.outcome !== "done" && approved.outcome !== "refused") throw new Error(`demo queue: approve ${p.reference}: ${approved.outcome}`);
    }
    if (award.status === "APPROVED" && planned.cancelled) expectDone("cancel", await cancelAward(worker, award.id, "The resident found the help elsewhere before payment."));
  }
  if (p.withdrawnAfterDecision) expectDone("withdraw", await withdrawCase(worker, caseId, "The resident asked us to withdraw: their back-dated benefit payment arrived."));
  return { awards: decided.awards.length, refused };
}

/**
 * Moves the worked cases' timeline (and the times on the case and its awards) back to when the
 * plan says it happened, 23 minutes apart in the order written (events of one transaction share
 * its now(), so the order within it is the heap's: ctid).
 */
async function backdate(db: PrismaClient, tenantId: string, worked: { id: string; at: string }[]): Promise<void> {
  await asOwnerInCouncil(db, tenantId, async (tx) => {
    const v = JSON.stringify(worked);
    await tx.$executeRawUnsafe(
      `with v as (select id, at at time zone 'UTC' as at from jsonb_to_recordset($1::jsonb) as v(id uuid, at timestamptz)),
            e as (select e.id, least(v.at + (row_number() over (partition by e."caseId" order by e."createdAt", e.ctid) - 1) * interval '23 minutes', (now() at time zone 'UTC') - interval '1 minute') as at
                  from "CaseEvent" e join v on v.id = e."caseId")
       update "CaseEvent" x set "createdAt" = e.at from e where e.id = x.id`,
      v,
    );
    await tx.$executeRawUnsafe(
      `with v as (select id from jsonb_to_recordset($1::jsonb) as v(id uuid))
       update "Award" a set "createdAt" = t.created, "approvedAt" = case when a."approvedAt" is null then null else t.approved end,
              "cancelledAt" = case when a."cancelledAt" is null then null else t.cancelled end, "updatedAt" = greatest(t.created, t.approved, t.cancelled)
       from (select a.id, min(e."createdAt") as created, max(e."createdAt") filter (where e.kind = 'award.approved') as approved, max(e."createdAt") filter (where e.kind = 'award.cancelled') as cancelled
             from "Award" a join v on v.id = a."caseId" join "CaseEvent" e on e."caseId" = a."caseId" and e.data->>'awardId' = a.id::text group by a.id) t
       where t.id = a.id`,
      v,
    );
    await tx.$executeRawUnsafe(
      `with v as (select id from jsonb_to_recordset($1::jsonb) as v(id uuid))
       update "Case" c set "assignedAt" = case when c."assignedAt" is null then null else t.claimed end,
              "decidedAt" = case when c."decidedAt" is null then null else t.decided end, "updatedAt" = t.last
       from (select e."caseId", min(e."createdAt") filter (where e.kind in ('claimed', 'assigned')) as claimed,
                    max(e."createdAt") filter (where e.kind in ('status.approve', 'status.part-approve', 'status.decline')) as decided, max(e."createdAt") as last
             from "CaseEvent" e join v on v.id = e."caseId" group by e."caseId") t
       where t."caseId" = c.id`,
      v,
    );
  });
}

// Run as a script (scripts/start.ts: `tsx --conditions=react-server prisma/demo-queue.ts <owner url>`).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const ownerUrl = process.argv[2] ?? process.env.DATABASE_URL;
  if (!ownerUrl) throw new Error("usage: demo-queue.ts <owner database url>");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl }) });
  try {
    await seedDemoQueue(db, (m) => console.log(`[start] ${m}`));
    await (await import("./demo-assisted")).seedDemoAssisted(db, (m) => console.log(`[start] ${m}`));
    await (await import("./demo-duplicates")).seedDemoDuplicates(db, (m) => console.log(`[start] ${m}`));
    await (await import("./demo-payments")).seedDemoPayments(db, (m) => console.log(`[start] ${m}`));
  } finally {
    await db.$disconnect();
    await closeDb();
  }
}
