import "server-only";
import { sql as q } from "kysely";
import { actorUserId, personOf, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { isOpenCase } from "@/lib/cases/lifecycle";
import { AMENDABLE_FIELDS, ZAmendment } from "@/lib/cases/schemas";
import { readCase } from "@/lib/cases/transition";
import { recordCaseEvent } from "@/lib/timeline/case-events";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { HIDDEN_CONTROL } from "@/lib/forms/text";

export type TAmendResult =
  | { outcome: "amended"; oldValue: unknown; newValue: unknown }
  | { outcome: "forbidden" }
  | { outcome: "not-found" }
  | { outcome: "closed" }
  | { outcome: "unchanged" }
  | { outcome: "invalid"; issues: string[] };

/** Columns the queue searches on, copied from the application: kept in step with an amendment. */
const CASE_COLUMN: Partial<Record<string, "fullName" | "postcode" | "needCategories">> = {
  "aboutYou.fullName": "fullName",
  "address.postcode": "postcode",
  "needs.categories": "needCategories",
};

/**
 * A correction to what was submitted: field, old value (the latest amendment's, else the
 * application's), new value, reason, who and when. Application.data is never written (the app
 * role cannot: it may only update the resident's status word).
 */
export async function amendApplication(actor: TActor, caseId: string, input: unknown): Promise<TAmendResult> {
  if (!can(actor, "cases:work")) return { outcome: "forbidden" };
  const parsed = ZAmendment.safeParse(input);
  if (!parsed.success) return { outcome: "invalid", issues: parsed.error.issues.map((i) => i.message) };
  const { field, reason } = parsed.data;
  const value = AMENDABLE_FIELDS[field].safeParse(parsed.data.value);
  // Hidden control characters are named (the officer can fix them); any other problem is "check the value".
  if (!value.success) return { outcome: "invalid", issues: [value.error.issues.some((i) => i.message === HIDDEN_CONTROL) ? HIDDEN_CONTROL : "amendment.value"] };
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const found = await readCase(sql, caseId);
      if (!found) return { outcome: "not-found" as const };
      if (!isOpenCase(found.status)) return { outcome: "closed" as const };
      const path = field.split(".");
      // Serialised per case (row lock) so two amendments of one field each record the value they replaced.
      await sql.db.selectFrom("Case").select("id").where("id", "=", caseId).forUpdate().execute();
      const row = await sql.db
        .selectFrom("Case as c")
        .innerJoin("Application as a", "a.id", "c.applicationId")
        .select((eb) => [
          q<unknown>`coalesce(${eb
            .selectFrom("CaseAmendment as m")
            .select("m.newValue")
            .whereRef("m.caseId", "=", "c.id")
            .where("m.field", "=", field)
            .orderBy("m.createdAt", "desc")
            .orderBy("m.id", "desc")
            .limit(1)}, ${eb.ref("a.data")} #> ${path}::text[], 'null'::jsonb)`.as("old"),
        ])
        .where("c.id", "=", caseId)
        .executeTakeFirst();
      const oldValue = row?.old ?? null;
      if (JSON.stringify(oldValue) === JSON.stringify(value.data)) return { outcome: "unchanged" as const };
      await sql.db
        .insertInto("CaseAmendment")
        .values({
          id: q<string>`gen_random_uuid()`,
          tenantId: actor.council.id,
          caseId,
          field,
          oldValue: q`${JSON.stringify(oldValue)}::jsonb`,
          newValue: q`${JSON.stringify(value.data)}::jsonb`,
          reason,
          actorUserId: personOf(actor).userId,
        })
        .execute();
      const column = CASE_COLUMN[field];
      // The field's schema (AMENDABLE_FIELDS) gave a string for the name and postcode, the needs' list for the categories.
      if (column) await sql.db.updateTable("Case").set(column, q<string | string[]>`${value.data}`).set("updatedAt", q<Date>`now()`).where("id", "=", caseId).execute();
      await recordCaseEvent(sql, actor, caseId, "amended", { field, oldValue, newValue: value.data, reason });
      return { outcome: "amended" as const, oldValue, newValue: value.data };
    },
    actorUserId(actor),
  );
}
