import "server-only";
import { sql as q } from "kysely";
import { actorUserId, recordedActorLabel, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { personHistoryIn, type THistoryEntry } from "@/lib/cases/person-history";
import { loadCaseworkSettings, type TCaseworkSettings } from "@/lib/cases/settings";
import { withTenantSql } from "@/lib/db/tenant-scope";

export type TCaseMessage = { id: string; template: string; channel: string; to: string; status: string; createdAt: Date; sentAt: Date | null; failedAt: Date | null; failureReason: string | null };
export type TCaseLedgerMovement = { id: string; kind: string; amountPence: bigint; potName: string | null; createdAt: Date; actorUserId: string | null };

export type TCaseFile = {
  id: string;
  reference: string;
  status: string;
  channel: string;
  fullName: string;
  /** What the household needs (lib/vocabulary NEEDS), as copied to the case at intake. */
  needCategories: string[];
  priorityBand: string;
  priorityReasons: string[];
  /** The London date the case is due by, "YYYY-MM-DD". */
  slaDueOn: string;
  assignedToId: string | null;
  assignedTo: { id: string; name: string } | null;
  decidedById: string | null;
  decisionReasonCode: string | null;
  decisionExplanation: string | null;
  application: { id: string; data: unknown; submittedAt: Date; locale: string };
  amendments: { id: string; field: string; oldValue: unknown; newValue: unknown; reason: string; actorUserId: string; createdAt: Date }[];
  /** overriddenRules/overrideReason: pot rules an officer overrode for the line, with why (docs/decisions/0026). */
  awards: { id: string; needCategory: string; amountPence: bigint; paymentMethod: string; status: string; pot: { name: string }; proposedById: string; approvedById: string | null; overriddenRules: string[]; overrideReason: string | null }[];
  /** By a person (actorUserId: the page names them), or by another kind of actor (actorLabel: its words, lib/actor recordedActorLabel). */
  events: { id: string; kind: string; actorUserId: string | null; actorLabel: string | null; data: unknown; createdAt: Date }[];
  /** Referrals (issue 17): the referrer section as sent, the organisation, and the member who follows it now. */
  referral: unknown;
  organisationName: string | null;
  referrerUserId: string | null;
};

export type TCasePage = {
  file: TCaseFile;
  history: THistoryEntry[];
  messages: TCaseMessage[];
  ledger: TCaseLedgerMovement[];
  names: Map<string, string>;
  settings: TCaseworkSettings;
};

/**
 * Everything the case page shows, read in one transaction on one connection (the page is timed
 * by bench:queue): the case and the application as submitted (bank details stay sealed), its
 * corrections, award lines and timeline (newest first), the person's history, the messages sent
 * to the resident about it (the outbox, by reference), the ledger movements of its awards, the
 * names of everyone on it, and the council's reason codes and approval limit. Reading it is
 * recorded in the audit log (who viewed which case, when). Null for another council's case id
 * (row-level security), or a role without cases:read.
 */
export async function loadCasePage(actor: TActor, caseId: string, ip: string | null): Promise<TCasePage | null> {
  if (!can(actor, "cases:read") || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId)) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const c = await sql.db
        .selectFrom("Case as c")
        .innerJoin("Application as a", "a.id", "c.applicationId")
        .leftJoin("User as u", "u.id", "c.assignedToId")
        .leftJoin("Organisation as o", "o.id", "c.organisationId")
        .select((eb) => [
          "a.referral",
          "o.name as organisationName",
          "c.referrerUserId",
          "c.id",
          "c.reference",
          "c.status",
          "c.channel",
          "c.fullName",
          "c.needCategories",
          "c.priorityBand",
          "c.priorityReasons",
          q<string>`to_char(${eb.ref("c.slaDueOn")}, 'YYYY-MM-DD')`.as("slaDueOn"),
          "c.assignedToId",
          "u.name as assignedToName",
          "c.decidedById",
          "c.decisionReasonCode",
          "c.decisionExplanation",
          "a.id as applicationId",
          "a.data",
          "a.submittedAt",
          "a.locale",
        ])
        .where("c.id", "=", caseId)
        .executeTakeFirst();
      if (!c) return null;
      await recordAuditSql(sql, {
        tenantId: actor.council.id,
        actor,
        action: "case.viewed",
        entityType: "Case",
        entityId: c.id,
        summary: `Viewed case ${c.reference}`,
        ip,
      });
      const amendments = await sql.db
        .selectFrom("CaseAmendment")
        .select(["id", "field", "oldValue", "newValue", "reason", "actorUserId", "createdAt"])
        .where("caseId", "=", caseId)
        .orderBy("createdAt", "desc")
        .orderBy("id", "desc")
        .execute();
      const awards = (
        await sql.db
          .selectFrom("Award as a")
          .innerJoin("Pot as p", "p.id", "a.potId")
          .select(["a.id", "a.needCategory", "a.amountPence", "a.paymentMethod", "a.status", "p.name as potName", "a.proposedById", "a.approvedById", "a.overriddenRules", "a.overrideReason"])
          .where("a.caseId", "=", caseId)
          .orderBy("a.createdAt")
          .orderBy("a.id")
          .execute()
      ).map(({ potName, ...a }) => ({ ...a, pot: { name: potName } }));
      const events = (
        await sql.db
          .selectFrom("CaseEvent")
          .select(["id", "kind", "actorKind", "actorUserId", "actorRef", "data", "createdAt"])
          .where("caseId", "=", caseId)
          .orderBy("createdAt", "desc")
          .orderBy("id", "desc")
          .limit(500)
          .execute()
      ).map(({ actorKind, actorRef, ...e }) => ({ ...e, actorLabel: recordedActorLabel({ actorKind, actorRef }) }));
      // By the generated "reference" (indexed with the council; migration 20261125040000_case_queue_indexes).
      const messages: TCaseMessage[] = await sql.db
        .selectFrom("OutboundMessage")
        .select(["id", "template", "channel", "to", "status", "createdAt", "sentAt", "failedAt", "failureReason"])
        .where("tenantId", "=", actor.council.id)
        .where("reference", "=", c.reference)
        .orderBy("createdAt", "desc")
        .orderBy("id", "desc")
        .limit(50)
        .execute();
      // The payments' movements too (issue 19: sent disburses, returned or rejected recommits).
      const payments = awards.length ? await sql.db.selectFrom("Payment").select("id").where("caseId", "=", caseId).execute() : [];
      const keys = [...awards.flatMap((a) => [`award:${a.id}:commit`, `award:${a.id}:release`]), ...payments.flatMap((p) => [`payment:${p.id}:disburse`, `payment:${p.id}:recommit`])];
      const ledger: TCaseLedgerMovement[] = keys.length
        ? await sql.db
            .selectFrom("LedgerTransaction as t")
            .leftJoin("Pot as p", "p.id", "t.potId")
            .select(["t.id", "t.kind", "t.amountPence", "p.name as potName", "t.createdAt", "t.actorUserId"])
            .where("t.tenantId", "=", actor.council.id)
            .where("t.idempotencyKey", "in", keys)
            .execute()
        : [];
      const ids = new Set<string>();
      for (const e of events) {
        if (e.actorUserId) ids.add(e.actorUserId);
        const data = e.data as Record<string, unknown> | null;
        if (typeof data?.assignedToId === "string") ids.add(data.assignedToId);
      }
      for (const m of amendments) ids.add(m.actorUserId);
      if (c.referrerUserId) ids.add(c.referrerUserId);
      for (const a of awards) {
        ids.add(a.proposedById);
        if (a.approvedById) ids.add(a.approvedById);
      }
      for (const t of ledger) if (t.actorUserId) ids.add(t.actorUserId);
      const users = ids.size ? await sql.db.selectFrom("User").select(["id", "name"]).where("id", "in", [...ids]).execute() : [];
      const settings = await loadCaseworkSettings(sql, actor.council.id);
      const history = (await personHistoryIn(sql, caseId)) ?? [];
      const { assignedToName, applicationId, data, submittedAt, locale, ...rest } = c;
      const file: TCaseFile = {
        ...rest,
        assignedTo: c.assignedToId ? { id: c.assignedToId, name: assignedToName ?? "" } : null,
        application: { id: applicationId, data, submittedAt, locale },
        amendments,
        awards,
        events,
      };
      return { file, history, messages, ledger, names: new Map(users.map((u) => [u.id, u.name])), settings };
    },
    actorUserId(actor),
  );
}
