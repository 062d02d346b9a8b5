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
// Compact, for the top of the case page (docs/eligibility.md): the pots that can pay in a small
// table, the others with their reasons one click away (a GOV.UK details, no JavaScript needed).
// Server component; nothing for staff who cannot work cases.

type T = Awaited<ReturnType<typeof getTranslations<"eligibility.panel">>>;

export async function EligibilityPanel({ actor, caseId }: { actor: TActor; caseId: string }) {
  const choices = await potChoicesForCase(actor, caseId);
  if (!choices) return null;
  const t = await getTranslations("eligibility.panel");
  const open = choices.filter((p) => p.open);
  const can = open.filter((p) => p.verdict.eligible);
  const cannot = open.filter((p) => !p.verdict.eligible);
  const largest = (p: TPotChoice) => (p.maxSingleAwardPence === null ? t("noLargest") : formatPence(p.maxSingleAwardPence));
  return (
    <section aria-labelledby="eligibility-heading" data-testid="eligibility-panel" className="mb-6">
      <h2 className="govuk-heading-m mb-1" id="eligibility-heading">
        {t("heading")}
      </h2>
      {!open.length ? <p className="govuk-body">{t("none")}</p> : null}
      {open.length ? (
        <p className="govuk-body-s mb-2" data-testid="eligibility-summary">
          {t("summary", { eligible: can.length, total: open.length })}
        </p>
      ) : null}
      {can.length ? (
        <Table<TPotChoice>
          caption={t("caption")}
          captionHidden
          small
          testId="eligibility-table"
          rows={can}
          rowKey={(p) => p.id}
          columns={[
            { key: "pot", header: t("columns.pot"), cell: (p) => <PotName p={p} t={t} /> },
            { key: "left", header: t("columns.left"), numeric: true, nowrap: true, cell: (p) => formatPence(p.availablePence) },
            { key: "largest", header: t("columns.largest"), numeric: true, nowrap: true, cell: largest },
          ]}
        />
      ) : null}
      {cannot.length ? (
        <details className="govuk-details mb-0" data-testid="eligibility-not">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">{t("whyNot", { count: cannot.length })}</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list mb-0">
              {cannot.map((p) => (
                <li key={p.id} data-testid="eligibility-not-pot">
                  <span className="font-bold">{p.name}</span> <span className="govuk-body-s text-govuk-secondary">{t("potFacts", { fund: p.fundName, left: formatPence(p.availablePence), largest: largest(p) })}</span>{" "}
                  {p.overridable ? <Tag colour="yellow">{t("overridable")}</Tag> : <Tag colour="red">{t("notEligible")}</Tag>}
                  <ul className="govuk-list govuk-list--bullet govuk-body-s mt-1" data-testid="eligibility-reasons">
                    {(p.verdict.eligible ? [] : p.verdict.reasons).map((r) => (
                      <li key={r.code}>{ruleText(r)}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
    </section>
  );
}

function PotName({ p, t }: { p: TPotChoice; t: T }) {
  const warnings = p.verdict.eligible ? (p.verdict.warnings ?? []) : [];
  return (
    <>
      <span className="block">{p.name}</span>
      <span className="govuk-body-s block text-govuk-secondary mb-0">{p.fundName}</span>
      {warnings.length ? (
        <ul className="govuk-list govuk-body-s mt-1 mb-0" data-testid="eligibility-warnings">
          {warnings.map((w) => (
            <li key={w.code}>
              <Tag colour="orange">{t("check")}</Tag> {t("unsure", { pot: w.facts.pot })}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
