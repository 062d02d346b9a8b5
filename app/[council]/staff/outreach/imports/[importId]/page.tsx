import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportForm, MappingForm } from "@/components/outreach/forms";
import { statusColour } from "@/components/outreach/status";
import { BackLink, SuccessBanner, SummaryList } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDate } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { saveMappingAction, startImportAction } from "@/lib/outreach/actions";
import { OUTREACH_FIELDS } from "@/lib/outreach/csv";
import { readImport } from "@/lib/outreach/imports";

export async function generateMetadata() {
  return { title: (await getTranslations("outreachAdmin"))("list.caption") };
}

const n = (x: number) => x.toLocaleString("en-GB");

export default async function OutreachImportPage({ params, searchParams }: { params: Promise<{ council: string; importId: string }>; searchParams: Promise<{ done?: string }> }) {
  const { council: slug, importId } = await params;
  const { done } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "outreach:manage");
  const page = await readImport(staffActor(access), importId);
  if ("outcome" in page) notFound();
  const t = await getTranslations("outreachAdmin");
  const ui = await getTranslations("staffUi");
  const running = page.status === "QUEUED" || page.status === "IMPORTING";
  const checking = page.status === "CHECKING";
  const editable = page.status === "UPLOADED" || page.status === "CHECKED";
  const doneRows = page.importedRows + page.knownRows;
  return (
    <>
      {/* While checking or importing, the page reloads itself (no JavaScript needed). */}
      {running || checking ? <meta httpEquiv="refresh" content="2" /> : null}
      <BackLink href={`/${slug}/staff/outreach`}>{t("list.back")}</BackLink>
      <SuccessBanner testId="outreach-banner" title={ui("success")}>
        {done === "checked" && page.status === "CHECKED" ? t("list.checkedBanner") : null}
      </SuccessBanner>
      <span className="govuk-caption-l">{t("list.caption")}</span>
      <h1 className="govuk-heading-l break-all">{page.fileName}</h1>
      <p className="govuk-body">
        <Tag colour={statusColour(page.status)} testId="outreach-import-status">
          {t(`statuses.${page.status}`)}
        </Tag>{" "}
        {formatDate(page.createdAt)}
      </p>

      {page.status === "UPLOADED" && page.failureReason ? (
        <p className="govuk-error-message" data-testid="outreach-check-failed">
          {page.failureReason}
        </p>
      ) : null}

      {checking ? (
        <section aria-labelledby="checking-heading" data-testid="outreach-checking">
          <h2 className="govuk-heading-m" id="checking-heading">
            {t("list.checkingHeading")}
          </h2>
          <progress className="w-full md:w-2/3" max={Math.max(page.totalRows, 1)} value={page.checkedRows} aria-labelledby="checking-heading" />
          <p className="govuk-body" data-testid="outreach-checking-progress">
            {t("list.checking", { done: n(page.checkedRows), total: n(page.totalRows) })}
          </p>
          <p className="govuk-hint">{t("list.refresh")}</p>
        </section>
      ) : null}

      {editable ? (
        <MappingForm
          action={saveMappingAction.bind(null, slug)}
          title={page.fileName}
          importId={page.id}
          headers={page.headers}
          fields={OUTREACH_FIELDS.map((f) => ({ name: f, label: t(`fields.${f}`) }))}
          defaults={Object.fromEntries(OUTREACH_FIELDS.map((f) => [f, page.mapping[f] ?? ""]))}
          words={{ heading: t("list.mappingHeading"), hint: t("list.mappingHint"), notInFile: t("list.notInFile"), submit: t("list.check") }}
        />
      ) : null}

      {page.status === "CHECKED" && page.preview ? (
        <section aria-labelledby="check-heading" data-testid="outreach-preview">
          <h2 className="govuk-heading-m mt-6" id="check-heading">
            {t("list.checked")}
          </h2>
          <p className="govuk-body" data-testid="outreach-preview-summary">
            {t("list.summary", { total: n(page.totalRows), valid: n(page.preview.validRows), invalid: n(page.preview.invalidRows) })}
          </p>
          {page.preview.problems.length ? (
            <>
              <h3 className="govuk-heading-s">{t("list.problemsHeading")}</h3>
              <p className="govuk-hint">{t("list.problemsHint")}</p>
              {page.preview.problems.length < page.preview.invalidRows ? <p className="govuk-body-s">{t("list.problemsMore", { shown: n(page.preview.problems.length), invalidRows: n(page.preview.invalidRows) })}</p> : null}
              <Table
                caption={t("list.problemsHeading")}
                captionHidden
                small
                testId="outreach-problems"
                rows={page.preview.problems}
                rowKey={(p) => `${p.rowNumber}:${p.field}:${p.message}`}
                columns={[
                  { key: "row", header: t("list.row"), numeric: true, cell: (p) => p.rowNumber },
                  { key: "field", header: t("list.field"), cell: (p) => (p.field ? t(`fields.${p.field}`) : t("list.wholeRow")) },
                  { key: "problem", header: t("list.problem"), cell: (p) => p.message },
                  { key: "value", header: t("list.value"), cell: (p) => <span className="break-all">{p.value}</span> },
                ]}
              />
            </>
          ) : null}
          {page.preview.sample.length ? (
            <Table
              caption={t("list.sampleHeading")}
              small
              rows={page.preview.sample}
              rowKey={(r) => String(r.rowNumber)}
              columns={[
                { key: "row", header: t("list.row"), numeric: true, cell: (r) => r.rowNumber },
                { key: "name", header: t("fields.fullName"), cell: (r) => r.fullName },
                { key: "dob", header: t("fields.dateOfBirth"), nowrap: true, cell: (r) => r.dateOfBirth },
                { key: "address", header: t("fields.line1"), cell: (r) => `${r.line1}, ${r.postcode}` },
                { key: "contact", header: t("fields.email"), cell: (r) => <span className="break-all">{r.email ?? r.mobile ?? ""}</span> },
                { key: "lang", header: t("fields.language"), cell: (r) => r.locale },
              ]}
            />
          ) : null}
          {page.preview.validRows ? (
            <>
              <p className="govuk-body">{t("list.importHint")}</p>
              <ImportForm action={startImportAction.bind(null, slug)} title={page.fileName} importId={page.id} submit={t("list.import", { valid: page.preview.validRows })} />
            </>
          ) : null}
        </section>
      ) : null}

      {running || page.status === "IMPORTED" || page.status === "FAILED" ? (
        <section aria-labelledby="progress-heading" data-testid="outreach-progress">
          <h2 className="govuk-heading-m" id="progress-heading">
            {running ? t("list.progressHeading") : t("list.doneHeading")}
          </h2>
          {running ? (
            <>
              <progress className="w-full md:w-2/3" max={page.validRows} value={doneRows} aria-labelledby="progress-heading" />
              <p className="govuk-body">{t("list.progress", { done: n(doneRows), valid: n(page.validRows) })}</p>
              <p className="govuk-hint">{t("list.refresh")}</p>
            </>
          ) : null}
          {page.status === "FAILED" ? <p className="govuk-error-message">{t(page.importedRows + page.knownRows || page.startedAt ? "list.failed" : "list.checkFailed", { reason: page.failureReason ?? "" })}</p> : null}
          <SummaryList
            rows={[
              { key: t("list.importedRows"), value: <span data-testid="outreach-imported">{n(page.importedRows)}</span> },
              { key: t("list.knownRows"), value: <span data-testid="outreach-known">{n(page.knownRows)}</span> },
              { key: t("list.matchedRows"), value: <span data-testid="outreach-matched">{n(page.matchedRows)}</span> },
              { key: t("list.invalidRows"), value: n(page.invalidRows) },
              ...(page.rowsPerSecond !== null ? [{ key: t("list.duration"), value: <span data-testid="outreach-rate">{t("list.rate", { rate: n(page.rowsPerSecond) })}</span> }] : []),
            ]}
          />
          {page.status === "IMPORTED" ? (
            <Link href={`/${slug}/staff/outreach/campaigns/new?list=${page.id}`} className="govuk-button" role="button" draggable={false} data-testid="outreach-start-campaign">
              {t("list.startCampaign")}
            </Link>
          ) : null}
          {page.matches.length ? (
            <>
              <h3 className="govuk-heading-s">{t("list.matchesHeading")}</h3>
              <p className="govuk-hint">{t("list.matchesHint")}</p>
              <Table
                caption={t("list.matchesCaption")}
                captionHidden
                small
                testId="outreach-matches"
                rows={page.matches}
                rowKey={(m) => String(m.rowNumber)}
                columns={[
                  { key: "row", header: t("list.row"), numeric: true, cell: (m) => m.rowNumber },
                  { key: "name", header: t("list.name"), cell: (m) => m.fullName },
                  {
                    key: "case",
                    header: t("list.case"),
                    nowrap: true,
                    cell: (m) => (
                      <Link className="govuk-link" href={`/${slug}/staff/cases/${m.caseId}`}>
                        {m.caseReference}
                      </Link>
                    ),
                  },
                  { key: "reasons", header: t("list.reasons"), cell: (m) => m.reasons.map((r) => t(`reasons.${r}`)).join(", ") },
                ]}
              />
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
