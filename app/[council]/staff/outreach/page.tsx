import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDate } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import { listCampaigns } from "@/lib/outreach/campaigns";
import { isUploadProblem, listImports, UPLOAD_PROBLEMS } from "@/lib/outreach/imports";
import { statusColour } from "@/components/outreach/status";

export async function generateMetadata() {
  return { title: (await getTranslations("outreachAdmin"))("title") };
}

const UPLOAD_ERRORS = ["none-chosen", "request-too-large", "not-multipart"] as const;

export default async function OutreachPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ uploadError?: string; earlier?: string }> }) {
  const { council: slug } = await params;
  const query = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "outreach:manage");
  const actor = staffActor(access);
  const t = await getTranslations("outreachAdmin");
  const [imports, campaigns] = await Promise.all([listImports(actor), listCampaigns(actor)]);
  const code = query.uploadError ?? "";
  const error = isUploadProblem(code) ? UPLOAD_PROBLEMS[code] : (UPLOAD_ERRORS as readonly string[]).includes(code) ? t(`uploadErrors.${code}`) : null;
  const earlier = query.earlier && /^[0-9a-f-]{36}$/.test(query.earlier) ? query.earlier : null;
  return (
    <>
      <ErrorSummary errors={error ? [{ field: "list", message: error }] : []} />
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1 className="govuk-heading-xl">{t("title")}</h1>
      <p className="govuk-body md:w-2/3">{t("intro")}</p>

      <form method="post" action={`/${slug}/staff/outreach/upload`} encType="multipart/form-data" noValidate id="upload" data-testid="outreach-upload-form">
        <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`}>
          <h2 className="govuk-label-wrapper">
            <label className="govuk-label govuk-label--m" htmlFor="list">
              {t("upload.heading")}
            </label>
          </h2>
          <div id="list-hint" className="govuk-hint md:w-2/3">
            {t("upload.hint")}
          </div>
          {error ? (
            <p id="list-error" className="govuk-error-message" data-testid="outreach-upload-error">
              <span className="govuk-visually-hidden">{t("errorPrefix")} </span>
              {error}
              {earlier ? (
                <>
                  {" "}
                  <Link className="govuk-link" href={`/${slug}/staff/outreach/imports/${earlier}`}>
                    {t("earlier")}
                  </Link>
                </>
              ) : null}
            </p>
          ) : null}
          <input className={`govuk-file-upload ${error ? "govuk-file-upload--error" : ""}`} id="list" name="list" type="file" accept=".csv,text/csv" aria-describedby={`list-hint${error ? " list-error" : ""}`} data-testid="outreach-file" />
        </div>
        <button type="submit" className="govuk-button" data-module="govuk-button" data-testid="outreach-upload">
          {t("upload.submit")}
        </button>
      </form>

      <h2 className="govuk-heading-l mt-8">{t("imports.heading")}</h2>
      {imports?.length ? (
        <Table
          caption={t("imports.caption")}
          captionHidden
          testId="outreach-imports"
          rows={imports}
          rowKey={(i) => i.id}
          columns={[
            {
              key: "file",
              header: t("imports.file"),
              cell: (i) => (
                <Link className="govuk-link break-all" href={`/${slug}/staff/outreach/imports/${i.id}`}>
                  {i.fileName}
                </Link>
              ),
            },
            { key: "uploaded", header: t("imports.uploaded"), nowrap: true, cell: (i) => formatDate(i.createdAt) },
            { key: "status", header: t("imports.status"), cell: (i) => <Tag colour={statusColour(i.status)}>{t(`statuses.${i.status}`)}</Tag> },
            { key: "rows", header: t("imports.rows"), numeric: true, cell: (i) => i.totalRows.toLocaleString("en-GB") },
            { key: "imported", header: t("imports.imported"), numeric: true, cell: (i) => i.importedRows.toLocaleString("en-GB") },
            { key: "matched", header: t("imports.matched"), numeric: true, cell: (i) => i.matchedRows.toLocaleString("en-GB") },
          ]}
        />
      ) : (
        <p className="govuk-body">{t("imports.none")}</p>
      )}

      <h2 className="govuk-heading-l mt-8">{t("campaigns.heading")}</h2>
      <Link href={`/${slug}/staff/outreach/campaigns/new`} className="govuk-button govuk-button--secondary" role="button" draggable={false} data-testid="outreach-new-campaign">
        {t("campaigns.new")}
      </Link>
      {campaigns?.length ? (
        <Table
          caption={t("campaigns.caption")}
          captionHidden
          testId="outreach-campaigns"
          rows={campaigns}
          rowKey={(c) => c.id}
          columns={[
            {
              key: "name",
              header: t("campaigns.name"),
              cell: (c) => (
                <Link className="govuk-link" href={`/${slug}/staff/outreach/campaigns/${c.id}`}>
                  {c.name}
                </Link>
              ),
            },
            { key: "channel", header: t("campaigns.channel"), cell: (c) => t(`channels.${c.channel}`) },
            { key: "list", header: t("campaigns.list"), cell: (c) => <span className="break-all">{c.fileName}</span> },
            { key: "invited", header: t("campaigns.invited"), numeric: true, cell: (c) => c.invitedCount.toLocaleString("en-GB") },
            { key: "status", header: t("campaigns.status"), cell: (c) => <Tag colour={statusColour(c.status)}>{t(`statuses.${c.status}`)}</Tag> },
          ]}
        />
      ) : (
        <p className="govuk-body">{t("campaigns.none")}</p>
      )}
    </>
  );
}
