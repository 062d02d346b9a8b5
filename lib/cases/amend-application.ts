import "server-only";
import { can } from "@/lib/auth/permissions";
import { isOpenCase } from "@/lib/cases/lifecycle";
import { AMENDABLE_FIELDS, ZAmendment } from "@/lib/cases/schemas";
import { readCase, recordCaseEvent, type TCaseActor } from "@/lib/cases/transition";
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
export async function amendApplication(actor: TCaseActor, caseId: string, input: unknown): Promise<TAmendResult> {
  if (!can(actor.roles, "cases:work")) return { outcome: "forbidden" };
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
      await sql.rows(`select id from "Case" where id = $1::uuid for update`, [caseId]);
      const [row] = await sql.rows<{ old: unknown }>(
        `select coalesce((select m."newValue" from "CaseAmendment" m where m."caseId" = c.id and m.field = $2 order by m."createdAt" desc, m.id desc limit 1),
                         a.data #> $3::text[], 'null'::jsonb) as old
         from "Case" c join "Application" a on a.id = c."applicationId" where c.id = $1::uuid`,
        [caseId, field, path],
      );
      const oldValue = row?.old ?? null;
      if (JSON.stringify(oldValue) === JSON.stringify(value.data)) return { outcome: "unchanged" as const };
      await sql.rows(
        `insert into "CaseAmendment" (id, "tenantId", "caseId", field, "oldValue", "newValue", reason, "actorUserId") values (gen_random_uuid(), $1::uuid, $2::uuid, $3, $4::jsonb, $5::jsonb, $6, $7::uuid)`,
        [actor.council.id, caseId, field, JSON.stringify(oldValue), JSON.stringify(value.data), reason, actor.user.userId],
      );
      const column = CASE_COLUMN[field];
      if (column) await sql.rows(`update "Case" set "${column}" = $2, "updatedAt" = now() where id = $1::uuid`, [caseId, value.data]);
      await recordCaseEvent(sql, actor, caseId, "amended", { field, oldValue, newValue: value.data, reason });
      return { outcome: "amended" as const, oldValue, newValue: value.data };
    },
    actor.user.userId,
  );
}
