import "server-only";
// Reads for the case page's information panel and the referral portal (lib/information).
import { sql as q } from "kysely";
import { actorUserId, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { londonIsoDate, type TIsoDate } from "@/lib/calendar/working-days";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";

export type TInformationRequestRow = {
  id: string;
  askedOf: string;
  question: string;
  replyBy: TIsoDate;
  createdAt: Date;
  chaseCount: number;
  answerText: string | null;
  answerDocumentIds: string[];
  answeredBy: string | null;
  answeredAt: Date | null;
};

export type TInformationPanel = {
  requests: TInformationRequestRow[];
  /** The request waiting for an answer (the case is awaiting information), if any. */
  open: TInformationRequestRow | null;
  overdue: boolean;
};

function requestsOf(sql: TSql, caseId: string) {
  return sql.db
    .selectFrom("InformationRequest")
    .select([
      "id",
      "askedOf",
      "question",
      (eb) => q<string>`to_char(${eb.ref("replyBy")}, 'YYYY-MM-DD')`.as("replyBy"),
      "createdAt",
      "chaseCount",
      "answerText",
      "answerDocumentIds",
      "answeredBy",
      "answeredAt",
    ])
    .where("caseId", "=", caseId)
    .orderBy("createdAt", "desc")
    .execute();
}

/** Open and overdue, from the rows (pure): open while the case awaits information and the newest request is unanswered. */
export function panelOf(status: string, rows: TInformationRequestRow[], now: Date): TInformationPanel {
  const newest = rows[0];
  const open = status === "AWAITING_INFORMATION" && newest && !newest.answeredAt ? newest : null;
  return { requests: rows, open, overdue: !!open && open.replyBy < londonIsoDate(now) };
}

/** The case's requests for information, for anyone who may read the case. */
export async function loadInformationPanel(actor: TActor, caseId: string, now: Date = new Date()): Promise<TInformationPanel | null> {
  if (!can(actor, "cases:read")) return null;
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const c = await sql.db.selectFrom("Case").select("status").where("id", "=", caseId).executeTakeFirst();
      if (!c) return null;
      const rows = (await requestsOf(sql, caseId)).map((r) => ({ ...r, answerDocumentIds: r.answerDocumentIds ?? [] }));
      return panelOf(c.status, rows, now);
    },
    actorUserId(actor),
  );
}

/** A referrer's own referral: its open request (what is asked, by when), or null. */
export async function openRequestForReferrer(actor: TActor, caseId: string, now: Date = new Date()): Promise<TInformationPanel | null> {
  if (actor.kind !== "referrer") return null;
  const userId = actorUserId(actor);
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const c = await sql.db.selectFrom("Case").select(["status", "referrerUserId"]).where("id", "=", caseId).executeTakeFirst();
      if (!c || c.referrerUserId !== userId) return null;
      const rows = (await requestsOf(sql, caseId)).filter((r) => r.askedOf === "referrer").map((r) => ({ ...r, answerDocumentIds: r.answerDocumentIds ?? [] }));
      return panelOf(c.status, rows, now);
    },
    userId,
  );
}
