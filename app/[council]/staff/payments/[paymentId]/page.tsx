import Link from "next/link";
import { notFound } from "next/navigation";
import { BankChangeForm, ChooseSupplierForm, ConfirmForm, RevealForm } from "@/components/payments/suppliers-forms";
import { supplierFormWords } from "@/components/payments/suppliers-words";
import { Timeline } from "@/components/ui/case-working";
import { BackLink, pageTitle, SuccessBanner, SummaryList, type TSummaryRow } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateTime } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { formatPence } from "@/lib/money";
import { loadPaymentDetails, type TPaymentDetails } from "@/lib/payments/payment-details";
import {
  approveBankChangeAction,
  cancelBankChangeAction,
  choosePaymentSupplierAction,
  rejectBankChangeAction,
  requestBankChangeAction,
  revealPaymentAction,
} from "@/lib/payments/supplier-actions";
import { maskedAccount } from "@/lib/payments/supplier-schemas";
import { BANK_CHANGE_STATUS_WORDS, SUPPLIER_STATUS_WORDS } from "@/lib/payments/supplier-words";
import { checkedSuppliers } from "@/lib/payments/suppliers";
import { PAYMENT_METHOD_WORDS, PAYMENT_STATUS_WORDS } from "@/lib/payments/words";

const BANNERS = ["supplier-chosen", "change-requested", "change-approved", "change-rejected", "change-cancelled"] as const;
const STATUS_COLOUR = { READY: "blue", IN_BATCH: "light-blue", SENT: "purple", PAID: "green", REDEEMED: "green", ISSUED: "turquoise", RETURNED: "red", REJECTED: "red", EXPIRED: "orange", CANCELLED: "grey" } as const;

type T = Awaited<ReturnType<typeof supplierFormWords>>["t"];

/** A line of the payment's history, in words: its state changes and its bank-details changes (last 4 digits only). */
function historyLine(t: T, h: TPaymentDetails["history"][number]) {
  const d = h.data;
  const state = h.kind.startsWith("payment.") ? h.kind.slice("payment.".length).toUpperCase() : null;
  const supplierEvent = h.kind.startsWith("suppliers.") ? h.kind.slice("suppliers.".length) : null;
  const title =
    state && state in PAYMENT_STATUS_WORDS
      ? t("payment.stateEvent", { state: PAYMENT_STATUS_WORDS[state as keyof typeof PAYMENT_STATUS_WORDS] })
      : supplierEvent && t.has(`events.${supplierEvent}`)
        ? t(`events.${supplierEvent}` as "events.supplier-chosen")
        : h.kind;
  let description: string | null = null;
  if (h.kind.startsWith("suppliers.bank-change-")) description = t("payment.bankChangeLine", { from: maskedAccount(d.from as string | null), to: maskedAccount(d.to as string | null), reason: String(d.note ?? d.reason ?? "") });
  else if (h.kind === "suppliers.supplier-chosen") description = t("payment.supplierLine", { supplier: String(d.supplier ?? ""), ref: String(d.supplierAccountRef ?? "") });
  else if (d.reason) description = String(d.reason);
  return { id: h.id, title, by: h.by ?? undefined, at: formatDateTime(h.at), description: description ? <p className="govuk-body">{description}</p> : undefined };
}

// A single payment (finance: payments:manage): what it pays, where the money goes (masked, with an
// audited "Show full details"), a supplier payment's supplier and account reference, a change of
// bank details that a second person approves, and its history.
export default async function PaymentPage({ params, searchParams }: { params: Promise<{ council: string; paymentId: string }>; searchParams: Promise<{ done?: string }> }) {
  const { council: slug, paymentId } = await params;
  const { done } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const actor = staffActor(access);
  const p = await loadPaymentDetails(actor, paymentId);
  if (!p) notFound();
  const { bank, reveal, t } = await supplierFormWords();
  const banner = BANNERS.find((b) => b === done);
  const ready = p.status === "READY";
  const pending = p.changes.find((c) => c.status === "PENDING");
  const suppliers = p.method === "SUPPLIER" && ready ? await checkedSuppliers(actor) : [];
  const hasDetails = p.method === "SUPPLIER" ? Boolean(p.supplier) : p.hasBankDetails;
  const byAt = (name: string | null, at: Date) => t("common.byAt", { name: name ?? t("common.someone"), at: formatDateTime(at) });
  const link = (href: string, text: string) => (
    <Link href={href} className="govuk-link">
      {text}
    </Link>
  );
  const rows: TSummaryRow[] = [
    {
      key: t("payment.status"),
      value: (
        <Tag colour={STATUS_COLOUR[p.status]} testId="payment-status">
          {PAYMENT_STATUS_WORDS[p.status]}
        </Tag>
      ),
    },
    { key: t("payment.amount"), value: formatPence(p.amountPence), testId: "payment-amount" },
    { key: t("payment.method"), value: PAYMENT_METHOD_WORDS[p.method] },
    { key: t("payment.case"), value: link(`/${slug}/staff/cases/${p.caseId}`, p.caseReference) },
  ];
  if (p.method === "BANK_TRANSFER") rows.push({ key: t("payment.account"), value: maskedAccount(p.bankLast4), testId: "payment-account" });
  if (p.method === "SUPPLIER") {
    rows.push({
      key: t("payment.supplier"),
      testId: "payment-supplier",
      value: p.supplier ? (
        <>
          {link(`/${slug}/staff/payments/suppliers/${p.supplier.id}`, p.supplier.name)}, {maskedAccount(p.supplier.bankLast4)}
          {p.supplier.status !== "CHECKED" ? <> {t("payment.supplierNotChecked", { status: SUPPLIER_STATUS_WORDS[p.supplier.status].toLowerCase() })}</> : null}
        </>
      ) : (
        t("payment.supplierNone")
      ),
    });
    rows.push({ key: t("payment.accountRef"), value: p.supplierAccountRef ?? t("payment.accountRefNone"), testId: "payment-supplier-ref" });
  }
  if (p.batch) rows.push({ key: t("payment.batch"), value: p.batch.reference });
  rows.push({ key: t("payment.created"), value: formatDateTime(p.createdAt) });
  if (p.sentAt) rows.push({ key: t("payment.sent"), value: formatDateTime(p.sentAt) });
  if (p.settledAt) rows.push({ key: t("payment.settled"), value: formatDateTime(p.settledAt) });
  if (p.outcomeReason) rows.push({ key: t("payment.reason"), value: p.outcomeReason });
  if (p.replacesPaymentId) rows.push({ key: t("payment.paysAgain"), value: link(`/${slug}/staff/payments/${p.replacesPaymentId}`, t("payment.earlier")) });
  return (
    <>
      <title>{pageTitle(t("payment.title", { reference: p.reference }))}</title>
      <BackLink href={`/${slug}/staff/payments`}>{t("common.payments")}</BackLink>
      <SuccessBanner title={t("common.success")} testId="payment-banner">
        {banner ? t(`payment.banners.${banner}`) : null}
      </SuccessBanner>
      <span className="govuk-caption-l">{t("payment.caption")}</span>
      <h1 className="govuk-heading-xl">{p.reference}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList rows={rows} />

          {hasDetails ? (
            <>
              <h2 className="govuk-heading-m">{t("reveal.heading")}</h2>
              <RevealForm action={revealPaymentAction.bind(null, slug)} hidden={{ paymentId: p.id }} words={reveal} testId="reveal-payment" />
            </>
          ) : null}

          {p.method === "SUPPLIER" && ready ? (
            <>
              <h2 className="govuk-heading-m">{p.supplier ? t("payment.changeSupplierHeading") : t("payment.chooseHeading")}</h2>
              {suppliers.length ? (
                <ChooseSupplierForm
                  action={choosePaymentSupplierAction.bind(null, slug)}
                  paymentId={p.id}
                  suppliers={suppliers.map((s) => ({ value: s.id, label: `${s.name} (${maskedAccount(s.bankLast4)})` }))}
                  defaults={{ supplierId: p.supplier?.status === "CHECKED" ? p.supplier.id : undefined, supplierAccountRef: p.supplierAccountRef ?? undefined }}
                  words={{
                    supplier: t("payment.chooseSupplier"),
                    supplierHint: t("payment.chooseSupplierHint"),
                    placeholder: t("payment.choosePlaceholder"),
                    accountRef: t("payment.accountRefLabel"),
                    accountRefHint: t("payment.accountRefHint"),
                    submit: t("payment.chooseSubmit"),
                  }}
                />
              ) : (
                <p className="govuk-body">
                  {t("payment.noSuppliers")} {link(`/${slug}/staff/payments/suppliers`, t("payment.addOrCheck"))}
                </p>
              )}
            </>
          ) : null}

          {p.method === "BANK_TRANSFER" && pending ? (
            <section aria-labelledby="pending-heading" data-testid="pending-change">
              <h2 className="govuk-heading-m" id="pending-heading">
                {t("payment.pendingHeading")}
              </h2>
              <div className="govuk-warning-text">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">{t("payment.warning")}</span>
                  {t("payment.fraudWarning")}
                </strong>
              </div>
              <SummaryList
                rows={[
                  { key: t("payment.from"), value: maskedAccount(pending.previousLast4) },
                  { key: t("payment.to"), value: maskedAccount(pending.bankLast4), testId: "pending-to" },
                  { key: t("payment.why"), value: pending.reason },
                  { key: t("payment.askedBy"), value: byAt(pending.requestedBy, pending.requestedAt) },
                ]}
              />
              {pending.requestedById === access.user.userId ? (
                <>
                  <p className="govuk-inset-text" data-testid="approve-someone-else">
                    {t("payment.approveSomeoneElse")}
                  </p>
                  <ConfirmForm action={cancelBankChangeAction.bind(null, slug)} hidden={{ paymentId: p.id, changeId: pending.id }} submit={t("payment.takeBack")} variant="secondary" testId="cancel-change" />
                </>
              ) : (
                <>
                  <ConfirmForm action={approveBankChangeAction.bind(null, slug)} hidden={{ paymentId: p.id, changeId: pending.id }} submit={t("payment.approve")} testId="approve-change" />
                  <ConfirmForm
                    action={rejectBankChangeAction.bind(null, slug)}
                    hidden={{ paymentId: p.id, changeId: pending.id }}
                    reason={{ name: "note", label: t("payment.rejectReason"), hint: t("payment.rejectHint") }}
                    submit={t("payment.reject")}
                    variant="warning"
                    testId="reject-change"
                  />
                </>
              )}
            </section>
          ) : null}

          {p.method === "BANK_TRANSFER" && ready && !pending ? (
            <>
              <h2 className="govuk-heading-m">{t("payment.changeHeading")}</h2>
              <p className="govuk-body">{t("payment.changeIntro")}</p>
              <BankChangeForm
                action={requestBankChangeAction.bind(null, slug)}
                paymentId={p.id}
                words={{ bank, reason: t("payment.changeReason"), reasonHint: t("payment.changeReasonHint"), submit: t("payment.changeSubmit") }}
              />
            </>
          ) : null}

          {p.changes.length ? (
            <Table
              caption={t("payment.changesCaption")}
              testId="bank-changes"
              rows={p.changes}
              rowKey={(c) => c.id}
              columns={[
                { key: "asked", header: t("payment.askedFor"), cell: (c) => byAt(c.requestedBy, c.requestedAt) },
                { key: "to", header: t("payment.to"), cell: (c) => maskedAccount(c.bankLast4) },
                { key: "status", header: t("payment.outcome"), cell: (c) => BANK_CHANGE_STATUS_WORDS[c.status] },
                { key: "decided", header: t("payment.decidedBy"), cell: (c) => (c.decidedAt ? byAt(c.decidedBy, c.decidedAt) : "") },
              ]}
            />
          ) : null}
        </div>
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">{t("payment.history")}</h2>
          {p.history.length ? (
            <Timeline label={t("payment.historyLabel")} by={t("payment.by")} events={p.history.map((h) => historyLine(t, h))} />
          ) : (
            <p className="govuk-body">{t("payment.nothingYet", { at: formatDateTime(p.createdAt) })}</p>
          )}
        </div>
      </div>
    </>
  );
}
