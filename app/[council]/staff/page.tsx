import Link from "next/link";
import { requireCouncilPermission } from "@/lib/auth/access";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { staffAreas } from "@/lib/auth/staff-areas";

export const metadata = { title: "Staff home – Money Hub" };

export default async function StaffDashboardPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "staff:access");
  const areas = staffAreas(slug, access.permissions);
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>Hello, {access.user.name}</h1>
      <p>You are signed in as {access.roles.map((r) => ROLE_LABELS[r]).join(", ")}. You can:</p>
      <ul className="govuk-list govuk-list--spaced" data-testid="staff-areas">
        {areas.map((a) => (
          <li key={a.href}>
            <Link href={a.href} className="govuk-link font-bold">
              {a.label}
            </Link>
            <br />
            <span className="text-govuk-secondary">{a.description}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
