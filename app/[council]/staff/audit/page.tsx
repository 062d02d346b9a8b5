import { readSearchParams } from "@/lib/forms/text";
import { FilterPanel } from "@/components/ui/case-working";
import { Select } from "@/components/ui/fields";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { requireCouncilPermission } from "@/lib/auth/access";
import { AUDIT_KINDS, describeActor, isAuditKind } from "@/lib/audit/policy";
import { listAuditEvents } from "@/lib/audit/queries";
import { formatDateTimeShort } from "@/lib/dates";
import { staffMessages } from "@/lib/i18n/catalogues";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const [t, ui] = await Promise.all([getTranslations("audit"), getTranslations("staffUi")]);
  return { title: ui("title", { title: t("title") }) };
}

export default async function AuditPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ page?: string; kind?: string }> }) {
  const { council: slug } = await params;
  const { council } = await requireCouncilPermission(slug, "audit:read");
  const [counts, t] = await Promise.all([getTranslations("casework.counts"), getTranslations("audit")]);
  const { staffUi } = staffMessages();
  const query = await readSearchParams(searchParams);
  const kind = isAuditKind(query.kind) ? query.kind : undefined;
  const page = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
  const { rows, total, pages } = await listAuditEvents(council.id, page, kind);
  const base = `/${slug}/staff/audit`;
  const href = (n: number) => `${base}?${new URLSearchParams([...(kind ? [["kind", kind]] : []), ...(n > 1 ? [["page", String(n)]] : [])]).toString()}`;
  return (
    <>
      <span className="govuk-caption-l">{council.name}</span>
      <h1>{t("title")}</h1>
      <p>{t("intro", { council: council.name })}</p>
      <FilterPanel label={t("filterLabel")} words={staffUi.filters} clearHref={base} selected={[{ category: t("kind"), items: kind ? [{ label: AUDIT_KINDS[kind].label, removeHref: base }] : [] }]}>
        <Select name="kind" label={t("kind")} defaultValue={kind ?? ""} options={[{ value: "", label: t("allKinds") }, ...Object.entries(AUDIT_KINDS).map(([value, k]) => ({ value, label: k.label }))]} />
      </FilterPanel>
      <p data-testid="audit-count">
        {kind ? t("countOfKind", { events: counts("events", { count: total }), kind: AUDIT_KINDS[kind].label }) : t("count", { events: counts("events", { count: total }) })}
      </p>
      {rows.length ? (
      <Table
        caption={t("caption")}
        captionHidden
        small
        testId="audit-table"
        rows={rows}
        rowKey={(e) => e.id}
        columns={[
          { key: "when", header: t("columns.when"), nowrap: true, cell: (e) => formatDateTimeShort(e.createdAt) },
          { key: "who", header: t("columns.who"), cell: (e) => <span className="break-all">{describeActor(e)}</span> },
          { key: "what", header: t("columns.what"), cell: (e) => e.summary },
        ]}
      />
      ) : null}
      <Pagination page={page} pages={pages} href={href} label={t("pages")} words={staffUi.pagination} />
    </>
  );
}
