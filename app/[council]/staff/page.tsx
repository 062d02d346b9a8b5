import Link from "next/link";
import { requireCouncilPermission } from "@/lib/auth/access";
import { ROLE_LABELS } from "@/lib/auth/permissions";

export const metadata = { title: "Staff home – Money Hub" };

export default async function StaffDashboardPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "staff:access");
  const p = access.permissions;
  return (
    <>
      <span className="govuk-caption">{access.council.name}</span>
      <h1>Hello, {access.user.name}</h1>
      <p>
        You are signed in as {access.roles.map((r) => ROLE_LABELS[r]).join(", ")}.
      </p>
      <ul className="list-none">
        {p.has("funds:read") ? (
          <li className="mb-3">
            <Link href={`/${slug}/staff/funds`}>Funds: budgets, pots and spend against each allocation</Link>
          </li>
        ) : null}
        {p.has("people:manage") ? (
          <li className="mb-3">
            <Link href={`/${slug}/staff/people`}>People: invite staff and partners, change roles</Link>
          </li>
        ) : null}
        {p.has("audit:read") ? (
          <li className="mb-3">
            <Link href={`/${slug}/staff/audit`}>Audit log: who viewed and changed what</Link>
          </li>
        ) : null}
      </ul>
    </>
  );
}
