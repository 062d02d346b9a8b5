// The queue's information flags (issue 18, lib/information): "answered" (a resident or referrer
// answered a request for information and no officer has acted on the case since) and "overdue"
// (the case awaits information and its newest request's reply-by date has passed). The same
// conditions filter the queue and tag its rows. Pure: built, not run.
import { type Expression, type ExpressionBuilder, sql as q, type SqlBool } from "kysely";
import type { DB } from "@/lib/db/kysely";

type TCaseAs = DB & { c: DB["Case"] };
export const INFORMATION_FILTERS = ["answered", "overdue"] as const;
export type TInformationFilter = (typeof INFORMATION_FILTERS)[number];

/** Answered by the link and not yet acted on by an officer (no staff line on the timeline since). */
export function answeredCondition(eb: ExpressionBuilder<TCaseAs, "c">): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom("InformationRequest as ir")
      .select(q<number>`1`.as("one"))
      .whereRef("ir.caseId", "=", "c.id")
      .where("ir.answeredBy", "in", ["resident", "referrer"])
      .where("c.status", "=", "IN_REVIEW")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("CaseEvent as ie")
              .select(q<number>`1`.as("one"))
              .whereRef("ie.caseId", "=", "c.id")
              .where("ie.actorKind", "=", "staff")
              .whereRef("ie.createdAt", ">", "ir.answeredAt"),
          ),
        ),
      ),
  );
}

/** Awaiting information past the newest request's reply-by date (London date `today`). */
export function overdueCondition(eb: ExpressionBuilder<TCaseAs, "c">, today: string): Expression<SqlBool> {
  return eb.and([
    eb("c.status", "=", "AWAITING_INFORMATION"),
    eb.exists(
      eb
        .selectFrom("InformationRequest as ir")
        .select(q<number>`1`.as("one"))
        .whereRef("ir.caseId", "=", "c.id")
        .where("ir.answeredAt", "is", null)
        .where("ir.replyBy", "<", q<Date>`${today}::date`)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom("InformationRequest as newer").select(q<number>`1`.as("one")).whereRef("newer.caseId", "=", "c.id").whereRef("newer.createdAt", ">", "ir.createdAt"))),
        ),
    ),
  ]);
}

export function informationCondition(eb: ExpressionBuilder<TCaseAs, "c">, which: TInformationFilter, today: string): Expression<SqlBool> {
  return which === "answered" ? answeredCondition(eb) : overdueCondition(eb, today);
}
