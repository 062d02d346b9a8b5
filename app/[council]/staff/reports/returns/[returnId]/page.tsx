import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NewVersionForm, SignOffForm } from "@/components/reporting/return-forms";
import { BackLink, NotificationBanner, SuccessBanner } from "@/components/ui/layout-parts";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDate } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { formatPence } from "@/lib/money";
import { draftReturnAction, signReturnAction } from "@/lib/reporting/actions";
import { LAYOUT_NAMES } from "@/lib/reporting/categories";
import { cellText } from "@/lib/reporting/layouts";
import { readReturn } from "@/lib/reporting/returns";
import { SIGN_OFF_STATEMENT } from "@/lib/reporting/schemas";
import words from "@/messages/en/reporting.json";

const day = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));
const parts = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8, 10))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

export default async function ReturnPage({ params, searchParams }: { params: Promise<{ council: string; returnId: string }>; searchParams: Promise<{ done?: string }> }) {
  const { council: slug, returnId } = await params;
  const { done } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "reports:read");
  const view = await readReturn(staffActor(access), returnId);
  if (!view) notFound();
  const t = await getTranslations("reporting");
  const manages = access.permissions.has("funds:manage");
  const title = t("view.title", { layout: LAYOUT_NAMES[view.layout], version: String(view.version) });
  const download = `/${slug}/staff/reports/returns/${view.id}/download`;
  const banner = done === "signed" ? t("view.signedBanner") : done === "drafted" ? t("view.draftedBanner") : null;
  return (
    <>
      <title>{title}</title>
      <BackLink href={`/${slug}/staff/reports/returns`}>{t("view.back")}</BackLink>
      <SuccessBanner testId="return-banner" title={t("success")}>
        {banner}
      </SuccessBanner>
      <span className="govuk-caption-l">{t("view.caption", { fund: view.fundName, start: day(view.periodStart), end: day(view.periodEnd) })}</span>
      <h1 className="govuk-heading-xl">
        {title}{" "}
        <span className="align-middle">{view.status === "SIGNED" ? <Tag colour="green">{t("list.signedTag")}</Tag> : <Tag colour="grey">{t("list.draftTag")}</Tag>}</span>
      </h1>
      {view.signed ? (
        <p className="govuk-body" data-testid="signed-note">
          {t("view.signedNote", { name: view.signed.name, email: view.signed.email, date: formatDate(view.signed.at) })}
        </p>
      ) : (
        <p className="govuk-body">{t("view.draftNote")}</p>
      )}
      {view.superseded ? <NotificationBanner>{t("view.superseded")}</NotificationBanner> : null}
      <h2 className="govuk-heading-m">{t("view.download")}</h2>
      <ul className="govuk-list">
        <li>
          <a href={`${download}?format=xlsx`} className="govuk-link" data-testid="download-xlsx" download>
            {t("view.xlsx")}
          </a>
        </li>
        <li>
          <a href={`${download}?format=csv`} className="govuk-link" data-testid="download-csv" download>
            {t("view.csv")}
          </a>
        </li>
      </ul>
      {view.sheets.map((sheet, s) => (
        <section key={sheet.name} aria-labelledby={`sheet-${s}`} className="mt-8" data-testid={`sheet-${s}`}>
          <h2 className="govuk-heading-l" id={`sheet-${s}`}>
            {sheet.name}
          </h2>
          <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={sheet.name}>
            <table className="govuk-table">
              <caption className="govuk-visually-hidden">{sheet.name}</caption>
              <tbody className="govuk-table__body">
                {sheet.rows.map((row, i) =>
                  row.heading ? (
                    <tr key={i} className="govuk-table__row">
                      {row.cells.map((c, j) => (
                        <th key={j} scope="col" className={`govuk-table__header ${j ? "govuk-table__header--numeric" : ""}`}>
                          {cellText(c, formatPence)}
                        </th>
                      ))}
                    </tr>
                  ) : (
                    <tr key={i} className="govuk-table__row" data-key={row.key}>
                      {row.cells.map((c, j) =>
                        j === 0 ? (
                          <th key={j} scope="row" className="govuk-table__header">
                            {cellText(c, formatPence)}
                          </th>
                        ) : (
                          <td key={j} className={`govuk-table__cell ${typeof c === "string" ? "" : "govuk-table__cell--numeric"}`}>
                            {cellText(c, formatPence)}
                          </td>
                        ),
                      )}
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
          <h3 className="govuk-heading-s">{t("view.checks")}</h3>
          <ul className="govuk-list">
            {sheet.checks.map((c) => (
              <li key={c.label} data-testid="return-check" data-ok={c.ok ? "yes" : "no"}>
                {c.ok ? <Tag colour="green">✓ {t("view.pass")}</Tag> : <Tag colour="red">✗ {t("view.fail")}</Tag>} {c.label}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {manages && view.status === "DRAFT" ? (
        <section className="mt-8 md:w-2/3" data-testid="sign-off">
          <SignOffForm action={signReturnAction.bind(null, slug)} returnId={view.id} statement={SIGN_OFF_STATEMENT} title={title} words={words.view} />
        </section>
      ) : null}
      {manages && view.status === "SIGNED" ? (
        <section className="mt-8 md:w-2/3">
          <NewVersionForm
            action={draftReturnAction.bind(null, slug)}
            title={title}
            label={t("view.newVersion")}
            hint={t("view.newVersionHint")}
            fields={{
              fundId: view.fundId,
              layout: view.layout,
              ...parts("periodStart", view.periodStart),
              ...parts("periodEnd", view.periodEnd),
              councilCode: view.inputs.councilCode ?? "",
              contactEmail: view.inputs.contactEmail ?? "",
              notes: view.inputs.notes ?? "",
              ...Object.fromEntries(Object.entries(view.inputs.plan ?? {}).map(([k, p]) => [`plan-${k}`, (Number(p) / 100).toFixed(2)])),
              idempotencyKey: crypto.randomUUID(),
            }}
          />
        </section>
      ) : null}
    </>
  );
}
