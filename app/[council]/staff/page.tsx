import Link from "next/link";
import { requireCouncilPermission } from "@/lib/auth/access";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { staffAreas } from "@/lib/auth/staff-areas";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  return { title: (await getTranslations("staffHome.council"))("title") };
}

export default async function StaffDashboardPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "staff:access");
  const areas = staffAreas(slug, access.permissions);
  const t = await getTranslations("staffHome.council");
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{t("hello", { name: access.user.name })}</h1>
      <p>{t("signedInAs", { roles: access.roles.map((r) => ROLE_LABELS[r]).join(", ") })}</p>
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
