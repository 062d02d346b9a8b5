// The queue's payment flag (issue 19, docs/reconciliation.md): "Payment returned" — an approved
// award line whose latest payment the bank returned or rejected (lib/payments/reconciliation.ts)
// and that nothing pays now, so its officer must pay it again (lib/payments/pay-again.ts). The
// same condition filters the queue and tags its rows. Read from the Payment table (this layer
// sits below lib/payments and imports nothing from it). Pure: built, not run.
import { type Expression, type ExpressionBuilder, sql as q, type SqlBool } from "kysely";
import type { DB } from "@/lib/db/kysely";

type TCaseAs = DB & { c: DB["Case"] };
export const PAYMENT_FILTERS = ["returned"] as const;

export function paymentReturnedCondition(eb: ExpressionBuilder<TCaseAs, "c">): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom("Payment as pm")
      .innerJoin("Award as pa", "pa.id", "pm.awardId")
      .select(q<number>`1`.as("one"))
      .whereRef("pm.caseId", "=", "c.id")
      .where("pm.status", "in", ["RETURNED", "REJECTED"])
      .where("pa.status", "=", "APPROVED")
      // Nothing pays the line now (the one live payment per award: migration 20261206092514_payments).
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("Payment as live").select(q<number>`1`.as("one")).whereRef("live.awardId", "=", "pm.awardId").where("live.status", "not in", ["RETURNED", "REJECTED", "CANCELLED"]))),
      ),
  );
}
