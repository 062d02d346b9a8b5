import Link from "next/link";
import { BatchTable } from "@/components/payments/batch-table";
import { CreateBatchForm } from "@/components/payments/batch-forms";
import { PaymentsTabs } from "@/components/payments/payments-tabs";
import { NotificationBanner } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { format } from "@/lib/i18n";
import { formatPence } from "@/lib/money";
import { createBatchAction } from "@/lib/payments/actions";
import { listBatches, readyToPay } from "@/lib/payments/queries";
import { BANK_METHODS } from "@/lib/payments/lifecycle";
import { PAYMENT_METHOD_WORDS } from "@/lib/payments/words";
import words from "@/messages/en/payments.json";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const ui = await getTranslations("staffUi");
  return { title: ui("title", { title: words.ready.title }) };
}

/** Payments: what is ready to pay by method (and what needs details first), making a batch, and the latest batches. */
export default async function PaymentsPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "payments:manage");
  const actor = staffActor(access);
  const [ready, recent] = await Promise.all([readyToPay(actor), listBatches(actor)]);
  const w = words.ready;
  const waiting = ready!.methods.filter((m) => m.count > 0);
  const methods = ready!.methods.map((m) => ({ value: m.method, label: PAYMENT_METHOD_WORDS[m.method], hint: `${w.canBatch}: ${m.payableCount.toLocaleString("en-GB")} (${formatPence(m.payablePence)})` }));
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{words.title}</h1>
      <PaymentsTabs slug={slug} current={`/${slug}/staff/payments`} />
      {ready!.missingBankSettings.length ? (
        <NotificationBanner title={w.notConfiguredTitle}>
          <p className="govuk-notification-banner__heading" data-testid="bank-settings-missing">
            {format(w.notConfigured, { missing: ready!.missingBankSettings.join(", ") })}{" "}
            <Link className="govuk-notification-banner__link" href={`/${slug}/staff/payments/settings`}>
              {w.settingsLink}
            </Link>
          </p>
        </NotificationBanner>
      ) : null}
      <h2 className="govuk-heading-m">{w.title}</h2>
      <p>{w.intro}</p>
      {waiting.length ? (
        <Table
          caption={w.caption}
          captionHidden
          testId="ready-table"
          rows={waiting}
          rowKey={(m) => m.method}
          columns={[
            { key: "method", header: w.method, cell: (m) => PAYMENT_METHOD_WORDS[m.method] },
            { key: "count", header: w.count, numeric: true, cell: (m) => m.count.toLocaleString("en-GB") },
            { key: "total", header: w.total, numeric: true, cell: (m) => formatPence(m.totalPence) },
            { key: "payable", header: w.canBatch, numeric: true, cell: (m) => `${m.payableCount.toLocaleString("en-GB")} (${formatPence(m.payablePence)})` },
            {
              key: "needDetails",
              header: w.needDetails,
              cell: (m) =>
                m.needDetails > 0 ? (
                  <strong className="govuk-tag govuk-tag--orange" data-testid={`need-details-${m.method}`}>
                    {format(m.method === "SUPPLIER" ? w.needSupplier : w.needBankDetails, { count: m.needDetails.toLocaleString("en-GB") })}
                  </strong>
                ) : (
                  "–"
                ),
            },
          ]}
        />
      ) : (
        <p data-testid="nothing-ready">{w.none}</p>
      )}
      <div className="md:w-2/3">
        <CreateBatchForm
          action={createBatchAction.bind(null, slug)}
          title={words.ready.title}
          methods={methods.filter((m) => waiting.some((r) => r.method === m.value) || BANK_METHODS.includes(m.value))}
          funds={ready!.funds.map((f) => ({ value: f.id, label: f.name }))}
          words={words.create}
        />
      </div>
      <h2 className="govuk-heading-m mt-8">{words.batches.recent}</h2>
      {recent!.batches.length ? (
        <>
          <BatchTable slug={slug} batches={recent!.batches.slice(0, 10)} caption={words.batches.caption} />
          <p>
            <Link className="govuk-link" href={`/${slug}/staff/payments/batches`}>
              {words.batches.all}
            </Link>
          </p>
        </>
      ) : (
        <p>{words.batches.none}</p>
      )}
    </>
  );
}
