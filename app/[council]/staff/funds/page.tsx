import Link from "next/link";
import { ProjectionText, UsageMeter } from "@/components/funds/figures";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDate } from "@/lib/dates";
import { requireCouncilPermission } from "@/lib/auth/access";
import { listFunds } from "@/lib/funds/queries";
import { formatPence } from "@/lib/money";

export const metadata = { title: "Funds – Money Hub" };

export default async function FundsPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "funds:read");
  const funds = await listFunds(access.council.id);
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>Funds</h1>
      {access.permissions.has("funds:manage") ? (
        <Link href={`/${slug}/staff/funds/new`} className="govuk-button">
          Add a fund
        </Link>
      ) : null}
      {funds.length === 0 ? <p>There are no funds yet.</p> : null}
      {funds.map((f) => (
        <section key={f.id} className="mb-10 border-t-4 border-govuk-blue pt-4" aria-labelledby={`fund-${f.id}`}>
          <h2 id={`fund-${f.id}`} className="govuk-heading-l">
            <Link href={`/${slug}/staff/funds/${f.id}`} className="govuk-link">
              {f.name}
            </Link>
            {f.status === "CLOSED" ? (
              <span className="ms-3 align-middle">
                <Tag colour="grey">Closed</Tag>
              </span>
            ) : null}
          </h2>
          <p className="text-govuk-secondary">
            {f.funder} · {formatDate(f.periodStart)} to {formatDate(f.periodEnd)} · {f.figures.daysLeft} days left
          </p>
          <Table
            caption={`Figures for ${f.name}`}
            captionHidden
            rows={[f]}
            rowKey={(r) => r.id}
            columns={[
              { key: "allocation", header: "Allocation", numeric: true, cell: (r) => formatPence(r.allocationPence) },
              { key: "pots", header: "In pots", numeric: true, cell: (r) => formatPence(r.allocatedToPotsPence) },
              { key: "committed", header: "Committed", numeric: true, cell: (r) => formatPence(r.committedPence) },
              { key: "spent", header: "Spent", numeric: true, cell: (r) => formatPence(r.spentPence) },
              { key: "available", header: "Available", numeric: true, cell: (r) => formatPence(r.figures.remainingPence) },
              { key: "used", header: "Used", cell: (r) => <UsageMeter percent={r.figures.percentUsed} label={`${r.name}: share used`} /> },
            ]}
          />
          <p>
            <ProjectionText projection={f.figures.projection} periodEnd={f.periodEnd} />
          </p>
        </section>
      ))}
    </>
  );
}
