import { PaymentsTabs } from "@/components/payments/payments-tabs";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { VoucherUploadForm } from "@/components/payments/vouchers-upload-form";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateTimeShort } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { HEADER_OF } from "@/lib/payments/voucher-csv";
import { listVoucherImports, MAX_IMPORT_LINES } from "@/lib/payments/voucher-imports";

export async function generateMetadata({ searchParams }: { searchParams: Promise<{ importError?: string }> }) {
  const { importError } = await readSearchParams(searchParams);
  // GOV.UK: the title says "Error: " while the page shows a problem (also without JavaScript).
  return { title: `${importError ? "Error: " : ""}${(await getTranslations("vouchers"))("title")}` };
}

const PROBLEMS = ["none-chosen", "request-too-large", "not-multipart", "not-text", "empty", "wrong-header", "too-many-lines"] as const;

export default async function VouchersPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ importError?: string; kind?: string }> }) {
  const { council: slug } = await params;
  const { importError, kind } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const t = await getTranslations("vouchers");
  const imports = (await listVoucherImports(staffActor(access))) ?? [];
  const problem = PROBLEMS.find((p) => p === importError);
  const errorKind = kind === "redemptions" ? "redemptions" : "codes";
  const error = problem ? t(`import.errors.${problem}`, { expected: HEADER_OF[errorKind].join(","), max: MAX_IMPORT_LINES.toLocaleString("en-GB") }) : null;
  return (
    <>
      {error ? <ErrorSummary errors={[{ field: `voucher-file-${errorKind}`, message: error }]} /> : null}
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{t("title")}</h1>
      <PaymentsTabs slug={slug} current={`/${slug}/staff/payments/vouchers`} />
      <p className="govuk-body">{t("intro")}</p>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" href={`/${slug}/staff/payments/vouchers/providers`} data-testid="voucher-providers-link">
            {t("providersLink")}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" href={`/${slug}/staff/payments/vouchers/expired`} data-testid="expired-vouchers-link">
            {t("expiredLink")}
          </Link>
        </li>
      </ul>
      <VoucherUploadForm slug={slug} kind="codes" error={errorKind === "codes" ? error : null} />
      <VoucherUploadForm slug={slug} kind="redemptions" error={errorKind === "redemptions" ? error : null} />
      <h2 className="govuk-heading-m">{t("import.recent")}</h2>
      {imports.length ? (
        <Table
          caption={t("import.recent")}
          captionHidden
          testId="voucher-imports"
          rows={imports}
          rowKey={(i) => i.id}
          columns={[
            {
              key: "file",
              header: t("import.fileName"),
              cell: (i) => (
                <Link className="govuk-link break-all" href={`/${slug}/staff/payments/vouchers/imports/${i.id}`}>
                  {i.fileName}
                </Link>
              ),
            },
            { key: "kind", header: t("import.kind"), cell: (i) => t(`import.kinds.${i.kind === "redemptions" ? "redemptions" : "codes"}`) },
            { key: "when", header: t("import.when"), nowrap: true, cell: (i) => formatDateTimeShort(i.createdAt) },
            { key: "status", header: t("import.status"), cell: (i) => <Tag colour={i.status === "APPLIED" ? "green" : "yellow"}>{t(`import.statuses.${i.status === "APPLIED" ? "APPLIED" : "PREVIEWED"}`)}</Tag> },
          ]}
        />
      ) : (
        <p className="govuk-body">{t("import.none")}</p>
      )}
    </>
  );
}
