import Link from "next/link";
import { requireCouncilPermission } from "@/lib/auth/access";
import { listAuditEvents } from "@/lib/audit/queries";

export const metadata = { title: "Audit log – Money Hub" };

export default async function AuditPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ page?: string }> }) {
  const { council: slug } = await params;
  const { council } = await requireCouncilPermission(slug, "audit:read");
  const page = Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1);
  const { rows, total, pages } = await listAuditEvents(council.id, page);
  return (
    <>
      <span className="govuk-caption">{council.name}</span>
      <h1>Audit log</h1>
      <p>
        Every change to staff, partners and settings, newest first. {total} {total === 1 ? "event" : "events"}.
      </p>
      <table className="govuk-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td className="whitespace-nowrap">{e.createdAt.toLocaleString("en-GB", { timeZone: "Europe/London" })}</td>
              <td className="break-all">{e.actorEmail ?? "System"}</td>
              <td>{e.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" className="flex gap-6">
        {page > 1 ? <Link href={`?page=${page - 1}`}>Previous page</Link> : null}
        <span>
          Page {page} of {pages}
        </span>
        {page < pages ? <Link href={`?page=${page + 1}`}>Next page</Link> : null}
      </nav>
    </>
  );
}
