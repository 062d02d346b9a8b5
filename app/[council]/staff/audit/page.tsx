import { readSearchParams } from "@/lib/forms/text";
import { FilterPanel } from "@/components/ui/case-working";
import { Select } from "@/components/ui/fields";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { requireCouncilPermission } from "@/lib/auth/access";
import { AUDIT_KINDS, describeActor, isAuditKind } from "@/lib/audit/policy";
import { listAuditEvents } from "@/lib/audit/queries";
import { formatDateTimeShort } from "@/lib/dates";
import { getTranslations } from "next-intl/server";

export const metadata = { title: "Audit log – Money Hub" };

export default async function AuditPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ page?: string; kind?: string }> }) {
  const { council: slug } = await params;
  const { council } = await requireCouncilPermission(slug, "audit:read");
  const counts = await getTranslations("casework.counts");
  const query = await readSearchParams(searchParams);
  const kind = isAuditKind(query.kind) ? query.kind : undefined;
  const page = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
  const { rows, total, pages } = await listAuditEvents(council.id, page, kind);
  const base = `/${slug}/staff/audit`;
  const href = (n: number) => `${base}?${new URLSearchParams([...(kind ? [["kind", kind]] : []), ...(n > 1 ? [["page", String(n)]] : [])]).toString()}`;
  return (
    <>
      <span className="govuk-caption-l">{council.name}</span>
      <h1>Audit log</h1>
      <p>
        Everything that happened in {council.name}&apos;s Money Hub: applications sent, sign-ins, refused access, changes to funds, staff, partners and settings, and
        exports. Newest first.
      </p>
      <FilterPanel label="Filter the audit log" clearHref={base} selected={[{ category: "Kind of event", items: kind ? [{ label: AUDIT_KINDS[kind].label, removeHref: base }] : [] }]}>
        <Select name="kind" label="Kind of event" defaultValue={kind ?? ""} options={[{ value: "", label: "All kinds" }, ...Object.entries(AUDIT_KINDS).map(([value, k]) => ({ value, label: k.label }))]} />
      </FilterPanel>
      <p data-testid="audit-count">
        {counts("events", { count: total })}
        {kind ? ` of the kind “${AUDIT_KINDS[kind].label}”` : ""}.
      </p>
      {rows.length ? (
      <Table
        caption="Audit events"
        captionHidden
        small
        testId="audit-table"
        rows={rows}
        rowKey={(e) => e.id}
        columns={[
          { key: "when", header: "When", nowrap: true, cell: (e) => formatDateTimeShort(e.createdAt) },
          { key: "who", header: "Who", cell: (e) => <span className="break-all">{describeActor(e)}</span> },
          { key: "what", header: "What", cell: (e) => e.summary },
        ]}
      />
      ) : null}
      <Pagination page={page} pages={pages} href={href} label="Pages of the audit log" />
    </>
  );
}
