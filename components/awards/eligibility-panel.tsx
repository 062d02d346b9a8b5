import { getTranslations } from "next-intl/server";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import type { TActor } from "@/lib/actor";
import { potChoicesForCase, type TPotChoice } from "@/lib/awards/award-checks";
import { ruleText } from "@/lib/awards/pot-rules";
import { formatPence } from "@/lib/money";

// "Which pots can pay": every open pot of the council (active, its fund active) with whether it
// can pay this household and each reason in words, from the one pot-rules module
// (lib/awards/pot-rules.ts via potChoicesForCase), plus the money left and the largest award.
// Compact, for the top of the case page (docs/eligibility.md). Server component; nothing for
// staff who cannot work cases.

export async function EligibilityPanel({ actor, caseId }: { actor: TActor; caseId: string }) {
  const choices = await potChoicesForCase(actor, caseId);
  if (!choices) return null;
  const t = await getTranslations("eligibility.panel");
  const open = choices.filter((p) => p.open).sort((a, b) => Number(b.verdict.eligible) - Number(a.verdict.eligible));
  const eligible = open.filter((p) => p.verdict.eligible).length;
  return (
    <section aria-labelledby="eligibility-heading" data-testid="eligibility-panel" className="mb-6">
      <h2 className="govuk-heading-m mb-2" id="eligibility-heading">
        {t("heading")}
      </h2>
      {open.length ? (
        <>
          <p className="govuk-body-s mb-2" data-testid="eligibility-summary">
            {t("summary", { eligible, total: open.length })}
          </p>
          <Table<TPotChoice>
            caption={t("caption")}
            captionHidden
            small
            testId="eligibility-table"
            rows={open}
            rowKey={(p) => p.id}
            columns={[
              {
                key: "pot",
                header: t("columns.pot"),
                cell: (p) => (
                  <>
                    <span className="block">{p.name}</span>
                    <span className="govuk-body-s block text-govuk-secondary mb-0">{p.fundName}</span>
                  </>
                ),
              },
              { key: "verdict", header: t("columns.verdict"), cell: (p) => <Verdict p={p} t={t} /> },
              { key: "left", header: t("columns.left"), numeric: true, nowrap: true, cell: (p) => formatPence(p.availablePence) },
              { key: "largest", header: t("columns.largest"), numeric: true, nowrap: true, cell: (p) => (p.maxSingleAwardPence === null ? t("noLargest") : formatPence(p.maxSingleAwardPence)) },
            ]}
          />
        </>
      ) : (
        <p className="govuk-body">{t("none")}</p>
      )}
    </section>
  );
}

function Verdict({ p, t }: { p: TPotChoice; t: Awaited<ReturnType<typeof getTranslations<"eligibility.panel">>> }) {
  const v = p.verdict;
  if (v.eligible)
    return (
      <>
        <Tag colour="green">{t("eligible")}</Tag>
        {v.warnings?.length ? (
          <ul className="govuk-list govuk-body-s mt-1 mb-0" data-testid="eligibility-warnings">
            {v.warnings.map((w) => (
              <li key={w.code}>{t("unsure", { pot: w.facts.pot })}</li>
            ))}
          </ul>
        ) : null}
      </>
    );
  return (
    <>
      <Tag colour="red">{t("notEligible")}</Tag>
      {p.overridable ? <span className="govuk-body-s ms-1">({t("overridable")})</span> : null}
      <ul className="govuk-list govuk-list--bullet govuk-body-s mt-1 mb-0" data-testid="eligibility-reasons">
        {v.reasons.map((r) => (
          <li key={r.code}>{ruleText(r)}</li>
        ))}
      </ul>
    </>
  );
}
