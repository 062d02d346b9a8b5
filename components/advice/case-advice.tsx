import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Table } from "@/components/ui/table";
import type { TActor } from "@/lib/actor";
import { activeAdvicePartners } from "@/lib/advice/partners";
import { loadCaseAdvice } from "@/lib/advice/referrals";
import { formatDate } from "@/lib/dates";
import { formatPence } from "@/lib/money";
import words from "@/messages/en/advice.json";

/** The case page's banner after an onward referral action (?done=advice-…), else null. */
export function adviceBanner(done: string | undefined): string | null {
  if (done === "advice-referred") return words.banners.referred;
  if (done === "advice-outcome") return words.banners.outcome;
  return null;
}

const day = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));

/**
 * On the case file: the onward referrals to advice partners with their outcomes, and the way to
 * refer (cases:work) when the resident agreed to share with advice partners; without consent it
 * says why there is no way to refer.
 */
export async function CaseAdvice({ actor, caseId, slug, works }: { actor: TActor; caseId: string; slug: string; works: boolean }) {
  const advice = await loadCaseAdvice(actor, caseId);
  if (!advice) return null;
  const t = await getTranslations("advice");
  const partners = works && advice.consent ? await activeAdvicePartners(actor) : [];
  const base = `/${slug}/staff/cases/${caseId}/advice`;
  return (
    <section aria-labelledby="advice-heading" data-testid="case-advice" className="mb-8">
      <h2 className="govuk-heading-m" id="advice-heading">
        {t("case.heading")}
      </h2>
      {advice.consent ? (
        <p className="govuk-body" data-testid="advice-consent">
          {t("case.consentYes")}
        </p>
      ) : (
        <p className="govuk-inset-text" data-testid="advice-no-consent">
          {t("case.consentNo")}
        </p>
      )}
      {works && advice.consent ? (
        partners.length ? (
          <p>
            <Link href={base} className="govuk-button govuk-button--secondary" data-testid="advice-refer-link">
              {t("case.refer")}
            </Link>
          </p>
        ) : (
          <p className="govuk-body">{t("case.noPartners")}</p>
        )
      ) : null}
      {advice.referrals.length === 0 ? <p className="govuk-body">{t("case.none")}</p> : null}
      {advice.referrals.map((r) => (
        <div key={r.id} className="govuk-summary-card" data-testid="advice-referral">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">{t("case.referredOn", { partner: r.partnerName, date: formatDate(r.createdAt), name: r.referredByName ?? "–" })}</h3>
            {works ? (
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <Link href={`${base}/${r.id}/outcome`} className="govuk-link" data-testid="advice-outcome-link">
                    {t("case.recordOutcome")}
                    <span className="govuk-visually-hidden">{t("case.recordOutcomeHidden", { partner: r.partnerName })}</span>
                  </Link>
                </li>
              </ul>
            ) : null}
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body">
              <strong>{t("case.need")}: </strong>
              <span className="whitespace-pre-wrap">{r.needNote}</span>
            </p>
            {r.outcomes.length ? (
              <>
                <Table
                  caption={t("case.outcomesCaption", { partner: r.partnerName })}
                  captionHidden
                  small
                  testId="advice-outcomes"
                  rows={r.outcomes}
                  rowKey={(o) => o.id}
                  columns={[
                    { key: "kind", header: t("case.outcome"), cell: (o) => (o.kind === "OTHER" && o.description ? `${t("outcomeKinds.OTHER")}: ${o.description}` : t(`outcomeKinds.${o.kind}`)) },
                    { key: "value", header: t("case.value"), numeric: true, cell: (o) => (o.valuePence > 0n ? `${formatPence(o.valuePence)} ${t(`periods.${o.valuePeriod}`)}` : "–") },
                    { key: "lump", header: t("case.lumpSum"), numeric: true, cell: (o) => (o.lumpSumPence > 0n ? formatPence(o.lumpSumPence) : "–") },
                    { key: "confirmed", header: t("case.confirmedOn"), nowrap: true, cell: (o) => day(o.confirmedOn) },
                  ]}
                />
                <p className="govuk-body font-bold" data-testid="advice-referral-gain">
                  {t("case.gained", { gain: formatPence(r.gainPence) })}
                </p>
              </>
            ) : (
              <p className="govuk-body">{t("case.noOutcomes")}</p>
            )}
          </div>
        </div>
      ))}
    </section>
  );
}
