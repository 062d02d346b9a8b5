import "server-only";
import { sql as q } from "kysely";
import { actorEmail, actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { displayUkMobile } from "@/lib/applications/formats";
import { agreedToAdvicePartners } from "@/lib/advice/consent";
import { outcomeGainPence } from "@/lib/advice/income-gained";
import { outcomeProblems, type TOutcomeInput, type TReferralInput } from "@/lib/advice/schemas";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { correctedContact } from "@/lib/cases/corrected-answers";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { AdviceOutcomeKind, AdviceValuePeriod } from "@/lib/generated/prisma/enums";
import { enqueueMessageSql } from "@/lib/notifications/enqueue-message";
import { recordCaseEvent } from "@/lib/timeline/case-events";

// Onward referrals from a case to one of the council's advice partners, and what they gained.
// An officer (cases:work) refers only when the resident agreed to share with advice partners: the
// service refuses otherwise, whatever the page showed. The referral, a timeline line, an audit
// event and the email to the partner (through the outbox) commit together.

export type TReferResult =
  | { outcome: "referred"; referralId: string; partnerName: string }
  | { outcome: "forbidden" }
  | { outcome: "not-found" }
  | { outcome: "no-consent" }
  | { outcome: "partner-unavailable" };

export type TOutcomeResult = { outcome: "recorded"; outcomeId: string; gainPence: bigint } | { outcome: "forbidden" } | { outcome: "not-found" } | { outcome: "invalid"; problems: string[] };

/** The case as the referral needs it: reference, corrected contact and consent. */
async function readCaseForAdvice(sql: TSql, caseId: string) {
  const c = await sql.db
    .selectFrom("Case as c")
    .innerJoin("Application as a", (j) => j.onRef("a.tenantId", "=", "c.tenantId").onRef("a.id", "=", "c.applicationId"))
    .select(["c.id", "c.reference", "c.fullName", "a.data"])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  if (!c) return null;
  const amendments = await sql.db.selectFrom("CaseAmendment").select(["field", "newValue"]).where("caseId", "=", caseId).orderBy("createdAt", "desc").orderBy("id", "desc").execute();
  const contact = correctedContact(c.data, amendments);
  return { id: c.id, reference: c.reference, name: contact.fullName ?? c.fullName, email: contact.email, mobile: contact.mobile, consent: agreedToAdvicePartners(c.data, amendments) };
}

/** Refers the resident of a case to an advice partner, with a note of the help they need. */
export async function referToAdvicePartner(actor: TActor, caseId: string, input: TReferralInput, ip: string | null = null): Promise<TReferResult> {
  if (!can(actor, "cases:work")) return { outcome: "forbidden" };
  const tenantId = councilIdOf(actor);
  return withTenantSql(
    tenantId,
    async (sql) => {
      const c = await readCaseForAdvice(sql, caseId);
      if (!c) return { outcome: "not-found" as const };
      if (!c.consent) {
        await recordAuditSql(sql, { tenantId, actor, action: "advice.referral-refused", entityType: "Case", entityId: caseId, summary: `Refused an onward referral of ${c.reference}: no consent to share with advice partners`, ip });
        return { outcome: "no-consent" as const };
      }
      const partner = await sql.db.selectFrom("AdvicePartner").select(["id", "name", "contactEmail"]).where("id", "=", input.partnerId).where("active", "=", true).executeTakeFirst();
      if (!partner) return { outcome: "partner-unavailable" as const };
      const referral = await sql.db
        .insertInto("AdviceReferral")
        .values({ id: q<string>`gen_random_uuid()`, tenantId, caseId, partnerId: partner.id, needNote: input.needNote, referredByUserId: actorUserId(actor)! })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordCaseEvent(sql, actor, caseId, "advice.referred", { referralId: referral.id, partnerId: partner.id, partnerName: partner.name, needNote: input.needNote });
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "advice.referred",
        entityType: "AdviceReferral",
        entityId: referral.id,
        summary: `Referred ${c.reference} to advice partner ${partner.name} (email to ${partner.contactEmail})`,
        metadata: { caseId, partnerId: partner.id },
        ip,
      });
      const council = await sql.db.selectFrom("Tenant").select(["id", "name"]).where("id", "=", tenantId).executeTakeFirstOrThrow();
      const officer = await sql.db.selectFrom("User").select("name").where("id", "=", actorUserId(actor)!).executeTakeFirst();
      // The minimum a partner needs to contact the resident: reference, name, contact, the need.
      await enqueueMessageSql(sql, {
        council: { id: council.id, settings: {} },
        template: "advice-referral",
        channel: "EMAIL",
        to: partner.contactEmail,
        locale: "en",
        params: { council: council.name, partner: partner.name, reference: c.reference, name: c.name, email: c.email ?? "–", phone: c.mobile ? displayUkMobile(c.mobile) : "–", need: input.needNote, officer: officer?.name ?? actorEmail(actor) ?? "an officer" },
      });
      return { outcome: "referred" as const, referralId: referral.id, partnerName: partner.name };
    },
    actorUserId(actor),
  );
}

/** Records one outcome of a referral of this case (several may be recorded per referral). */
export async function recordAdviceOutcome(actor: TActor, caseId: string, referralId: string, outcome: TOutcomeInput, ip: string | null = null): Promise<TOutcomeResult> {
  if (!can(actor, "cases:work")) return { outcome: "forbidden" };
  const problems = outcomeProblems(outcome);
  if (problems.length) return { outcome: "invalid", problems };
  const tenantId = councilIdOf(actor);
  return withTenantSql(
    tenantId,
    async (sql) => {
      const referral = await sql.db
        .selectFrom("AdviceReferral as r")
        .innerJoin("AdvicePartner as p", (j) => j.onRef("p.tenantId", "=", "r.tenantId").onRef("p.id", "=", "r.partnerId"))
        .innerJoin("Case as c", (j) => j.onRef("c.tenantId", "=", "r.tenantId").onRef("c.id", "=", "r.caseId"))
        .select(["r.id", "p.name as partnerName", "c.reference"])
        .where("r.id", "=", referralId)
        .where("r.caseId", "=", caseId)
        .executeTakeFirst();
      if (!referral) return { outcome: "not-found" as const };
      const row = await sql.db
        .insertInto("AdviceOutcome")
        .values({
          id: q<string>`gen_random_uuid()`,
          tenantId,
          referralId,
          kind: outcome.kind,
          description: outcome.description,
          valuePence: outcome.valuePence,
          valuePeriod: outcome.valuePeriod,
          lumpSumPence: outcome.lumpSumPence,
          confirmedOn: q<Date>`${outcome.confirmedOn}::date`,
          recordedByUserId: actorUserId(actor)!,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const gainPence = outcomeGainPence(outcome);
      const facts = { referralId, outcomeId: row.id, kind: outcome.kind, valuePence: String(outcome.valuePence), valuePeriod: outcome.valuePeriod, lumpSumPence: String(outcome.lumpSumPence), confirmedOn: outcome.confirmedOn, gainPence: String(gainPence) };
      await recordCaseEvent(sql, actor, caseId, "advice.outcome", { ...facts, partnerName: referral.partnerName });
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "advice.outcome-recorded",
        entityType: "AdviceOutcome",
        entityId: row.id,
        summary: `Recorded an outcome of ${referral.reference}'s referral to ${referral.partnerName}: ${outcome.kind}, ${gainPence} pence in a year`,
        metadata: facts,
        ip,
      });
      return { outcome: "recorded" as const, outcomeId: row.id, gainPence };
    },
    actorUserId(actor),
  );
}

export type TCaseAdviceOutcome = { id: string; kind: AdviceOutcomeKind; description: string | null; valuePence: bigint; valuePeriod: AdviceValuePeriod; lumpSumPence: bigint; confirmedOn: string; gainPence: bigint };
export type TCaseAdviceReferral = { id: string; partnerName: string; needNote: string; createdAt: Date; referredByName: string | null; outcomes: TCaseAdviceOutcome[]; gainPence: bigint };
export type TCaseAdvice = { reference: string; consent: boolean; referrals: TCaseAdviceReferral[] };

/** A case's onward referrals with their outcomes (newest first) and whether the resident agreed to them (cases:read). */
export async function loadCaseAdvice(actor: TActor, caseId: string): Promise<TCaseAdvice | null> {
  if (!can(actor, "cases:read")) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const c = await readCaseForAdvice(sql, caseId);
      if (!c) return null;
      const referrals = await sql.db
        .selectFrom("AdviceReferral as r")
        .innerJoin("AdvicePartner as p", (j) => j.onRef("p.tenantId", "=", "r.tenantId").onRef("p.id", "=", "r.partnerId"))
        .leftJoin("User as u", "u.id", "r.referredByUserId")
        .select(["r.id", "p.name as partnerName", "r.needNote", "r.createdAt", "u.name as referredByName"])
        .where("r.caseId", "=", caseId)
        .orderBy("r.createdAt", "desc")
        .orderBy("r.id")
        .execute();
      const outcomes = referrals.length
        ? await sql.db
            .selectFrom("AdviceOutcome")
            .select(["id", "referralId", "kind", "description", "valuePence", "valuePeriod", "lumpSumPence", q<string>`to_char("confirmedOn", 'YYYY-MM-DD')`.as("confirmedOn")])
            .where(
              "referralId",
              "in",
              referrals.map((r) => r.id),
            )
            .orderBy("confirmedOn")
            .orderBy("createdAt")
            .execute()
        : [];
      return {
        reference: c.reference,
        consent: c.consent,
        referrals: referrals.map((r) => {
          const mine = outcomes
            .filter((o) => o.referralId === r.id)
            .map((o) => ({ id: o.id, kind: o.kind, description: o.description, valuePence: o.valuePence, valuePeriod: o.valuePeriod, lumpSumPence: o.lumpSumPence, confirmedOn: o.confirmedOn, gainPence: outcomeGainPence(o) }));
          return { ...r, outcomes: mine, gainPence: mine.reduce((s, o) => s + o.gainPence, 0n) };
        }),
      };
    },
    actorUserId(actor),
  );
}

/** One referral of a case, for the outcome page (cases:work). */
export async function findCaseReferral(actor: TActor, caseId: string, referralId: string): Promise<{ reference: string; partnerName: string } | null> {
  if (!can(actor, "cases:work")) return null;
  return (
    (await withTenantSql(actor.council.id, (sql) =>
      sql.db
        .selectFrom("AdviceReferral as r")
        .innerJoin("AdvicePartner as p", (j) => j.onRef("p.tenantId", "=", "r.tenantId").onRef("p.id", "=", "r.partnerId"))
        .innerJoin("Case as c", (j) => j.onRef("c.tenantId", "=", "r.tenantId").onRef("c.id", "=", "r.caseId"))
        .select(["c.reference", "p.name as partnerName"])
        .where("r.id", "=", referralId)
        .where("r.caseId", "=", caseId)
        .executeTakeFirst(),
    )) ?? null
  );
}
