import Link from "next/link";
import { ProjectionText, UsageMeter, formatDate } from "@/components/funds/figures";
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
      <span className="govuk-caption">{access.council.name}</span>
      <h1>Funds</h1>
      {access.permissions.has("funds:manage") ? (
        <Link href={`/${slug}/staff/funds/new`} className="govuk-button">
          Add a fund
        </Link>
      ) : null}
      {funds.length === 0 ? <p>There are no funds yet.</p> : null}
      {funds.map((f) => (
        <section key={f.id} className="mb-10 border-t-4 border-govuk-blue pt-4" aria-labelledby={`fund-${f.id}`}>
          <h2 id={`fund-${f.id}`} className="text-2xl">
            <Link href={`/${slug}/staff/funds/${f.id}`}>{f.name}</Link>
            {f.status === "CLOSED" ? <strong className="govuk-tag govuk-tag-grey ms-3">Closed</strong> : null}
          </h2>
          <p className="text-govuk-secondary">
            {f.funder} · {formatDate(f.periodStart)} to {formatDate(f.periodEnd)} · {f.figures.daysLeft} days left
          </p>
          <table className="govuk-table">
            <caption className="sr-only">Figures for {f.name}</caption>
            <thead>
              <tr>
                <th scope="col">Allocation</th>
                <th scope="col">In pots</th>
                <th scope="col">Committed</th>
                <th scope="col">Spent</th>
                <th scope="col">Available</th>
                <th scope="col">Used</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{formatPence(f.allocationPence)}</td>
                <td>{formatPence(f.allocatedToPotsPence)}</td>
                <td>{formatPence(f.committedPence)}</td>
                <td>{formatPence(f.spentPence)}</td>
                <td>{formatPence(f.figures.remainingPence)}</td>
                <td>
                  <UsageMeter percent={f.figures.percentUsed} label={`${f.name}: share used`} />
                </td>
              </tr>
            </tbody>
          </table>
          <p>
            <ProjectionText projection={f.figures.projection} periodEnd={f.periodEnd} />
          </p>
        </section>
      ))}
    </>
  );
}
