import { PaymentsTabs } from "@/components/payments/payments-tabs";
import Link from "next/link";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Radios } from "@/components/ui/fields";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateTimeShort } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { listReconciliations, RECONCILIATION_KINDS, REFUSALS, type TRefusal } from "@/lib/payments/reconciliation";
import { messagesFor } from "@/lib/i18n/catalogues";
import words from "@/messages/en/reconciliation.json";

// Reconciliation (issue 19, docs/reconciliation.md): import a bank's or provider's report (a plain
// multipart form to the import route: works without JavaScript), and the council's imports with
// how many lines matched and how many are exceptions. Finance only (payments:manage).

export const metadata = { title: `${words.title} – Money Hub` };

const FILE_ERRORS: Record<string, string> = { file: words.upload.errors.file, "too-large": words.upload.errors.tooLarge, kind: words.upload.errors.kind };

export default async function ReconciliationPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ error?: string; kind?: string }> }) {
  const { council: slug } = await params;
  const { error, kind } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const imports = (await listReconciliations(staffActor(access)))!;
  const w = words;
  const base = `/${slug}/staff/payments/reconciliation`;
  const message = error ? (FILE_ERRORS[error] ?? REFUSALS[error as TRefusal]) : undefined;
  const field = error === "kind" ? "kind" : "report";
  const ui = messagesFor("en").staffUi;
  return (
    <>
      {message ? <title>{`${ui.errorPrefix}${w.title} – Money Hub`}</title> : null}
      <ErrorSummary errors={message ? [{ field, message }] : []} />
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{w.title}</h1>
      <PaymentsTabs slug={slug} current={`/${slug}/staff/payments/reconciliation`} />
      <p className="govuk-body">{w.intro}</p>
      <h2 className="govuk-heading-m">{w.upload.heading}</h2>
      <form method="post" action={`${base}/import`} encType="multipart/form-data" noValidate data-testid="reconciliation-upload-form">
        <Radios
          name="kind"
          legend={w.upload.kind}
          options={RECONCILIATION_KINDS.map((k) => ({ value: k, label: w.upload.kinds[k] }))}
          defaultValue={kind && (RECONCILIATION_KINDS as readonly string[]).includes(kind) ? kind : "bank"}
          errors={field === "kind" && message ? [{ field, message }] : []}
        />
        <div className={`govuk-form-group ${message && field === "report" ? "govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="report">
            {w.upload.file}
          </label>
          <div id="report-hint" className="govuk-hint">
            {w.upload.fileHint}
          </div>
          {message && field === "report" ? (
            <p id="report-error" className="govuk-error-message" data-testid="report-error">
              <span className="govuk-visually-hidden">{ui.errorPrefix}</span>
              {message}
            </p>
          ) : null}
          <input
            className={`govuk-file-upload ${message && field === "report" ? "govuk-file-upload--error" : ""}`}
            id="report"
            name="report"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`report-hint${message && field === "report" ? " report-error" : ""}`}
            data-testid="report-input"
          />
        </div>
        <button type="submit" className="govuk-button" data-module="govuk-button" data-testid="report-submit">
          {w.upload.submit}
        </button>
      </form>
      <h2 className="govuk-heading-m">{w.imports.heading}</h2>
      {imports.length ? (
        <Table
          caption={w.imports.heading}
          captionHidden
          small
          testId="reconciliation-imports"
          rows={imports}
          rowKey={(i) => i.id}
          columns={[
            {
              key: "file",
              header: w.imports.columns.file,
              cell: (i) => (
                <Link href={`${base}/${i.id}`} className="govuk-link break-words">
                  {i.fileName}
                </Link>
              ),
            },
            { key: "kind", header: w.imports.columns.kind, cell: (i) => (i.kind === "bank" ? "Bank" : "Voucher provider") },
            { key: "imported", header: w.imports.columns.imported, nowrap: true, cell: (i) => `${formatDateTimeShort(i.createdAt)}${i.createdByName ? `, ${i.createdByName}` : ""}` },
            { key: "status", header: w.imports.columns.status, cell: (i) => (i.status === "APPLIED" ? <Tag colour="green">{w.imports.applied}</Tag> : <Tag colour="yellow">{w.imports.previewed}</Tag>) },
            { key: "lines", header: w.imports.columns.lines, numeric: true, cell: (i) => i.lineCount },
            { key: "matched", header: w.imports.columns.matched, numeric: true, cell: (i) => i.match + i.applied + i.noChange },
            { key: "exceptions", header: w.imports.columns.exceptions, numeric: true, cell: (i) => (i.exception ? <strong className="text-govuk-error">{i.exception}</strong> : 0) },
          ]}
        />
      ) : (
        <p className="govuk-body" data-testid="reconciliation-none">
          {w.imports.none}
        </p>
      )}
    </>
  );
}
