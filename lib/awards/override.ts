import "server-only";
import { councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import type { TOverridable } from "@/lib/awards/pot-rules";
import type { TSql } from "@/lib/db/sql";
import { messagesFor } from "@/lib/i18n/catalogues";
import { formatPence } from "@/lib/money";
import { recordCaseEvent } from "@/lib/timeline/case-events";

// An officer's override of a pot's policy rules, on the case's timeline and in the audit log,
// in the decision's transaction (docs/decisions/0026-eligibility-nrpf-housing-payment-and-overrides.md).

/** The overridden rules in the staff's words ("who the pot is for", …): messages/en/eligibility.json `rules`. */
export function overriddenRulesText(rules: readonly string[]): string {
  const words = (messagesFor("en") as unknown as { eligibility: { rules: Record<string, string> } }).eligibility.rules;
  return [...new Set(rules.map((r) => words[r] ?? r))].join("; ");
}

export async function recordOverride(sql: TSql, actor: TActor, caseId: string, o: { awardId: string; potId: string; amountPence: bigint; reason: string; rules: readonly TOverridable[] }): Promise<void> {
  const pot = await sql.db.selectFrom("Pot").select("name").where("id", "=", o.potId).executeTakeFirst();
  const rules = overriddenRulesText(o.rules);
  await recordCaseEvent(sql, actor, caseId, "award.overridden", {
    awardId: o.awardId,
    amountPence: o.amountPence.toString(),
    pot: pot?.name ?? "",
    rules: o.rules,
    reason: `${o.reason} (${rules})`,
  });
  await recordAuditSql(sql, {
    tenantId: councilIdOf(actor),
    actor,
    action: "award.override",
    entityType: "Award",
    entityId: o.awardId,
    summary: `Pot rule overridden for ${formatPence(o.amountPence)} from ${pot?.name ?? "a pot"}: ${rules}`,
    metadata: { caseId, potId: o.potId, rules: [...o.rules], reason: o.reason },
  });
}
