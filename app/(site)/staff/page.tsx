import Link from "next/link";
import { redirect } from "next/navigation";
import { listStaffCouncils } from "@/lib/people/queries";
import { getSessionUser } from "@/lib/auth/session";

export const metadata = { title: "Your councils – Money Hub" };

// Where everyone signed in lands: the councils they work for and, for the platform operator,
// the platform's own pages. Nobody reaches a page with nothing to do.
export default async function StaffHomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const councils = await listStaffCouncils(user.userId);
  if (councils.length === 1 && !user.isPlatformOperator) redirect(`/${councils[0]!.slug}/staff`);
  return (
    <>
      <h1>{user.isPlatformOperator && councils.length === 0 ? "Platform" : "Your councils"}</h1>
      {councils.length === 0 && !user.isPlatformOperator ? <p>You do not work for any council on Money Hub yet. Ask your council admin to invite you.</p> : null}
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
          <p>As the platform operator you can:</p>
          <ul className="govuk-list govuk-list--spaced" data-testid="platform-areas">
            <li>
              <Link href="/platform" className="govuk-link font-bold">
                Manage councils
              </Link>
              <br />
              <span className="text-govuk-secondary">Add a council and its first admin, see every council on Money Hub</span>
            </li>
          </ul>
        </>
      ) : null}
    </>
  );
}
