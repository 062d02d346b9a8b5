import { notFound } from "next/navigation";
import { SmallCaseForm } from "@/components/cases/case-forms";
import { BatchStatusTag } from "@/components/payments/batch-table";
import { PaymentsTabs } from "@/components/payments/payments-tabs";
import { SuccessBanner, SummaryList } from "@/components/ui/layout-parts";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { maskAccount } from "@/lib/banking/mask";
import { formatDate, formatDateTimeShort } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { format } from "@/lib/i18n";
import { formatPence } from "@/lib/money";
import { cancelBatchAction, releaseBatchAction } from "@/lib/payments/actions";
import { LINES_PER_PAGE, readBatch } from "@/lib/payments/queries";
import { PAYMENT_METHOD_WORDS, PAYMENT_STATUS_WORDS } from "@/lib/payments/words";
import words from "@/messages/en/payments.json";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const ui = await getTranslations("staffUi");
  return { title: ui("title", { title: words.batch.caption }) };
}

/** One batch: what it holds, who made and released it, its file to download, release or cancel, and its payments. */
export default async function BatchPage({ params, searchParams }: { params: Promise<{ council: string; batchId: string }>; searchParams: Promise<{ done?: string; page?: string }> }) {
  const { council: slug, batchId } = await params;
  const query = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const page = Math.max(1, Math.min(100_000, Number.parseInt(query.page ?? "1", 10) || 1));
  const data = await readBatch(staffActor(access), batchId, page);
  if (!data) notFound();
  const { batch, lines, files } = data;
  const w = words.batch;
  const ui = await getTranslations("staffUi");
  const figures = { reference: batch.reference, count: batch.count.toLocaleString("en-GB"), total: formatPence(batch.totalPence) };
  const banner = query.done === "made" ? format(w.made, figures) : query.done === "released" ? format(w.released, figures) : query.done === "cancelled" ? format(w.cancelledBanner, figures) : null;
  const own = batch.createdById === access.user.userId;
  const base = `/${slug}/staff/payments/batches/${batch.id}`;
  const pages = Math.max(1, Math.ceil(batch.count / LINES_PER_PAGE));
  return (
    <>
      <SuccessBanner testId="batch-banner" title={ui("success")}>
        {banner}
      </SuccessBanner>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{format(w.title, { reference: batch.reference })}</h1>
      <PaymentsTabs slug={slug} current={`/${slug}/staff/payments/batches`} />
      <SummaryList
        rows={[
          { key: w.status, value: <BatchStatusTag status={batch.status} /> },
          { key: w.method, value: PAYMENT_METHOD_WORDS[batch.method] },
          { key: w.count, value: figures.count, testId: "batch-count" },
          { key: w.total, value: figures.total, testId: "batch-total" },
          ...(batch.processingDay ? [{ key: w.processingDay, value: formatDate(batch.processingDay), testId: "batch-processing-day" }] : []),
          { key: w.createdBy, value: format(w.at, { who: batch.createdBy, when: formatDateTimeShort(batch.createdAt) }) },
          { key: w.releasedBy, value: batch.releasedBy && batch.releasedAt ? format(w.at, { who: batch.releasedBy, when: formatDateTimeShort(batch.releasedAt) }) : w.notYet, testId: "batch-released-by" },
        ]}
      />

      <h2 className="govuk-heading-m">{w.files}</h2>
      <p>{w.filesIntro}</p>
      {files.length ? (
        <Table
          caption={w.filesCaption}
          captionHidden
          testId="batch-files"
          rows={files}
          rowKey={(f) => f.id}
          columns={[
            {
              key: "name",
              header: w.fileName,
              cell: (f) => (
                <a className="govuk-link" href={`${base}/files/${f.id}`} download aria-label={format(w.download, { name: f.fileName })}>
                  {f.fileName}
                </a>
              ),
            },
            { key: "size", header: w.fileSize, numeric: true, cell: (f) => `${f.sizeBytes.toLocaleString("en-GB")} B` },
            { key: "sha", header: w.fileSha, cell: (f) => <code className="break-all text-sm">{f.sha256}</code> },
          ]}
        />
      ) : (
        <p>{w.noFiles}</p>
      )}

      {batch.status === "CREATED" ? (
        <div className="md:w-2/3">
          <h2 className="govuk-heading-m">{w.releaseTitle}</h2>
          {own ? (
            <p className="govuk-inset-text" data-testid="release-own">
              {w.releaseOwn}
            </p>
          ) : (
            <>
              <p>{w.releaseIntro}</p>
              <SmallCaseForm action={releaseBatchAction.bind(null, slug)} hidden={{ batchId: batch.id }} submit={w.release} testId="release-form" />
            </>
          )}
          <p>{w.cancelIntro}</p>
          <SmallCaseForm action={cancelBatchAction.bind(null, slug)} hidden={{ batchId: batch.id }} submit={w.cancel} variant="warning" testId="cancel-form" />
        </div>
      ) : null}

      <h2 className="govuk-heading-m">{w.lines}</h2>
      {lines.length ? (
        <Table
          caption={w.linesCaption}
          captionHidden
          testId="batch-lines"
          small
          rows={lines}
          rowKey={(l) => l.id}
          columns={[
            { key: "reference", header: w.paymentRef, nowrap: true, cell: (l) => l.reference },
            {
              key: "case",
              header: w.case,
              nowrap: true,
              cell: (l) => (
                <a className="govuk-link" href={`/${slug}/staff/cases/${l.caseId}`}>
                  {l.caseReference}
                </a>
              ),
            },
            { key: "fund", header: w.fund, cell: (l) => l.fundName },
            { key: "account", header: w.account, cell: (l) => (l.bankLast4 ? maskAccount(l.bankLast4) : "–") },
            { key: "status", header: w.paymentStatus, cell: (l) => PAYMENT_STATUS_WORDS[l.status] },
            { key: "amount", header: w.amount, numeric: true, cell: (l) => formatPence(l.amountPence) },
          ]}
        />
      ) : (
        <p>{w.linesNone}</p>
      )}
      {lines.length ? <Pagination page={page} pages={pages} href={(p) => `${base}?page=${p}`} label={w.paginationLabel} words={words.batches.pagination} /> : null}
    </>
  );
}
