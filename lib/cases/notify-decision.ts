// The resident hears the decision: one message in the outbox, in their language, written in the
// decision's own transaction (either driver: the decision path runs on withTenantSql). Sent when
// their word turns to "decided": at once for a decision with nothing above the officer's limit,
// else when the approver approves the last line still waiting (lib/awards/resident-status.ts).
import { env } from "@/lib/env";
import { intlLocale, isLocale } from "@/lib/i18n";
import { translate } from "@/lib/i18n/translate";
import { messagesFor, servedLocale } from "@/lib/i18n/catalogues";
import type { TSql } from "@/lib/db/sql";
import { formatPence } from "@/lib/money";
import { enqueueMessageSql } from "@/lib/notifications/enqueue-message";
import type { TTemplateKey } from "@/lib/notifications/templates";
import { ZTenantSettings } from "@/lib/tenancy/schemas";

const TEMPLATE: Record<string, TTemplateKey> = { APPROVED: "decision-approved", PART_APPROVED: "decision-part-approved", DECLINED: "decision-declined" };

/** The awards as the resident reads them, one per line: "- £60.00 for Food". Pure. */
export function awardLinesText(awards: readonly { amountPence: bigint; needCategory: string }[], locale: string): string {
  const lang = isLocale(locale) ? servedLocale(locale) : "en";
  const m = messagesFor(lang);
  const needs = m.vocabulary.needs as Record<string, string>;
  return awards
    .map((a) => translate(lang, m, "emails.decisionAwardLine", { amount: formatPence(a.amountPence, intlLocale(lang)), need: (needs[a.needCategory] ?? a.needCategory).toLocaleLowerCase(intlLocale(lang)) }))
    .join("\n");
}

/**
 * Puts the decision message for a decided case in the outbox. `awards`: the lines being
 * committed now (the decision path, before their rows say APPROVED); otherwise the case's
 * APPROVED lines are read. Nothing is sent if the resident gave neither email nor mobile.
 */
export async function notifyDecision(sql: TSql, caseId: string, awards?: readonly { amountPence: bigint; needCategory: string }[]): Promise<boolean> {
  const [row] = await sql.rows<{ tenantId: string; status: string; reference: string; explanation: string | null; email: string | null; mobile: string | null; locale: string; name: string; slug: string; contactPhone: string; settings: unknown }>(
    `select c."tenantId", c.status, c.reference, c."decisionExplanation" as explanation, a.email, a.mobile, a.locale, t.name, t.slug, t."contactPhone", t.settings
     from "Case" c join "Application" a on a.id = c."applicationId" join "Tenant" t on t.id = c."tenantId" where c.id = $1::uuid`,
    [caseId],
  );
  const template = row && TEMPLATE[row.status];
  if (!row || !template || (!row.email && !row.mobile)) return false;
  const lines =
    awards ??
    (
      await sql.rows<{ amountPence: string; needCategory: string }>(`select "amountPence"::text as "amountPence", "needCategory" from "Award" where "caseId" = $1::uuid and status = 'APPROVED' order by "createdAt", id`, [caseId])
    ).map((a) => ({ amountPence: BigInt(a.amountPence), needCategory: a.needCategory }));
  const council = { id: row.tenantId, settings: ZTenantSettings.parse(row.settings ?? {}) };
  const params = {
    council: row.name,
    reference: row.reference,
    awards: awardLinesText(lines, row.locale),
    explanation: row.explanation ?? "",
    link: `${env().APP_URL}/${row.slug}/status`,
    phone: row.contactPhone,
  };
  if (row.email) await enqueueMessageSql(sql, { council, template, channel: "EMAIL", to: row.email, locale: row.locale, params });
  else await enqueueMessageSql(sql, { council, template, channel: "SMS", to: row.mobile!, locale: row.locale, params });
  return true;
}
