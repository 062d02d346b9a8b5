import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ApplyImportForm } from "@/components/payments/vouchers-forms";
import { BackLink, NotificationBanner, SuccessBanner } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateTime } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { formatPence } from "@/lib/money";
import { applyVoucherImportAction } from "@/lib/payments/voucher-actions";
import { countLines, readVoucherImport, type TLineResult } from "@/lib/payments/voucher-imports";

export async function generateMetadata() {
  return { title: (await getTranslations("vouchers"))("preview.title") };
}

const TAG: Record<TLineResult, "green" | "red" | "grey"> = { ready: "green", problem: "red", nothing: "grey" };

/** A provider file as checked: every line with what applying it does or why it cannot; then apply. */
export default async function VoucherImportPage({ params, searchParams }: { params: Promise<{ council: string; importId: string }>; searchParams: Promise<{ same?: string; done?: string }> }) {
  const { council: slug, importId } = await params;
  const { same, done } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const [t, ui] = await Promise.all([getTranslations("vouchers"), getTranslations("staffUi")]);
  const imp = await readVoucherImport(staffActor(access), importId);
  if (!imp) notFound();
  const counts = countLines(imp.lines);
  const applied = imp.status === "APPLIED";
  const s = imp.summary;
  return (
    <>
      <BackLink href={`/${slug}/staff/payments/vouchers`}>{t("preview.back")}</BackLink>
      <SuccessBanner testId="voucher-import-banner" title={ui("success")}>
        {done === "applied" && applied ? t("applied", { issued: s.issued ?? 0, redeemed: s.redeemed ?? 0, expired: s.expired ?? 0, messages: s.messages ?? 0 }) : null}
      </SuccessBanner>
      {same ? (
        <NotificationBanner>
          <p className="govuk-notification-banner__heading mb-0" data-testid="voucher-same-file">
            {t("preview.sameFile")}
          </p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">
        {t(`import.kinds.${imp.kind}`)}: <span className="break-all">{imp.fileName}</span>
      </span>
      <h1 className="govuk-heading-xl">{t(applied ? "preview.appliedTitle" : "preview.title")}</h1>
      <p className="govuk-body" data-testid="voucher-import-summary">
        {t("preview.summary", { ok: counts.ready, total: imp.lines.length, problems: counts.problem })}
      </p>
      <p className="govuk-body" data-testid="voucher-import-status">
        {applied ? t("preview.applied", { when: imp.appliedAt ? formatDateTime(imp.appliedAt) : "", who: imp.appliedBy ?? "" }) : t("preview.notApplied")}
      </p>
      <Table
        caption={t("preview.title")}
        captionHidden
        testId="voucher-import-lines"
        rows={imp.lines}
        rowKey={(l) => String(l.lineNo)}
        columns={[
          { key: "line", header: t("preview.line"), numeric: true, cell: (l) => l.lineNo },
          { key: "reference", header: t("preview.reference"), nowrap: true, cell: (l) => l.reference },
          { key: "amount", header: t("preview.amount"), numeric: true, cell: (l) => (l.amountPence === null ? "" : formatPence(BigInt(l.amountPence))) },
          {
            key: "result",
            header: t("preview.result"),
            cell: (l) => (
              <>
                <Tag colour={TAG[l.result]} testId={`line-${l.lineNo}-result`}>
                  {l.result === "ready" ? t(applied ? "preview.done" : "preview.ready") : l.result === "problem" ? t("preview.problem") : t("preview.nothing")}
                </Tag>{" "}
                <span data-testid={`line-${l.lineNo}-message`}>{l.message}</span>
              </>
            ),
          },
        ]}
      />
      {applied ? null : counts.ready ? (
        <ApplyImportForm action={applyVoucherImportAction.bind(null, slug)} importId={imp.id} title={t("preview.title")} submit={t("preview.apply", { ok: counts.ready })} />
      ) : (
        <p className="govuk-body" data-testid="voucher-nothing-to-apply">
          {t("preview.nothingToApply")}
        </p>
      )}
    </>
  );
}
