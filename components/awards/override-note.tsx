import { getTranslations } from "next-intl/server";
import { Tag } from "@/components/ui/tag";
import { overriddenRulesText } from "@/lib/awards/override";

/** An award line whose pot rules an officer overrode: which rules and their reason, for the approver (docs/eligibility.md). */
export async function OverrideNote({ rules, reason }: { rules: readonly string[] | null; reason: string | null }) {
  if (!rules?.length) return null;
  const t = await getTranslations("eligibility.approval");
  return (
    <div className="mt-1" data-testid="override-note">
      <Tag colour="orange">{t("overridden")}</Tag>
      <p className="govuk-body-s mt-1 mb-0">{t("rules", { rules: overriddenRulesText(rules) })}</p>
      <p className="govuk-body-s mb-0 whitespace-pre-wrap">{t("reason", { reason: reason ?? "" })}</p>
    </div>
  );
}
