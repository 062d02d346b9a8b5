import { getTranslations } from "next-intl/server";
import { DOCUMENT_INPUT_ID, documentErrorMessage, documentNotice } from "@/components/documents/document-notices";
import type { TStaffActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { formatDateTimeShort } from "@/lib/dates";
import { listCaseDocuments, type TCaseDocumentRow } from "@/lib/documents";

// The case page's "Documents" section: every document with its type (from its content), size,
// who uploaded it and when, its virus-scan state and a download link; and, for officers who work
// cases, the upload form (a plain multipart form to the upload route: works without JavaScript).

type TParams = Record<string, string | string[] | undefined>;

function sizeWords(t: Awaited<ReturnType<typeof getTranslations>>, bytes: number): string {
  if (bytes < 1024) return t("size.bytes", { count: bytes });
  if (bytes < 1024 * 1024) return t("size.kb", { count: Math.round(bytes / 1024) });
  return t("size.mb", { count: (bytes / (1024 * 1024)).toFixed(1) });
}

const SCAN_TAG: Record<TCaseDocumentRow["scanState"], string> = { NOT_SCANNED: "govuk-tag--grey", CLEAN: "govuk-tag--green", INFECTED: "govuk-tag--red", FAILED: "govuk-tag--orange" };

export async function CaseDocuments({ actor, slug, caseId, searchParams }: { actor: TStaffActor; slug: string; caseId: string; searchParams: Promise<TParams> | TParams }) {
  const [t, documents, notice] = await Promise.all([getTranslations("documents"), listCaseDocuments(actor, caseId), documentNotice(searchParams)]);
  if (!documents) return null;
  const base = `/${slug}/staff/cases/${caseId}/documents`;
  const infected = documents.filter((d) => d.scanState === "INFECTED").length;
  const error = notice?.kind === "error" && notice.problem !== "infected" ? documentErrorMessage(t, notice.problem, notice.name) : null;
  return (
    <section aria-labelledby="documents-heading" id="documents" data-testid="case-documents" className="mb-8">
      <h2 className="govuk-heading-m" id="documents-heading">
        {t("heading")}
      </h2>
      {infected ? (
        <div className="govuk-warning-text" data-testid="documents-infected">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">{t("infectedWarning", { count: infected })}</strong>
        </div>
      ) : null}
      {documents.length === 0 ? (
        <p className="govuk-body" data-testid="documents-none">
          {t("none")}
        </p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="documents-caption">
          <table className="govuk-table" data-testid="documents-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="documents-caption">
              {t("caption")}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  {t("columns.name")}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t("columns.type")}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t("columns.size")}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t("columns.uploaded")}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t("columns.scan")}
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {documents.map((d) => (
                <tr key={d.id} className="govuk-table__row" data-testid="document-row">
                  <td className="govuk-table__cell break-words">
                    {d.scanState === "INFECTED" ? (
                      <span data-testid="document-name">{d.originalName}</span>
                    ) : (
                      <a className="govuk-link" href={`${base}/${d.id}`} download data-testid="document-download">
                        <span data-testid="document-name">{d.originalName}</span>
                        <span className="govuk-visually-hidden">{` (${t("download")})`}</span>
                      </a>
                    )}
                    {d.source === "information-answer" ? <span className="govuk-hint mb-0 block text-base">{t("fromResident")}</span> : null}
                  </td>
                  <td className="govuk-table__cell" data-testid="document-type">
                    {t(`types.${d.mediaType}`)}
                  </td>
                  <td className="govuk-table__cell">{sizeWords(t, d.sizeBytes)}</td>
                  <td className="govuk-table__cell">{t("uploadedBy", { name: d.uploadedBy, at: formatDateTimeShort(d.createdAt) })}</td>
                  <td className="govuk-table__cell">
                    <strong className={`govuk-tag ${SCAN_TAG[d.scanState]}`} data-testid="document-scan">
                      {t(`scan.${d.scanState}`)}
                    </strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {documents.some((d) => d.scanState === "NOT_SCANNED") ? <p className="govuk-body-s">{t("notScannedHint")}</p> : null}
      {can(actor, "cases:work") ? (
        <form method="post" action={base} encType="multipart/form-data" noValidate data-testid="document-upload-form">
          <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`}>
            <h3 className="govuk-label-wrapper">
              <label className="govuk-label govuk-label--s" htmlFor={DOCUMENT_INPUT_ID}>
                {t("upload.heading")}
              </label>
            </h3>
            <div id={`${DOCUMENT_INPUT_ID}-hint`} className="govuk-hint">
              {t("upload.hint")}
            </div>
            {error ? (
              <p id={`${DOCUMENT_INPUT_ID}-error`} className="govuk-error-message" data-testid="document-error">
                <span className="govuk-visually-hidden">{t("errorPrefix")}</span>
                {error}
              </p>
            ) : null}
            <input
              className={`govuk-file-upload ${error ? "govuk-file-upload--error" : ""}`}
              id={DOCUMENT_INPUT_ID}
              name="document"
              type="file"
              multiple
              accept=".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/jpeg,image/png,image/heic,image/heif"
              aria-describedby={`${DOCUMENT_INPUT_ID}-hint${error ? ` ${DOCUMENT_INPUT_ID}-error` : ""}`}
              data-testid="document-input"
            />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" data-testid="document-upload-submit">
            {t("upload.submit")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
