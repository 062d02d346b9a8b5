import Link from "next/link";
import { Table } from "@/components/ui/table";
import { Tag, type TTagColour } from "@/components/ui/tag";
import { formatDateTimeShort } from "@/lib/dates";
import { formatPence } from "@/lib/money";
import type { TBatchRow } from "@/lib/payments/queries";
import { PAYMENT_METHOD_WORDS } from "@/lib/payments/words";
import words from "@/messages/en/payments.json";

const STATUS_COLOUR: Record<TBatchRow["status"], TTagColour> = { CREATED: "yellow", RELEASED: "green", CANCELLED: "grey" };

export function BatchStatusTag({ status }: { status: TBatchRow["status"] }) {
  return (
    <Tag colour={STATUS_COLOUR[status]} testId="batch-status">
      {words.batches.statuses[status]}
    </Tag>
  );
}

/** The batches list: reference (a link to the batch), method, status, count, total, who made and who released it. */
export function BatchTable({ slug, batches, caption }: { slug: string; batches: readonly TBatchRow[]; caption: string }) {
  const w = words.batches;
  return (
    <Table
      caption={caption}
      testId="batches-table"
      rows={batches}
      rowKey={(b) => b.id}
      small
      columns={[
        {
          key: "reference",
          header: w.reference,
          nowrap: true,
          cell: (b) => (
            <Link className="govuk-link" href={`/${slug}/staff/payments/batches/${b.id}`}>
              {b.reference}
            </Link>
          ),
        },
        { key: "method", header: w.method, cell: (b) => PAYMENT_METHOD_WORDS[b.method] },
        { key: "status", header: w.status, cell: (b) => <BatchStatusTag status={b.status} /> },
        { key: "count", header: w.count, numeric: true, cell: (b) => b.count.toLocaleString("en-GB") },
        { key: "total", header: w.total, numeric: true, cell: (b) => formatPence(b.totalPence) },
        { key: "createdBy", header: w.createdBy, cell: (b) => `${b.createdBy}, ${formatDateTimeShort(b.createdAt)}` },
        { key: "releasedBy", header: w.releasedBy, cell: (b) => (b.releasedBy && b.releasedAt ? `${b.releasedBy}, ${formatDateTimeShort(b.releasedAt)}` : "–") },
      ]}
    />
  );
}
