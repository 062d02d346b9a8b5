import Link from "next/link";
import { redirect } from "next/navigation";
import { listStaffCouncils } from "@/lib/people/queries";
import { getSessionUser } from "@/lib/auth/session";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  return { title: (await getTranslations("staffHome.councils"))("title") };
}

// Where everyone signed in lands: the councils they work for and, for the platform operator,
// the platform's own pages. Nobody reaches a page with nothing to do.
export default async function StaffHomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const councils = await listStaffCouncils(user.userId);
  if (councils.length === 1 && !user.isPlatformOperator) redirect(`/${councils[0]!.slug}/staff`);
  const t = await getTranslations("staffHome.councils");
  return (
    <>
      <h1>{user.isPlatformOperator && councils.length === 0 ? t("platform") : t("heading")}</h1>
      {councils.length === 0 && !user.isPlatformOperator ? <p>{t("none")}</p> : null}
      {councils.length ? (
        <ul className="govuk-list govuk-list--spaced" data-testid="staff-councils">
          {councils.map((c) => (
            <li key={c.slug}>
              <Link href={`/${c.slug}/staff`} className="govuk-link font-bold">
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {user.isPlatformOperator ? (
        <>
          <p>{t("operator")}</p>
          <ul className="govuk-list govuk-list--spaced" data-testid="platform-areas">
            <li>
              <Link href="/platform" className="govuk-link font-bold">
                {t("manage")}
              </Link>
              <br />
              <span className="text-govuk-secondary">{t("manageHint")}</span>
            </li>
          </ul>
        </>
      ) : null}
    </>
  );
}
